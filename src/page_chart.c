/*
** Charts of the units below a district or province, as SVG images (svg.h):
** the completeness of reporting for a period, and one ratio row of the
** appendix with one bar per child unit (from rollup_children' sums).
*/
#include "app.h"
#include "db.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "rollup.h"
#include "str.h"
#include "svg.h"
#include "unit.h"

#include <string.h>

/* Counts of the communes below :unit valid in the period, by state; late
** means sent after the due date (in Vietnam's time, as everywhere), or not
** sent and the due date has passed. */
static const char sql_completeness[] =
    "SELECT COUNT(*), "
    "  COALESCE(SUM(r.status = 'approved'), 0), "
    "  COALESCE(SUM(r.status = 'submitted'), 0), "
    "  COALESCE(SUM(r.status = 'returned'), 0), "
    "  COALESCE(SUM(r.status = 'draft'), 0), "
    "  COALESCE(SUM(CASE WHEN r.submitted_at IS NOT NULL AND r.status <> 'returned' "
    "                    THEN date(r.submitted_at, '+7 hours') > :due ELSE :today > :due END), 0) "
    "FROM unit_tree t JOIN unit u ON u.id = t.unit_id "
    "LEFT JOIN report r ON r.unit_id = u.id AND r.period_id = :period "
    "WHERE t.ancestor_id = :unit AND u.level = 'commune' "
    "  AND (u.valid_from IS NULL OR u.valid_from <= :end) "
    "  AND (u.valid_to IS NULL OR u.valid_to >= :start)";

/* The target for indicator code in year set by a plan of the unit, of one of
** its ancestors or of the whole country: the nearest one. */
static const char sql_target[] =
    "SELECT t.value FROM target t JOIN plan p ON p.id = t.plan_id "
    "JOIN indicator i ON i.id = t.indicator_id "
    "LEFT JOIN unit_tree ut ON ut.ancestor_id = p.unit_id AND ut.unit_id = :unit "
    "WHERE i.code = :code AND t.year = :year AND (p.unit_id IS NULL OR ut.unit_id IS NOT NULL) "
    "ORDER BY COALESCE(ut.depth, 1000) LIMIT 1";

static const char sql_indicator_name[] = "SELECT name FROM indicator WHERE code = :code";

/* Answers with the chart c as an SVG image: vertical bars, or horizontal
** ones sorted by value for a narrow screen (query layout=narrow). */
static int answer_svg(struct req *r, const struct svg_bars *c)
{
    struct buf b = {0};
    const char *layout = http_query(r, "layout");
    if (layout && strcmp(layout, "narrow") == 0)
        svg_hbar_chart(&b, c);
    else
        svg_bar_chart(&b, c);
    if (!b.s)
        return 500;
    return http_bytes(r, 200, "image/svg+xml; charset=utf-8", b.s, b.len, NULL);
}

/*
** GET /charts/{unit}/{period}/completeness.svg
**
** The completeness of reporting of the communes below a district or province
** for a period, as one stacked bar of mutually exclusive statuses that add up
** to the communes (approved, submitted and waiting for review, returned,
** draft, nothing entered), each with its number of communes, and lateness
** apart, under the bar: "Trễ hạn: k/N xã" (sent after the due date, or not
** sent and the date is past). Role: district or province staff of that unit
** or above it.
*/
int page_chart_completeness(struct req *r)
{
    struct unit u;
    struct period p;
    char today[16];
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    sqlite3_stmt *st = db_stmt(sql_completeness);
    if (!st)
        return 500;
    db_bind_int(st, ":unit", u.id);
    db_bind_int(st, ":period", p.id);
    db_bind_text(st, ":due", p.due);
    db_bind_text(st, ":today", fmt_today_vn(today));
    db_bind_text(st, ":start", p.start);
    db_bind_text(st, ":end", p.end);
    if (db_step(st) != SQLITE_ROW)
        return 500;
    long long total = db_int(st, 0), approved = db_int(st, 1), submitted = db_int(st, 2),
              returned = db_int(st, 3), draft = db_int(st, 4), late = db_int(st, 5);
    db_done(st);
    long long counts[] = {approved, submitted, returned, draft,
                          total - approved - submitted - returned - draft};
    static const char *const labels[] = {"Đã duyệt", "Đã gửi, chờ duyệt", "Bị trả lại", "Nháp",
                                         "Chưa nhập"};
    static const char *const colors[] = {"#1e7b34", "#2f6db5", "#b3261e", "#8a96a8", "#e3e7ed"};
    struct svg_stack c = {
        .title = arena_printf(r->arena, "Tình hình nộp báo cáo %s — %s",
                              period_label(r->arena, p.code), u.name),
        .n = 5, .labels = labels, .colors = colors, .counts = counts, .total = total,
        .unit_word = "xã",
        .note = arena_printf(r->arena, "Trễ hạn (tính riêng): %lld/%lld xã", late, total)};
    struct buf b = {0};
    svg_stacked_chart(&b, &c);
    if (!b.s)
        return 500;
    return http_bytes(r, 200, "image/svg+xml; charset=utf-8", b.s, b.len, NULL);
}

