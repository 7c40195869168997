/*
** Roll-ups and indicators; see rollup.h.
*/
#include "rollup.h"
#include "db.h"
#include "fmt.h"
#include "form.h"
#include "jsonout.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Unit u (an SQL alias) valid at some time in the period [:start, :end]. */
#define VALID_IN(u)                                                                       \
    "(" u ".valid_from IS NULL OR " u ".valid_from <= :end) AND (" u ".valid_to IS NULL " \
    "OR " u ".valid_to >= :start)"

/* Report r counts in the roll-up (NULL when there is no report). */
#define COUNTS(r) \
    "(" r ".status = 'approved' OR (" r ".status = 'submitted' AND :only_approved = 0))"

#define SENT(r) r ".status IN ('submitted', 'approved')"

/* Late: sent after the due date in Vietnam's time (UTC+7), that is at or
** after 17:00 UTC on the due date (:late_from; timestamps are ISO UTC text,
** compared as text), or not sent and the due date is past. */
#define LATE(r)                                                                  \
    "CASE WHEN " SENT(r) " THEN " r ".submitted_at >= :late_from ELSE :today > :due END"

/* The sums and counts are kept up to date by the triggers of
** sql/005_national.sql (rollup_sum, rollup_tally), so a table reads a few
** rows whatever the number of communes below the unit. */
#define TALLY_COLS                                                                  \
    "COALESCE(y.expected, 0), "                                                    \
    "COALESCE(CASE WHEN :only_approved THEN y.included_approved ELSE y.included_all END, 0), " \
    "COALESCE(y.sent, 0), COALESCE(y.sent_late, 0)"

static const char sql_count[] =
    "SELECT " TALLY_COLS " FROM (SELECT 1) LEFT JOIN rollup_tally y "
    "ON y.unit_id = :unit AND y.period_id = :period";

static const char sql_children[] =
    "SELECT cu.id, cu.code, cu.name, cu.kind, cu.level, cu.parent_id, cu.valid_from, "
    "cu.valid_to, COALESCE(cr.status, 'empty'), cr.submitted_at, " TALLY_COLS
    " FROM unit cu LEFT JOIN report cr ON cr.unit_id = cu.id AND cr.period_id = :period "
    "LEFT JOIN rollup_tally y ON y.unit_id = cu.id AND y.period_id = :period "
    "WHERE cu.parent_id = :unit AND " VALID_IN("cu") " ORDER BY cu.code";

static const char sql_sums[] =
    "SELECT element_id, CASE WHEN :only_approved THEN sum_approved ELSE sum_all END, "
    "CASE WHEN :only_approved THEN n_approved ELSE n_all END "
    "FROM rollup_sum WHERE unit_id = :unit AND period_id = :period";

static const char sql_child_sums[] =
    "SELECT cu.id, s.element_id, CASE WHEN :only_approved THEN s.sum_approved ELSE s.sum_all END, "
    "CASE WHEN :only_approved THEN s.n_approved ELSE s.n_all END "
    "FROM unit cu JOIN rollup_sum s ON s.unit_id = cu.id AND s.period_id = :period "
    "WHERE cu.parent_id = :unit ORDER BY cu.id";

/* The communes first, their parents' names only for those listed. */
static const char sql_missing[] =
    "SELECT x.code, x.name, COALESCE(pu.name, ''), x.status, x.counted, x.late FROM ("
    "SELECT m.code, m.name, m.parent_id, COALESCE(r.status, 'empty') AS status, "
    "COALESCE(" COUNTS("r") ", 0) AS counted, " LATE("r") " AS late"
    " FROM unit_tree t JOIN unit m ON m.id = t.unit_id "
    "LEFT JOIN report r ON r.unit_id = m.id AND r.period_id = :period "
    "WHERE t.ancestor_id = :unit AND m.level = 'commune' AND " VALID_IN("m") ") x "
    "LEFT JOIN unit pu ON pu.id = x.parent_id WHERE NOT x.counted OR x.late ORDER BY x.code";

static const char sql_texts[] =
    "SELECT m.name, v.raw FROM unit_tree t "
    "JOIN unit m ON m.id = t.unit_id AND m.level = 'commune' "
    "JOIN report r ON r.unit_id = m.id AND r.period_id = :period "
    "JOIN report_value v ON v.report_id = r.id "
    "JOIN form_element e ON e.id = v.element_id AND e.kind = 'text' "
    "WHERE t.ancestor_id = :unit AND t.depth = 1 AND " COUNTS("r") " ORDER BY m.code, e.position";

