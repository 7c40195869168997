/*
** libFuzzer target for the form parser and checks: any bytes, as any
** element's typed value, then every check over a form filled with them.
** Built and run for a bounded number of inputs by `make fuzz` (part of
** `make check`); crashes, leaks and undefined behaviour fail it.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "form.h"
#include "str.h"

static struct form *f;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (db_open(":memory:") < 0 || db_migrate("sql") < 0 ||
        db_exec_file("sql/form_ecd_appendix.sql") < 0 || !(f = form_load("ecd-appendix")))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    char *text = arena_strndup(a, (const char *)data, size);
    struct form_value *vals = arena_alloc(a, sizeof *vals * (size_t)f->n_elements);
    struct form_value *prev = arena_alloc(a, sizeof *prev * (size_t)f->n_elements);
    /* split the input at NUL-free newlines: one piece per element, cycling */
    char *save = NULL, *piece = strtok_r(text, "\n", &save);
    for (int i = 0; i < f->n_elements; i++) {
        form_parse(a, &f->elements[i], piece ? piece : "", &vals[i]);
        form_parse(a, &f->elements[i], piece ? piece : "0", &prev[(i + 1) % f->n_elements]);
        piece = strtok_r(NULL, "\n", &save);
    }
    struct form_issues out = {0};
    form_check(a, f, SCOPE_COMMUNE, vals, prev, true, &out);
    form_check(a, f, SCOPE_DISTRICT, vals, NULL, false, &out);
    arena_free(a);
    return 0;
}
