/*
** ctemplate bridge; see render.h. The only C++ in ecdreport: no exception may
** leave these extern "C" functions.
*/
#include "render.h"
#include "log.h"

#include <ctemplate/template.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using ctemplate::TemplateDictionary;

static const ctemplate::Strip strip_mode = ctemplate::STRIP_BLANK_LINES;

static void fill(TemplateDictionary *dict, const json_t *object);

/* Copies the fields of object into dict, by the mapping of render.h; arrays
** are skipped when with_arrays is false. */
static void fill_fields(TemplateDictionary *dict, const json_t *object, bool with_arrays)
{
    const char *key;
    json_t *v;
    json_object_foreach(const_cast<json_t *>(object), key, v)
    {
        switch (json_typeof(v)) {
        case JSON_STRING:
            dict->SetValue(key, ctemplate::TemplateString(json_string_value(v),
                                                          json_string_length(v)));
            break;
        case JSON_INTEGER:
            dict->SetFormattedValue(key, "%lld", (long long)json_integer_value(v));
            break;
        case JSON_REAL:
            dict->SetFormattedValue(key, "%g", json_real_value(v));
            break;
        case JSON_TRUE:
            dict->ShowSection(key);
            break;
        case JSON_OBJECT:
            fill(dict->AddSectionDictionary(key), v);
            break;
        case JSON_ARRAY: {
            if (!with_arrays)
                break;
            size_t i;
            json_t *item;
            json_array_foreach(v, i, item)
            {
                if (json_is_object(item))
                    fill(dict->AddSectionDictionary(key), item);
            }
            break;
        }
        default: /* false, null: the section stays hidden */
            break;
        }
    }
}

static void fill(TemplateDictionary *dict, const json_t *object)
{
    fill_fields(dict, object, true);
}

int tpl_init(const char *dir)
{
    try {
        return ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir) ? 0
                                                                                           : -1;
    } catch (...) {
        return -1;
    }
}

char *tpl_render(const char *name, const json_t *data, size_t *len)
{
    try {
        TemplateDictionary dict(name);
        fill(&dict, data);
        /* include dictionaries do not inherit: give them the page's fields,
        ** less its (possibly long) lists */
        static const char *const includes[][2] = {{"HEAD", "_head.tpl"}, {"FOOT", "_foot.tpl"}};
        for (const auto &inc : includes) {
            TemplateDictionary *d = dict.AddIncludeDictionary(inc[0]);
            d->SetFilename(inc[1]);
            fill_fields(d, data, false);
        }
        std::string out;
        if (!ctemplate::ExpandTemplate(name, strip_mode, &dict, &out))
            return NULL;
        char *s = static_cast<char *>(std::malloc(out.size() + 1));
        if (!s)
            return NULL;
        std::memcpy(s, out.data(), out.size() + 1);
        *len = out.size();
        return s;
    } catch (const std::exception &e) {
        log_msg(LOG_ERROR, "render", "%s: %s", name, e.what());
    } catch (...) {
        log_msg(LOG_ERROR, "render", "%s: unknown error", name);
    }
    return NULL;
}

void tpl_shutdown(void)
{
    try {
        ctemplate::mutable_default_template_cache()->ClearCache();
    } catch (...) {
    }
}