static const char sql_indicators[] =
    "SELECT code, name, kind, numerator_code, denominator_code FROM indicator "
    "WHERE form_id = :form ORDER BY position, code";

/* Targets of the plans of the unit, of its ancestors and of the country, for
** the period's year or the nearest later year of each plan; the country's
** first, then from the top of the tree down. */
static const char sql_targets[] =
    "SELECT i.code, p.name, p.doc_number, COALESCE(pu.name, 'Toàn quốc'), t.year, t.op, t.value "
    "FROM target t JOIN plan p ON p.id = t.plan_id JOIN indicator i ON i.id = t.indicator_id "
    "LEFT JOIN unit pu ON pu.id = p.unit_id "
    "WHERE i.form_id = :form AND (p.unit_id IS NULL OR p.unit_id IN "
    "  (SELECT ancestor_id FROM unit_tree WHERE unit_id = :unit)) "
    "AND t.year = (SELECT MIN(t2.year) FROM target t2 WHERE t2.plan_id = t.plan_id "
    "  AND t2.indicator_id = t.indicator_id AND t2.year >= :year) "
    "ORDER BY i.position, COALESCE((SELECT depth FROM unit_tree WHERE ancestor_id = p.unit_id "
    "  AND unit_id = :unit), 99) DESC, t.year, p.id";

/* Does st have the parameter name? */
static bool has_param(sqlite3_stmt *st, const char *name)
{
    return sqlite3_bind_parameter_index(st, name) > 0;
}

/* Binds what every roll-up statement may use; names a statement lacks are not
** bound (db_bind_* refuses them). */
static void bind_common(sqlite3_stmt *st, const struct unit *u, const struct period *p,
                        bool only_approved)
{
    char today[16];
    db_bind_int(st, ":unit", u->id);
    db_bind_int(st, ":period", p->id);
    if (has_param(st, ":only_approved"))
        db_bind_int(st, ":only_approved", only_approved);
    if (has_param(st, ":start")) {
        db_bind_text(st, ":start", p->start);
        db_bind_text(st, ":end", p->end);
    }
    if (has_param(st, ":due")) {
        char late_from[32];
        snprintf(late_from, sizeof late_from, "%.10sT17:00:00Z", p->due);
        db_bind_text(st, ":due", p->due);
        db_bind_text(st, ":late_from", late_from);
        db_bind_text(st, ":today", fmt_today_vn(today));
    }
}

/* Reads columns first..first+3 of st (TALLY_COLS) as counts: late is the
** communes sent after the due date, plus those not sent once it is past. */
static void read_count(sqlite3_stmt *st, int first, const struct period *p,
                       struct rollup_count *c)
{
    char today[16];
    c->expected = (int)db_int(st, first);
    c->included = (int)db_int(st, first + 1);
    c->sent = (int)db_int(st, first + 2);
    c->late = (int)db_int(st, first + 3);
    if (strcmp(fmt_today_vn(today), p->due) > 0)
        c->late += c->expected - c->sent;
}

/* Zeroed sums for f, in a. 0 or -1. */
static int sums_new(struct arena *a, const struct form *f, struct rollup_sums *s)
{
    s->sum = arena_alloc(a, sizeof *s->sum * (size_t)f->n_elements);
    s->has = arena_alloc(a, sizeof *s->has * (size_t)f->n_elements);
    return s->sum && s->has ? 0 : -1;
}

/* Adds one (element id, sum, count) row of st, from column first, to s. */
static void add_sum(const struct form *f, sqlite3_stmt *st, int first, struct rollup_sums *s)
{
    int i = form_find_id(f, db_int(st, first));
    if (i < 0 || db_int(st, first + 2) == 0)
        return;
    s->sum[i] = db_int(st, first + 1);
    s->has[i] = true;
}

