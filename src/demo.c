/*
** Demo data; see demo.h.
*/
#include "app.h"
#include "auth.h"
#include "db.h"
#include "demo.h"
#include "form.h"
#include "str.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct {
    const char *username, *role, *unit, *full_name;
} accounts[] = {
    {"xa.myhoa", "commune", "30052", "Nguyễn Thị Lan (Xã Mỹ Hòa)"},
    {"huyen.thapmuoi", "district", "872", "Trần Văn Minh (Phòng LĐ-TB&XH Tháp Mười)"},
    {"tinh.dongthap", "province", "87", "Lê Thị Hồng (Sở LĐ-TB&XH Đồng Tháp)"},
    {"admin", "admin", NULL, "Quản trị hệ thống"},
    /* today's tree: the new Tỉnh Đồng Tháp (82) and one of its communes */
    {"tinh.dongthap.moi", "province", "82", "Phạm Thị Mai (Sở Y tế Đồng Tháp)"},
    {"xa.thapmuoi", "commune", "30037", "Võ Văn Tâm (Xã Tháp Mười)"},
};

static const char sql_has_demo[] = "SELECT 1 FROM unit WHERE code = '30052'";

/* The communes of the three-tier demo (no start date) or of today's tree
** (from 01/07/2025). */
static const char sql_demo_communes[] =
    "SELECT id, code, parent_id FROM unit WHERE level = 'commune' AND "
    "((:new = 0 AND valid_from IS NULL) OR (:new = 1 AND valid_from = '2025-07-01')) ORDER BY code";

static const char sql_demo_period[] =
    "INSERT INTO period (code, form_id, start_date, end_date, due_date) SELECT :code, id, "
    ":code || '-01-01', :code || '-12-31', :due FROM form WHERE code = 'ecd-appendix'";

static const char sql_demo_report[] =
    "INSERT INTO report (unit_id, period_id, status, version, updated_at, submitted_at, "
    "approved_at, return_reason) SELECT :unit, id, :status, 1, :updated, :submitted, :approved, "
    ":reason FROM period WHERE code = :period";

static const char sql_demo_value[] =
    "INSERT INTO report_value (report_id, element_id, raw, num) VALUES (:report, :element, :raw, "
    ":num)";

static const char sql_demo_event[] =
    "INSERT INTO report_event (report_id, action, reason, at) VALUES (:report, :action, :reason, "
    ":at)";

/* A small deterministic generator, so every demo database is the same. */
static uint32_t rnd_state;
static int rnd(int lo, int hi)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return lo + (int)(rnd_state % (uint32_t)(hi - lo + 1));
}

/* Plausible values of one commune for one year, in form element order. */
static void make_values(const struct form *f, int64_t *v, int year)
{
#define SET(code, value) v[form_find(f, code)] = (value)
    int total = rnd(600, 2400) + (year - 2023) * rnd(-40, 60);
    int under6 = total * rnd(68, 74) / 100, older = total - under6;
    SET("children_0_8", total);
    SET("children_under6", under6);
    SET("children_6_8", older);
    SET("birth_registered", total - rnd(0, 12));
    SET("vaccinated_under6", under6 * rnd(92, 99) / 100);
    SET("living_with_parents", total * rnd(84, 95) / 100);
    SET("selfprotect_6_8", older * rnd(55, 90) / 100);
    SET("schooling_6_8", older * rnd(97, 100) / 100);
    SET("insured_under6", under6 * rnd(94, 100) / 100);
    SET("insured_6_8", older * rnd(78, 95) / 100);
    SET("radio_commune", rnd(0, 9) > 0);
    SET("radio_commune_times", rnd(12, 60));
    SET("child_friendly_models", rnd(0, 3));
    SET("posters", rnd(2, 15));
    int trained = rnd(15, 60), by_province = rnd(0, 8), by_district = rnd(4, 12);
    SET("staff_trained", trained);
    SET("staff_trained_province", by_province);
    SET("staff_trained_district", by_district);
    int families = total * rnd(55, 65) / 100;
    SET("families_0_8", families);
    SET("families_trained", families * rnd(20, 60) / 100);
    SET("pregnant_counselled", rnd(20, 120));
    SET("referral_network", rnd(0, 9) < 7);
    SET("needs_monitoring", rnd(0, 9) < 8);
    SET("pilot_model", rnd(0, 9) < 3);
    SET("budget_vnd", (int64_t)rnd(5, 30) * 1000000);
#undef SET
}

