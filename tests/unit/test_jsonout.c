/*
** jsonout_dumps writes exactly what Jansson's json_dumps(JSON_COMPACT) writes:
** hand-picked edge cases, then many random trees.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"

/* Asserts both writers give the same bytes for v, then frees v. */
static void same(json_t *v)
{
    size_t len = 0;
    char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    char *got = jsonout_dumps(v, &len);
    if (!want) {
        assert_null(got);
    } else {
        assert_non_null(got);
        assert_string_equal(got, want);
        assert_int_equal(len, strlen(want));
    }
    free(want);
    free(got);
    json_decref(v);
}

static void edge_cases(void **state)
{
    (void)state;
    const double reals[] = {0.9375, 0.1,   1.0,   1e20,   1e-7,     123456789.0, 2.5e300, -0.0,
                            1.0 / 3, 100.0, 1e16,  1e17,   -1e-300, 5e-324,      0.5,     -12.75};
    for (size_t i = 0; i < sizeof reals / sizeof *reals; i++)
        same(json_real(reals[i]));
    same(json_pack("{s:s, s:[I, b, b, n, f], s:{}, s:[]}", "a\x01\x1f\"\\/\x7f",
                   "\b\f\n\r\t é Việt Nam 😀 <script>", "k", (json_int_t)INT64_MIN, 1, 0, 0.5, "o",
                   "e"));
    same(json_stringn_nocheck("\xff bad", 5)); /* not UTF-8: both refuse */
    same(json_stringn_nocheck("\xed\xa0\x80", 3)); /* a surrogate */
    same(json_stringn_nocheck("\xc0\x80", 2));      /* overlong */
    same(json_stringn("a\0b", 3));                   /* NUL inside */
    same(json_object());
    same(json_array());
    same(json_integer(0));
}

