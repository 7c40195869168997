/*
** The form definition, value parsing, checks and ratios; see form.h.
*/
#include "form.h"
#include "db.h"
#include "fmt.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_form[] = "SELECT id, code, title FROM form WHERE code = :code";

static const char sql_sections[] = "SELECT code, numeral, title FROM form_section "
                                   "WHERE form_id = :form ORDER BY position";

static const char sql_elements[] =
    "SELECT e.id, e.code, e.label, e.commune_label, e.kind, e.scope, s.code,"
    "       e.denominator_code, e.parent_code, e.supporting, e.max_value "
    "FROM form_element e LEFT JOIN form_section s ON s.id = e.section_id "
    "WHERE e.form_id = :form ORDER BY COALESCE(s.position, 0), e.position";

static const char sql_checks[] = "SELECT code, severity, kind, terms, target, threshold, message "
                                 "FROM form_check WHERE form_id = :form ORDER BY id";

int form_find(const struct form *f, const char *code)
{
    for (int i = 0; code && i < f->n_elements; i++)
        if (strcmp(f->elements[i].code, code) == 0)
            return i;
    return -1;
}

int form_find_id(const struct form *f, int64_t id)
{
    for (int i = 0; i < f->n_elements; i++)
        if (f->elements[i].id == id)
            return i;
    return -1;
}

static int section_find(const struct form *f, const char *code)
{
    for (int i = 0; code && i < f->n_sections; i++)
        if (strcmp(f->sections[i].code, code) == 0)
            return i;
    return -1;
}

static enum form_kind kind_of(const char *s)
{
    if (strcmp(s, "money") == 0)
        return FORM_MONEY;
    if (strcmp(s, "yesno") == 0)
        return FORM_YESNO;
    if (strcmp(s, "text") == 0)
        return FORM_TEXT;
    return FORM_COUNT;
}

static enum check_kind check_kind_of(const char *s)
{
    static const char *names[] = {"le_denominator", "sum_le", "sum_eq", "change_pct",
                                  "ratio_drop"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0)
            return (enum check_kind)i;
    return CHECK_LE_DENOMINATOR;
}

/* Counts the rows of a statement's result (a small definition table). */
static int count_rows(sqlite3_stmt *st)
{
    int n = 0;
    while (db_step(st) == SQLITE_ROW)
        n++;
    return n;
}

static int load_sections(struct form *f)
{
    sqlite3_stmt *st = db_stmt(sql_sections);
    if (!st)
        return -1;
    db_bind_int(st, ":form", f->id);
    int n = count_rows(st);
    f->sections = arena_alloc(f->arena, sizeof *f->sections * (size_t)(n + 1));
    db_bind_int(st, ":form", f->id);
    while (db_step(st) == SQLITE_ROW && f->n_sections < n) {
        struct form_section *s = &f->sections[f->n_sections++];
        s->code = db_dup(f->arena, st, 0);
        s->numeral = db_dup(f->arena, st, 1);
        s->title = db_dup(f->arena, st, 2);
    }
    db_done(st);
    return 0;
}

static int load_elements(struct form *f)
{
    sqlite3_stmt *st = db_stmt(sql_elements);
    if (!st)
        return -1;
    db_bind_int(st, ":form", f->id);
    int n = count_rows(st);
    f->elements = arena_alloc(f->arena, sizeof *f->elements * (size_t)(n + 1));
    const char **den = arena_alloc(f->arena, sizeof *den * (size_t)(n + 1));
    const char **parent = arena_alloc(f->arena, sizeof *parent * (size_t)(n + 1));
    db_bind_int(st, ":form", f->id);
    while (db_step(st) == SQLITE_ROW && f->n_elements < n) {
        int i = f->n_elements++;
        struct form_element *e = &f->elements[i];
        e->id = db_int(st, 0);
        e->code = db_dup(f->arena, st, 1);
        e->label = db_dup(f->arena, st, 2);
        e->commune_label = db_is_null(st, 3) ? e->label : db_dup(f->arena, st, 3);
        e->kind = kind_of(db_text(st, 4));
        e->scope = strcmp(db_text(st, 5), "district") == 0 ? SCOPE_DISTRICT : SCOPE_COMMUNE;
        e->section = section_find(f, db_text(st, 6));
        den[i] = db_dup(f->arena, st, 7);
        parent[i] = db_dup(f->arena, st, 8);
        e->supporting = db_int(st, 9) != 0;
        e->max = db_is_null(st, 10) ? 1 : db_int(st, 10);
    }
    db_done(st);
    for (int i = 0; i < f->n_elements; i++) {
        f->elements[i].denominator = form_find(f, den[i]);
        f->elements[i].parent = form_find(f, parent[i]);
    }
    return 0;
}

