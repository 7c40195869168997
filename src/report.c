/*
** Report storage and its JSON form; see report.h.
*/
#include "report.h"
#include "db.h"
#include "fmt.h"
#include "log.h"
#include "str.h"
#include "unit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char sql_report[] =
    "SELECT id, status, version, explanation, return_reason, updated_at, submitted_at, "
    "approved_at FROM report WHERE unit_id = :unit AND period_id = :period";

static const char sql_values[] = "SELECT element_id, raw FROM report_value WHERE report_id = :id";

/* the report a year earlier and its values in one go (a row with a NULL
** element when it has none) */
static const char sql_previous[] =
    "SELECT v.element_id, v.raw FROM report r JOIN period p ON p.id = r.period_id "
    "LEFT JOIN report_value v ON v.report_id = r.id "
    "WHERE r.unit_id = :unit AND p.code = :code AND r.status IN ('submitted', 'approved')";

static const char sql_lock_row[] =
    "SELECT id, version, status FROM report WHERE unit_id = :unit AND period_id = :period";

static const char sql_insert[] =
    "INSERT INTO report (unit_id, period_id, status, version, updated_at, updated_by) "
    "VALUES (:unit, :period, 'draft', 0, :now, :user)";

static const char sql_touch[] =
    "UPDATE report SET version = version + 1, updated_at = :now, updated_by = :user, "
    "explanation = COALESCE(:explanation, explanation) WHERE id = :id";

static const char sql_submit[] =
    "UPDATE report SET status = 'submitted', submitted_at = :now WHERE id = :id";

static const char sql_event[] = "INSERT INTO report_event (report_id, action, reason, user_id, at) "
                                "VALUES (:id, :action, :reason, :user, :now)";

static const char sql_approve[] =
    "UPDATE report SET status = 'approved', approved_at = :now, version = version + 1, "
    "updated_at = :now, updated_by = :user WHERE id = :id";

static const char sql_send_back[] =
    "UPDATE report SET status = 'returned', return_reason = :reason, approved_at = NULL, "
    "version = version + 1, updated_at = :now, updated_by = :user WHERE id = :id";

static const char sql_old_value[] =
    "SELECT raw FROM report_value WHERE report_id = :id AND element_id = :element";

/*
** The values a save sets and the audit rows of all it changes go in
** batches of BATCH_ROWS, one statement each (a statement per value
** cost SQLite more than the rows themselves): a VALUES list of anonymous
** parameters after the named ones, rows past the batch's end left NULL
** and skipped. See struct save_batch.
*/
#define BATCH_ROWS 32
#define TWICE(row) row ", " row
#define BATCH_OF(row) TWICE(TWICE(TWICE(TWICE(TWICE(row))))) /* BATCH_ROWS times */

/* rows (element_id, raw, num): each value changed in place, or set the
** first time (an upsert costs SQLite less than UPDATE … FROM the rows; the
** roll-up triggers see an UPDATE or an INSERT as before) */
static const char sql_set_values[] =
    "INSERT INTO report_value (report_id, element_id, raw, num) "
    "SELECT :id, column1, column2, column3 FROM (VALUES " BATCH_OF("(?, ?, ?)") ") "
    "WHERE column1 IS NOT NULL "
    "ON CONFLICT (report_id, element_id) DO UPDATE SET raw = excluded.raw, num = excluded.num";
#define SET_COLUMNS 3

static const char sql_clear_value[] =
    "DELETE FROM report_value WHERE report_id = :id AND element_id = :element";

/* rows (element_id, old_raw, new_raw, old_chained), in the form's order */
static const char sql_audit[] =
    "INSERT INTO value_audit (report_id, element_id, old_raw, new_raw, user_id, at, old_chained) "
    "SELECT :id, column1, column2, column3, :user, :now, column4 FROM (VALUES "
    BATCH_OF("(?, ?, ?, ?)") ") WHERE column1 IS NOT NULL";
#define AUDIT_COLUMNS 4

/* Is old the new value of the last audit row of this value? Then the audit
** need not store it again (old_chained; see sql/002_storage.sql). */
static const char sql_audit_last[] =
    "SELECT new_raw IS :old FROM value_audit WHERE report_id = :id AND element_id = :element "
    "ORDER BY id DESC LIMIT 1";

