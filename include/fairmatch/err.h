/*
 * fairmatch/err.h - return codes and the error message out-parameter.
 *
 * Every fallible function returns an fm_rc and, when it fails, fills the
 * caller's fm_err with a one-line human message. The message is what the
 * user sees (CLI stderr, HTTP error body), so it names the file, line, field
 * or id that is wrong.
 */
#ifndef FAIRMATCH_ERR_H
#define FAIRMATCH_ERR_H

#include <stdarg.h>

typedef enum fm_rc {
    FM_OK = 0,
    FM_EINVAL,      /* bad input: user data, arguments, files */
    FM_ENOMEM,      /* allocation failed */
    FM_ENOTFOUND,   /* a referenced record does not exist */
    FM_ECONFLICT,   /* uniqueness or state conflict */
    FM_EDB,         /* SQLite failure */
    FM_EINFEASIBLE, /* a request that no solution can satisfy */
    FM_ESOLVER,     /* GLPK failure or internal solver error */
    FM_EIO,         /* file or network I/O failure */
    FM_EPERM,       /* authenticated but not allowed */
    FM_EAUTH        /* not authenticated */
} fm_rc;

typedef struct fm_err {
    fm_rc rc;
    char msg[256];
    /* A stable machine-readable name of the problem ("decision_date_before_fair"),
     * a static string, or NULL. The HTTP API sends it as `code` so that the UI
     * can say it in its own language; fm_err_set clears it. */
    const char *code;
} fm_err;

/*
 * Record an error. err may be NULL (the message is dropped). Returns rc so
 * that callers can write `return fm_err_set(err, FM_EINVAL, "...")`.
 * Truncates messages longer than 255 bytes.
 */
fm_rc fm_err_set(fm_err *err, fm_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* As fm_err_set, and name the problem with the static string code (see fm_err.code). */
fm_rc fm_err_set_code(fm_err *err, fm_rc rc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* As fm_err_set with a va_list. */
fm_rc fm_err_setv(fm_err *err, fm_rc rc, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Reset err to FM_OK and an empty message. NULL-safe. */
void fm_err_clear(fm_err *err);

/* A short constant name for rc ("invalid input", "not found", ...). */
const char *fm_rc_str(fm_rc rc);

/*
 * The process exit status for rc, as the CLI promises: 0 for FM_OK, 2 for
 * bad input or usage (FM_EINVAL, FM_ENOTFOUND, FM_ECONFLICT), 1 otherwise.
 */
int fm_rc_exit_status(fm_rc rc);

#endif