/* Splits the space-separated element codes of terms into c->terms. */
static void parse_terms(const struct form *f, struct form_check *c, const char *terms)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", terms ? terms : "");
    char *save = NULL;
    for (char *t = strtok_r(buf, " ", &save); t && c->n_terms < FORM_MAX_TERMS;
         t = strtok_r(NULL, " ", &save)) {
        int i = form_find(f, t);
        if (i >= 0)
            c->terms[c->n_terms++] = i;
        else
            fprintf(stderr, "form: check %s names unknown element %s\n", c->code, t);
    }
}

static int load_checks(struct form *f)
{
    sqlite3_stmt *st = db_stmt(sql_checks);
    if (!st)
        return -1;
    db_bind_int(st, ":form", f->id);
    int n = count_rows(st);
    f->checks = arena_alloc(f->arena, sizeof *f->checks * (size_t)(n + 1));
    db_bind_int(st, ":form", f->id);
    while (db_step(st) == SQLITE_ROW && f->n_checks < n) {
        struct form_check *c = &f->checks[f->n_checks++];
        c->code = db_dup(f->arena, st, 0);
        c->is_error = strcmp(db_text(st, 1), "error") == 0;
        c->kind = check_kind_of(db_text(st, 2));
        parse_terms(f, c, db_text(st, 3));
        c->target = form_find(f, db_text(st, 4));
        c->threshold = sqlite3_column_double(st, 5);
        c->message = db_dup(f->arena, st, 6);
    }
    db_done(st);
    return 0;
}

struct form *form_load(const char *code)
{
    struct arena *a = arena_new();
    struct form *f = a ? arena_alloc(a, sizeof *f) : NULL;
    sqlite3_stmt *st = f ? db_stmt(sql_form) : NULL;
    if (!st)
        goto fail;
    f->arena = a;
    db_bind_text(st, ":code", code);
    if (db_step(st) != SQLITE_ROW) {
        fprintf(stderr, "form: no form %s in the database (run `ecdreport init`)\n", code);
        goto fail;
    }
    f->id = db_int(st, 0);
    f->code = db_dup(a, st, 1);
    f->title = db_dup(a, st, 2);
    db_done(st);
    if (load_sections(f) < 0 || load_elements(f) < 0 || load_checks(f) < 0 || f->n_elements == 0)
        goto fail;
    return f;
fail:
    db_done(st);
    arena_free(a);
    return NULL;
}

void form_free(struct form *f)
{
    if (f)
        arena_free(f->arena);
}