enum form_scope report_scope(const char *level)
{
    return strcmp(level, "commune") == 0 ? SCOPE_COMMUNE : SCOPE_DISTRICT;
}

/* Parses the current row of st (element_id, raw) into its place in vals;
** a row without an element is skipped. */
static void parse_row(struct arena *a, const struct form *f, sqlite3_stmt *st,
                      struct form_value *vals)
{
    int i = db_is_null(st, 0) ? -1 : form_find_id(f, db_int(st, 0));
    if (i >= 0)
        form_parse(a, &f->elements[i], db_dup(a, st, 1), &vals[i]);
}

/* Reads the values of report id into vals (already zeroed), parsing each. */
static void load_values(struct arena *a, const struct form *f, int64_t id, struct form_value *vals)
{
    sqlite3_stmt *st = db_stmt(sql_values);
    if (!st)
        return;
    db_bind_int(st, ":id", id);
    while (db_step(st) == SQLITE_ROW)
        parse_row(a, f, st, vals);
}

/* Reads the report into out; see report_load. */
static int load_report(struct arena *a, const struct form *f, int64_t unit_id, int64_t period_id,
                       struct report *out)
{
    memset(out, 0, sizeof *out);
    out->unit_id = unit_id;
    out->period_id = period_id;
    out->status = "empty";
    out->explanation = out->return_reason = "";
    out->values = arena_alloc(a, sizeof *out->values * (size_t)f->n_elements);
    sqlite3_stmt *st = db_stmt(sql_report);
    if (!st || !out->values)
        return -1;
    db_bind_int(st, ":unit", unit_id);
    db_bind_int(st, ":period", period_id);
    if (db_step(st) != SQLITE_ROW)
        return 0;
    out->id = db_int(st, 0);
    out->status = db_dup(a, st, 1);
    out->version = db_int(st, 2);
    out->explanation = db_dup(a, st, 3);
    out->return_reason = db_dup(a, st, 4);
    out->updated_at = db_dup(a, st, 5);
    out->submitted_at = db_dup(a, st, 6);
    out->approved_at = db_dup(a, st, 7);
    db_done(st);
    load_values(a, f, out->id, out->values);
    return 0;
}

int report_load(struct arena *a, const struct form *f, int64_t unit_id, int64_t period_id,
                struct report *out)
{
    /* Outside a transaction the row and its values would be two snapshots: a
    ** save committed in between would pair one version with other values. */
    sqlite3 *db = db_handle();
    bool own = db && sqlite3_get_autocommit(db) && db_run("BEGIN") == 0;
    int rc = load_report(a, f, unit_id, period_id, out);
    if (own)
        db_run("COMMIT");
    return rc;
}

struct form_value *report_previous(struct arena *a, const struct form *f, int64_t unit_id,
                                   const struct period *p)
{
    const char *code = period_previous(a, p->code);
    sqlite3_stmt *st = code ? db_stmt(sql_previous) : NULL;
    if (!st)
        return NULL;
    db_bind_int(st, ":unit", unit_id);
    db_bind_text(st, ":code", code);
    struct form_value *vals = NULL;
    while (db_step(st) == SQLITE_ROW) {
        if (!vals && !(vals = arena_alloc(a, sizeof *vals * (size_t)f->n_elements))) {
            db_done(st);
            return NULL;
        }
        parse_row(a, f, st, vals);
    }
    return vals;
}

bool report_editable(const struct report *r, const struct period *p)
{
    if (strcmp(r->status, "returned") == 0)
        return true; /* staff sent it back with a reason: the lock yields to that */
    return !p->locked_at && (strcmp(r->status, "empty") == 0 || strcmp(r->status, "draft") == 0);
}

struct form_value *report_merge(struct arena *a, const struct form *f, const struct report *cur,
                                const char **raw)
{
    struct form_value *vals = arena_alloc(a, sizeof *vals * (size_t)f->n_elements);
    for (int i = 0; vals && i < f->n_elements; i++) {
        if (raw[i])
            form_parse(a, &f->elements[i], raw[i], &vals[i]);
        else
            vals[i] = cur->values[i];
    }
    return vals;
}

