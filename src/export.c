/*
** CSV and XLSX exports of a sheet; see export.h.
*/
#include "export.h"
#include "form.h"
#include "rollup.h"
#include "sheet.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

void export_csv_field(struct buf *b, const char *s, bool text, bool last)
{
    /* a text cell a spreadsheet would read as a formula (=, +, -, @) or after
    ** stripping a tab or carriage return: an apostrophe in front keeps it text */
    bool formula = text && s && *s && strchr("=+-@\t\r", *s);
    if (s && (formula || strpbrk(s, ",\"\r\n"))) {
        buf_puts(b, formula ? "\"'" : "\"");
        for (const char *p = s; *p; p++)
            buf_puts(b, *p == '"' ? "\"\"" : (char[]){*p, 0});
        buf_puts(b, "\"");
    } else if (s) {
        buf_puts(b, s);
    }
    buf_puts(b, last ? "\r\n" : ",");
}

static void csv_field(struct buf *b, const char *s, bool last)
{
    export_csv_field(b, s, true, last);
}

/* A number we wrote ourselves: never a formula, may be negative. */
static void csv_number(struct buf *b, const char *s, bool last)
{
    export_csv_field(b, s, false, last);
}

/* Appends the CSV rows of the elements among rows[0..n). */
static void csv_rows(struct buf *b, const struct sheet_row *rows, int n)
{
    for (int k = 0; k < n; k++) {
        const struct sheet_row *row = &rows[k];
        char value[32] = "", den[32] = "", ratio[32] = "";
        if (row->kind != SHEET_ELEMENT)
            continue;
        if (row->value_kind == SHEET_COUNT || row->value_kind == SHEET_MONEY ||
            row->value_kind == SHEET_YESNO)
            snprintf(value, sizeof value, "%lld", (long long)row->value);
        if (row->ratio_ok) {
            snprintf(den, sizeof den, "%lld", (long long)row->den);
            snprintf(ratio, sizeof ratio, "%.6g", (double)row->num / (double)row->den);
        }
        csv_field(b, row->code, false);
        csv_field(b, row->label, false);
        if (row->value_kind == SHEET_TEXT)
            csv_field(b, row->text, false);
        else
            csv_number(b, value, false);
        csv_number(b, den, false);
        csv_number(b, ratio, true);
    }
}

char *export_csv(const struct sheet *s, size_t *len)
{
    struct buf b = {0};
    buf_puts(&b, "\xEF\xBB\xBF"); /* the byte-order mark */
    buf_puts(&b, "Mã,Nội dung,Số lượng,Mẫu số,Tỷ lệ\r\n");
    csv_rows(&b, s->header, s->n_header);
    csv_rows(&b, s->rows, s->n_rows);
    *len = b.len;
    return b.s;
}

/* --- data by unit (a roll-up's children) ------------------------------- */

/* The elements that have a column in the unit tables: every one but text. */
static bool unit_column(const struct form *f, int i)
{
    return f->elements[i].kind != FORM_TEXT;
}

char *export_units_csv(const struct sheet *s, size_t *len)
{
    const struct form *f = s->form;
    struct buf b = {0};
    char n[32];
    buf_puts(&b, "\xEF\xBB\xBF");
    buf_puts(&b, "Mã,Đơn vị,Cấp,Trạng thái,Số xã đã tổng hợp,Số xã");
    for (int i = 0; i < f->n_elements; i++)
        if (unit_column(f, i))
            buf_printf(&b, ",%s", f->elements[i].code);
    for (int i = 0; i < f->n_elements; i++)
        if (unit_column(f, i) && rollup_has_ratio(f, i))
            buf_printf(&b, ",ty_le_%s", f->elements[i].code);
    buf_puts(&b, "\r\n");
    for (int k = 0; k < s->n_children; k++) {
        const struct rollup_child *c = &s->children[k];
        csv_field(&b, c->unit.code, false);
        csv_field(&b, c->unit.name, false);
        csv_field(&b, c->unit.level, false);
        csv_field(&b, c->status, false);
        snprintf(n, sizeof n, "%d", c->count.included);
        csv_number(&b, n, false);
        snprintf(n, sizeof n, "%d", c->count.expected);
        csv_number(&b, n, false);
        for (int i = 0; i < f->n_elements; i++) {
            if (!unit_column(f, i))
                continue;
            n[0] = 0;
            if (c->sums.has[i])
                snprintf(n, sizeof n, "%lld", (long long)c->sums.sum[i]);
            csv_number(&b, n, false);
        }
        for (int i = 0; i < f->n_elements; i++) {
            int64_t num, den;
            if (!unit_column(f, i) || !rollup_has_ratio(f, i))
                continue;
            n[0] = 0;
            if (c->sums.has[i] && rollup_ratio(f, &c->sums, c->count.expected, i, &num, &den) &&
                den > 0)
                snprintf(n, sizeof n, "%.6g", (double)num / (double)den);
            csv_number(&b, n, false);
        }
        b.len--; /* the last field's "," becomes the line end */
        buf_puts(&b, "\r\n");
    }
    *len = b.len;
    return b.s;
}

