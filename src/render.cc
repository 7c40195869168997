/*
** ctemplate bridge; see render.h. The only C++ in ecdreport: no exception may
** leave these extern "C" functions.
**
** What makes it cheap (a page is a few hundred variables):
**   - every variable name is registered with ctemplate once (its global id
**     computed and kept), not hashed into ctemplate's global table again at
**     every SetValue: names come from our code, so the set is small and fixed;
**     each thread keeps a copy of the names it uses, looked up without a lock;
**   - values are not copied: the Jansson data outlives the expansion;
**   - the include dictionaries ({{>HEAD}}, {{>FOOT}}) receive only the
**     top-level fields their templates name, read from the files once;
**   - a large page (the report form, the roll-up's matrix) fills its
**     dictionary directly (tpl_page, tpl_section, tpl_set): no Jansson tree
**     to build and free; tpl_render is the same path from Jansson data.
*/
#include "render.h"
#include "log.h"

#include <ctemplate/template.h>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <string>

using ctemplate::StaticTemplateString;
using ctemplate::TemplateDictionary;
using ctemplate::TemplateString;

static const ctemplate::Strip strip_mode = ctemplate::STRIP_BLANK_LINES;

/* The directory of the templates, and the names the include templates use. */
static std::string tpl_dir;
static std::once_flag includes_once;
static std::set<std::string> include_names[2];
static const char *const includes[][2] = {{"HEAD", "_head.tpl"}, {"FOOT", "_foot.tpl"}};

/* The variable names registered with ctemplate: each one's text (which
** ctemplate's own table points to, so it lives until tpl_shutdown) and
** global id, in an open-addressing table by FNV-1a hash. Shared by the
** threads; written only for a name never seen before. */
struct key_slot {
    uint64_t hash;
    size_t len;
    StaticTemplateString *sts; /* NULL: an empty slot */
};
static std::shared_mutex keys_lock;
static key_slot *keys;
static size_t keys_cap, keys_count; /* capacity: a power of two */

static uint64_t fnv1a(const char *s, size_t *len)
{
    uint64_t h = 1469598103934665603ull;
    const char *p = s;
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    *len = (size_t)(p - s);
    return h;
}

/* The slot of name (hash h, length len) in table (cap slots, a power of
** two, not full): its entry, or the empty slot where it would go. For the
** shared table, call with keys_lock held and keys_cap > 0. */
static key_slot *key_find(key_slot *table, size_t cap, const char *name, size_t len, uint64_t h)
{
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        key_slot *k = &table[i];
        if (!k->sts || (k->hash == h && k->len == len &&
                        std::memcmp(k->sts->do_not_use_directly_.ptr_, name, len) == 0))
            return k;
    }
}

/* Each thread's copy of the names it has used (the same slots, never
** resized: a name past half of it is looked up under the lock each time),
** so that a page's few hundred lookups take no lock. Its pointers are the
** shared table's: tpl_shutdown frees them and counts a generation, and a
** copy of an older generation is emptied before use. */
enum { THREAD_KEYS = 1024 };
static std::atomic<unsigned> keys_generation;
static thread_local key_slot thread_keys[THREAD_KEYS];
static thread_local size_t thread_keys_count;
static thread_local unsigned thread_keys_generation;

/* The TemplateString of a variable name, its id already known: from the
** thread's copy, else from the shared table (registering a new name). */
static TemplateString key(const char *name)
{
    size_t len;
    uint64_t h = fnv1a(name, &len);
    unsigned generation = keys_generation.load(std::memory_order_acquire);
    if (thread_keys_generation != generation) {
        std::memset(thread_keys, 0, sizeof thread_keys);
        thread_keys_count = 0;
        thread_keys_generation = generation;
    }
    key_slot *mine = key_find(thread_keys, THREAD_KEYS, name, len, h);
    if (mine->sts)
        return TemplateString(*mine->sts);
    if ((thread_keys_count + 1) * 2 > THREAD_KEYS)
        mine = NULL; /* full enough: not copied */
    {
        std::shared_lock<std::shared_mutex> read(keys_lock);
        if (keys_cap) {
            key_slot *k = key_find(keys, keys_cap, name, len, h);
            if (k->sts) {
                if (mine) {
                    *mine = *k;
                    thread_keys_count++;
                }
                return TemplateString(*k->sts);
            }
        }
    }
    std::unique_lock<std::shared_mutex> write(keys_lock);
    if ((keys_count + 1) * 2 > keys_cap) { /* at most half full */
        size_t old_cap = keys_cap;
        key_slot *old = keys;
        keys_cap = old_cap ? old_cap * 2 : 512;
        keys = new key_slot[keys_cap]();
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].sts)
                *key_find(keys, keys_cap, old[i].sts->do_not_use_directly_.ptr_, old[i].len,
                          old[i].hash) = old[i];
        delete[] old;
    }
    key_slot *k = key_find(keys, keys_cap, name, len, h);
    if (!k->sts) {
        char *copy = strdup(name);
        if (!copy)
            throw std::bad_alloc();
        StaticTemplateString *sts = new StaticTemplateString{{copy, len, 0}};
        ctemplate::StaticTemplateStringInitializer init(sts);
        *k = key_slot{h, len, sts};
        keys_count++;
    }
    return TemplateString(*k->sts);
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

/* A dictionary as C sees it: a TemplateDictionary, the page's or a
** section's (which the page owns). */
static TemplateDictionary *dict_of(struct tpl_dict *d)
{
    return reinterpret_cast<TemplateDictionary *>(d);
}