#define AUDIT_ROW_COST 64 /* bytes an audit row takes besides its text */

/* What a save writes in batches (see sql_set_values and sql_audit): the
** values set and the audit rows, at most BATCH_ROWS of each
** before they are written; strings live in the save's arena. */
struct batch_set {
    const struct form_element *e;
    const char *raw;
    bool has_num;
    int64_t num;
};

struct batch_audit {
    const struct form_element *e;
    const char *old, *raw; /* old NULL when chained; raw NULL when cleared */
    bool chained;
};

struct save_batch {
    int64_t id, user; /* the report, who saves */
    const char *now;
    int n_sets, n_audits;
    struct batch_set sets[BATCH_ROWS];
    struct batch_audit audits[BATCH_ROWS];
};

/* st, a batch statement with named parameters before its rows of columns,
** if it has room for BATCH_ROWS of them (BATCH_OF and BATCH_ROWS agree). */
static sqlite3_stmt *batch_stmt(const char *sql, int named, int columns)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (st && sqlite3_bind_parameter_count(st) != named + BATCH_ROWS * columns) {
        log_msg(LOG_ERROR, NULL, "report: BATCH_ROWS does not match %.60s…\n", sql);
        return NULL;
    }
    return st;
}

/* Writes the batch's values, then its audit rows, and empties it. 0 or -1. */
static int batch_write(struct save_batch *b)
{
    sqlite3_stmt *st;
    if (b->n_sets) {
        if (!(st = batch_stmt(sql_set_values, 1, SET_COLUMNS)))
            return -1;
        db_bind_int(st, ":id", b->id);
        for (int k = 0; k < b->n_sets; k++) {
            int at = 2 + k * SET_COLUMNS; /* after :id */
            db_bind_int_at(st, at, b->sets[k].e->id);
            db_bind_text_at(st, at + 1, b->sets[k].raw);
            if (b->sets[k].has_num)
                db_bind_int_at(st, at + 2, b->sets[k].num);
        }
        if (db_step(st) != SQLITE_DONE)
            return -1;
        b->n_sets = 0;
    }
    if (b->n_audits) {
        if (!(st = batch_stmt(sql_audit, 3, AUDIT_COLUMNS)))
            return -1;
        db_bind_int(st, ":id", b->id);
        db_bind_int(st, ":user", b->user);
        db_bind_text(st, ":now", b->now);
        for (int k = 0; k < b->n_audits; k++) {
            int at = 4 + k * AUDIT_COLUMNS; /* after :id, :user, :now */
            db_bind_int_at(st, at, b->audits[k].e->id);
            db_bind_text_at(st, at + 1, b->audits[k].old);
            db_bind_text_at(st, at + 2, b->audits[k].raw);
            db_bind_int_at(st, at + 3, b->audits[k].chained);
        }
        if (db_step(st) != SQLITE_DONE)
            return -1;
        b->n_audits = 0;
    }
    return 0;
}