int rollup_load(struct arena *a, const struct form *f, const struct unit *u,
                const struct period *p, bool only_approved, struct rollup *out)
{
    memset(out, 0, sizeof *out);
    out->unit = *u;
    out->period = p;
    out->only_approved = only_approved;
    sqlite3_stmt *st = db_stmt(sql_count);
    if (!st || sums_new(a, f, &out->sums) < 0)
        return -1;
    bind_common(st, u, p, only_approved);
    if (db_step(st) != SQLITE_ROW)
        return -1;
    read_count(st, 0, p, &out->count);
    db_done(st);
    if (!(st = db_stmt(sql_sums)))
        return -1;
    bind_common(st, u, p, only_approved);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW)
        add_sum(f, st, 0, &out->sums);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Index of the child with that unit id; hint is the last one found. */
static int child_index(const struct rollup_child *c, int n, int64_t id, int hint)
{
    if (hint >= 0 && hint < n && c[hint].unit.id == id)
        return hint;
    for (int k = 0; k < n; k++)
        if (c[k].unit.id == id)
            return k;
    return -1;
}

/* Reads the children of u (units valid in p, with counts) into *out. */
static int load_children(struct arena *a, const struct form *f, const struct unit *u,
                         const struct period *p, bool only_approved, struct rollup_child **out)
{
    sqlite3_stmt *st = db_stmt(sql_children);
    int n = 0, cap = 32, rc;
    struct rollup_child *c = arena_alloc(a, sizeof *c * (size_t)cap);
    if (!st || !c)
        return -1;
    bind_common(st, u, p, only_approved);
    while ((rc = db_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            struct rollup_child *more = arena_alloc(a, sizeof *more * (size_t)cap * 2);
            if (!more) {
                db_done(st);
                return -1;
            }
            memcpy(more, c, sizeof *c * (size_t)n);
            c = more, cap *= 2;
        }
        struct rollup_child *ch = &c[n++];
        ch->unit = (struct unit){.id = db_int(st, 0), .code = db_dup(a, st, 1),
                                 .name = db_dup(a, st, 2), .kind = db_dup(a, st, 3),
                                 .level = db_dup(a, st, 4), .parent_id = db_int(st, 5),
                                 .valid_from = db_dup(a, st, 6), .valid_to = db_dup(a, st, 7)};
        ch->status = db_dup(a, st, 8);
        ch->submitted_at = db_dup(a, st, 9);
        read_count(st, 10, p, &ch->count);
        if (sums_new(a, f, &ch->sums) < 0) {
            db_done(st);
            return -1;
        }
    }
    *out = c;
    return rc == SQLITE_DONE ? n : -1;
}

int rollup_children(struct arena *a, const struct form *f, const struct unit *u,
                    const struct period *p, bool only_approved, struct rollup_child **out)
{
    int n = load_children(a, f, u, p, only_approved, out);
    sqlite3_stmt *st = n > 0 ? db_stmt(sql_child_sums) : NULL;
    if (!st)
        return n > 0 ? -1 : n;
    bind_common(st, u, p, only_approved);
    int rc, k = -1;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        k = child_index(*out, n, db_int(st, 0), k);
        if (k >= 0)
            add_sum(f, st, 1, &(*out)[k].sums);
    }
    return rc == SQLITE_DONE ? n : -1;
}

int rollup_children_counts(struct arena *a, const struct form *f, const struct unit *u,
                           const struct period *p, struct rollup_child **out)
{
    return load_children(a, f, u, p, false, out);
}

int rollup_missing(struct arena *a, const struct unit *u, const struct period *p,
                   bool only_approved, struct rollup_missing **out)
{
    if (strcmp(u->level, "country") == 0) {
        *out = NULL; /* thousands of communes: each province's table lists its own */
        return 0;
    }
    sqlite3_stmt *st = db_stmt(sql_missing);
    int n = 0, cap = 16, rc;
    struct rollup_missing *m = arena_alloc(a, sizeof *m * (size_t)cap);
    if (!st || !m)
        return -1;
    bind_common(st, u, p, only_approved);
    while ((rc = db_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            struct rollup_missing *more = arena_alloc(a, sizeof *more * (size_t)cap * 2);
            if (!more) {
                db_done(st);
                return -1;
            }
            memcpy(more, m, sizeof *m * (size_t)n);
            m = more, cap *= 2;
        }
        m[n++] = (struct rollup_missing){.code = db_dup(a, st, 0), .name = db_dup(a, st, 1),
                                         .parent_name = db_dup(a, st, 2),
                                         .status = db_dup(a, st, 3),
                                         .counted = db_int(st, 4) != 0,
                                         .late = db_int(st, 5) != 0};
    }
    *out = m;
    return rc == SQLITE_DONE ? n : -1;
}

