/*
** The CSV parser of the unit import: quoting, line ends, BOM, line numbers
** and the errors it reports.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app.h"
#include "import.h"
#include "str.h"

/* Parses text into rows; the result and the arena belong to the caller. */
static int parse(struct arena *a, const char *text, struct import_row **rows,
                 struct import_result *res)
{
    memset(res, 0, sizeof *res);
    return import_csv(a, text, strlen(text), rows, res);
}

static void plain_rows_with_line_numbers(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct import_result *res = arena_alloc(a, sizeof *res);
    struct import_row *rows;
    int n = parse(a, "a,b,c\n1,2,3\n\n4, 5 ,6", &rows, res);
    assert_int_equal(n, 3);
    assert_int_equal(res->n_errors, 0);
    assert_int_equal(rows[0].n_fields, 3);
    assert_string_equal(rows[1].fields[2], "3");
    assert_int_equal(rows[2].line, 4); /* the empty line 3 is skipped but counted */
    assert_string_equal(rows[2].fields[1], "5");
    arena_free(a);
}

static void quotes_crlf_and_bom(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct import_result *res = arena_alloc(a, sizeof *res);
    struct import_row *rows;
    int n = parse(a,
                  "\xEF\xBB\xBFTỉnh / Thành Phố,Mã TP\r\n\"Xã \"\"Mỹ\"\" Hòa\",\"a,b\"\r\n"
                  "\"two\nlines\",x\r\nlast,row\r\n",
                  &rows, res);
    assert_int_equal(n, 4);
    assert_int_equal(res->n_errors, 0);
    assert_string_equal(rows[0].fields[0], "Tỉnh / Thành Phố");
    assert_string_equal(rows[1].fields[0], "Xã \"Mỹ\" Hòa");
    assert_string_equal(rows[1].fields[1], "a,b");
    assert_string_equal(rows[2].fields[0], "two\nlines");
    assert_int_equal(rows[2].line, 3);
    assert_int_equal(rows[3].line, 5);
    arena_free(a);
}

static void empty_fields_are_kept(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct import_result *res = arena_alloc(a, sizeof *res);
    struct import_row *rows;
    int n = parse(a, "a,,c,\n", &rows, res);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].n_fields, 4);
    assert_string_equal(rows[0].fields[1], "");
    assert_string_equal(rows[0].fields[3], "");
    arena_free(a);
}

static void bad_lines_are_reported_and_marked(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct import_result *res = arena_alloc(a, sizeof *res);
    struct import_row *rows;
    int n = parse(a, "a,b\nok,\xff\xfe\n\"x\"y,z\ngood,row\n\"never closed,\n", &rows, res);
    assert_int_equal(n, 5);
    assert_int_equal(res->n_errors, 3);
    assert_int_equal(res->errors[0].line, 2);
    assert_non_null(strstr(res->errors[0].message, "UTF-8"));
    assert_int_equal(res->errors[1].line, 3);
    assert_non_null(strstr(res->errors[1].message, "ngoặc kép"));
    assert_int_equal(res->errors[2].line, 5);
    assert_int_equal(rows[1].n_fields, 0); /* bad rows carry no fields */
    assert_int_equal(rows[2].n_fields, 0);
    assert_int_equal(rows[3].n_fields, 2);
    assert_string_equal(rows[3].fields[1], "row");
    arena_free(a);
}

static void an_empty_file_has_no_rows(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct import_result *res = arena_alloc(a, sizeof *res);
    struct import_row *rows;
    assert_int_equal(parse(a, "", &rows, res), 0);
    assert_int_equal(res->n_errors, 0);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_rows_with_line_numbers),
        cmocka_unit_test(quotes_crlf_and_bom),
        cmocka_unit_test(empty_fields_are_kept),
        cmocka_unit_test(bad_lines_are_reported_and_marked),
        cmocka_unit_test(an_empty_file_has_no_rows),
    };
    return cmocka_run_group_tests_name("import_csv", tests, NULL, NULL);
}