/* Sets or clears one value of report b->id, recording the change; no-op
** when unchanged. The value set and the audit row go to b (written when
** full); a value cleared is deleted at once. known: the stored text when the caller knows it
** for certain (stored is then where it is, NULL for none), else NULL and it
** is read. Strings in a. Adds the bytes it stores (text and audit row) to
** *written. 0 or -1. */
static int save_value(struct arena *a, struct save_batch *b, const struct form_element *e,
                      const char *raw, const char *const *known, int64_t *written)
{
    struct form_value v, was;
    sqlite3_stmt *st;
    const char *old = known ? *known : NULL;
    if (!known) {
        if (!(st = db_stmt(sql_old_value)))
            return -1;
        db_bind_int(st, ":id", b->id);
        db_bind_int(st, ":element", e->id);
        old = db_step(st) == SQLITE_ROW ? db_dup(a, st, 0) : NULL;
        db_done(st);
    }
    bool blank = form_blank(raw);
    form_parse(a, e, old, &was);
    form_parse(a, e, raw, &v);
    bool same_number = was.ok && v.ok && e->kind != FORM_TEXT && was.num == v.num;
    if ((blank && !old) || (old && !blank && (strcmp(old, raw) == 0 || same_number)))
        return 0; /* unchanged: "1234" and "1.234" are the same count */
    if ((b->n_sets == BATCH_ROWS || b->n_audits == BATCH_ROWS) && batch_write(b) < 0)
        return -1;
    if (!blank) {
        b->sets[b->n_sets++] = (struct batch_set){e, raw, v.ok && e->kind != FORM_TEXT, v.num};
    } else {
        if (!(st = db_stmt(sql_clear_value)))
            return -1;
        db_bind_int(st, ":id", b->id);
        db_bind_int(st, ":element", e->id);
        if (db_step(st) != SQLITE_DONE)
            return -1;
    }
    /* a text's old value is the last row's new one: chain it, do not copy it */
    bool chained = false;
    if (old && strlen(old) > 64 && (st = db_stmt(sql_audit_last))) {
        db_bind_text(st, ":old", old);
        db_bind_int(st, ":id", b->id);
        db_bind_int(st, ":element", e->id);
        chained = db_step(st) == SQLITE_ROW && db_int(st, 0) == 1;
        db_done(st);
    }
    *written += AUDIT_ROW_COST + (int64_t)(blank ? 0 : strlen(raw)) +
                (chained || !old ? 0 : (int64_t)strlen(old));
    b->audits[b->n_audits++] =
        (struct batch_audit){e, chained ? NULL : old, blank ? NULL : raw, chained};
    return 0;
}

/* Writes the values ch changes to report id (see save_value). 0 or -1. */
static int save_values(const struct form *f, const struct report *cur,
                       const struct report_change *ch, int64_t id, const char *now,
                       int64_t *written)
{
    /* the values cur holds are the stored ones when the row is the one cur
    ** read at the version the change was made from (every change of a value
    ** bumps the version), or when there was no report and this save made it */
    bool known = cur->version == ch->version && (cur->id == id || cur->id == 0);
    struct arena *a = arena_new();
    struct save_batch *b = a ? arena_alloc(a, sizeof *b) : NULL;
    int rc = b ? 0 : -1;
    if (b)
        *b = (struct save_batch){.id = id, .user = ch->user_id, .now = now};
    for (int i = 0; rc == 0 && i < f->n_elements; i++)
        if (ch->raw[i])
            rc = save_value(a, b, &f->elements[i], ch->raw[i],
                            known ? &cur->values[i].raw : NULL, written);
    if (rc == 0)
        rc = batch_write(b);
    arena_free(a);
    return rc;
}

/* Finds (or creates) the report row inside the write transaction and checks
** the version and status. Returns the row id, or 0 with *res set. */
static int64_t lock_report(const struct report *cur, const struct period *p,
                           const struct report_change *ch, const char *now,
                           enum report_result *res)
{
    sqlite3_stmt *st = db_stmt(sql_lock_row);
    *res = REPORT_ERROR;
    if (!st)
        return 0;
    db_bind_int(st, ":unit", cur->unit_id);
    db_bind_int(st, ":period", p->id);
    if (db_step(st) == SQLITE_ROW) {
        int64_t id = db_int(st, 0), version = db_int(st, 1);
        struct report now_r = {.status = db_text(st, 2)};
        bool editable = report_editable(&now_r, p);
        db_done(st);
        if (!editable)
            *res = REPORT_LOCKED;
        else if (version != ch->version)
            *res = REPORT_STALE;
        return *res == REPORT_ERROR ? id : 0;
    }
    if (ch->version != 0) {
        *res = REPORT_STALE;
        return 0;
    }
    if (p->locked_at) {
        *res = REPORT_LOCKED;
        return 0;
    }
    st = db_stmt(sql_insert);
    if (!st)
        return 0;
    db_bind_int(st, ":unit", cur->unit_id);
    db_bind_int(st, ":period", p->id);
    db_bind_text(st, ":now", now);
    db_bind_int(st, ":user", ch->user_id);
    return db_step(st) == SQLITE_DONE ? db_last_id() : 0;
}