int rollup_texts(struct arena *a, const struct unit *u, const struct period *p,
                 bool only_approved, struct rollup_text **out)
{
    sqlite3_stmt *st = db_stmt(sql_texts);
    int n = 0, cap = 16, rc;
    struct rollup_text *t = arena_alloc(a, sizeof *t * (size_t)cap);
    if (!st || !t)
        return -1;
    bind_common(st, u, p, only_approved);
    while ((rc = db_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            struct rollup_text *more = arena_alloc(a, sizeof *more * (size_t)cap * 2);
            if (!more) {
                db_done(st);
                return -1;
            }
            memcpy(more, t, sizeof *t * (size_t)n);
            t = more, cap *= 2;
        }
        t[n++] = (struct rollup_text){.unit_name = db_dup(a, st, 0), .text = db_dup(a, st, 1)};
    }
    *out = t;
    return rc == SQLITE_DONE ? n : -1;
}

bool rollup_has_ratio(const struct form *f, int i)
{
    return f->elements[i].denominator >= 0 || f->elements[i].kind == FORM_YESNO;
}

bool rollup_ratio(const struct form *f, const struct rollup_sums *s, int expected, int i,
                  int64_t *num, int64_t *den)
{
    const struct form_element *e = &f->elements[i];
    *num = s->sum[i];
    if (e->kind == FORM_YESNO) {
        *den = expected;
        return true;
    }
    if (e->denominator < 0)
        return false;
    *den = s->sum[e->denominator];
    return s->has[i] && s->has[e->denominator];
}

/* The values of sums as {code: integer}, leaving out rows without a value. */
static void write_values(struct jsonout *o, const struct form *f, const struct rollup_sums *s)
{
    jsonout_begin_object(o);
    for (int i = 0; i < f->n_elements; i++)
        if (s->has[i] && f->elements[i].kind != FORM_TEXT) {
            jsonout_key(o, f->elements[i].code);
            jsonout_integer(o, s->sum[i]);
        }
    jsonout_end_object(o);
}

/* v as a number, or null. */
static void write_int_or_null(struct jsonout *o, bool has, int64_t v)
{
    if (has)
        jsonout_integer(o, v);
    else
        jsonout_null(o);
}

/* The rows of the table: every element but text, with value and ratio. */
static void write_rows(struct jsonout *o, const struct form *f, const struct rollup *r)
{
    jsonout_begin_array(o);
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        if (e->kind == FORM_TEXT)
            continue;
        int64_t num, den;
        bool has_ratio = rollup_ratio(f, &r->sums, r->count.expected, i, &num, &den);
        jsonout_begin_object(o);
        jsonout_key(o, "code");
        jsonout_string(o, e->code);
        jsonout_key(o, "label");
        jsonout_string(o, e->label);
        jsonout_key(o, "scope");
        jsonout_string(o, e->scope == SCOPE_COMMUNE ? "commune" : "district");
        jsonout_key(o, "value");
        write_int_or_null(o, r->sums.has[i] || e->kind == FORM_YESNO, r->sums.sum[i]);
        jsonout_key(o, "denominator");
        jsonout_string(o, e->denominator >= 0 ? f->elements[e->denominator].code : NULL);
        jsonout_key(o, "denominator_value");
        write_int_or_null(o, has_ratio, den);
        jsonout_key(o, "ratio");
        if (has_ratio && den > 0)
            jsonout_real(o, (double)num / (double)den);
        else
            jsonout_null(o);
        jsonout_end_object(o);
    }
    jsonout_end_array(o);
}

/* The counts: included, expected, and sent and late when sent_late. */
static void write_counts(struct jsonout *o, const struct rollup_count *c, bool sent_late)
{
    jsonout_key(o, "included");
    jsonout_integer(o, c->included);
    jsonout_key(o, "expected");
    jsonout_integer(o, c->expected);
    if (!sent_late)
        return;
    jsonout_key(o, "sent");
    jsonout_integer(o, c->sent);
    jsonout_key(o, "late");
    jsonout_integer(o, c->late);
}

