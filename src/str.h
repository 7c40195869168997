/*
** Memory and strings: the request arena and a growable string.
**
** An arena hands out many small allocations that are all released by one call
** to arena_free(); the HTTP layer creates one per request and frees it when the
** request completes, so page code never frees what it takes from the arena.
** arena_defer() ties other resources (a json_t, a malloc'd block) to the same
** moment.
*/
#pragma once
#include <stdarg.h>
#include <stddef.h>

#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))

struct arena;

/* A new empty arena, or NULL when memory is exhausted. Freed by arena_free. */
struct arena *arena_new(void);

/* n zeroed bytes that live until arena_free(a); NULL when memory is exhausted. */
void *arena_alloc(struct arena *a, size_t n);

/* Copies of s (or of its first n bytes), NUL-terminated, owned by the arena.
** A NULL s gives NULL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* A formatted string owned by the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* The strings given, up to a NULL, end to end in the arena: arena_printf's
** "%s%s…" without its cost (a page's per-row links). NULL when out of memory. */
char *arena_cat(struct arena *a, ...) __attribute__((sentinel));

/* Calls fn(p) when the arena is freed, in reverse order of registration. */
void arena_defer(struct arena *a, void (*fn)(void *), void *p);

/* Runs the deferred calls, then releases every allocation and the arena. */
void arena_free(struct arena *a);

/*
** A growable, always NUL-terminated byte string. Start from `struct buf b = {0}`;
** the caller frees b.s with buf_free (or takes ownership of b.s).
*/
struct buf {
    char *s;
    size_t len, cap;
};

void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
void buf_free(struct buf *b);

/* Appends the whole file at path to b (which stays NUL-terminated, also when
** the file is empty). 0, or -1 when the file cannot be opened or read; the
** caller frees b either way. */
int buf_read_file(struct buf *b, const char *path);

/* s in capitals, for UTF-8 text in Vietnamese (ASCII, Latin-1, ă â đ ê ô ơ ư
** ĩ ũ and the tone-marked letters of U+1EA0..U+1EF9): "Xã Mỹ Hòa" -> "XÃ MỸ
** HÒA". Other characters are copied unchanged. The copy lives in a. */
char *str_upper_vn(struct arena *a, const char *s);