static int record_event(int64_t id, const char *action, const char *reason, int64_t user,
                        const char *now)
{
    sqlite3_stmt *st = db_stmt(sql_event);
    if (!st)
        return -1;
    db_bind_int(st, ":id", id);
    db_bind_text(st, ":action", action);
    db_bind_text(st, ":reason", reason ? reason : "");
    db_bind_int(st, ":user", user);
    db_bind_text(st, ":now", now);
    return db_step(st) == SQLITE_DONE ? 0 : -1;
}

/*
** The write budget of each account: a token bucket of bytes, BUDGET_BURST
** full, refilled at budget_rate bytes a second; each save costs SAVE_COST plus
** the bytes of text it stored, taken after the save (the bucket may go below
** zero), and a save is refused while the bucket is empty. A person typing
** never meets it; a script rewriting a 20,000-character narrative in a loop
** is slowed to what the disk can take. $ECDREPORT_WRITE_LIMIT_KBPS changes
** the rate (0: no limit). A save of 25 changed numbers costs about 2 KB.
*/
#define BUDGET_BURST (2.0 * 1024 * 1024)
#define SAVE_COST 128
#define BUDGET_SLOTS 1024

struct budget {
    int64_t user;
    double level;
    int64_t at_ms;
};

static struct budget budgets[BUDGET_SLOTS];
static pthread_mutex_t budget_lock = PTHREAD_MUTEX_INITIALIZER;
static double budget_rate = -1; /* bytes a second; -1 until read */

static int64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The bucket of user, refilled to now; budget_lock held. */
static struct budget *budget_of(int64_t user)
{
    int64_t now = mono_ms();
    if (budget_rate < 0) {
        const char *v = getenv("ECDREPORT_WRITE_LIMIT_KBPS");
        budget_rate = (v && *v ? atof(v) : 8) * 1024;
    }
    struct budget *b = NULL;
    for (int k = 0; k < 8 && !b; k++) { /* its slot, or one whose bucket is full again */
        struct budget *s = &budgets[(uint64_t)(user + k) % BUDGET_SLOTS];
        double level = s->level + (double)(now - s->at_ms) / 1000.0 * budget_rate;
        if (s->user == user || s->user == 0 || level >= BUDGET_BURST)
            b = s;
    }
    if (!b)
        b = &budgets[(uint64_t)user % BUDGET_SLOTS]; /* shared for a while: rare */
    if (b->user != user)
        *b = (struct budget){.user = user, .level = BUDGET_BURST, .at_ms = now};
    b->level += (double)(now - b->at_ms) / 1000.0 * budget_rate;
    if (b->level > BUDGET_BURST)
        b->level = BUDGET_BURST;
    b->at_ms = now;
    return b;
}

/* May user write now? Otherwise *wait_s is when to try again. */
static bool budget_allows(int64_t user, int *wait_s)
{
    pthread_mutex_lock(&budget_lock);
    struct budget *b = budget_of(user);
    bool ok = budget_rate == 0 || b->level > 0;
    *wait_s = ok ? 0 : 1 + (int)(-b->level / budget_rate);
    pthread_mutex_unlock(&budget_lock);
    return ok;
}

static void budget_take(int64_t user, int64_t bytes)
{
    pthread_mutex_lock(&budget_lock);
    budget_of(user)->level -= (double)(SAVE_COST + bytes);
    pthread_mutex_unlock(&budget_lock);
}