/* One child as the roll-up lists it. */
static void write_child(struct jsonout *o, const struct form *f, const struct rollup_child *c)
{
    jsonout_begin_object(o);
    jsonout_key(o, "code");
    jsonout_string(o, c->unit.code);
    jsonout_key(o, "name");
    jsonout_string(o, c->unit.name);
    jsonout_key(o, "level");
    jsonout_string(o, c->unit.level);
    jsonout_key(o, "status");
    jsonout_string(o, c->status);
    write_counts(o, &c->count, true);
    jsonout_key(o, "values");
    write_values(o, f, &c->sums);
    jsonout_end_object(o);
}

/* The missing communes, or (late) those counted but sent late. */
static void write_missing(struct jsonout *o, const struct rollup_missing *missing, int n,
                          bool late)
{
    jsonout_begin_array(o);
    for (int k = 0; k < n; k++) {
        if (missing[k].counted != late)
            continue;
        jsonout_begin_object(o);
        jsonout_key(o, "code");
        jsonout_string(o, missing[k].code);
        jsonout_key(o, "name");
        jsonout_string(o, missing[k].name);
        jsonout_key(o, "status");
        jsonout_string(o, missing[k].status);
        jsonout_key(o, "late");
        jsonout_bool(o, missing[k].late);
        jsonout_end_object(o);
    }
    jsonout_end_array(o);
}

void rollup_write(struct jsonout *o, const struct form *f, const struct rollup *r,
                  const struct rollup_child *children, int n_children,
                  const struct rollup_missing *missing, int n_missing)
{
    jsonout_begin_object(o);
    jsonout_key(o, "unit");
    jsonout_string(o, r->unit.code);
    jsonout_key(o, "unit_name");
    jsonout_string(o, r->unit.name);
    jsonout_key(o, "level");
    jsonout_string(o, r->unit.level);
    jsonout_key(o, "period");
    jsonout_string(o, r->period->code);
    jsonout_key(o, "only_approved");
    jsonout_bool(o, r->only_approved);
    write_counts(o, &r->count, true);
    jsonout_key(o, "rows");
    write_rows(o, f, r);
    jsonout_key(o, "children");
    jsonout_begin_array(o);
    for (int k = 0; k < n_children; k++)
        write_child(o, f, &children[k]);
    jsonout_end_array(o);
    jsonout_key(o, "missing");
    write_missing(o, missing, n_missing, false);
    jsonout_key(o, "late_included");
    write_missing(o, missing, n_missing, true);
    jsonout_end_object(o);
}

/* Fills the actual value of line l from the roll-up. */
static void measure(const struct form *f, const struct rollup *r, const char *num_code,
                    const char *den_code, struct rollup_indicator *l)
{
    int n = num_code ? form_find(f, num_code) : -1;
    int d = den_code ? form_find(f, den_code) : -1;
    if (strcmp(l->kind, "yes_share") == 0 && n >= 0) {
        l->num = r->sums.sum[n];
        l->den = r->count.expected;
        l->measured = r->count.included > 0 && l->den > 0;
    } else if (strcmp(l->kind, "ratio") == 0 && n >= 0 && d >= 0) {
        l->num = r->sums.sum[n];
        l->den = r->sums.sum[d];
        l->measured = r->sums.has[n] && r->sums.has[d] && l->den > 0;
    }
}

/* Is the measured line at its target? Compared exactly: num/den op target. */
static bool target_met(const struct rollup_indicator *l)
{
    double actual = (double)l->num / (double)l->den;
    return strcmp(l->op, "<=") == 0 ? actual <= l->target + 1e-12 : actual >= l->target - 1e-12;
}

/* Appends a copy of l to the growing array *v (count *n, capacity *cap). */
static int push_line(struct arena *a, struct rollup_indicator **v, int *n, int *cap,
                     const struct rollup_indicator *l)
{
    if (*n == *cap) {
        struct rollup_indicator *more = arena_alloc(a, sizeof *more * (size_t)(*cap * 2 + 8));
        if (!more)
            return -1;
        if (*n)
            memcpy(more, *v, sizeof *more * (size_t)*n);
        *v = more, *cap = *cap * 2 + 8;
    }
    (*v)[(*n)++] = *l;
    return 0;
}