/* Inserts one value (raw as a count, or text). 0 or -1. */
static int put_value(int64_t report, const struct form_element *e, int64_t num, const char *text)
{
    sqlite3_stmt *st = db_stmt(sql_demo_value);
    char raw[32];
    if (!st)
        return -1;
    snprintf(raw, sizeof raw, "%lld", (long long)num);
    db_bind_int(st, ":report", report);
    db_bind_int(st, ":element", e->id);
    db_bind_text(st, ":raw", text ? text : raw);
    if (text)
        db_bind_null(st, ":num");
    else
        db_bind_int(st, ":num", num);
    return db_step(st) == SQLITE_DONE ? 0 : -1;
}

struct demo_report {
    int64_t unit_id;
    const char *period, *status, *updated, *submitted, *approved, *reason;
    int filled;    /* how many elements of the commune's form are filled (all: n) */
    uint32_t seed; /* the commune's: both years draw the same numbers */
};

/* Inserts one report with its values and events. 0 or -1. */
static int put_report(const struct form *f, const struct demo_report *d)
{
    sqlite3_stmt *st = db_stmt(sql_demo_report);
    if (!st)
        return -1;
    db_bind_int(st, ":unit", d->unit_id);
    db_bind_text(st, ":status", d->status);
    db_bind_text(st, ":updated", d->updated);
    db_bind_text(st, ":submitted", d->submitted);
    db_bind_text(st, ":approved", d->approved);
    db_bind_text(st, ":reason", d->reason ? d->reason : "");
    db_bind_text(st, ":period", d->period);
    if (db_step(st) != SQLITE_DONE)
        return -1;
    int64_t report = db_last_id(), v[64] = {0};
    rnd_state = d->seed;
    make_values(f, v, atoi(d->period));
    int filled = 0;
    for (int i = 0; i < f->n_elements && filled < d->filled; i++) {
        const struct form_element *e = &f->elements[i];
        if (e->scope != SCOPE_COMMUNE)
            continue;
        filled++;
        const char *text = e->kind == FORM_TEXT
                               ? "Trong năm, xã đã phối hợp với trạm y tế và các trường mầm non "
                                 "tổ chức truyền thông, tập huấn cho cha mẹ về chăm sóc trẻ em."
                               : NULL;
        if (put_value(report, e, v[i], text) < 0)
            return -1;
    }
    const char *steps[][3] = {{"submit", d->submitted, ""},
                              {"approve", d->approved, ""},
                              {"return", strcmp(d->status, "returned") == 0 ? d->updated : NULL,
                               d->reason}};
    for (int k = 0; k < 3; k++) {
        if (!steps[k][1])
            continue;
        st = db_stmt(sql_demo_event);
        if (!st)
            return -1;
        db_bind_int(st, ":report", report);
        db_bind_text(st, ":action", steps[k][0]);
        db_bind_text(st, ":reason", steps[k][2] ? steps[k][2] : "");
        db_bind_text(st, ":at", steps[k][1]);
        if (db_step(st) != SQLITE_DONE)
            return -1;
    }
    return 0;
}

/* The 2024 status of the i-th commune: a mix of every state. */
static void status_2024(int i, const char *code, struct demo_report *d, int n_commune_elements)
{
    d->filled = n_commune_elements;
    d->updated = "2024-11-12T02:00:00Z";
    if (strcmp(code, "30052") == 0) { /* Xã Mỹ Hòa: the demo officer's draft */
        d->status = "draft";
        d->filled = 8;
    } else if (strcmp(code, "30055") == 0) {
        d->status = "returned";
        d->submitted = "2024-11-10T03:00:00Z";
        d->updated = "2024-11-13T08:00:00Z";
        d->reason = "Số trẻ em từ 6-8 tuổi được đi học chưa khớp với số liệu của Phòng Giáo dục "
                    "và Đào tạo; đề nghị xã kiểm tra lại và gửi lại.";
    } else if (i % 6 == 1) {
        d->status = NULL; /* empty: nothing entered yet */
    } else if (i % 6 == 2) {
        d->status = "draft";
        d->filled = 12;
    } else if (i % 6 == 3 || i % 6 == 4) {
        d->status = "submitted";
        d->submitted = i % 6 == 3 ? "2024-11-15T03:00:00Z" : "2024-11-22T03:00:00Z";
    } else {
        d->status = "approved";
        d->submitted = "2024-11-08T03:00:00Z";
        d->approved = "2024-11-14T03:00:00Z";
    }
}

