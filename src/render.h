/*
** The template bridge: Jansson data in, HTML out, through ctemplate with
** auto-escaping (every template's first line is {{%AUTOESCAPE context="HTML"}};
** the build refuses a template without it).
**
** Data maps onto a template dictionary by type:
**   string, integer, real   {{key}}, escaped for where it stands
**   true                    {{#key}}…{{/key}} shown once
**   false, null, missing    {{#key}} hidden; {{^key}}… is not ctemplate: use
**                           a separate boolean such as "no_rows"
**   object                  {{#key}} shown once, with the object's fields inside
**   array of objects        {{#key}} repeated per object
** Every template may include {{>HEAD}} and {{>FOOT}} (templates/_head.tpl and
** _foot.tpl), which see the same top-level data.
** Keys come from our code, never from users (ctemplate keeps every name forever).
*/
#pragma once
#include <jansson.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Sets the directory templates are read from. 0, or -1 if it does not exist. */
int tpl_init(const char *dir);

/* Expands template name with data. Returns malloc'd HTML (the caller frees it)
** and its length in *len, or NULL when the template is missing or broken
** (ctemplate logs why on stderr). Never throws. */
char *tpl_render(const char *name, const json_t *data, size_t *len);

/* Frees the template cache (at shutdown, so leak checkers see a clean exit). */
void tpl_shutdown(void);

#ifdef __cplusplus
}
#endif