/* The cell formats of the workbook. */
struct xlsx_formats {
    lxw_format *title, *note, *text, *line, *money, *head, *section, *cell, *sub, *count, *ratio, *center;
};

/* A format in Times New Roman 12 pt; bold/italic/border/wrap as asked. */
static lxw_format *new_format(lxw_workbook *wb, bool bold, bool italic, bool border, bool wrap)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (bold)
        format_set_bold(f);
    if (italic)
        format_set_italic(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (wrap)
        format_set_text_wrap(f);
    return f;
}

static void make_formats(lxw_workbook *wb, struct xlsx_formats *x)
{
    x->title = new_format(wb, true, false, false, true);
    format_set_align(x->title, LXW_ALIGN_CENTER);
    x->note = new_format(wb, false, true, false, true);
    format_set_align(x->note, LXW_ALIGN_CENTER);
    x->text = new_format(wb, false, false, false, true);
    x->line = new_format(wb, false, false, false, false);
    x->money = new_format(wb, false, false, false, false);
    format_set_num_format(x->money, "#,##0");
    x->head = new_format(wb, true, false, true, true);
    format_set_align(x->head, LXW_ALIGN_CENTER);
    format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
    x->section = new_format(wb, true, false, true, true);
    x->cell = new_format(wb, false, false, true, true);
    x->sub = new_format(wb, false, true, true, true);
    format_set_indent(x->sub, 1);
    x->center = new_format(wb, false, false, true, false);
    format_set_align(x->center, LXW_ALIGN_CENTER);
    x->count = new_format(wb, false, false, true, false);
    format_set_num_format(x->count, "#,##0");
    x->ratio = new_format(wb, false, false, true, false);
    format_set_num_format(x->ratio, "0.00%");
}

/* Row height (points) for wrapped text in a column width characters wide:
** about 1.15 characters of 12 pt Times per unit of width, 15.75 pt a line. */
static double text_height(const char *s, double width)
{
    int chars = 0, lines = 1;
    for (const char *p = s; p && *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue; /* a continuation byte of a UTF-8 character */
        if (*p == '\n' || ++chars > (int)(width * 1.15))
            lines++, chars = 0;
    }
    return 15.75 * lines;
}

/* Writes one element row of the table at row r. */
static void xlsx_element(lxw_worksheet *ws, const struct xlsx_formats *x, lxw_row_t r,
                         const struct sheet_row *row)
{
    worksheet_write_string(ws, r, 0, row->tt, x->center);
    worksheet_write_string(ws, r, 1, row->label, row->sub ? x->sub : x->cell);
    worksheet_set_row(ws, r, text_height(row->label, 62), NULL);
    switch (row->value_kind) {
    case SHEET_COUNT:
    case SHEET_MONEY:
        worksheet_write_number(ws, r, 2, (double)row->value, x->count);
        break;
    case SHEET_YESNO:
        worksheet_write_string(ws, r, 2, row->value ? "Có" : "Không", x->center);
        break;
    case SHEET_TEXT:
        worksheet_write_string(ws, r, 2, row->text, x->cell);
        break;
    case SHEET_BLANK:
        worksheet_write_blank(ws, r, 2, x->cell);
        break;
    }
    if (row->ratio_ok)
        worksheet_write_number(ws, r, 3, (double)row->num / (double)row->den, x->ratio);
    else
        worksheet_write_string(ws, r, 3, row->has_ratio ? "—" : "", x->center);
    worksheet_write_string(ws, r, 4, row->code, x->cell);
}

/* Writes the header items (narrative, budget) from row r; returns the next row. */
static lxw_row_t xlsx_header(lxw_worksheet *ws, const struct xlsx_formats *x, lxw_row_t r,
                             const struct sheet *s, struct arena *a)
{
    for (int k = 0; k < s->n_header; k++) {
        const struct sheet_row *h = &s->header[k];
        if (h->holds == SHEET_TEXT) {
            worksheet_write_string(ws, r++, 0, arena_printf(a, "- %s", h->label), x->line);
            if (h->text && *h->text) {
                worksheet_merge_range(ws, r, 0, r, 3, "", x->text);
                worksheet_write_string(ws, r, 0, h->text, x->text);
                worksheet_set_row(ws, r++, text_height(h->text, 100), NULL);
            }
            continue;
        }
        worksheet_write_string(ws, r, 0, arena_printf(a, "- %s", h->label), x->line);
        if (h->value_kind == SHEET_MONEY || h->value_kind == SHEET_COUNT)
            worksheet_write_number(ws, r, 2, (double)h->value, x->money);
        r++;
    }
    return r;
}

