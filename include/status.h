#ifndef STATUS_H
#define STATUS_H

/*
 * Status codes and error details, from one table.
 *
 * Every public function of the kit returns an enum reg_status.  The detail
 * message (with the model name and version, worded as MLflow words it) goes
 * into a struct reg_error that the caller owns; there is no global errno.
 */

/* X(name, short description).  Add a code here and both the enum and
 * reg_strerror() follow. */
#define REG_STATUS_MAP(X)                                          \
    X(OK, "success")                                               \
    X(EINVAL, "invalid parameter value")                           \
    X(ERANGE, "number out of range")                               \
    X(ENOTFOUND, "resource does not exist")                        \
    X(EEXIST, "resource already exists")                           \
    X(ECONFLICT, "stage conflict under the one-per-stage policy")  \
    X(EUSAGE, "command-line usage error")                          \
    X(ENOMEM, "out of memory")                                     \
    X(ESTORE, "registry store error")                              \
    X(ESYS, "system call failed")                                  \
    X(ENOTIMPL, "exercise not implemented yet")

#define REG_STATUS_ENUM_(name, text) REG_##name,
enum reg_status { REG_STATUS_MAP(REG_STATUS_ENUM_) REG_STATUS_COUNT };
#undef REG_STATUS_ENUM_

#define REG_ERROR_MSG_MAX 512

/* A status plus the human-readable detail.  msg is always NUL-terminated. */
struct reg_error {
    enum reg_status status;
    char msg[REG_ERROR_MSG_MAX];
};

/* The short description of a status; "unknown error" for a value outside
 * the table.  Never returns NULL; a static string. */
const char *reg_strerror(int status);

/* The enum's own name without the prefix ("ENOTFOUND"), for JSON and tests;
 * "UNKNOWN" outside the table.  Never NULL; a static string. */
const char *reg_status_name(int status);

/* Records status and a printf-style detail in err (which may be NULL) and
 * returns status, so that callers can write `return reg_error_set(...)`.
 * A message longer than the buffer is truncated, never overflowed. */
enum reg_status reg_error_set(struct reg_error *err, enum reg_status status,
                              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Resets err (which may be NULL) to REG_OK with an empty message. */
void reg_error_clear(struct reg_error *err);

#endif /* STATUS_H */