/* The targets for r's unit and year, as lines without actual values. */
static int load_targets(struct arena *a, const struct form *f, const struct rollup *r,
                        struct rollup_indicator **out)
{
    sqlite3_stmt *st = db_stmt(sql_targets);
    int n = 0, cap = 0, rc;
    *out = NULL;
    if (!st)
        return -1;
    db_bind_int(st, ":form", f->id);
    db_bind_int(st, ":unit", r->unit.id);
    db_bind_int(st, ":year", atoi(r->period->code));
    while ((rc = db_step(st)) == SQLITE_ROW) {
        const char *doc = db_text(st, 2);
        struct rollup_indicator l = {
            .code = db_dup(a, st, 0),
            .plan = doc && *doc ? arena_printf(a, "%s (%s)", db_text(st, 1), doc)
                                : db_dup(a, st, 1),
            .plan_unit = db_dup(a, st, 3), .year = (int)db_int(st, 4), .op = db_dup(a, st, 5),
            .target = sqlite3_column_double(st, 6), .has_target = true};
        if (push_line(a, out, &n, &cap, &l) < 0) {
            db_done(st);
            return -1;
        }
    }
    return rc == SQLITE_DONE ? n : -1;
}

int rollup_indicators(struct arena *a, const struct form *f, const struct rollup *r,
                      struct rollup_indicator **out)
{
    struct rollup_indicator *targets, *lines = NULL;
    int n_targets = load_targets(a, f, r, &targets), n = 0, cap = 0, rc;
    sqlite3_stmt *st = n_targets >= 0 ? db_stmt(sql_indicators) : NULL;
    if (!st)
        return -1;
    db_bind_int(st, ":form", f->id);
    while ((rc = db_step(st)) == SQLITE_ROW) {
        struct rollup_indicator base = {.code = db_dup(a, st, 0), .name = db_dup(a, st, 1),
                                        .kind = db_dup(a, st, 2)};
        measure(f, r, db_text(st, 3), db_text(st, 4), &base);
        bool any = false;
        for (int k = 0; k < n_targets; k++) {
            if (strcmp(targets[k].code, base.code) != 0)
                continue;
            struct rollup_indicator l = base;
            l.plan = targets[k].plan, l.plan_unit = targets[k].plan_unit;
            l.year = targets[k].year, l.op = targets[k].op, l.target = targets[k].target;
            l.has_target = any = true;
            l.met = l.measured && target_met(&l);
            if (push_line(a, &lines, &n, &cap, &l) < 0)
                goto fail;
        }
        if (!any && push_line(a, &lines, &n, &cap, &base) < 0)
            goto fail;
    }
    *out = lines;
    return rc == SQLITE_DONE ? n : -1;
fail:
    db_done(st);
    return -1;
}

json_t *rollup_indicators_json(const struct rollup_indicator *lines, int n)
{
    json_t *list = json_array();
    for (int k = 0; k < n; k++) {
        const struct rollup_indicator *l = &lines[k];
        json_array_append_new(
            list,
            json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "code", l->code,
                      "name", l->name, "kind", l->kind, "plan",
                      l->plan ? json_string(l->plan) : json_null(), "plan_unit",
                      l->plan_unit ? json_string(l->plan_unit) : json_null(), "year",
                      l->has_target ? json_integer(l->year) : json_null(), "target",
                      l->has_target ? json_real(l->target) : json_null(), "actual",
                      l->measured ? json_real((double)l->num / (double)l->den) : json_null(),
                      "met", l->measured && l->has_target ? json_boolean(l->met) : json_null(),
                      "op", l->has_target ? json_string(l->op) : json_null()));
    }
    return list;
}

/* Regrouping by the new communes (rollup_regroup). */

/* The group of commune m: the commune it merged into when it has exactly one
** successor, else m itself. */
#define SUCCESSOR(m)                                                   \
    "COALESCE((SELECT CASE WHEN COUNT(*) = 1 THEN MIN(s.new_unit_id) END " \
    "FROM unit_succession s WHERE s.old_unit_id = " m ".id), " m ".id)"

/* The communes m below :unit valid in the period. */
#define COMMUNES_FROM                                                                       \
    " FROM unit_tree t JOIN unit m ON m.id = t.unit_id AND m.level = 'commune' AND " VALID_IN( \
        "m") " "