/* Writes the whole sheet into ws. */
static void xlsx_sheet(lxw_worksheet *ws, const struct xlsx_formats *x, const struct sheet *s,
                       struct arena *a)
{
    lxw_row_t r = 0;
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_set_column(ws, 1, 1, 64, NULL);
    worksheet_set_column(ws, 2, 2, 15, NULL);
    worksheet_set_column(ws, 3, 3, 11, NULL);
    /* the element codes stay for programs, in a hidden column */
    lxw_row_col_options hidden = {.hidden = 1, .level = 0, .collapsed = 0};
    worksheet_set_column_opt(ws, 4, 4, 24, NULL, &hidden);
    worksheet_merge_range(ws, r, 0, r, 3, "Phụ lục", x->title);
    r++;
    worksheet_merge_range(ws, r, 0, r, 3, str_upper_vn(a, s->title), x->title);
    worksheet_set_row(ws, r++, 48, NULL);
    const char *note = arena_printf(a, "%s%s%s%s", s->unit_name, s->subtitle ? " — " : "",
                                    s->subtitle ? s->subtitle : "", s->draft ? " (BẢN NHÁP)" : "");
    worksheet_merge_range(ws, r, 0, r, 3, note, x->note);
    r++;
    const char *cutoff = sheet_cutoff_line(a, s);
    if (cutoff) {
        worksheet_merge_range(ws, r, 0, r, 3, cutoff, x->note);
        r++;
    }
    r++;
    r = xlsx_header(ws, x, r, s, a);
    worksheet_write_string(ws, r++, 0, "- Kết quả thực hiện", x->line);
    static const char *const heads[] = {"TT", "Nội dung", "Số lượng", "Tỷ lệ", "Mã chỉ tiêu"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, r, (lxw_col_t)c, heads[c], x->head);
    worksheet_repeat_rows(ws, r, r);
    r++;
    for (int k = 0; k < s->n_rows; k++, r++) {
        const struct sheet_row *row = &s->rows[k];
        if (row->kind == SHEET_ELEMENT) {
            xlsx_element(ws, x, r, row);
            continue;
        }
        worksheet_write_string(ws, r, 0, row->numeral, x->section);
        worksheet_merge_range(ws, r, 1, r, 3, "", x->section);
        worksheet_write_string(ws, r, 1, row->label, x->section);
    }
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_portrait(ws);
    worksheet_set_margins(ws, 1.18, 0.59, 0.79, 0.79); /* 30, 15, 20, 20 mm */
    worksheet_fit_to_pages(ws, 1, 0); /* fit to width; as many pages down as it takes */
}

/* The second worksheet of a roll-up, "Theo đơn vị": one row per unit straight
** below with its status and counts, one column per element (its label as
** header), then one per ratio (percent); the unit code in a hidden column A.
** Landscape A4, header rows and the unit's name repeated on every page. */
static void xlsx_units(lxw_worksheet *ws, const struct xlsx_formats *x, const struct sheet *s,
                       struct arena *a)
{
    const struct form *f = s->form;
    lxw_row_col_options hidden = {.hidden = 1, .level = 0, .collapsed = 0};
    worksheet_set_column_opt(ws, 0, 0, 8, NULL, &hidden);
    worksheet_set_column(ws, 1, 1, 24, NULL);
    worksheet_set_column(ws, 2, 3, 11, NULL);
    lxw_col_t ncol = 4;
    for (int i = 0; i < f->n_elements; i++)
        ncol += unit_column(f, i) ? 1 + rollup_has_ratio(f, i) : 0;
    worksheet_set_column(ws, 4, ncol - 1, 13, NULL);
    worksheet_merge_range(ws, 0, 1, 0, ncol - 1 < 9 ? ncol - 1 : 9,
                          arena_printf(a, "%s — %s: số liệu theo đơn vị", str_upper_vn(a, s->title),
                                       s->unit_name),
                          x->title);
    worksheet_set_row(ws, 0, 36, NULL);
    static const char *const heads[] = {"Mã", "Đơn vị", "Trạng thái", "Đã tổng hợp"};
    for (int c = 0; c < 4; c++)
        worksheet_write_string(ws, 2, (lxw_col_t)c, heads[c], x->head);
    lxw_col_t col = 4;
    double head_h = 32;
    for (int i = 0; i < f->n_elements; i++) {
        if (!unit_column(f, i))
            continue;
        worksheet_write_string(ws, 2, col++, f->elements[i].label, x->head);
        if (text_height(f->elements[i].label, 13) > head_h)
            head_h = text_height(f->elements[i].label, 13);
        if (rollup_has_ratio(f, i))
            worksheet_write_string(ws, 2, col++, "Tỷ lệ", x->head);
    }
    worksheet_set_row(ws, 2, head_h < 409 ? head_h : 409, NULL); /* 409 pt: the most a row may be */
    for (int k = 0; k < s->n_children; k++) {
        const struct rollup_child *c = &s->children[k];
        lxw_row_t r = (lxw_row_t)(3 + k);
        bool commune = strcmp(c->unit.level, "commune") == 0;
        worksheet_write_string(ws, r, 0, c->unit.code, x->cell);
        worksheet_write_string(ws, r, 1, c->unit.name, x->cell);
        worksheet_write_string(ws, r, 2, export_status_label(c->status), x->center);
        worksheet_write_string(ws, r, 3,
                               arena_printf(a, "%d/%d", c->count.included, c->count.expected),
                               x->center);
        col = 4;
        for (int i = 0; i < f->n_elements; i++) {
            int64_t num, den;
            if (!unit_column(f, i))
                continue;
            if (!c->sums.has[i])
                worksheet_write_blank(ws, r, col, x->cell);
            else if (commune && f->elements[i].kind == FORM_YESNO)
                worksheet_write_string(ws, r, col, c->sums.sum[i] ? "Có" : "Không", x->center);
            else
                worksheet_write_number(ws, r, col, (double)c->sums.sum[i], x->count);
            col++;
            if (!rollup_has_ratio(f, i))
                continue;
            if (c->sums.has[i] && rollup_ratio(f, &c->sums, c->count.expected, i, &num, &den) &&
                den > 0)
                worksheet_write_number(ws, r, col, (double)num / (double)den, x->ratio);
            else
                worksheet_write_string(ws, r, col, c->sums.has[i] ? "—" : "", x->center);
            col++;
        }
    }
    worksheet_freeze_panes(ws, 3, 2);
    worksheet_repeat_rows(ws, 2, 2);
    worksheet_repeat_columns(ws, 1, 1);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_set_margins(ws, 0.79, 0.59, 0.79, 0.79);
}

