/*
** The server's log: one line per event on standard error.
**
** Every line is formatted whole and written with one write(2) under a lock,
** so lines of different threads never interleave; a message's own newlines
** become " | ". Each call site (its format string) may write at most
** LOG_BURST lines per LOG_WINDOW seconds; past that its lines are counted, and
** its first line of a later window is preceded by one saying how many were
** dropped. The access log
** (log_access) is not rate-limited: it is one line per request, asked for.
**
** Levels: errors (the server or its data is in trouble: a failed write, a
** database error, a start-up refusal) are always written; warnings (what a
** client caused: a reset connection, a refused one, a limit reached) and the
** access log are silenced by --quiet (log_quiet).
*/
#pragma once
#include <stdarg.h>
#include <stdbool.h>

#include "str.h"

#define LOG_BURST 10
#define LOG_WINDOW 60

#ifdef __cplusplus
extern "C" {
#endif

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO };

/* Silences warnings and the access log (serve --quiet). */
void log_quiet(bool quiet);

/* One event: a line "<what>: <message>" (what is a module name: "db", "http").
** The rate limit is per format string. */
void log_msg(enum log_level level, const char *what, const char *fmt, ...) PRINTF_LIKE(3, 4);
void log_vmsg(enum log_level level, const char *what, const char *fmt, va_list ap)
    PRINTF_LIKE(3, 0);

/* One access-log line (level info, not rate-limited). */
void log_access(const char *fmt, ...) PRINTF_LIKE(1, 2);

#ifdef __cplusplus
}
#endif
