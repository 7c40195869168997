/*
** A JSON writer for answers: the same bytes as Jansson's
** json_dumps(v, JSON_COMPACT) (keys in insertion order, "\uXXXX" escapes
** in capitals for control characters, reals as "%.17g" with ".0" added
** and the exponent's "+" and leading zeros dropped), at a fraction of the
** cost: one growing buffer, no callback per character.
*/
#pragma once
#include <jansson.h>
#include <stddef.h>

/* v as compact JSON, malloc'd and NUL-terminated (the caller frees it), its
** length in *len; NULL when v holds a string that is not valid UTF-8 (as
** json_dumps), or out of memory. */
char *jsonout_dumps(const json_t *v, size_t *len);