const char *export_status_label(const char *status)
{
    static const char *const map[][2] = {{"empty", "chưa nhập"},   {"draft", "nháp"},
                                         {"submitted", "đã gửi"},  {"returned", "bị trả lại"},
                                         {"approved", "đã duyệt"}, {"rollup", "tổng hợp"}};
    for (size_t i = 0; status && i < sizeof map / sizeof *map; i++)
        if (strcmp(status, map[i][0]) == 0)
            return map[i][1];
    return status ? status : "";
}

/* The whole file at path in a malloc'd buffer; NULL on failure. */
static char *read_all(const char *path, size_t *len)
{
    struct buf b = {0};
    if (buf_read_file(&b, path) < 0) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.s;
}

char *export_xlsx(const struct sheet *s, size_t *len)
{
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/ecdreport-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("export: temporary file");
        return NULL;
    }
    close(fd);
    char *out = NULL;
    struct arena *a = arena_new();
    lxw_workbook *wb = a ? workbook_new(path) : NULL;
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Phụ lục") : NULL;
    if (ws) {
        struct xlsx_formats x;
        make_formats(wb, &x);
        xlsx_sheet(ws, &x, s, a);
        lxw_worksheet *units = s->rollup ? workbook_add_worksheet(wb, "Theo đơn vị") : NULL;
        if (units)
            xlsx_units(units, &x, s, a);
    }
    lxw_error err = wb ? workbook_close(wb) : LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (err == LXW_NO_ERROR && ws)
        out = read_all(path, len);
    else
        fprintf(stderr, "export: xlsx: %s\n", lxw_strerror(err));
    unlink(path);
    arena_free(a);
    return out;
}

const char *export_content_type(const char *format)
{
    static const char *const types[][2] = {
        {"csv", "text/csv; charset=utf-8"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"json", "application/json; charset=utf-8"},
    };
    for (size_t i = 0; format && i < sizeof types / sizeof *types; i++)
        if (strcmp(format, types[i][0]) == 0)
            return types[i][1];
    return NULL;
}

/* The sheet as indented JSON with a final newline, malloc'd. */
static char *export_json(const struct sheet *s, size_t *len)
{
    json_t *j = sheet_json(s);
    char *text = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
    json_decref(j);
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *nl = realloc(text, n + 2);
    if (!nl) {
        free(text);
        return NULL;
    }
    nl[n] = '\n';
    nl[n + 1] = 0;
    *len = n + 1;
    return nl;
}

char *export_sheet(const struct sheet *s, const char *format, size_t *len)
{
    if (!export_content_type(format))
        return NULL;
    if (strcmp(format, "csv") == 0)
        return export_csv(s, len);
    if (strcmp(format, "xlsx") == 0)
        return export_xlsx(s, len);
    return export_json(s, len);
}