/* Did a call on this thread's page fail (out of memory)? Then
** tpl_page_render refuses it. A page is built and rendered on one thread. */
static thread_local bool page_failed;

static void fail(const char *what)
{
    page_failed = true;
    log_msg(LOG_ERROR, "render", "%s", what);
}

struct tpl_dict *tpl_page(const json_t *data)
{
    page_failed = false;
    try {
        std::call_once(includes_once, [] {
            for (int k = 0; k < 2; k++)
                include_names[k] = names_in(tpl_dir + "/" + includes[k][1]);
        });
        std::unique_ptr<TemplateDictionary> dict(new TemplateDictionary("page"));
        fill(dict.get(), data);
        /* include dictionaries do not inherit: give them the page's
        ** top-level fields that their templates name */
        for (int k = 0; k < 2; k++) {
            TemplateDictionary *d = dict->AddIncludeDictionary(key(includes[k][0]));
            d->SetFilename(includes[k][1]);
            for (const std::string &field : include_names[k]) {
                const json_t *v = json_object_get(data, field.c_str());
                if (v)
                    set_field(d, field.c_str(), v);
            }
        }
        return reinterpret_cast<struct tpl_dict *>(dict.release());
    } catch (const std::exception &e) {
        fail(e.what());
    } catch (...) {
        fail("unknown error");
    }
    return NULL;
}

void tpl_set(struct tpl_dict *d, const char *name, const char *value)
{
    try {
        if (d && value)
            dict_of(d)->SetValueWithoutCopy(key(name), TemplateString(value, std::strlen(value)));
    } catch (const std::exception &e) {
        fail(e.what());
    } catch (...) {
        fail("unknown error");
    }
}

void tpl_show(struct tpl_dict *d, const char *name, bool shown)
{
    try {
        if (d && shown)
            dict_of(d)->ShowSection(key(name));
    } catch (const std::exception &e) {
        fail(e.what());
    } catch (...) {
        fail("unknown error");
    }
}

struct tpl_dict *tpl_section(struct tpl_dict *d, const char *name)
{
    try {
        if (d)
            return reinterpret_cast<struct tpl_dict *>(dict_of(d)->AddSectionDictionary(key(name)));
    } catch (const std::exception &e) {
        fail(e.what());
    } catch (...) {
        fail("unknown error");
    }
    return NULL;
}

void tpl_fill(struct tpl_dict *d, const json_t *object)
{
    try {
        if (d)
            fill(dict_of(d), object);
    } catch (const std::exception &e) {
        fail(e.what());
    } catch (...) {
        fail("unknown error");
    }
}

/* Where ctemplate writes a page: a malloc'd buffer, doubled as it fills,
** that becomes the response body as it is (ctemplate's own StringEmitter
** appends to a std::string, whose text would then be copied). */
class BufferEmitter : public ctemplate::ExpandEmitter {
  public:
    ~BufferEmitter() override { std::free(buf); }
    void Emit(char c) override
    {
        if (len == cap)
            grow(1);
        buf[len++] = c;
    }
    void Emit(const std::string &s) override { Emit(s.data(), s.size()); }
    void Emit(const char *s) override { Emit(s, std::strlen(s)); }
    void Emit(const char *s, size_t n) override
    {
        if (cap - len < n)
            grow(n);
        std::memcpy(buf + len, s, n);
        len += n;
    }
    /* The text, NUL-terminated, for the caller to free; *n its length. */
    char *take(size_t *n)
    {
        Emit('\0');
        char *s = buf;
        *n = len - 1;
        buf = nullptr;
        len = cap = 0;
        return s;
    }

  private:
    char *buf = nullptr;
    size_t len = 0, cap = 0;
    void grow(size_t n)
    {
        size_t want = cap ? cap * 2 : 16384;
        while (want - len < n)
            want *= 2;
        char *more = static_cast<char *>(std::realloc(buf, want));
        if (!more)
            throw std::bad_alloc();
        buf = more;
        cap = want;
    }
};

char *tpl_page_render(const char *name, struct tpl_dict *page, size_t *len)
{
    TemplateDictionary *dict = page ? dict_of(page) : nullptr;
    char *s = NULL;
    try {
        BufferEmitter out;
        if (dict && !page_failed &&
            ctemplate::ExpandWithData(name, strip_mode, dict, nullptr, &out))
            s = out.take(len);
    } catch (const std::exception &e) {
        log_msg(LOG_ERROR, "render", "%s: %s", name, e.what());
    } catch (...) {
        log_msg(LOG_ERROR, "render", "%s: unknown error", name);
    }
    delete dict;
    return s;
}

char *tpl_render(const char *name, const json_t *data, size_t *len)
{
    return tpl_page_render(name, tpl_page(data), len);
}

void tpl_shutdown(void)
{
    try {
        ctemplate::mutable_default_template_cache()->ClearCache();
        std::unique_lock<std::shared_mutex> write(keys_lock);
        for (size_t i = 0; i < keys_cap; i++)
            if (keys[i].sts) {
                std::free(const_cast<char *>(keys[i].sts->do_not_use_directly_.ptr_));
                delete keys[i].sts;
            }
        delete[] keys;
        keys = nullptr;
        keys_cap = keys_count = 0;
        keys_generation.fetch_add(1, std::memory_order_release);
    } catch (...) {
    }
}
