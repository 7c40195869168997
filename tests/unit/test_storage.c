/*
** The storage layer over a real database file (WAL): a save's answer is what
** its own transaction wrote even when another save commits right after it;
** long texts are audited once (chained); a save of more values than a batch
** holds stores and audits each; backup and check; a write that
** cannot get the lock says so (DB_FAULT_BUSY). Runs from the repository root.
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

#include "db.h"
#include "form.h"
#include "report.h"
#include "str.h"
#include "unit.h"

static char dir[64], path[128];
static struct form *f;
static struct period year;
static struct arena *a;

static int setup(void **state)
{
    (void)state;
    setenv("ECDREPORT_WRITE_WAIT_MS", "100", 1);
    snprintf(dir, sizeof dir, "/tmp/ecdreport-unit-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    a = arena_new();
    if (db_open(path) < 0 || db_migrate("sql") < 0 ||
        db_exec_file("sql/form_ecd_appendix.sql") < 0 ||
        db_exec("INSERT INTO unit (id, code, name, kind, level) VALUES "
                "(1, '30052', 'Xã Mỹ Hòa', 'Xã', 'commune');"
                "INSERT INTO period (code, form_id, start_date, end_date, due_date) "
                "SELECT '2024', id, '2024-01-01', '2024-12-31', '2099-11-20' FROM form;"
                "INSERT INTO user (id, username, full_name, pw_hash, role, unit_id, created_at) "
                "VALUES (1, 'xa', '', 'x', 'commune', 1, '2024-01-01T00:00:00Z');"
                /* 30 rows more than the appendix: a save of every value
                ** is more than one batch (report.c's BATCH_ROWS) */
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30) "
                "INSERT INTO form_element (form_id, position, code, label, kind, max_value) "
                "SELECT (SELECT id FROM form), 1000 + i, 'extra_' || i, 'Thêm ' || i, 'count', "
                "1000000 FROM n;") < 0)
        return -1;
    f = form_load("ecd-appendix");
    return f && period_find(a, "2024", &year) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    form_free(f);
    db_close_thread();
    arena_free(a);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Another session's save, committed on a connection of its own. */