const char *form_label(const struct form_element *e, bool for_commune)
{
    return for_commune ? e->commune_label : e->label;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool form_blank(const char *raw)
{
    if (!raw)
        return true;
    for (; *raw; raw++)
        if (!is_space(*raw))
            return false;
    return true;
}

/* Number of UTF-8 code points in s. */
static int64_t utf8_chars(const char *s)
{
    int64_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Why a typed value is refused, and what a blank one lacks on submission:
** every message form_parse and form_check write about one value. The form
** page hands this table to the browser (static/form.js) so that both say the
** same words. Placeholders: {value} as typed (at most 40 characters), {max}
** the limit, {fixed} the number written the Vietnamese way (1.302). */
const struct form_message form_messages[] = {
    {"not_number", "«{value}» không phải là số. Chỉ nhập chữ số, ví dụ 1.234."},
    {"negative", "Không được nhập số âm."},
    {"decimal", "Phải là số nguyên, không có phần thập phân (dấu chấm chỉ dùng để phân cách "
                "hàng nghìn, ví dụ 1.234)."},
    {"comma_thousands", "«{value}»: hàng nghìn phân cách bằng dấu chấm, không dùng dấu phẩy: "
                        "viết {fixed}."},
    {"spaces", "«{value}»: không để dấu cách giữa các chữ số: viết {fixed}."},
    {"percent", "«{value}»: nhập số lượng, không nhập tỷ lệ phần trăm (tỷ lệ được tính tự động)."},
    {"too_large", "Vượt quá giới hạn {max}."},
    {"too_large_money", "Vượt quá giới hạn {max} đồng."},
    {"too_long", "Dài quá {max} ký tự."},
    {"yesno", "Chọn Có hoặc Không."},
    {"blank_count", "Chưa nhập số liệu. Nếu không có, nhập 0."},
    {"blank_yesno", "Chưa chọn Có hoặc Không."},
    {NULL, NULL}};

const char *form_message_text(const char *key)
{
    for (const struct form_message *m = form_messages; m->key; m++)
        if (strcmp(m->key, key) == 0)
            return m->text;
    return "";
}

enum parse_result {
    PARSE_OK,
    PARSE_NOT_NUMBER,
    PARSE_NEGATIVE,
    PARSE_DECIMAL,
    PARSE_TOO_LARGE,
    PARSE_COMMA_THOUSANDS, /* 1,302: thousands with a comma */
    PARSE_SPACES,          /* 1 250: thousands with a space */
    PARSE_PERCENT          /* 95%: a ratio where a count goes */
};

/* True when [b, e) is 1 to 3 digits then groups of sep and exactly 3 digits. */
static bool grouped_by(const char *b, const char *e, char sep)
{
    int group = 0, groups = 0;
    for (const char *p = b; p < e; p++) {
        if (*p >= '0' && *p <= '9') {
            group++;
        } else if (*p == sep) {
            if (group == 0 || (groups == 0 ? group > 3 : group != 3))
                return false;
            groups++;
            group = 0;
        } else {
            return false;
        }
    }
    return groups > 0 && group == 3;
}

/* The digits of [b, e) as a number (other characters skipped); false on overflow. */
static bool digits_value(const char *b, const char *e, int64_t *out)
{
    uint64_t v = 0;
    for (const char *p = b; p < e; p++) {
        if (*p < '0' || *p > '9')
            continue;
        if (v > ((uint64_t)INT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    *out = (int64_t)v;
    return true;
}

/* Parses a whole number written "1234" or "1.234.567" (between b and e);
** also recognises the usual mistakes (1,302 / 1 250 / 95%) to name them. */
static enum parse_result parse_whole(const char *b, const char *e, int64_t *out)
{
    if (b < e && *b == '-') {
        for (const char *p = b + 1; p < e; p++)
            if ((*p < '0' || *p > '9') && *p != '.' && *p != ',')
                return PARSE_NOT_NUMBER;
        return b + 1 < e ? PARSE_NEGATIVE : PARSE_NOT_NUMBER;
    }
    if (b < e && e[-1] == '%') {
        bool digit = false, other = false;
        for (const char *p = b; p < e - 1; p++) {
            digit |= *p >= '0' && *p <= '9';
            other |= (*p < '0' || *p > '9') && *p != '.' && *p != ',' && *p != ' ';
        }
        return digit && !other ? PARSE_PERCENT : PARSE_NOT_NUMBER;
    }
    if (grouped_by(b, e, ','))
        return digits_value(b, e, out) ? PARSE_COMMA_THOUSANDS : PARSE_TOO_LARGE;
    if (grouped_by(b, e, ' '))
        return digits_value(b, e, out) ? PARSE_SPACES : PARSE_TOO_LARGE;
    int digits = 0, group = 0, dots = 0;
    bool grouped_ok = true;
    uint64_t v = 0;
    bool overflow = false;
    for (const char *p = b; p < e; p++) {
        if (*p >= '0' && *p <= '9') {
            if (v > (UINT64_MAX - 9) / 10)
                overflow = true;
            else
                v = v * 10 + (uint64_t)(*p - '0');
            digits++;
            group++;
        } else if (*p == '.') {
            if (group == 0 || (dots == 0 ? group > 3 : group != 3))
                grouped_ok = false;
            dots++;
            group = 0;
        } else if (*p == ',') {
            return PARSE_DECIMAL;
        } else {
            return PARSE_NOT_NUMBER;
        }
    }
    if (digits == 0)
        return PARSE_NOT_NUMBER;
    if (dots > 0 && (group != 3 || !grouped_ok))
        return PARSE_DECIMAL; /* "1.5", "12.50": a decimal point, not thousands */
    if (overflow || v > INT64_MAX)
        return PARSE_TOO_LARGE;
    *out = (int64_t)v;
    return PARSE_OK;
}

/* The values that fill a message's {placeholders}. */
struct fill {
    const char *value, *target, *target_label, *sum, *previous, *change, *drop, *current, *max,
        *fixed;
};

/* Case-insensitive match of s against one of the words (ASCII or exact UTF-8). */
static bool word_in(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcasecmp(s, *words) == 0)
            return true;
    return false;
}

static const char *parse_yesno(const char *t, struct form_value *v)
{
    static const char *const yes[] = {"1", "có", "Có", "CÓ", "co", "yes", "true", NULL};
    static const char *const no[] = {"0", "không", "Không", "KHÔNG", "khong", "no", "false", NULL};
    if (word_in(t, yes))
        v->num = 1;
    else if (word_in(t, no))
        v->num = 0;
    else
        return form_message_text("yesno");
    v->ok = true;
    return NULL;
}

/* The first 40 characters of [b, e) (whole UTF-8 sequences), in a. */
static const char *shown_value(struct arena *a, const char *b, const char *e)
{
    int chars = 0;
    const char *p = b;
    for (; p < e; p++)
        if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > 40)
            break;
    return arena_printf(a, "%.*s", (int)(p - b), b);
}

static const char *fill_message(struct arena *a, const char *msg, const struct fill *fl);

const char *form_parse(struct arena *a, const struct form_element *e, const char *raw,
                       struct form_value *v)
{
    v->raw = raw;
    v->ok = false;
    v->num = 0;
    if (form_blank(raw))
        return NULL;
    char lim[FMT_NUM_MAX], fixed[FMT_NUM_MAX];
    struct fill fl = {0};
    if (e->kind == FORM_TEXT) {
        v->num = utf8_chars(raw);
        if (v->num > e->max) {
            fl.max = fmt_count(lim, e->max);
            return fill_message(a, form_message_text("too_long"), &fl);
        }
        v->ok = true;
        return NULL;
    }
    const char *b = raw, *end = raw + strlen(raw);
    while (is_space(*b))
        b++;
    while (end > b && is_space(end[-1]))
        end--;
    char t[64];
    if (e->kind == FORM_YESNO) {
        snprintf(t, sizeof t, "%.*s", (int)(end - b), b);
        return parse_yesno(t, v);
    }
    const char *key = NULL;
    int64_t n = 0;
    switch (parse_whole(b, end, &n)) {
    case PARSE_OK:
        if (n <= e->max) {
            v->num = n;
            v->ok = true;
            return NULL;
        }
        /* fall through */
    case PARSE_TOO_LARGE:
        key = e->kind == FORM_MONEY ? "too_large_money" : "too_large";
        break;
    case PARSE_NOT_NUMBER:
        key = "not_number";
        break;
    case PARSE_NEGATIVE:
        key = "negative";
        break;
    case PARSE_DECIMAL:
        key = "decimal";
        break;
    case PARSE_COMMA_THOUSANDS:
        key = "comma_thousands";
        break;
    case PARSE_SPACES:
        key = "spaces";
        break;
    case PARSE_PERCENT:
        key = "percent";
        break;
    }
    fl.value = shown_value(a, b, end);
    fl.max = fmt_count(lim, e->max);
    fl.fixed = fmt_count(fixed, n);
    return fill_message(a, form_message_text(key), &fl);
}

void form_add_issue(struct arena *a, struct form_issues *out, bool is_error, const int *elems,
                      int n_elems, const char *message)
{
    if (out->n == out->cap) {
        int cap = out->cap ? out->cap * 2 : 16;
        struct form_issue *items = arena_alloc(a, sizeof *items * (size_t)cap);
        if (!items)
            return;
        if (out->n)
            memcpy(items, out->items, sizeof *items * (size_t)out->n);
        out->items = items;
        out->cap = cap;
    }
    struct form_issue *is = &out->items[out->n++];
    is->is_error = is_error;
    is->n_elements = n_elems > FORM_MAX_TERMS + 1 ? FORM_MAX_TERMS + 1 : n_elems;
    memcpy(is->elements, elems, sizeof(int) * (size_t)is->n_elements);
    is->message = message;
}

/* The check's message with its {placeholders} replaced, in the arena; an
** unknown {name} stays as it is. */
static const char *fill_message(struct arena *a, const char *msg, const struct fill *fl)
{
    static const char *const names[] = {"value",  "target", "target_label", "sum", "previous",
                                        "change", "drop",   "current",      "max", "fixed"};
    const char *vals[] = {fl->value,  fl->target, fl->target_label, fl->sum, fl->previous,
                          fl->change, fl->drop,   fl->current,      fl->max, fl->fixed};
    struct buf b = {0};
    const char *p = msg;
    for (const char *open; (open = strchr(p, '{'));) {
        const char *close = strchr(open, '}');
        if (!close)
            break;
        size_t len = (size_t)(close - open - 1);
        int k = -1;
        for (int i = 0; i < 10 && k < 0; i++)
            if (strlen(names[i]) == len && memcmp(open + 1, names[i], len) == 0)
                k = i;
        buf_append(&b, p, (size_t)((k >= 0 ? open : open + 1) - p));
        if (k >= 0)
            buf_puts(&b, vals[k] ? vals[k] : "");
        p = k >= 0 ? close + 1 : open + 1;
    }
    buf_puts(&b, p);
    const char *s = arena_strdup(a, b.s ? b.s : "");
    buf_free(&b);
    return s;
}

static bool in_scope(const struct form *f, int i, enum form_scope scope)
{
    return i >= 0 && f->elements[i].scope == scope;
}

/* Format and blank checks of every element in scope. */
static void check_values(struct arena *a, const struct form *f, enum form_scope scope,
                         const struct form_value *vals, bool submit, struct form_issues *out)
{
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        if (e->scope != scope)
            continue;
        struct form_value v;
        const char *msg = form_parse(a, e, vals[i].raw, &v);
        if (msg)
            form_add_issue(a, out, true, &i, 1, msg);
        else if (submit && !v.ok && e->kind == FORM_YESNO)
            form_add_issue(a, out, true, &i, 1, form_message_text("blank_yesno"));
        else if (submit && !v.ok && e->kind != FORM_TEXT)
            form_add_issue(a, out, true, &i, 1, form_message_text("blank_count"));
    }
}

static void check_denominators(struct arena *a, const struct form *f, const struct form_check *c,
                               enum form_scope scope, const struct form_value *vals,
                               struct form_issues *out)
{
    for (int i = 0; i < f->n_elements; i++) {
        int d = f->elements[i].denominator;
        if (!in_scope(f, i, scope) || !in_scope(f, d, scope) || !vals[i].ok || !vals[d].ok ||
            vals[i].num <= vals[d].num)
            continue;
        char v[FMT_NUM_MAX], t[FMT_NUM_MAX];
        struct fill fl = {.value = fmt_count(v, vals[i].num),
                          .target = fmt_count(t, vals[d].num),
                          .target_label = f->elements[d].label};
        int elems[2] = {i, d};
        form_add_issue(a, out, c->is_error, elems, 2, fill_message(a, c->message, &fl));
    }
}

static void check_sum(struct arena *a, const struct form *f, const struct form_check *c,
                      enum form_scope scope, const struct form_value *vals,
                      struct form_issues *out)
{
    int elems[FORM_MAX_TERMS + 1];
    int64_t sum = 0;
    if (!in_scope(f, c->target, scope) || !vals[c->target].ok)
        return;
    for (int k = 0; k < c->n_terms; k++) {
        int i = c->terms[k];
        if (!in_scope(f, i, scope) || !vals[i].ok)
            return;
        sum += vals[i].num;
        elems[k] = i;
    }
    int64_t target = vals[c->target].num;
    bool bad = c->kind == CHECK_SUM_LE ? sum > target : sum != target;
    if (!bad)
        return;
    elems[c->n_terms] = c->target;
    char s[FMT_NUM_MAX], t[FMT_NUM_MAX];
    struct fill fl = {.sum = fmt_count(s, sum), .target = fmt_count(t, target),
                      .target_label = f->elements[c->target].label};
    form_add_issue(a, out, c->is_error, elems, c->n_terms + 1, fill_message(a, c->message, &fl));
}

static void check_change(struct arena *a, const struct form *f, const struct form_check *c,
                         enum form_scope scope, const struct form_value *vals,
                         const struct form_value *prev, struct form_issues *out)
{
    int i = c->target;
    if (!in_scope(f, i, scope) || !vals[i].ok || !prev[i].ok || prev[i].num <= 0)
        return;
    double pct = 100.0 * (double)(vals[i].num - prev[i].num) / (double)prev[i].num;
    if (pct <= c->threshold && -pct <= c->threshold)
        return;
    char p[FMT_NUM_MAX], ch[FMT_NUM_MAX], chs[FMT_NUM_MAX + 2];
    fmt_points(ch, pct < 0 ? -pct : pct);
    snprintf(chs, sizeof chs, "%s%s%%", pct < 0 ? "-" : "+", ch);
    struct fill fl = {.previous = fmt_count(p, prev[i].num), .change = chs};
    form_add_issue(a, out, c->is_error, &i, 1, fill_message(a, c->message, &fl));
}

static void check_ratio_drop(struct arena *a, const struct form *f, const struct form_check *c,
                             enum form_scope scope, const struct form_value *vals,
                             const struct form_value *prev, struct form_issues *out)
{
    for (int i = 0; i < f->n_elements; i++) {
        int64_t n, d, pn, pd;
        if (!in_scope(f, i, scope) || !form_ratio(f, vals, i, &n, &d) || d <= 0 ||
            !form_ratio(f, prev, i, &pn, &pd) || pd <= 0)
            continue;
        double now = 100.0 * (double)n / (double)d, before = 100.0 * (double)pn / (double)pd;
        if (before - now <= c->threshold)
            continue;
        char dr[FMT_NUM_MAX], pv[FMT_NUM_MAX], cu[FMT_NUM_MAX];
        struct fill fl = {.drop = fmt_points(dr, before - now),
                          .previous = fmt_ratio(pv, pn, pd),
                          .current = fmt_ratio(cu, n, d)};
        form_add_issue(a, out, c->is_error, &i, 1, fill_message(a, c->message, &fl));
    }
}

void form_check(struct arena *a, const struct form *f, enum form_scope scope,
                const struct form_value *vals, const struct form_value *prev, bool submit,
                struct form_issues *out)
{
    check_values(a, f, scope, vals, submit, out);
    for (int k = 0; k < f->n_checks; k++) {
        const struct form_check *c = &f->checks[k];
        switch (c->kind) {
        case CHECK_LE_DENOMINATOR:
            check_denominators(a, f, c, scope, vals, out);
            break;
        case CHECK_SUM_LE:
        case CHECK_SUM_EQ:
            check_sum(a, f, c, scope, vals, out);
            break;
        case CHECK_CHANGE_PCT:
            if (prev)
                check_change(a, f, c, scope, vals, prev, out);
            break;
        case CHECK_RATIO_DROP:
            if (prev)
                check_ratio_drop(a, f, c, scope, vals, prev, out);
            break;
        }
    }
}

bool form_has_errors(const struct form_issues *out)
{
    for (int i = 0; i < out->n; i++)
        if (out->items[i].is_error)
            return true;
    return false;
}

bool form_ratio(const struct form *f, const struct form_value *vals, int i, int64_t *num,
                int64_t *den)
{
    int d = f->elements[i].denominator;
    if (d < 0 || !vals[i].ok || !vals[d].ok)
        return false;
    *num = vals[i].num;
    *den = vals[d].num;
    return true;
}
