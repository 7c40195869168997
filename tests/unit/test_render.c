/*
** The template bridge: Jansson data through ctemplate, escaped for where each
** value stands, sections from booleans, objects and arrays, UTF-8 intact.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"

static char dir[] = "/tmp/ecdreport-tpl-XXXXXX";

static void write_template(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    write_template("_head.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<title>{{title}}</title>\n");
    write_template("_foot.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<footer></footer>\n");
    write_template("page.tpl",
                   "{{%AUTOESCAPE context=\"HTML\"}}\n{{>HEAD}}<p>{{text}}</p>"
                   "<a href=\"{{url}}\" title=\"{{text}}\">l</a><a href=\"/q?x={{text:u}}\">q</a>"
                   "{{#rows}}<li>{{name}}={{n}}</li>{{/rows}}{{#flag}}FLAG{{/flag}}{{#off}}OFF{{/off}}"
                   "{{#obj}}[{{inner}}]{{/obj}}<script>var s = \"{{text}}\";</script>\n{{>FOOT}}");
    return tpl_init(dir);
}

static int teardown(void **state)
{
    (void)state;
    tpl_shutdown();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *render(const char *name, json_t *data)
{
    size_t len = 0;
    char *html = tpl_render(name, data, &len);
    json_decref(data);
    if (html)
        assert_int_equal(strlen(html), len);
    return html;
}

static void text_attributes_urls_and_scripts_are_escaped(void **state)
{
    (void)state;
    char *html = render("page.tpl", json_pack("{s:s, s:s, s:s}", "title", "Tiêu đề <b>", "text",
                                              "<script>alert(1)</script> \"&'", "url",
                                              "javascript:alert(1)"));
    assert_non_null(html);
    assert_non_null(strstr(html, "<title>Tiêu đề &lt;b&gt;</title>"));
    assert_non_null(strstr(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;</p>"));
    assert_null(strstr(html, "<script>alert(1)"));
    assert_non_null(strstr(html, "href=\"#\"")); /* javascript: URLs are neutralised */
    assert_non_null(strstr(html, "x=%3Cscript%3Ealert(1)%3C/script%3E"));
    assert_non_null(strstr(html, "var s = \"\\x3cscript\\x3e")); /* escaped for JavaScript */
    free(html);
}

static void sections_come_from_arrays_booleans_and_objects(void **state)
{
    (void)state;
    char *html = render("page.tpl",
                        json_pack("{s:s, s:[{s:s, s:i}, {s:s, s:i}], s:b, s:b, s:{s:s}}", "text",
                                  "x", "rows", "name", "Xã Mỹ Hòa", "n", 1234, "name", "Phường 1",
                                  "n", 5, "flag", 1, "off", 0, "obj", "inner", "trong"));
    assert_non_null(html);
    assert_non_null(strstr(html, "<li>Xã Mỹ Hòa=1234</li><li>Phường 1=5</li>"));
    assert_non_null(strstr(html, "FLAG"));
    assert_null(strstr(html, "OFF"));
    assert_non_null(strstr(html, "[trong]"));
    free(html);
}

static void utf8_passes_through_untouched(void **state)
{
    (void)state;
    const char *vi = "Số trẻ em dưới 6 tuổi được tiêm chủng đủ — 93,75% ✓";
    char *html = render("page.tpl", json_pack("{s:s}", "text", vi));
    assert_non_null(html);
    assert_non_null(strstr(html, vi));
    free(html);
}

/* A dictionary built piece by piece renders what the same data in Jansson
** renders: the page's fields (the includes' too), values escaped, sections
** repeated, shown or hidden. */
static void a_page_built_piece_by_piece_renders_as_its_data(void **state)
{
    (void)state;
    json_t *data = json_pack("{s:s, s:s}", "title", "Báo cáo <2024>", "url", "/reports/1");
    struct tpl_dict *page = tpl_page(data);
    assert_non_null(page);
    tpl_set(page, "text", "a <b> & \"c\"");
    const char *names[] = {"Xã Mỹ Hòa", "Phường <1>"}, *ns[] = {"1.234", "5"};
    for (int k = 0; k < 2; k++) {
        struct tpl_dict *row = tpl_section(page, "rows");
        tpl_set(row, "name", names[k]);
        tpl_set(row, "n", ns[k]);
    }
    tpl_show(page, "flag", true);
    tpl_show(page, "off", false);
    tpl_set(tpl_section(page, "obj"), "inner", "trong");
    size_t len = 0;
    char *built = tpl_page_render("page.tpl", page, &len);
    json_decref(data);
    char *want = render("page.tpl",
                        json_pack("{s:s, s:s, s:s, s:[{s:s, s:s}, {s:s, s:s}], s:b, s:b, s:{s:s}}",
                                  "title", "Báo cáo <2024>", "url", "/reports/1", "text",
                                  "a <b> & \"c\"", "rows", "name", "Xã Mỹ Hòa", "n", "1.234",
                                  "name", "Phường <1>", "n", "5", "flag", 1, "off", 0, "obj",
                                  "inner", "trong"));
    assert_non_null(built);
    assert_non_null(want);
    assert_string_equal(built, want);
    assert_int_equal(len, strlen(want));
    assert_non_null(strstr(built, "<title>Báo cáo &lt;2024&gt;</title>"));
    assert_non_null(strstr(built, "<li>Phường &lt;1&gt;=5</li>"));
    free(built);
    free(want);
    assert_null(tpl_page_render("missing.tpl", tpl_page(NULL), &len));
}

static void a_missing_template_gives_null(void **state)
{
    (void)state;
    assert_null(render("missing.tpl", json_object()));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_attributes_urls_and_scripts_are_escaped),
        cmocka_unit_test(sections_come_from_arrays_booleans_and_objects),
        cmocka_unit_test(utf8_passes_through_untouched),
        cmocka_unit_test(a_page_built_piece_by_piece_renders_as_its_data),
        cmocka_unit_test(a_missing_template_gives_null),
    };
    return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
