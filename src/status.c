#include "status.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define STATUS_TEXT_(name, text) [KIT_##name] = text,
static const char *const status_text[] = {KIT_STATUS_MAP(STATUS_TEXT_)};
#undef STATUS_TEXT_

#define STATUS_NAME_(name, text) [KIT_##name] = #name,
static const char *const status_names[] = {KIT_STATUS_MAP(STATUS_NAME_)};
#undef STATUS_NAME_

static int status_in_table(int status)
{
    return status >= 0 && status < KIT_STATUS_COUNT;
}

const char *kit_strerror(int status)
{
    return status_in_table(status) ? status_text[status] : "unknown error";
}

const char *kit_status_name(int status)
{
    return status_in_table(status) ? status_names[status] : "UNKNOWN";
}

enum kit_status kit_error_set(struct kit_error *err, enum kit_status status,
                              const char *fmt, ...)
{
    if (err == NULL)
        return status;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        err->msg[0] = '\0';
    err->status = status;
    return status;
}

void kit_error_clear(struct kit_error *err)
{
    if (err == NULL)
        return;
    err->status = KIT_OK;
    err->msg[0] = '\0';
}

enum kit_status kit_errno_status(int e)
{
    return e == ENOMEM ? KIT_ENOMEM : KIT_ESYS;
}

const char *kit_errno_text(int e)
{
    return e == ENOMEM ? kit_strerror(KIT_ENOMEM) : strerror(e);
}