/* A random tree of depth at most d. */
static json_t *random_tree(int d)
{
    static const char *const words[] = {"", "xã", "Mỹ Hòa", "\"q\"", "a\\b", "tab\t", "\x01",
                                        "children_0_8", "Đã tổng hợp 11/13 xã", "😀", "/"};
    int kind = rand() % (d > 0 ? 8 : 6);
    switch (kind) {
    case 0: return json_string(words[rand() % 11]);
    case 1: return json_integer((json_int_t)rand() * (rand() % 2 ? -1 : 1) * (rand() % 1000));
    case 2: return json_real((double)rand() / (double)(rand() % 1000 + 1) * (rand() % 2 ? 1e-9 : 1e9));
    case 3: return json_boolean(rand() % 2);
    case 4: return json_null();
    case 5: return json_real((double)(rand() % 100000) / 10000.0);
    case 6: {
        json_t *a = json_array();
        for (int i = rand() % 6; i > 0; i--)
            json_array_append_new(a, random_tree(d - 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        char key[32];
        for (int i = rand() % 6; i > 0; i--) {
            snprintf(key, sizeof key, "%s%d", words[rand() % 11], rand() % 50);
            json_object_set_new(o, key, random_tree(d - 1));
        }
        return o;
    }
    }
}

static void random_trees(void **state)
{
    (void)state;
    srand(12);
    for (int i = 0; i < 3000; i++)
        same(random_tree(5));
}

/* Reals: the writer's own %.17g (between 1e-4 and 1e16) and printf's agree
** digit for digit: ratios, powers of ten, values on a rounding boundary,
** random bit patterns. */
static void reals_are_written_as_printf_writes_them(void **state)
{
    (void)state;
    srand(56);
    for (int i = 0; i < 400000; i++) {
        double v = 0;
        uint64_t bits = ((uint64_t)rand() << 42) ^ ((uint64_t)rand() << 21) ^ (uint64_t)rand();
        switch (i % 5) {
        case 0: /* a ratio of two counts */
            v = (double)(rand() % 100000) / (double)(rand() % 100000 + 1);
            break;
        case 1: /* log-uniform from 1e-6 to 1e17 */
            v = pow(10.0, (double)(rand() % 2300 - 600) / 100.0);
            break;
        case 2: /* a short decimal: the neighbours of a rounding boundary */
            v = (double)(rand() % 10000000) / pow(10.0, rand() % 12);
            v = i % 2 ? nextafter(v, 0) : nextafter(v, 1e300);
            break;
        case 3: /* any finite double */
            memcpy(&v, &bits, sizeof v);
            if (!isfinite(v))
                v = 1.5;
            break;
        default: /* an integer below 2^53, and half of one */
            v = (double)(bits & ((1ull << 53) - 1)) / (i % 2 ? 1.0 : 2.0);
        }
        same(json_real(i % 7 ? v : -v));
    }
}

/* Writes v token by token with the streaming calls (a key's value after it). */
static void stream(struct jsonout *o, const json_t *v)
{
    const char *key;
    json_t *item;
    size_t i;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        jsonout_begin_object(o);
        json_object_foreach((json_t *)v, key, item)
        {
            jsonout_key(o, key);
            stream(o, item);
        }
        jsonout_end_object(o);
        break;
    case JSON_ARRAY:
        jsonout_begin_array(o);
        json_array_foreach(v, i, item) stream(o, item);
        jsonout_end_array(o);
        break;
    case JSON_STRING:
        jsonout_string(o, json_string_value(v));
        break;
    case JSON_INTEGER:
        jsonout_integer(o, json_integer_value(v));
        break;
    case JSON_REAL:
        jsonout_real(o, json_real_value(v));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        jsonout_bool(o, json_is_true(v));
        break;
    case JSON_NULL:
        jsonout_null(o);
        break;
    }
}

/* The streaming writer gives Jansson's bytes too, a Jansson value written
** in place (jsonout_value) included; NULL for text that is not UTF-8. */
static void streaming(void **state)
{
    (void)state;
    srand(34);
    for (int i = 0; i < 2000; i++) {
        json_t *v = json_pack("{s:o, s:o}", "a", random_tree(4), "b", random_tree(3));
        char *want = json_dumps(v, JSON_COMPACT);
        struct jsonout o = {0};
        jsonout_begin_array(&o);
        stream(&o, json_object_get(v, "a"));
        jsonout_value(&o, json_object_get(v, "b"));
        jsonout_end_array(&o);
        size_t len = 0;
        char *got = jsonout_finish(&o, &len);
        json_t *arr = json_pack("[O, O]", json_object_get(v, "a"), json_object_get(v, "b"));
        char *want_arr = json_dumps(arr, JSON_COMPACT);
        assert_non_null(want);
        assert_non_null(got);
        assert_string_equal(got, want_arr);
        assert_int_equal(len, strlen(want_arr));
        assert_null(o.s); /* handed over */
        free(want), free(want_arr), free(got);
        json_decref(v), json_decref(arr);
    }
    /* text written before, as it is: an object's first members, a whole value */
    struct jsonout o = {0};
    size_t len = 0;
    jsonout_raw(&o, "{\"a\":[1,2]");
    jsonout_key(&o, "b");
    jsonout_begin_array(&o);
    jsonout_raw(&o, "{\"c\":null}");
    jsonout_integer(&o, 3);
    jsonout_end_array(&o);
    jsonout_end_object(&o);
    char *raw = jsonout_finish(&o, &len);
    assert_string_equal(raw, "{\"a\":[1,2],\"b\":[{\"c\":null},3]}");
    free(raw);
    jsonout_begin_object(&o);
    jsonout_key(&o, "bad");
    jsonout_string(&o, "\xff\xfe");
    jsonout_end_object(&o);
    assert_null(jsonout_finish(&o, &len));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(edge_cases), cmocka_unit_test(random_trees),
                                       cmocka_unit_test(streaming),
                                       cmocka_unit_test(reals_are_written_as_printf_writes_them)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
