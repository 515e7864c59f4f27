/*
 * err.c - fm_err formatting and the rc -> exit status / text mapping.
 * Knows nothing of where a message goes (stderr, HTTP body): callers decide.
 */
#include "fairmatch/err.h"

#include <stdio.h>

fm_rc fm_err_setv(fm_err *err, fm_rc rc, const char *fmt, va_list ap)
{
    if (!err)
        return rc;
    err->rc = rc;
    err->code = NULL;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    return rc;
}

fm_rc fm_err_set_code(fm_err *err, fm_rc rc, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fm_err_setv(err, rc, fmt, ap);
    va_end(ap);
    if (err)
        err->code = code;
    return rc;
}

fm_rc fm_err_set(fm_err *err, fm_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fm_err_setv(err, rc, fmt, ap);
    va_end(ap);
    return rc;
}

void fm_err_clear(fm_err *err)
{
    if (!err)
        return;
    err->rc = FM_OK;
    err->msg[0] = '\0';
    err->code = NULL;
}

const char *fm_rc_str(fm_rc rc)
{
    switch (rc) {
    case FM_OK:
        return "ok";
    case FM_EINVAL:
        return "invalid input";
    case FM_ENOMEM:
        return "out of memory";
    case FM_ENOTFOUND:
        return "not found";
    case FM_ECONFLICT:
        return "conflict";
    case FM_EDB:
        return "database error";
    case FM_EINFEASIBLE:
        return "infeasible";
    case FM_ESOLVER:
        return "solver error";
    case FM_EIO:
        return "I/O error";
    case FM_EPERM:
        return "forbidden";
    case FM_EAUTH:
        return "not authenticated";
    }
    return "unknown error";
}

int fm_rc_exit_status(fm_rc rc)
{
    switch (rc) {
    case FM_OK:
        return 0;
    case FM_EINVAL:
    case FM_ENOTFOUND:
    case FM_ECONFLICT:
        return 2;
    default:
        return 1;
    }
}