static const char sql_regroup_members[] =
    "SELECT g.id, g.code, g.name, g.kind, g.level, g.parent_id, g.valid_from, g.valid_to, "
    "o.id, o.code, o.name, COALESCE(r.status, 'empty'), COALESCE(" COUNTS("r") ", 0), "
    "(SELECT COUNT(*) FROM unit_succession s WHERE s.new_unit_id = g.id AND s.old_unit_id "
    "NOT IN (SELECT unit_id FROM unit_tree WHERE ancestor_id = :unit)) "
    "FROM (SELECT m.id, m.code, m.name, " SUCCESSOR("m") " AS gid" COMMUNES_FROM
    "WHERE t.ancestor_id = :unit) o JOIN unit g ON g.id = o.gid "
    "LEFT JOIN report r ON r.unit_id = o.id AND r.period_id = :period "
    "ORDER BY g.code, g.id, o.code";

static const char sql_regroup_sums[] =
    "SELECT " SUCCESSOR("m") " AS gid, v.element_id, SUM(v.num), COUNT(v.num)" COMMUNES_FROM
    "JOIN report r ON r.unit_id = m.id AND r.period_id = :period "
    "JOIN report_value v ON v.report_id = r.id "
    "WHERE t.ancestor_id = :unit AND " COUNTS("r") " GROUP BY gid, v.element_id";

static const char sql_has_successors[] =
    "SELECT EXISTS (SELECT 1" COMMUNES_FROM
    "JOIN unit_succession s ON s.old_unit_id = m.id WHERE t.ancestor_id = :unit)";

/* A group's unit id and its index, to find a group by id. */
struct group_key {
    int64_t id;
    int index;
};

/* qsort and bsearch order of group keys: by unit id. */
static int group_key_cmp(const void *x, const void *y)
{
    const struct group_key *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The arena array v of n elements of size sz, or a larger copy when it is
** full (*cap updated); NULL when out of memory. */
static void *grow(struct arena *a, void *v, int n, int *cap, size_t sz)
{
    if (n < *cap)
        return v;
    void *more = arena_alloc(a, sz * (size_t)(*cap * 2 + 16));
    if (!more)
        return NULL;
    if (n)
        memcpy(more, v, sz * (size_t)n);
    *cap = *cap * 2 + 16;
    return more;
}

/* Reads the groups and their predecessors (rows of sql_regroup_members,
** consecutive per group) into *out. Count, or -1. */
static int load_groups(struct arena *a, const struct form *f, const struct unit *u,
                       const struct period *p, bool only_approved, struct rollup_group **out)
{
    sqlite3_stmt *st = db_stmt(sql_regroup_members);
    struct rollup_group *g = NULL;
    struct rollup_predecessor *m = NULL;
    int n = 0, cap = 0, n_m = 0, cap_m = 0, rc;
    if (!st)
        return -1;
    bind_common(st, u, p, only_approved);
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int64_t gid = db_int(st, 0);
        if (n == 0 || g[n - 1].unit.id != gid) {
            if (!(g = grow(a, g, n, &cap, sizeof *g)))
                goto fail;
            struct rollup_group *k = &g[n++];
            *k = (struct rollup_group){
                .unit = {.id = gid, .code = db_dup(a, st, 1), .name = db_dup(a, st, 2),
                         .kind = db_dup(a, st, 3), .level = db_dup(a, st, 4),
                         .parent_id = db_int(st, 5), .valid_from = db_dup(a, st, 6),
                         .valid_to = db_dup(a, st, 7)}};
            if (sums_new(a, f, &k->sums) < 0)
                goto fail;
        }
        if (!(m = grow(a, m, n_m, &cap_m, sizeof *m)))
            goto fail;
        struct rollup_group *k = &g[n - 1];
        bool counted = db_int(st, 12) != 0;
        m[n_m++] = (struct rollup_predecessor){.code = db_dup(a, st, 9), .name = db_dup(a, st, 10),
                                               .status = db_dup(a, st, 11), .counted = counted};
        k->kept |= db_int(st, 8) == gid;
        k->outside = (int)db_int(st, 13);
        k->n_preds++;
        k->count.expected++;
        k->count.included += counted;
    }
    for (int k = 0, first = 0; k < n; first += g[k++].n_preds)
        g[k].preds = m + first;
    *out = g;
    return rc == SQLITE_DONE ? n : -1;
fail:
    db_done(st);
    return -1;
}

