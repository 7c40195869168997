/*
** What the C unit tests over the database share: an in-memory database built
** from sql/ (the tests run from the repository root), the appendix form, and
** a fresh arena per test. Include it once, in one test file.
*/
#pragma once
#include "db.h"
#include "form.h"
#include "str.h"

static struct form *f;  /* the appendix form, loaded by fixture_load_form */
static struct arena *a; /* this test's arena */

/* Opens an empty in-memory database with the schema and the form definition.
** 0 or -1. */
static int fixture_open_db(void)
{
    return db_open(":memory:") < 0 || db_migrate("sql") < 0 ||
                   db_exec_file("sql/form_ecd_appendix.sql") < 0
               ? -1
               : 0;
}

/* Loads the form from the database into f. 0 or -1. */
static int fixture_load_form(void)
{
    f = form_load("ecd-appendix");
    return f ? 0 : -1;
}

/* The group teardown: frees the form and closes the database. */
static int teardown(void **state)
{
    (void)state;
    form_free(f);
    db_close_thread();
    return 0;
}

/* Per-test setup and teardown of the arena. */
static int fresh_arena(void **state)
{
    (void)state;
    a = arena_new();
    return a ? 0 : -1;
}

static int free_arena(void **state)
{
    (void)state;
    arena_free(a);
    return 0;
}
