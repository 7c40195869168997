/*
** The server's log; see log.h.
*/
#include "log.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOG_SITES 64
#define LOG_LINE 1024

/* The rate limit of one call site, found by its format string's address. */
struct site {
    const char *fmt;
    time_t window; /* start of the current window */
    unsigned lines, dropped;
};

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static struct site sites[LOG_SITES];
static bool quiet;

void log_quiet(bool q)
{
    quiet = q;
}

/* Writes the whole of s (len bytes) to standard error. */
static void write_all(const char *s, size_t len)
{
    while (len) {
        ssize_t n = write(STDERR_FILENO, s, len);
        if (n <= 0)
            return;
        s += n, len -= (size_t)n;
    }
}

/* Formats "what: message" into line (size LOG_LINE), one line ending in \n. */
static size_t format_line(char *line, const char *what, const char *fmt, va_list ap)
{
    int n = what ? snprintf(line, LOG_LINE, "%s: ", what) : 0;
    if (n < 0 || n >= LOG_LINE)
        n = 0;
    int m = vsnprintf(line + n, LOG_LINE - (size_t)n, fmt, ap);
    size_t len = m < 0 ? (size_t)n : (size_t)n + (size_t)m;
    if (len > LOG_LINE - 2)
        len = LOG_LINE - 2;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
        len--;
    /* one event, one line: inner line breaks become " | " where they fit */
    char out[LOG_LINE];
    size_t o = 0;
    for (size_t i = 0; i < len && o < LOG_LINE - 4; i++) {
        if (line[i] == '\n') {
            memcpy(out + o, " | ", 3);
            o += 3;
        } else if (line[i] != '\r') { /* other control bytes (from a URL) as '?' */
            unsigned char ch = (unsigned char)line[i];
            out[o++] = ch < 0x20 || ch == 0x7f ? '?' : line[i];
        }
    }
    out[o++] = '\n';
    memcpy(line, out, o);
    return o;
}

/* May the call site of fmt write a line now? Also writes the "dropped" line of
** a window that ended. Called with log_lock held. */
static bool site_allows(const char *fmt, const char *what, time_t now)
{
    /* the site's slot, by linear probing; when all are taken, the sites
    ** beyond share slot 0's allowance */
    uintptr_t h = (uintptr_t)fmt;
    size_t at = (h >> 4 ^ h >> 12) % LOG_SITES;
    struct site *s = &sites[0];
    for (size_t i = 0; i < LOG_SITES; i++) {
        struct site *t = &sites[(at + i) % LOG_SITES];
        if (t->fmt == fmt || !t->fmt) {
            s = t;
            break;
        }
    }
    if (!s->fmt) { /* a new site */
        s->fmt = fmt;
        s->window = now;
        s->lines = s->dropped = 0;
    }
    if (now - s->window >= LOG_WINDOW) {
        if (s->dropped) {
            char line[256];
            int n = snprintf(line, sizeof line,
                             "%s: %u more lines like the one above were not written\n",
                             what ? what : "log", s->dropped);
            if (n > 0)
                write_all(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
        }
        s->window = now;
        s->lines = s->dropped = 0;
    }
    if (s->lines >= LOG_BURST) {
        s->dropped++;
        return false;
    }
    s->lines++;
    return true;
}

void log_vmsg(enum log_level level, const char *what, const char *fmt, va_list ap)
{
    if (quiet && level != LOG_ERROR)
        return;
    char line[LOG_LINE];
    size_t len = format_line(line, what, fmt, ap);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    pthread_mutex_lock(&log_lock);
    if (site_allows(fmt, what, ts.tv_sec))
        write_all(line, len);
    pthread_mutex_unlock(&log_lock);
}

void log_msg(enum log_level level, const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(level, what, fmt, ap);
    va_end(ap);
}

void log_access(const char *fmt, ...)
{
    if (quiet)
        return;
    char line[LOG_LINE];
    va_list ap;
    va_start(ap, fmt);
    size_t len = format_line(line, NULL, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&log_lock);
    write_all(line, len);
    pthread_mutex_unlock(&log_lock);
}