enum report_result report_save(const struct form *f, const struct report *cur,
                               const struct period *p, const struct report_change *ch)
{
    char now[32];
    enum report_result res = REPORT_ERROR;
    int64_t written = 0;
    int wait_s;
    if (!budget_allows(ch->user_id, &wait_s)) {
        if (ch->retry_after)
            *ch->retry_after = wait_s;
        return REPORT_LIMITED;
    }
    fmt_now_utc(now);
    if (db_write_begin() < 0)
        return REPORT_ERROR;
    int64_t id = lock_report(cur, p, ch, now, &res);
    if (!id)
        goto fail;
    res = REPORT_ERROR;
    if (save_values(f, cur, ch, id, now, &written) < 0)
        goto fail;
    sqlite3_stmt *st = db_stmt(sql_touch);
    if (!st)
        goto fail;
    db_bind_text(st, ":now", now);
    db_bind_int(st, ":user", ch->user_id);
    db_bind_text(st, ":explanation", ch->explanation);
    db_bind_int(st, ":id", id);
    if (db_step(st) != SQLITE_DONE)
        goto fail;
    if (ch->submit) {
        st = db_stmt(sql_submit);
        if (!st)
            goto fail;
        db_bind_text(st, ":now", now);
        db_bind_int(st, ":id", id);
        if (db_step(st) != SQLITE_DONE || record_event(id, "submit", "", ch->user_id, now) < 0)
            goto fail;
    }
    if (ch->saved && load_report(ch->arena, f, cur->unit_id, p->id, ch->saved) < 0)
        goto fail;
    if (db_write_commit() < 0)
        return REPORT_ERROR;
    budget_take(ch->user_id, written);
    return REPORT_OK;
fail:
    db_write_rollback();
    return res;
}

const char *report_step_name(enum report_step step)
{
    switch (step) {
    case REPORT_APPROVE:
        return "approve";
    case REPORT_RETURN:
        return "return";
    case REPORT_REOPEN:
        return "reopen";
    }
    return "";
}

/* Inside the write transaction: the id of the report of unit_id for p if its
** status allows step and its version matches (-1: any), else 0 with *res set. */
static int64_t lock_for_review(int64_t unit_id, const struct period *p, enum report_step step,
                               int64_t version, enum report_result *res)
{
    sqlite3_stmt *st = db_stmt(sql_lock_row);
    *res = REPORT_ERROR;
    if (!st)
        return 0;
    db_bind_int(st, ":unit", unit_id);
    db_bind_int(st, ":period", p->id);
    if (db_step(st) != SQLITE_ROW) {
        *res = REPORT_LOCKED;
        return 0;
    }
    int64_t id = db_int(st, 0), have = db_int(st, 1);
    const char *want = step == REPORT_REOPEN ? "approved" : "submitted";
    bool right_status = strcmp(db_text(st, 2), want) == 0;
    db_done(st);
    if (version >= 0 && version != have)
        *res = REPORT_STALE;
    else if (!right_status)
        *res = REPORT_LOCKED;
    else
        return id;
    return 0;
}

enum report_result report_review(int64_t unit_id, const struct period *p, enum report_step step,
                                 const char *reason, int64_t version, int64_t user_id)
{
    char now[32];
    enum report_result res = REPORT_ERROR;
    fmt_now_utc(now);
    if (db_write_begin() < 0)
        return REPORT_ERROR;
    int64_t id = lock_for_review(unit_id, p, step, version, &res);
    if (!id)
        goto fail;
    res = REPORT_ERROR;
    sqlite3_stmt *st = db_stmt(step == REPORT_APPROVE ? sql_approve : sql_send_back);
    if (!st)
        goto fail;
    db_bind_text(st, ":now", now);
    db_bind_int(st, ":user", user_id);
    db_bind_int(st, ":id", id);
    if (step != REPORT_APPROVE)
        db_bind_text(st, ":reason", reason ? reason : "");
    if (db_step(st) != SQLITE_DONE ||
        record_event(id, report_step_name(step), reason, user_id, now) < 0)
        goto fail;
    return db_write_commit() == 0 ? REPORT_OK : REPORT_ERROR;
fail:
    db_write_rollback();
    return res;
}

/* An issue's message with the label of its first row in front, in msg. */
static const char *issue_message(char msg[4096], const struct form *f, const struct form_issue *is,
                                 bool for_commune)
{
    const char *part[] = {form_label(&f->elements[is->elements[0]], for_commune), ": ",
                          is->message};
    size_t n = 0;
    for (int k = 0; k < 3; k++) { /* at most 4095 bytes, where snprintf would cut */
        size_t len = strnlen(part[k], 4095 - n);
        memcpy(msg + n, part[k], len);
        n += len;
    }
    msg[n] = 0;
    return msg;
}

