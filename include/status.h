#ifndef STATUS_H
#define STATUS_H

/*
 * Status codes and error details, from one table.
 *
 * Every public function of the kit returns an enum kit_status.  The detail
 * message (with the model name and version, worded as MLflow words it) goes
 * into a struct kit_error that the caller owns; there is no global errno.
 */

/* X(name, short description).  Add a code here and both the enum and
 * kit_strerror() follow. */
#define KIT_STATUS_MAP(X)                                          \
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

#define KIT_STATUS_ENUM_(name, text) KIT_##name,
enum kit_status { KIT_STATUS_MAP(KIT_STATUS_ENUM_) KIT_STATUS_COUNT };
#undef KIT_STATUS_ENUM_

#define KIT_ERROR_MSG_MAX 512

/* A status plus the human-readable detail.  msg is always NUL-terminated. */
struct kit_error {
    enum kit_status status;
    char msg[KIT_ERROR_MSG_MAX];
};

/* The short description of a status; "unknown error" for a value outside
 * the table.  Never returns NULL; a static string. */
const char *kit_strerror(int status);

/* The enum's own name without the prefix ("ENOTFOUND"), for JSON and tests;
 * "UNKNOWN" outside the table.  Never NULL; a static string. */
const char *kit_status_name(int status);

/* Records status and a printf-style detail in err (which may be NULL) and
 * returns status, so that callers can write `return kit_error_set(...)`.
 * A message longer than the buffer is truncated, never overflowed. */
enum kit_status kit_error_set(struct kit_error *err, enum kit_status status,
                              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Resets err (which may be NULL) to KIT_OK with an empty message. */
void kit_error_clear(struct kit_error *err);

/* The status of a failed system or C library call from its errno e:
 * KIT_ENOMEM for ENOMEM (fopen(), for one, allocates), KIT_ESYS for any
 * other value. */
enum kit_status kit_errno_status(int e);

/* What a message says of errno e: "out of memory" for ENOMEM (the words
 * of every out-of-memory message of the kit), strerror(e) otherwise.
 * Never NULL; a static string. */
const char *kit_errno_text(int e);

#endif /* STATUS_H */