int rollup_regroup(struct arena *a, const struct form *f, const struct unit *u,
                   const struct period *p, bool only_approved, struct rollup_group **out)
{
    int n = load_groups(a, f, u, p, only_approved, out);
    if (n <= 0)
        return n;
    struct group_key *keys = arena_alloc(a, sizeof *keys * (size_t)n);
    sqlite3_stmt *st = keys ? db_stmt(sql_regroup_sums) : NULL;
    if (!st)
        return -1;
    for (int k = 0; k < n; k++)
        keys[k] = (struct group_key){.id = (*out)[k].unit.id, .index = k};
    qsort(keys, (size_t)n, sizeof *keys, group_key_cmp);
    bind_common(st, u, p, only_approved);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        struct group_key want = {.id = db_int(st, 0)};
        const struct group_key *k = bsearch(&want, keys, (size_t)n, sizeof *keys, group_key_cmp);
        if (k)
            add_sum(f, st, 1, &(*out)[k->index].sums);
    }
    return rc == SQLITE_DONE ? n : -1;
}

bool rollup_has_successors(const struct unit *u, const struct period *p)
{
    sqlite3_stmt *st = db_stmt(sql_has_successors);
    if (!st)
        return false;
    db_bind_int(st, ":unit", u->id);
    db_bind_text(st, ":start", p->start);
    db_bind_text(st, ":end", p->end);
    bool yes = db_step(st) == SQLITE_ROW && db_int(st, 0) != 0;
    db_done(st);
    return yes;
}

/* The ratios of sums as {code: number|null}, for every row that has one. */
static void write_ratios(struct jsonout *o, const struct form *f, const struct rollup_sums *s,
                         int expected)
{
    jsonout_begin_object(o);
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        int64_t num, den;
        if (e->kind == FORM_TEXT || (e->kind != FORM_YESNO && e->denominator < 0))
            continue;
        jsonout_key(o, e->code);
        if (rollup_ratio(f, s, expected, i, &num, &den) && den > 0)
            jsonout_real(o, (double)num / (double)den);
        else
            jsonout_null(o);
    }
    jsonout_end_object(o);
}

/* One group of the regrouped table. */
static void write_group(struct jsonout *o, const struct form *f, const struct rollup_group *g)
{
    jsonout_begin_object(o);
    jsonout_key(o, "code");
    jsonout_string(o, g->unit.code);
    jsonout_key(o, "name");
    jsonout_string(o, g->unit.name);
    jsonout_key(o, "valid_from");
    jsonout_string(o, g->unit.valid_from);
    jsonout_key(o, "kept");
    jsonout_bool(o, g->kept);
    jsonout_key(o, "predecessors");
    jsonout_begin_array(o);
    for (int j = 0; j < g->n_preds; j++) {
        jsonout_begin_object(o);
        jsonout_key(o, "code");
        jsonout_string(o, g->preds[j].code);
        jsonout_key(o, "name");
        jsonout_string(o, g->preds[j].name);
        jsonout_key(o, "status");
        jsonout_string(o, g->preds[j].status);
        jsonout_key(o, "counted");
        jsonout_bool(o, g->preds[j].counted);
        jsonout_end_object(o);
    }
    jsonout_end_array(o);
    jsonout_key(o, "outside");
    jsonout_integer(o, g->outside);
    write_counts(o, &g->count, false);
    jsonout_key(o, "values");
    write_values(o, f, &g->sums);
    jsonout_key(o, "ratios");
    write_ratios(o, f, &g->sums, g->count.expected);
    jsonout_end_object(o);
}

void rollup_regroup_write(struct jsonout *o, const struct form *f, const struct unit *u,
                          const struct period *p, bool only_approved,
                          const struct rollup_group *groups, int n_groups)
{
    jsonout_begin_object(o);
    jsonout_key(o, "unit");
    jsonout_string(o, u->code);
    jsonout_key(o, "unit_name");
    jsonout_string(o, u->name);
    jsonout_key(o, "period");
    jsonout_string(o, p->code);
    jsonout_key(o, "only_approved");
    jsonout_bool(o, only_approved);
    jsonout_key(o, "groups");
    jsonout_begin_array(o);
    for (int k = 0; k < n_groups; k++)
        write_group(o, f, &groups[k]);
    jsonout_end_array(o);
    jsonout_end_object(o);
}
