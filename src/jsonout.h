/*
** A JSON writer for answers: the same bytes as Jansson's
** json_dumps(v, JSON_COMPACT) (keys in insertion order, "\uXXXX" escapes
** in capitals for control characters, reals as "%.17g" with ".0" added
** and the exponent's "+" and leading zeros dropped), at a fraction of the
** cost: one growing buffer, no callback per character.
*/
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* v as compact JSON, malloc'd and NUL-terminated (the caller frees it), its
** length in *len; NULL when v holds a string that is not valid UTF-8 (as
** json_dumps), or out of memory. */
char *jsonout_dumps(const json_t *v, size_t *len);

/*
** The same writer without a Jansson tree: an answer written as it is read
** from the database. Start from struct jsonout o = {0}; each call appends
** one token, commas come by themselves (a key is followed by its value);
** jsonout_finish hands over the text. A string that is not valid UTF-8, or
** running out of memory, makes jsonout_finish return NULL.
*/
struct jsonout {
    char *s;
    size_t len, cap;
    bool failed, comma;
};

void jsonout_begin_object(struct jsonout *o);
void jsonout_end_object(struct jsonout *o);
void jsonout_begin_array(struct jsonout *o);
void jsonout_end_array(struct jsonout *o);
void jsonout_key(struct jsonout *o, const char *key);
void jsonout_string(struct jsonout *o, const char *s); /* NULL: null */
void jsonout_integer(struct jsonout *o, int64_t v);
void jsonout_real(struct jsonout *o, double v);
void jsonout_bool(struct jsonout *o, bool v);
void jsonout_null(struct jsonout *o);
void jsonout_value(struct jsonout *o, const json_t *v); /* a Jansson value; NULL: null */
/* JSON text the caller vouches for, as it is: a whole value, or the opening
** of an object or array with its first members (what comes next is
** separated from it by a comma; the caller closes it). */
void jsonout_raw(struct jsonout *o, const char *json);

/* The text written, malloc'd and NUL-terminated (the caller frees it), its
** length in *len; NULL after a failure (the buffer is freed). o is empty
** again afterwards. */
char *jsonout_finish(struct jsonout *o, size_t *len);