/* The target of indicator code for the unit in the period's year, or -1. */
static double find_target(const struct unit *u, const struct period *p, const char *code)
{
    sqlite3_stmt *st = db_stmt(sql_target);
    if (!st)
        return -1;
    db_bind_int(st, ":unit", u->id);
    db_bind_text(st, ":code", code);
    db_bind_int(st, ":year", (p->code[0] - '0') * 1000 + (p->code[1] - '0') * 100 +
                                 (p->code[2] - '0') * 10 + (p->code[3] - '0'));
    double target = -1;
    if (db_step(st) == SQLITE_ROW) {
        target = sqlite3_column_double(st, 0);
        db_done(st);
    }
    return target;
}

/* The indicator's name of element e's ratio ("Tỷ lệ …"), else "Tỷ lệ: " its
** label (without "trong đó: ") " / " its denominator's label. */
static const char *indicator_name(struct req *r, const struct form *f, int e)
{
    sqlite3_stmt *st = db_stmt(sql_indicator_name);
    const char *name = NULL;
    if (st) {
        db_bind_text(st, ":code", f->elements[e].code);
        if (db_step(st) == SQLITE_ROW) {
            name = db_dup(r->arena, st, 0);
            db_done(st);
        }
    }
    if (name)
        return name;
    const struct form_element *el = &f->elements[e];
    const char *label = el->label;
    static const char within[] = "trong đó: ";
    if (strncmp(label, within, sizeof within - 1) == 0)
        label += sizeof within - 1;
    return el->denominator >= 0
               ? arena_printf(r->arena, "Tỷ lệ: %s / %s", label,
                              f->elements[el->denominator].label)
               : label;
}

/* The ratio of row e of child c as a fraction, or -1 when it has none (its
** reports do not count, or they did not give the row or its denominator). */
static double child_ratio(const struct form *f, const struct rollup_child *c, int e)
{
    int64_t num, den;
    if (!c->sums.has[e] || !rollup_ratio(f, &c->sums, c->count.expected, e, &num, &den) ||
        den <= 0)
        return -1;
    return (double)num / (double)den;
}

/*
** GET /charts/{unit}/{period}/ratio.svg?code=ELEMENT[&only=approved]
**
** One ratio row of the appendix (an element with a denominator, or a yes/no
** row as the share of communes answering "yes") for the children of a
** district or province (rollup_children): one bar per child — a commune of
** a district or of a two-tier province, a district of a three-tier province
** (its roll-up's ratio) — whose counted reports give the row, its height the
** ratio, "—" for the others; a dashed line at the target a plan of the unit
** (or above it) sets for that year. Reports counted: submitted and approved,
** or approved only with only=approved. 404 for a code that is not such a
** row. layout=narrow: the same bars drawn across for a phone (svg_hbar_chart),
** highest first. Role: district or province staff of that unit or above it.
*/
int page_chart_ratio(struct req *r)
{
    struct unit u;
    struct period p;
    struct rollup_child *children;
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    const struct form *f = app.form;
    const char *code = http_query(r, "code");
    int e = code ? form_find(f, code) : -1;
    if (e < 0 || !rollup_has_ratio(f, e))
        return http_error(r, 404, "Không có chỉ tiêu tỷ lệ mang mã này.");
    bool only = page_only_approved(r);
    int n = rollup_children(r->arena, f, &u, &p, only, &children);
    if (n < 0)
        return 500;
    const char **labels = arena_alloc(r->arena, sizeof *labels * (size_t)(n + 1));
    double *values = arena_alloc(r->arena, sizeof *values * (size_t)(n + 1));
    if (!labels || !values)
        return 500;
    for (int i = 0; i < n; i++) {
        labels[i] = children[i].unit.name;
        values[i] = child_ratio(f, &children[i], e);
    }
    bool districts = n > 0 && strcmp(children[0].unit.level, "commune") != 0;
    struct svg_bars c = {
        .title = arena_printf(r->arena, "%s (%s%s)", indicator_name(r, f, e),
                              period_label(r->arena, p.code),
                              only ? ", chỉ tính báo cáo đã duyệt" : ""),
        .x_label = districts ? "Huyện, thị xã, thành phố (— : chưa có số liệu)"
                             : "Xã, phường, thị trấn (— : chưa gửi báo cáo)",
        .y_label = f->elements[e].kind == FORM_YESNO ? "Tỷ lệ số xã" : "Tỷ lệ", .n = n,
        .labels = labels, .values = values, .target = find_target(&u, &p, code)};
    return answer_svg(r, &c);
}

const char *page_chart_narrow_media(struct req *r, int n_bars)
{
    double width = SVG_PLOT_LEFT + 24 + (n_bars > 4 ? n_bars : 4) * SVG_BAR_STEP;
    if (width + 40 > 1100) /* wider than the page (main) ever is */
        return "all";
    return arena_printf(r->arena, "(max-width: %.0fpx)", width + 40);
}