/* The UTC time days before now, as YYYY-MM-DDTHH:MM:SSZ in a, but never
** before the first day of year (so a report stays inside its period). */
static const char *days_ago(struct arena *a, int days, int year)
{
    char out[32], floor[32];
    time_t t = time(NULL) - (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(floor, sizeof floor, "%04d-01-02T02:00:00Z", year);
    return arena_strdup(a, strcmp(out, floor) < 0 ? floor : out);
}

/* The demo communes of the old (is_new false) or today's tree: ids and codes
** in a, at most 64. Count, or -1. */
static int demo_communes(struct arena *a, bool is_new, int64_t *ids, const char **codes)
{
    sqlite3_stmt *st = db_stmt(sql_demo_communes);
    int n = 0;
    if (!st)
        return -1;
    db_bind_int(st, ":new", is_new);
    while (db_step(st) == SQLITE_ROW && n < 64) {
        ids[n] = db_int(st, 0);
        codes[n++] = db_dup(a, st, 1);
    }
    return n;
}

/*
** Today's tree: the periods after 2025 up to the current year (the current
** one due 30 days from today at the earliest, so it is open and not late),
** and reports of the new communes: 2025 and the years between reviewed by the
** province (nearly all approved, a few waiting for it, one returned); the
** current year a mix of empty, draft and submitted reports dated in the last
** few days, Xã Tháp Mười's a draft with its first rows. 0 or -1.
*/
static int demo_present(struct arena *a, const struct form *f, int n_commune)
{
    time_t now = time(NULL), ahead = now + 30 * 86400;
    struct tm tm, tm_ahead;
    gmtime_r(&now, &tm);
    gmtime_r(&ahead, &tm_ahead);
    int year = tm.tm_year + 1900;
    char due_ahead[24];
    strftime(due_ahead, sizeof due_ahead, "%Y-%m-%d", &tm_ahead);
    for (int y = 2026; y <= year; y++) {
        char code[16], due[24];
        snprintf(code, sizeof code, "%d", y);
        snprintf(due, sizeof due, "%d-11-20", y);
        sqlite3_stmt *st = db_stmt(sql_demo_period);
        if (!st)
            return -1;
        db_bind_text(st, ":code", code);
        db_bind_text(st, ":due", y == year && strcmp(due_ahead, due) > 0 ? due_ahead : due);
        if (db_step(st) != SQLITE_DONE)
            return -1;
    }
    int64_t ids[64];
    const char *codes[64];
    int n = demo_communes(a, true, ids, codes), rc = n < 0 ? -1 : 0;
    for (int y = 2025; y <= (year > 2025 ? year : 2025) && rc == 0; y++) {
        for (int i = 0; i < n && rc == 0; i++) {
            uint32_t seed = (uint32_t)atoi(codes[i]) * 2246822519u + 7;
            const char *period = arena_printf(a, "%d", y);
            struct demo_report d = {ids[i], period, "approved", arena_printf(a, "%d-11-12T02:00:00Z", y),
                                    arena_printf(a, "%d-11-10T02:00:00Z", y),
                                    arena_printf(a, "%d-11-14T02:00:00Z", y), NULL, n_commune, seed};
            if (y == year && year > 2025) { /* the current year, open */
                d.approved = NULL;
                d.updated = days_ago(a, 3 + i % 5, y);
                if (strcmp(codes[i], "30037") == 0)
                    d.status = "draft", d.filled = 6, d.submitted = NULL;
                else if (i % 3 == 0)
                    continue; /* nothing entered yet */
                else if (i % 3 == 1)
                    d.status = "draft", d.filled = 10, d.submitted = NULL;
                else
                    d.status = "submitted", d.submitted = days_ago(a, 2 + i % 3, y);
            } else if (strcmp(codes[i], "30043") == 0 || strcmp(codes[i], "25480") == 0 ||
                       strcmp(codes[i], "03405") == 0) {
                d.status = "submitted", d.approved = NULL; /* waiting for the province */
            } else if (strcmp(codes[i], "30061") == 0) {
                d.status = "returned", d.approved = NULL;
                d.updated = arena_printf(a, "%d-11-13T08:00:00Z", y);
                d.reason = "Số gia đình có trẻ em dưới 8 tuổi chưa khớp với số liệu của trạm y tế "
                           "xã; đề nghị xã kiểm tra lại và gửi lại.";
            }
            rc = put_report(f, &d);
        }
    }
    return rc;
}

/* Reports of every demo commune for 2023 and 2024, and of today's tree. 0 or -1. */
static int demo_reports(const struct form *f)
{
    int n_commune = 0;
    for (int i = 0; i < f->n_elements; i++)
        n_commune += f->elements[i].scope == SCOPE_COMMUNE;
    struct arena *a = arena_new();
    int64_t ids[64];
    const char *codes[64];
    int n = a ? demo_communes(a, false, ids, codes) : -1;
    if (n < 0) {
        arena_free(a);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        uint32_t seed = (uint32_t)atoi(codes[i]) * 2654435761u + 1;
        struct demo_report y23 = {ids[i], "2023", "approved", "2023-11-10T02:00:00Z",
                                  "2023-11-10T02:00:00Z", "2023-11-17T02:00:00Z", NULL, n_commune,
                                  seed};
        if (i % 12 == 5) /* a few were submitted but never approved */
            y23.status = "submitted", y23.approved = NULL;
        rc = put_report(f, &y23);
        struct demo_report y24 = {.unit_id = ids[i], .period = "2024", .seed = seed};
        status_2024(i, codes[i], &y24, n_commune);
        if (rc == 0 && y24.status)
            rc = put_report(f, &y24);
    }
    if (rc == 0)
        rc = demo_present(a, f, n_commune);
    arena_free(a);
    return rc;
}

int demo_load(const struct form *f, const char *demo_sql_path)
{
    sqlite3_stmt *st = db_stmt(sql_has_demo);
    if (!st)
        return -1;
    bool present = db_step(st) == SQLITE_ROW;
    db_done(st);
    if (present) {
        fprintf(stderr, "init: the demo is already loaded\n");
        return 0;
    }
    if (db_exec_file(demo_sql_path) < 0)
        return -1;
    if (db_write_begin() < 0)
        return -1;
    if (unit_rebuild_tree() < 0 || demo_reports(f) < 0) {
        db_write_rollback();
        return -1;
    }
    if (db_write_commit() < 0)
        return -1;
    for (size_t i = 0; i < sizeof accounts / sizeof *accounts; i++) {
        struct unit u;
        struct arena *a = arena_new();
        const char *why = NULL;
        int64_t unit_id = accounts[i].unit && unit_find(a, accounts[i].unit, NULL, &u) == 0 ? u.id : 0;
        int64_t id = auth_user_add(accounts[i].username, DEMO_PASSWORD, auth_role(accounts[i].role),
                                   unit_id, accounts[i].full_name, &why);
        arena_free(a);
        if (id < 0) {
            fprintf(stderr, "init: demo user %s: %s\n", accounts[i].username, why);
            return -1;
        }
    }
    return 0;
}

void demo_print_accounts(void)
{
    printf("Demo accounts (password for all: %s):\n", DEMO_PASSWORD);
    for (size_t i = 0; i < sizeof accounts / sizeof *accounts; i++)
        printf("  %-18s %-9s %s\n", accounts[i].username, accounts[i].role,
               accounts[i].full_name);
}

const char *demo_open_accounts(struct arena *a)
{
    struct buf names = {0};
    for (size_t i = 0; i < sizeof accounts / sizeof *accounts; i++)
        if (auth_password_is(a, accounts[i].username, DEMO_PASSWORD))
            buf_printf(&names, "%s%s", names.len ? ", " : "", accounts[i].username);
    const char *out = arena_strdup(a, names.s ? names.s : "");
    buf_free(&names);
    return out;
}

void demo_refresh(void)
{
    struct arena *a = arena_new();
    int open = a && *demo_open_accounts(a);
    __atomic_store_n(&app.demo, open, __ATOMIC_RELAXED);
    arena_free(a);
}