static void other_save(void)
{
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    sqlite3_busy_timeout(other, 2000);
    assert_int_equal(sqlite3_exec(other,
                                  "BEGIN IMMEDIATE; UPDATE report SET version = version + 1;"
                                  "UPDATE report_value SET raw = '999', num = 999 WHERE element_id ="
                                  " (SELECT id FROM form_element WHERE code = 'posters'); COMMIT;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(other);
}

static int armed;

/* Runs right after a commit of this connection, its locks released: the
** moment another session's save may land before the answer is read. */
static int intrude(void *unused, sqlite3 *db, const char *name, int pages)
{
    (void)unused, (void)db, (void)name, (void)pages;
    if (armed) {
        armed = 0;
        other_save();
    }
    return SQLITE_OK;
}

static const char **change(int element, const char *raw)
{
    const char **v = arena_alloc(a, sizeof *v * (size_t)f->n_elements);
    v[element] = raw;
    return v;
}

static void test_answer_is_this_save(void **state)
{
    (void)state;
    int posters = form_find(f, "posters");
    struct report cur, saved, after;
    assert_int_equal(report_load(a, f, 1, year.id, &cur), 0);
    struct report_change ch = {.raw = change(posters, "5"), .version = cur.version, .user_id = 1,
                               .arena = a, .saved = &saved};
    assert_int_equal(report_save(f, &cur, &year, &ch), REPORT_OK); /* creates it: version 1 */
    assert_int_equal(saved.version, 1);
    assert_int_equal(report_load(a, f, 1, year.id, &cur), 0);

    sqlite3_wal_hook(db_handle(), intrude, NULL);
    armed = 1;
    ch = (struct report_change){.raw = change(posters, "6"), .version = cur.version, .user_id = 1,
                                .arena = a, .saved = &saved};
    assert_int_equal(report_save(f, &cur, &year, &ch), REPORT_OK);
    assert_int_equal(armed, 0); /* the other save did land right after ours */
    assert_int_equal(saved.version, 2);
    assert_string_equal(saved.values[posters].raw, "6");
    /* what a read after the commit sees (the answer before the fix): not ours */
    assert_int_equal(report_load(a, f, 1, year.id, &after), 0);
    assert_int_equal(after.version, 3);
    assert_string_equal(after.values[posters].raw, "999");
    /* and a save built on the answered version 2 is refused, not an overwrite */
    ch = (struct report_change){.raw = change(posters, "7"), .version = saved.version, .user_id = 1};
    assert_int_equal(report_save(f, &cur, &year, &ch), REPORT_STALE);
}

static void test_long_text_audited_once(void **state)
{
    (void)state;
    int narrative = form_find(f, "narrative");
    char *texts[3];
    struct report cur;
    for (int i = 0; i < 3; i++) {
        struct buf b = {0};
        buf_printf(&b, "Lần %d. ", i);
        for (int k = 0; k < 300; k++)
            buf_puts(&b, "Xã đã tổ chức truyền thông cho cha mẹ. ");
        texts[i] = arena_strdup(a, b.s);
        buf_free(&b);
        assert_int_equal(report_load(a, f, 1, year.id, &cur), 0);
        struct report_change ch = {.raw = change(narrative, texts[i]), .version = cur.version,
                                   .user_id = 1};
        assert_int_equal(report_save(f, &cur, &year, &ch), REPORT_OK);
    }
    sqlite3_stmt *st = db_stmt("SELECT a.old_raw IS NULL, a.old_chained, v.old_raw, v.new_raw "
                               "FROM value_audit a JOIN value_audit_full v ON v.id = a.id "
                               "WHERE a.element_id = :e ORDER BY a.id");
    db_bind_int(st, ":e", f->elements[narrative].id);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(db_step(st), SQLITE_ROW);
        assert_int_equal(db_int(st, 0), 1); /* never a copy of the old text */
        assert_int_equal(db_int(st, 1), i > 0);
        if (i > 0)
            assert_string_equal(db_text(st, 2), texts[i - 1]);
        assert_string_equal(db_text(st, 3), texts[i]);
    }
    assert_int_equal(db_step(st), SQLITE_DONE);
}

/* Every count of the form (56: two batches of changes and audit rows) set,
** then changed: each stored and audited once per save, in the form's order. */
static void test_save_of_more_values_than_a_batch(void **state)
{
    (void)state;
    struct report cur, saved;
    int n = 0;
    for (int round = 1; round <= 2; round++) {
        const char **v = arena_alloc(a, sizeof *v * (size_t)f->n_elements);
        n = 0;
        for (int i = 0; i < f->n_elements; i++)
            if (f->elements[i].kind == FORM_COUNT && f->elements[i].scope == SCOPE_COMMUNE) {
                v[i] = arena_printf(a, "%d", round * 10 + i % 7);
                n++;
            }
        assert_true(n > 32); /* more than a batch */
        assert_int_equal(report_load(a, f, 1, year.id, &cur), 0);
        struct report_change ch = {.raw = v, .version = cur.version, .user_id = 1, .arena = a,
                                   .saved = &saved};
        assert_int_equal(report_save(f, &cur, &year, &ch), REPORT_OK);
        for (int i = 0; i < f->n_elements; i++)
            if (v[i]) {
                assert_true(saved.values[i].ok);
                assert_int_equal(saved.values[i].num, round * 10 + i % 7);
            }
    }
    /* the second round's audit rows: one per count, old and new, in order */
    sqlite3_stmt *st = db_stmt("SELECT a.element_id, a.old_raw, a.new_raw FROM value_audit a "
                               "JOIN form_element e ON e.id = a.element_id "
                               "WHERE a.report_id = :r AND e.kind = 'count' "
                               "ORDER BY a.id DESC LIMIT :n");
    db_bind_int(st, ":r", saved.id);
    db_bind_int(st, ":n", n);
    int seen = 0, last = f->n_elements;
    while (db_step(st) == SQLITE_ROW) {
        int i = form_find_id(f, db_int(st, 0));
        assert_true(i >= 0 && i < last); /* newest first: the form's order backwards */
        last = i;
        char old[16], now[16];
        snprintf(old, sizeof old, "%d", 10 + i % 7);
        snprintf(now, sizeof now, "%d", 20 + i % 7);
        assert_string_equal(db_text(st, 1), old);
        assert_string_equal(db_text(st, 2), now);
        seen++;
    }
    db_done(st);
    assert_int_equal(seen, n);
}

static void test_backup_and_check(void **state)
{
    (void)state;
    char out[160], empty[160];
    snprintf(out, sizeof out, "%s/copy.db", dir);
    snprintf(empty, sizeof empty, "%s/empty.db", dir);
    FILE *devnull = fopen("/dev/null", "w");
    assert_int_equal(db_backup(out), 0);
    assert_int_equal(db_check(out, devnull), 0);
    fclose(fopen(empty, "w"));
    assert_int_equal(db_check(empty, devnull), -1);
    fclose(devnull);
}

static void test_busy_write_lock(void **state)
{
    (void)state;
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(db_write_begin(), -1);
    assert_int_equal(db_fault(), DB_FAULT_BUSY);
    assert_string_not_equal(db_fault_message(DB_FAULT_BUSY), "");
    assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    assert_int_equal(db_write_begin(), 0); /* free again: no wait needed */
    assert_int_equal(db_fault(), DB_FAULT_NONE);
    db_write_rollback();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answer_is_this_save),
        cmocka_unit_test(test_long_text_audited_once),
        cmocka_unit_test(test_save_of_more_values_than_a_batch),
        cmocka_unit_test(test_backup_and_check),
        cmocka_unit_test(test_busy_write_lock),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
