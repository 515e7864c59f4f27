/*
 * mhd_log.c - libmicrohttpd's own error messages on stderr, rate-limited
 * per kind. The access log (one line per request) is server.c's.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http_internal.h"

/*
 * libmicrohttpd's own messages, rate-limited: under overload it reports
 * "Server reached connection limit" for every refused connection (80,000
 * lines in 10 s were measured), which would let a client flood the log. At
 * most one line per message kind (its format string) per second; the next
 * line of that kind says how many were suppressed. The text is MHD's, cut at
 * 200 characters; it holds no request bodies, cookies or passwords.
 */
#define LOG_KINDS 32

static struct {
    pthread_mutex_t lock;
    struct {
        const char *fmt;
        time_t last;
        unsigned long suppressed;
    } kind[LOG_KINDS];
} mhd_log = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* fmt is libmicrohttpd's own printf format (the attribute lets the
 * compilers check the vsnprintf below). */
void fm_http_mhd_logger(void *cls, const char *fmt, va_list ap)
{
    char line[201];
    struct timespec now;
    unsigned long dropped = 0;
    bool print = false;
    size_t i, len;

    (void)cls;
    clock_gettime(CLOCK_MONOTONIC, &now);
    pthread_mutex_lock(&mhd_log.lock);
    for (i = 0; i < LOG_KINDS && mhd_log.kind[i].fmt && mhd_log.kind[i].fmt != fmt; i++)
        ;
    if (i == LOG_KINDS) {
        /* More kinds than slots: these share one budget (the last slot). */
        i = LOG_KINDS - 1;
    } else if (!mhd_log.kind[i].fmt) {
        mhd_log.kind[i].fmt = fmt;
        mhd_log.kind[i].last = now.tv_sec - 1;
    }
    if (mhd_log.kind[i].last != now.tv_sec) {
        print = true;
        dropped = mhd_log.kind[i].suppressed;
        mhd_log.kind[i].suppressed = 0;
        mhd_log.kind[i].last = now.tv_sec;
    } else {
        mhd_log.kind[i].suppressed++;
    }
    pthread_mutex_unlock(&mhd_log.lock);
    if (!print)
        return;
    vsnprintf(line, sizeof line, fmt, ap);
    len = strlen(line);
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    if (dropped)
        fprintf(stderr, "httpd: %s (%lu more like this suppressed)\n", line, dropped);
    else
        fprintf(stderr, "httpd: %s\n", line);
}
