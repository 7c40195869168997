/*
** Arena allocator and growable string; see str.h.
*/
#include "str.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE 8192

struct chunk {
    struct chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

struct deferred {
    struct deferred *next;
    void (*fn)(void *);
    void *p;
};

struct arena {
    struct chunk *chunks;
    struct deferred *deferred;
};

struct arena *arena_new(void)
{
    return calloc(1, sizeof(struct arena));
}

/* Adds a chunk able to hold at least n bytes in front of the list. */
static struct chunk *arena_grow(struct arena *a, size_t n)
{
    size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
    struct chunk *c = malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->used = 0;
    c->size = size;
    c->next = a->chunks;
    a->chunks = c;
    return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    struct chunk *c = a->chunks;
    if (!c || c->size - c->used < n) {
        c = arena_grow(a, n);
        if (!c)
            return NULL;
    }
    void *p = c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    if (p)
        memcpy(p, s, n);
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_cat(struct arena *a, ...)
{
    va_list ap;
    size_t n = 0;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *));)
        n += strlen(s);
    va_end(ap);
    char *out = arena_alloc(a, n + 1), *p = out;
    if (!out)
        return NULL;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *));) {
        size_t k = strlen(s);
        memcpy(p, s, k);
        p += k;
    }
    va_end(ap);
    return out;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
    struct deferred *d = arena_alloc(a, sizeof *d);
    if (!d) {
        fn(p); /* cannot keep it: release now rather than leak */
        return;
    }
    d->fn = fn;
    d->p = p;
    d->next = a->deferred;
    a->deferred = d;
}

void arena_free(struct arena *a)
{
    if (!a)
        return;
    for (struct deferred *d = a->deferred; d; d = d->next)
        d->fn(d->p);
    struct chunk *c = a->chunks;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

/* Makes room for n more bytes plus the terminating NUL. */
static int buf_reserve(struct buf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s)
        return -1;
    b->s = s;
    b->cap = cap;
    return 0;
}

void buf_append(struct buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) < 0)
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0 || buf_reserve(b, (size_t)n) < 0)
        return;
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_free(struct buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

/* The capital of one Vietnamese code point (itself if it has none here). */
static unsigned upper_cp(unsigned c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return c - 32;
    if (c >= 0x100 && c <= 0x17F && (c == 0x103 || c == 0x111 || c == 0x129 || c == 0x169))
        return c - 1; /* ă đ ĩ ũ */
    if (c == 0x1A1 || c == 0x1B0)
        return c - 1; /* ơ ư */
    if (c >= 0x1EA0 && c <= 0x1EF9 && (c & 1))
        return c - 1; /* ạ ả ấ … ỹ: capitals are the even code points */
    return c;
}

/* Appends code point c to p as UTF-8; returns the end. */
static char *put_utf8(char *p, unsigned c)
{
    if (c < 0x80) {
        *p++ = (char)c;
    } else if (c < 0x800) {
        *p++ = (char)(0xC0 | (c >> 6));
        *p++ = (char)(0x80 | (c & 0x3F));
    } else {
        *p++ = (char)(0xE0 | (c >> 12));
        *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *p++ = (char)(0x80 | (c & 0x3F));
    }
    return p;
}

char *str_upper_vn(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    char *out = arena_alloc(a, strlen(s) + 1), *p = out;
    const unsigned char *q = (const unsigned char *)s;
    while (out && *q) {
        unsigned c = *q;
        int more = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : -1;
        bool whole = more >= 0;
        for (int i = 1; whole && i <= more; i++)
            whole = (q[i] & 0xC0) == 0x80;
        if (!whole || more == 0) { /* ASCII, 4-byte or broken sequences: byte by byte */
            *p++ = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            q++;
            continue;
        }
        unsigned cp = more == 1 ? c & 0x1F : c & 0x0F;
        for (int i = 1; i <= more; i++)
            cp = (cp << 6) | (q[i] & 0x3F);
        /* a capital has as many UTF-8 bytes as its small letter in these ranges */
        p = put_utf8(p, upper_cp(cp));
        q += more + 1;
    }
    if (out)
        *p = 0;
    return out;
}

int buf_read_file(struct buf *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(b, chunk, n);
    int failed = ferror(f);
    fclose(f);
    buf_append(b, "", 0); /* a buffer even for an empty file */
    return failed ? -1 : 0;
}
