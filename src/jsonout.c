/*
** The JSON writer; see jsonout.h.
*/
#include "jsonout.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes; false (and failed) when out of memory. */
static bool room(struct jsonout *o, size_t n)
{
    if (o->len + n + 1 <= o->cap)
        return true;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + n + 1)
        cap *= 2;
    char *s = realloc(o->s, cap);
    if (!s) {
        o->failed = true;
        return false;
    }
    o->s = s, o->cap = cap;
    return true;
}

static void put(struct jsonout *o, const char *s, size_t n)
{
    if (room(o, n)) {
        memcpy(o->s + o->len, s, n);
        o->len += n;
    }
}

static void putc1(struct jsonout *o, char c)
{
    if (room(o, 1))
        o->s[o->len++] = c;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    uint32_t cp;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0)
        k = 2, cp = c & 0x1F;
    else if (c < 0xF0)
        k = 3, cp = c & 0x0F;
    else
        k = 4, cp = c & 0x07;
    if (k > n)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

/* What a byte of a string needs: 0 copied as it is, 1 escaped (a control
** character, '"' or '\\'), 2 the start of a multi-byte UTF-8 sequence (or
** not valid UTF-8). */
static const unsigned char byte_class[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};

/* A string, quoted and escaped as Jansson does. */
static void put_string(struct jsonout *o, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t start = 0; /* s[start .. i) is copied as it is */
    putc1(o, '"');
    for (size_t i = 0; i < n;) {
        unsigned cls = byte_class[s[i]];
        if (cls == 0) {
            i++;
            continue;
        }
        if (cls == 2) {
            size_t k = utf8_len(s + i, n - i);
            if (!k) {
                o->failed = true;
                return;
            }
            i += k;
            continue;
        }
        put(o, (const char *)s + start, i - start);
        char esc[8];
        switch (s[i]) {
        case '"': put(o, "\\\"", 2); break;
        case '\\': put(o, "\\\\", 2); break;
        case '\b': put(o, "\\b", 2); break;
        case '\f': put(o, "\\f", 2); break;
        case '\n': put(o, "\\n", 2); break;
        case '\r': put(o, "\\r", 2); break;
        case '\t': put(o, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", s[i]);
            put(o, esc, 6);
        }
        start = ++i;
    }
    put(o, (const char *)s + start, n - start);
    putc1(o, '"');
}

/* A real as Jansson writes it (jsonp_dtostr with precision 17). */
/* What snprintf(b, 64, "%.17g", v) writes, for v in [1e-4, 1e16) (fixed
** notation there), without printf's cost: v = m / 2^s exactly, so v × 10^p
** rounded half to even is (m × 10^p) >> s with the bits shifted out, in 128
** bits. Its length, or -1 outside that range (the caller asks printf). */
static int g17_fixed(char *b, double v)
{
    static const uint64_t pow10[20] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull,
                                       1000000ull, 10000000ull, 100000000ull, 1000000000ull,
                                       10000000000ull, 100000000000ull, 1000000000000ull,
                                       10000000000000ull, 100000000000000ull,
                                       1000000000000000ull, 10000000000000000ull,
                                       100000000000000000ull, 1000000000000000000ull,
                                       10000000000000000000ull};
    if (!(v >= 1e-4 && v < 1e16))
        return -1;
    int e2;
    double fr = frexp(v, &e2); /* v = fr × 2^e2, fr in [0.5, 1) */
    uint64_t m = (uint64_t)ldexp(fr, 53);
    int s = 53 - e2; /* v = m / 2^s */
    if (s <= 0 || s >= 100)
        return -1;
    unsigned __int128 lo = pow10[16], hi = (unsigned __int128)pow10[17];
    for (int x = (int)floor(log10(v)), tries = 0; tries < 3; tries++) {
        int p = 16 - x; /* v × 10^p has 17 digits before the point */
        if (p < 0 || p > 38)
            return -1;
        unsigned __int128 scale = p < 20 ? pow10[p] : (unsigned __int128)pow10[19] * pow10[p - 19];
        unsigned __int128 prod = (unsigned __int128)m * scale;
        if (p >= 20 && prod / scale != m)
            return -1; /* past 128 bits: not for this path */
        unsigned __int128 q = prod >> s, rest = prod - (q << s), half = (unsigned __int128)1 << (s - 1);
        if (rest > half || (rest == half && (q & 1)))
            q++;
        if (q >= hi) {
            x++;
            continue;
        }
        if (q < lo) {
            x--;
            continue;
        }
        char d[17];
        for (int i = 16; i >= 0; i--, q /= 10)
            d[i] = (char)('0' + (int)(q % 10));
        int last = 16; /* the last digit kept: trailing zeros of the fraction go */
        while (last > (x >= 0 ? x : -1) && d[last] == '0')
            last--;
        int n = 0;
        if (x >= 0) {
            memcpy(b, d, (size_t)x + 1);
            n = x + 1;
        } else {
            b[n++] = '0';
        }
        if (last > x) {
            b[n++] = '.';
            for (int z = x + 1; z < 0; z++)
                b[n++] = '0';
            for (int i = x >= 0 ? x + 1 : 0; i <= last; i++)
                b[n++] = d[i];
        }
        b[n] = 0;
        return n;
    }
    return -1;
}

