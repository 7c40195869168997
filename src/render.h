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
#include <stdbool.h>
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

/*
** The same dictionary built piece by piece, for a page whose data is large
** (the report form: a row per element), without a Jansson tree to build,
** copy and free. tpl_render is tpl_page then tpl_page_render.
**   tpl_page          a page's dictionary filled from data as tpl_render
**                     fills it; the includes see data's fields (only those)
**   tpl_set           {{key}} = value; value is not copied: it must live
**                     until tpl_page_render (the request's arena, the form)
**   tpl_show          {{#key}} shown once, when shown
**   tpl_section       one more instance of {{#key}}: its dictionary
**   tpl_fill          an object's fields, mapped as tpl_render maps them
**   tpl_page_render   expands template name and frees the page (NULL: as
**                     tpl_render, also when a call before ran out of memory)
** A NULL dictionary is ignored, so a failure needs checking only at the end.
** A page is built and rendered on one thread. Never throws.
*/
struct tpl_dict;
struct tpl_dict *tpl_page(const json_t *data);
void tpl_set(struct tpl_dict *d, const char *key, const char *value);
void tpl_show(struct tpl_dict *d, const char *key, bool shown);
struct tpl_dict *tpl_section(struct tpl_dict *d, const char *key);
void tpl_fill(struct tpl_dict *d, const json_t *object);
char *tpl_page_render(const char *name, struct tpl_dict *page, size_t *len);

/* Frees the template cache (at shutdown, so leak checkers see a clean exit). */
void tpl_shutdown(void);

#ifdef __cplusplus
}
#endif