/* One issue as the API shows it, written to o. */
static void write_issue(struct jsonout *o, const struct form *f, const struct form_issue *is,
                        bool for_commune)
{
    char msg[4096];
    jsonout_begin_object(o);
    jsonout_key(o, "severity");
    jsonout_string(o, is->is_error ? "error" : "warning");
    jsonout_key(o, "elements");
    jsonout_begin_array(o);
    for (int k = 0; k < is->n_elements; k++)
        jsonout_string(o, f->elements[is->elements[k]].code);
    jsonout_end_array(o);
    jsonout_key(o, "message");
    jsonout_string(o, issue_message(msg, f, is, for_commune));
    jsonout_end_object(o);
}

/* write_issue's text read back: one shape for both (it serves error answers only) */
json_t *report_issue_json(const struct form *f, const struct form_issue *is, bool for_commune)
{
    struct jsonout o = {0};
    size_t len;
    write_issue(&o, f, is, for_commune);
    char *text = jsonout_finish(&o, &len);
    json_t *v = text ? json_loadb(text, len, 0, NULL) : NULL;
    free(text);
    return v;
}

/* The "values" object: each valid value of scope as an integer, boolean or
** string by its element's kind. */
static void write_values(struct jsonout *o, const struct form *f, enum form_scope scope,
                         const struct report *r)
{
    jsonout_begin_object(o);
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        const struct form_value *v = &r->values[i];
        if (e->scope != scope || !v->ok)
            continue;
        jsonout_key(o, e->code);
        if (e->kind == FORM_YESNO)
            jsonout_bool(o, v->num);
        else if (e->kind == FORM_TEXT)
            jsonout_string(o, v->raw);
        else
            jsonout_integer(o, v->num);
    }
    jsonout_end_object(o);
}

/* The "ratios" object: each ratio row of scope, null without both values. */
static void write_ratios(struct jsonout *o, const struct form *f, enum form_scope scope,
                         const struct report *r)
{
    jsonout_begin_object(o);
    for (int i = 0; i < f->n_elements; i++) {
        int64_t num, den;
        if (f->elements[i].scope != scope || f->elements[i].denominator < 0)
            continue;
        jsonout_key(o, f->elements[i].code);
        if (form_ratio(f, r->values, i, &num, &den) && den > 0)
            jsonout_real(o, (double)num / (double)den);
        else
            jsonout_null(o);
    }
    jsonout_end_object(o);
}

/* The "typed" object: what was typed for each value of scope that does not parse. */
static void write_typed(struct jsonout *o, const struct form *f, enum form_scope scope,
                        const struct report *r)
{
    jsonout_begin_object(o);
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_value *v = &r->values[i];
        if (f->elements[i].scope != scope || v->ok || form_blank(v->raw))
            continue;
        jsonout_key(o, f->elements[i].code);
        jsonout_string(o, v->raw);
    }
    jsonout_end_object(o);
}

void report_write(struct jsonout *o, const struct form *f, const struct unit *u,
                  const struct period *p, const struct report *r, const struct form_issues *issues)
{
    enum form_scope scope = report_scope(u->level);
    jsonout_begin_object(o);
    jsonout_key(o, "unit");
    jsonout_string(o, u->code);
    jsonout_key(o, "unit_name");
    jsonout_string(o, u->name);
    jsonout_key(o, "period");
    jsonout_string(o, p->code);
    jsonout_key(o, "status");
    jsonout_string(o, r->status);
    jsonout_key(o, "values");
    write_values(o, f, scope, r);
    jsonout_key(o, "ratios");
    write_ratios(o, f, scope, r);
    jsonout_key(o, "typed");
    write_typed(o, f, scope, r);
    jsonout_key(o, "issues");
    jsonout_begin_array(o);
    for (int k = 0; issues && k < issues->n; k++)
        write_issue(o, f, &issues->items[k], scope == SCOPE_COMMUNE);
    jsonout_end_array(o);
    jsonout_key(o, "updated_at");
    jsonout_string(o, r->updated_at);
    jsonout_key(o, "version");
    jsonout_integer(o, r->version);
    jsonout_key(o, "explanation");
    jsonout_string(o, r->explanation);
    jsonout_key(o, "return_reason");
    jsonout_string(o, r->return_reason);
    jsonout_end_object(o);
}