static void put_real(struct jsonout *o, double v)
{
    char b[64];
    int n = g17_fixed(b, v);
    if (n < 0)
        n = snprintf(b, sizeof b, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof b - 3) {
        o->failed = true;
        return;
    }
    size_t len = (size_t)n;
    if (!strchr(b, '.') && !strchr(b, 'e')) {
        b[len++] = '.', b[len++] = '0', b[len] = 0;
    }
    char *start = strchr(b, 'e');
    if (start) {
        start++;
        char *end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - b));
            len -= (size_t)(end - start);
        }
    }
    put(o, b, len);
}

/* An integer in decimal ("%lld" without printf's cost). */
static void put_integer(struct jsonout *o, json_int_t v)
{
    char b[24], *p = b + sizeof b;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    put(o, p, (size_t)(b + sizeof b - p));
}

static void put_value(struct jsonout *o, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *item;
        bool first = true;
        putc1(o, '{');
        json_object_foreach((json_t *)v, key, item)
        {
            if (!first)
                putc1(o, ',');
            first = false;
            put_string(o, key, strlen(key));
            putc1(o, ':');
            put_value(o, item);
        }
        putc1(o, '}');
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *item;
        putc1(o, '[');
        json_array_foreach((json_t *)v, i, item)
        {
            if (i)
                putc1(o, ',');
            put_value(o, item);
        }
        putc1(o, ']');
        break;
    }
    case JSON_STRING:
        put_string(o, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        put_integer(o, json_integer_value(v));
        break;
    case JSON_REAL:
        put_real(o, json_real_value(v));
        break;
    case JSON_TRUE:
        put(o, "true", 4);
        break;
    case JSON_FALSE:
        put(o, "false", 5);
        break;
    case JSON_NULL:
        put(o, "null", 4);
        break;
    }
}

char *jsonout_dumps(const json_t *v, size_t *len)
{
    struct jsonout o = {0};
    if (!v)
        return NULL;
    put_value(&o, v);
    return jsonout_finish(&o, len);
}

/* Before a value or a key: the comma that separates it from the last one. */
static void separate(struct jsonout *o)
{
    if (o->comma)
        putc1(o, ',');
    o->comma = true;
}

void jsonout_begin_object(struct jsonout *o)
{
    separate(o);
    putc1(o, '{');
    o->comma = false;
}

void jsonout_end_object(struct jsonout *o)
{
    putc1(o, '}');
    o->comma = true;
}

void jsonout_begin_array(struct jsonout *o)
{
    separate(o);
    putc1(o, '[');
    o->comma = false;
}

void jsonout_end_array(struct jsonout *o)
{
    putc1(o, ']');
    o->comma = true;
}

void jsonout_key(struct jsonout *o, const char *key)
{
    separate(o);
    put_string(o, key, strlen(key));
    putc1(o, ':');
    o->comma = false;
}

void jsonout_string(struct jsonout *o, const char *s)
{
    separate(o);
    if (s)
        put_string(o, s, strlen(s));
    else
        put(o, "null", 4);
}

void jsonout_integer(struct jsonout *o, int64_t v)
{
    separate(o);
    put_integer(o, v);
}

void jsonout_real(struct jsonout *o, double v)
{
    separate(o);
    put_real(o, v);
}

void jsonout_bool(struct jsonout *o, bool v)
{
    separate(o);
    put(o, v ? "true" : "false", v ? 4 : 5);
}

void jsonout_null(struct jsonout *o)
{
    separate(o);
    put(o, "null", 4);
}

void jsonout_value(struct jsonout *o, const json_t *v)
{
    separate(o);
    if (v)
        put_value(o, v);
    else
        put(o, "null", 4);
}

void jsonout_raw(struct jsonout *o, const char *json)
{
    separate(o);
    put(o, json, strlen(json));
    o->comma = true;
}

char *jsonout_finish(struct jsonout *o, size_t *len)
{
    char *s = NULL;
    if (!o->failed && room(o, 0)) {
        o->s[o->len] = 0;
        *len = o->len;
        s = o->s;
    } else {
        free(o->s);
    }
    *o = (struct jsonout){0};
    return s;
}
