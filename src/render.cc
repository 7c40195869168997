/*
** ctemplate bridge; see render.h. The only C++ in ecdreport: no exception may
** leave these extern "C" functions.
**
** What makes it cheap (a page is a few hundred variables):
**   - every variable name is registered with ctemplate once (its global id
**     computed and kept), not hashed into ctemplate's global table again at
**     every SetValue: names come from our code, so the set is small and fixed;
**   - values are not copied: the Jansson data outlives the expansion;
**   - the include dictionaries ({{>HEAD}}, {{>FOOT}}) receive only the
**     top-level fields their templates name, read from the files once.
*/
#include "render.h"

#include <ctemplate/template.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <string>
#include <unordered_map>

using ctemplate::StaticTemplateString;
using ctemplate::TemplateDictionary;
using ctemplate::TemplateString;

static const ctemplate::Strip strip_mode = ctemplate::STRIP_BLANK_LINES;

/* The directory of the templates, and the names the include templates use. */
static std::string tpl_dir;
static std::once_flag includes_once;
static std::set<std::string> include_names[2];
static const char *const includes[][2] = {{"HEAD", "_head.tpl"}, {"FOOT", "_foot.tpl"}};

/* The variable names registered with ctemplate, by text: each one's text
** (which ctemplate's own table points to, so it lives until tpl_shutdown)
** and global id. Shared by the threads; written only for a name never seen. */
static std::shared_mutex keys_lock;
static std::unordered_map<std::string, StaticTemplateString *> keys;

/* The TemplateString of a variable name, its id already known. */
static TemplateString key(const char *name)
{
    std::string k(name);
    {
        std::shared_lock<std::shared_mutex> read(keys_lock);
        auto it = keys.find(k);
        if (it != keys.end())
            return TemplateString(*it->second);
    }
    std::unique_lock<std::shared_mutex> write(keys_lock);
    auto it = keys.find(k);
    if (it == keys.end()) {
        char *copy = strdup(name);
        if (!copy)
            throw std::bad_alloc();
        StaticTemplateString *sts = new StaticTemplateString{{copy, strlen(copy), 0}};
        ctemplate::StaticTemplateStringInitializer init(sts);
        it = keys.emplace(std::move(k), sts).first;
    }
    return TemplateString(*it->second);
}

/* The names {{name}}, {{#name}}, {{name:mod}}… of a template file. */
static std::set<std::string> names_in(const std::string &path)
{
    std::set<std::string> names;
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
        size_t p = at + 2;
        if (p < text.size() && (text[p] == '#' || text[p] == '/'))
            p++;
        size_t end = text.find_first_of(":}", p);
        if (end != std::string::npos && end > p)
            names.insert(text.substr(p, end - p));
    }
    return names;
}

static void fill(TemplateDictionary *dict, const json_t *object);

/* Sets one field of an object in dict, by the mapping of render.h. */
static void set_field(TemplateDictionary *dict, const char *name, const json_t *v)
{
    char num[32];
    switch (json_typeof(v)) {
    case JSON_STRING:
        dict->SetValueWithoutCopy(key(name),
                                  TemplateString(json_string_value(v), json_string_length(v)));
        break;
    case JSON_INTEGER:
        dict->SetValue(key(name), TemplateString(num, (size_t)std::snprintf(
                                                           num, sizeof num, "%lld",
                                                           (long long)json_integer_value(v))));
        break;
    case JSON_REAL:
        dict->SetValue(key(name), TemplateString(num, (size_t)std::snprintf(num, sizeof num, "%g",
                                                                            json_real_value(v))));
        break;
    case JSON_TRUE:
        dict->ShowSection(key(name));
        break;
    case JSON_OBJECT:
        fill(dict->AddSectionDictionary(key(name)), v);
        break;
    case JSON_ARRAY: {
        size_t i;
        json_t *item;
        TemplateString section = key(name);
        json_array_foreach(v, i, item)
        {
            if (json_is_object(item))
                fill(dict->AddSectionDictionary(section), item);
        }
        break;
    }
    default: /* false, null: the section stays hidden */
        break;
    }
}

static void fill(TemplateDictionary *dict, const json_t *object)
{
    const char *name;
    json_t *v;
    json_object_foreach(const_cast<json_t *>(object), name, v) set_field(dict, name, v);
}

int tpl_init(const char *dir)
{
    try {
        tpl_dir = dir;
        return ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir) ? 0
                                                                                           : -1;
    } catch (...) {
        return -1;
    }
}

char *tpl_render(const char *name, const json_t *data, size_t *len)
{
    try {
        std::call_once(includes_once, [] {
            for (int k = 0; k < 2; k++)
                include_names[k] = names_in(tpl_dir + "/" + includes[k][1]);
        });
        TemplateDictionary dict(name);
        fill(&dict, data);
        /* include dictionaries do not inherit: give them the page's
        ** top-level fields that their templates name */
        for (int k = 0; k < 2; k++) {
            TemplateDictionary *d = dict.AddIncludeDictionary(key(includes[k][0]));
            d->SetFilename(includes[k][1]);
            for (const std::string &field : include_names[k]) {
                const json_t *v = json_object_get(data, field.c_str());
                if (v)
                    set_field(d, field.c_str(), v);
            }
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
        std::fprintf(stderr, "render: %s: %s\n", name, e.what());
    } catch (...) {
        std::fprintf(stderr, "render: %s: unknown error\n", name);
    }
    return NULL;
}

void tpl_shutdown(void)
{
    try {
        ctemplate::mutable_default_template_cache()->ClearCache();
        std::unique_lock<std::shared_mutex> write(keys_lock);
        for (auto &k : keys) {
            std::free(const_cast<char *>(k.second->do_not_use_directly_.ptr_));
            delete k.second;
        }
        keys.clear();
    } catch (...) {
    }
}
