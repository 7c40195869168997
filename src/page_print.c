/*
** A report on paper and in files: the print layout of print.md ("In báo
** cáo"), and the CSV, XLSX and JSON downloads. Both read a struct sheet
** (sheet.h), so a roll-up prints and exports the same way once it fills one.
*/
#include "app.h"
#include "export.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "pdf.h"
#include "rollup.h"
#include "sheet.h"
#include "str.h"
#include "unit.h"

#include <ctype.h>
#include <string.h>

/* The longest text a print parameter may carry (a name, a list of recipients). */
#define PRINT_PARAM_MAX 2000

/* What the officer may change on the print page before printing. */
struct print_options {
    bool report;              /* doc=report: a standalone report; else the appendix */
    const char *number;       /* the document number before "/BC-UBND"; "" to fill by hand */
    const char *date;         /* YYYY-MM-DD */
    const char *authority;    /* lines: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH" */
    const char *signer_title; /* "PHÓ CHỦ TỊCH" */
    const char *signer_name;
    const char *recipients; /* lines */
};

/* Joins lines with "\n", in a. */
static const char *join_lines(struct arena *a, const char **lines, int n)
{
    struct buf b = {0};
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? "\n" : "", lines[i]);
    const char *s = arena_strdup(a, b.s ? b.s : "");
    buf_free(&b);
    return s;
}

/* A query parameter, or fallback when absent or too long. */
static const char *param(struct req *r, const char *name, const char *fallback)
{
    const char *v = http_query(r, name);
    return v && strlen(v) <= PRINT_PARAM_MAX && http_utf8_valid(v, strlen(v)) ? v : fallback;
}

/* The options: the query's where given, else the unit's settings and
** date (YYYY-MM-DD; NULL for today). */
static int read_options(struct req *r, const struct unit *u, const char *date_default,
                        struct print_options *o)
{
    struct sheet_signoff so;
    char today[16];
    if (sheet_signoff_load(r->arena, u->id, &so) < 0)
        return -1;
    const char *date = param(r, "date", "");
    const char *doc = http_query(r, "doc");
    o->report = doc && strcmp(doc, "report") == 0;
    o->number = param(r, "number", "");
    o->date = fmt_is_date(date)  ? date
              : date_default ? date_default
                             : arena_strdup(r->arena, fmt_today_vn(today));
    o->authority = param(r, "authority", join_lines(r->arena, so.authority, so.n_authority));
    o->signer_title = param(r, "signer_title", so.signer_title);
    o->signer_name = param(r, "signer_name", so.signer_name);
    o->recipients = param(r, "recipients", join_lines(r->arena, so.recipients, so.n_recipients));
    return 0;
}

/* Lines of text as template rows {line}. */
static json_t *line_rows(struct arena *a, const char *text)
{
    const char **lines;
    int n = sheet_lines(a, text, &lines);
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s}", "line", lines[i]));
    return list;
}

/* A roll-up's "Tình hình thực hiện": what each unit straight below wrote
** ("Xã Mỹ Hòa: …", then its further lines), or, when none wrote anything,
** a pointer to their reports. Never an empty heading. */
static json_t *rollup_paragraphs(struct arena *a, const struct sheet *s)
{
    json_t *list = json_array();
    for (int k = 0; k < s->n_texts; k++) {
        const char **lines;
        int n = sheet_lines(a, s->texts[k].text, &lines);
        for (int i = 0; i < n; i++) {
            json_t *p = json_pack("{s:s}", "line", lines[i]);
            if (i == 0)
                json_object_set_new(p, "who", json_pack("{s:s}", "wname", s->texts[k].unit_name));
            json_array_append_new(list, p);
        }
    }
    if (json_array_size(list) == 0)
        json_array_append_new(
            list, json_pack("{s:s}", "line",
                            strcmp(s->unit_level, "province") == 0
                                ? "(xem báo cáo của từng huyện, từng xã)"
                                : "(xem báo cáo của từng xã)"));
    return list;
}

/* The header items above the table: "- Tình hình thực hiện" with its text as
** paragraphs, "- Tổng kinh phí thực hiện: 12.500.000 đồng". */
static json_t *header_items(struct arena *a, const struct sheet *s)
{
    json_t *list = json_array();
    for (int k = 0; k < s->n_header; k++) {
        const struct sheet_row *h = &s->header[k];
        json_t *item;
        if (h->holds == SHEET_TEXT && s->rollup) {
            item = json_pack("{s:s, s:o}", "item_label", h->label, "paragraphs",
                             rollup_paragraphs(a, s));
        } else if (h->holds == SHEET_TEXT) {
            item = json_pack("{s:s, s:o}", "item_label", h->label, "paragraphs",
                             line_rows(a, h->text));
            if (s->blank)
                json_object_set_new(item, "write_in", json_true());
        } else {
            const char *label = h->label;
            const char *unit_suffix = strstr(label, " (đồng)");
            if (unit_suffix) /* the unit follows the figure on paper */
                label = arena_strndup(a, label, (size_t)(unit_suffix - label));
            const char *value = h->value_kind == SHEET_BLANK ? "……………………"
                                                              : sheet_value_text(a, h);
            item = json_pack("{s:s, s:s, s:b}", "item_label", label, "item_value",
                             arena_printf(a, "%s%s", value, unit_suffix ? " đồng" : ""),
                             "has_value", true);
        }
        json_array_append_new(list, item);
    }
    return list;
}

/* The "Số lượng" cell: the value, or on the blank form "Có / Không" to
** circle for a yes/no question. */
static const char *cell_value(struct arena *a, const struct sheet *s, const struct sheet_row *row)
{
    if (s->blank && row->holds == SHEET_YESNO)
        return "Có / Không";
    return sheet_value_text(a, row);
}

/* The table's rows: sections and elements, each with its own booleans. */
static json_t *table_rows(struct arena *a, const struct sheet *s)
{
    json_t *list = json_array();
    for (int k = 0; k < s->n_rows; k++) {
        const struct sheet_row *row = &s->rows[k];
        bool section = row->kind == SHEET_SECTION;
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b}", "cell_code",
                            row->code ? row->code : "", "cell_tt", row->tt, "cell_label",
                            row->label, "cell_value", section ? "" : cell_value(a, s, row),
                            "cell_ratio",
                            section || s->blank ? "" : sheet_ratio_text(a, row),
                            "is_section", section, "is_element", !section, "is_sub", row->sub));
    }
    return list;
}

/* The issuing body as the "Kèm theo" line names it: "Ủy ban nhân dân huyện
** Tháp Mười" (the unit's kind in lower case, as inside a sentence). */
static const char *issuer_phrase(struct arena *a, const struct unit *u)
{
    char *name = arena_strdup(a, u->name);
    if (name && u->kind && strncmp(name, u->kind, strlen(u->kind)) == 0 &&
        (unsigned char)name[0] < 0x80)
        name[0] = (char)tolower((unsigned char)name[0]);
    return arena_printf(a, "Ủy ban nhân dân %s", name ? name : u->name);
}

/* The summary title of a standalone report, under "BÁO CÁO": the form's title
** without its own leading "Báo cáo ", first letter in capitals ("Tổng hợp kết
** quả thực hiện Kế hoạch … năm 2024"). */
static const char *report_summary(struct arena *a, const char *title)
{
    static const char lead[] = "Báo cáo ";
    if (strncmp(title, lead, sizeof lead - 1) == 0 && title[sizeof lead - 1]) {
        char *t = arena_strdup(a, title + sizeof lead - 1);
        if (t && (unsigned char)t[0] < 0x80)
            t[0] = (char)toupper((unsigned char)t[0]);
        return t ? t : title;
    }
    return title;
}

/* The template data of the document's frame (print.md, Nghị định 30 Phụ lục I).
** The appendix (default): "Phụ lục" (bold), the title in capitals, the line
** "(Kèm theo Báo cáo số …/BC-UBND ngày … của Ủy ban nhân dân …)" tying it to
** its report (number and date from the options; dotted when not given); no
** header block and no signature of its own, as the seed's appendix. A
** standalone report (o->report): the header block, "BÁO CÁO" and the summary
** title, "Nơi nhận" and the signature block. Both: the data cut-off under the
** title, the subtitle, the draft mark. The caller adds what goes between
** title and closing. */
static json_t *document_frame(struct req *r, const struct unit *u, const char *title,
                              const char *subtitle, const char *cutoff, bool blank, bool draft,
                              const struct print_options *o)
{
    char date[FMT_DATE_MAX];
    const char *place = sheet_place(u);
    json_t *d = json_object();
    json_object_set_new(d, "issuer_top", json_string("ỦY BAN NHÂN DÂN"));
    json_object_set_new(d, "issuer_unit", json_string(str_upper_vn(r->arena, u->name)));
    json_object_set_new(d, "number", json_string(*o->number ? o->number : "\u2003\u2003\u2003"));
    json_object_set_new(
        d, "place_date",
        json_string(blank ? arena_printf(r->arena, "%s, ngày …… tháng …… năm ……", place)
                          : arena_printf(r->arena, "%s, %s", place,
                                         fmt_date_long(date, o->date))));
    if (o->report) {
        json_object_set_new(d, "is_report", json_true());
        json_object_set_new(d, "doc_title", json_string(report_summary(r->arena, title)));
    } else {
        json_object_set_new(d, "is_appendix", json_true());
        json_object_set_new(d, "doc_title", json_string(str_upper_vn(r->arena, title)));
        json_object_set_new(
            d, "attached",
            json_string(arena_printf(
                r->arena, "(Kèm theo Báo cáo số %s/BC-UBND %s của %s)",
                *o->number ? o->number : "……",
                blank || !*o->number ? "ngày …… tháng …… năm ……" : fmt_date_long(date, o->date),
                issuer_phrase(r->arena, u))));
    }
    if (cutoff)
        json_object_set_new(d, "cutoff", json_pack("{s:s}", "text", cutoff));
    if (subtitle)
        json_object_set_new(d, "subtitle", json_pack("{s:s}", "text", subtitle));
    json_object_set_new(d, "recipients", line_rows(r->arena, o->recipients));
    json_t *authority = line_rows(r->arena, o->authority);
    if (*o->signer_title)
        json_array_append_new(authority, json_pack("{s:s}", "line", o->signer_title));
    json_object_set_new(d, "authority", authority);
    json_object_set_new(d, "signer_name", json_string(o->signer_name));
    json_object_set_new(d, "draft", json_boolean(draft));
    json_object_set_new(d, "blank", json_boolean(blank));
    return d;
}

/* Who of a roll-up's units has reported, under the title ("every commune's
** status"): communes grouped as "Đã duyệt (n): …", "Đã gửi, chờ duyệt (n):
** …", "Chưa gửi (n): … (nháp), … (bị trả lại), …"; districts as "Huyện X:
** 7/13 xã". Rows {sline}. */
static json_t *unit_status(struct arena *a, const struct sheet *s)
{
    static const struct {
        const char *title;
        const char *statuses[3];
    } groups[] = {{"Đã duyệt", {"approved"}},
                  {"Đã gửi, chờ duyệt", {"submitted"}},
                  {"Chưa gửi", {"empty", "draft", "returned"}}};
    json_t *list = json_array();
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
        struct buf b = {0};
        int n = 0;
        for (int k = 0; k < s->n_children; k++) {
            const struct rollup_child *c = &s->children[k];
            if (strcmp(c->unit.level, "commune") != 0)
                continue;
            for (int i = 0; i < 3 && groups[g].statuses[i]; i++) {
                if (strcmp(c->status, groups[g].statuses[i]) != 0)
                    continue;
                buf_printf(&b, "%s%s", n++ ? ", " : "", c->unit.name);
                if (strcmp(c->status, "empty") != 0 && g == 2)
                    buf_printf(&b, " (%s)", export_status_label(c->status));
            }
        }
        if (n)
            json_array_append_new(list, json_pack("{s:s}", "sline",
                                                  arena_printf(a, "%s (%d): %s", groups[g].title,
                                                               n, b.s)));
        buf_free(&b);
    }
    for (int k = 0; k < s->n_children; k++) {
        const struct rollup_child *c = &s->children[k];
        if (strcmp(c->unit.level, "commune") != 0)
            json_array_append_new(
                list, json_pack("{s:s}", "sline",
                                arena_printf(a, "%s: đã tổng hợp %d/%d xã", c->unit.name,
                                             c->count.included, c->count.expected)));
    }
    return list;
}

/* The template data of a sheet's document: the frame, the header items and
** the table. */
static json_t *document_data(struct req *r, const struct unit *u, const struct sheet *s,
                             const struct print_options *o)
{
    json_t *d = document_frame(r, u, s->title, s->subtitle, sheet_cutoff_line(r->arena, s),
                               s->blank, s->draft, o);
    if (s->rollup && s->n_children > 0)
        json_object_set_new(d, "unit_status", unit_status(r->arena, s));
    json_object_set_new(d, "items", header_items(r->arena, s));
    json_object_set_new(d, "table", json_pack("{s:o}", "rows", table_rows(r->arena, s)));
    return d;
}

/* The small form above the document that changes the sign-off and re-renders
** the page (values as given now). */
static json_t *options_form(const struct print_options *o, bool blank, bool only_approved)
{
    json_t *f = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "f_number", o->number,
                          "f_date", o->date, "f_authority", o->authority, "f_signer_title",
                          o->signer_title, "f_signer_name", o->signer_name, "f_recipients",
                          o->recipients, "f_report", o->report, "f_appendix", !o->report);
    if (blank)
        json_object_set_new(f, "f_blank", json_true());
    if (only_approved)
        json_object_set_new(f, "f_only_approved", json_true());
    return f;
}

/* The sheet of u for p (sheet_load), of the approved reports only when the
** query says only=approved; 0, or the status to answer. */
static int load_sheet(struct req *r, const struct unit *u, const struct period *p, bool blank,
                      struct sheet *s)
{
    switch (sheet_load(r->arena, app.form, u, p, blank, page_only_approved(r), s)) {
    case SHEET_FILLED:
        return 0;
    case SHEET_FAILED:
        break;
    }
    return 500;
}

/*
** GET /reports/{unit}/{period}/print
**
** The print layout of one commune's report (print.md): A4, header block, title,
** the table, "Nơi nhận" and the signature block; "BẢN NHÁP" on every page
** while it is not submitted. Role: the commune itself or staff above it.
** Query: blank=1  the empty form, to fill by hand;
**        only=approved  a district's or province's table counts the approved
**        reports only (the subtitle says so);
**        number, date (YYYY-MM-DD), authority, signer_title, signer_name,
**        recipients (one per line)  override the unit's settings for this
**        printing (nothing is saved).
** A district's or province's table is its roll-up (sheet_load).
*/
static int report_document(struct req *r, bool as_pdf);

int page_report_print(struct req *r)
{
    return report_document(r, false);
}

/* Appends "&name=value" (value percent-encoded) to b. */
static void query_arg(struct buf *b, const char *name, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_printf(b, "%s%s=", b->len ? "&" : "", name);
    for (const unsigned char *p = (const unsigned char *)value; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-_.~", *p))
            buf_append(b, (const char *)p, 1);
        else
            buf_append(b, (char[]){'%', hex[*p >> 4], hex[*p & 15]}, 3);
    }
}

/* The URL of the program's PDF of this printing: base + "/export.pdf" with
** the options of the print page as its query. */
static const char *pdf_href(struct req *r, const char *base, const struct print_options *o,
                            bool blank, bool only_approved)
{
    struct buf q = {0};
    if (o->report)
        query_arg(&q, "doc", "report");
    if (blank)
        query_arg(&q, "blank", "1");
    if (only_approved)
        query_arg(&q, "only", "approved");
    static const char *const names[] = {"number", "date", "authority", "signer_title",
                                        "signer_name", "recipients"};
    const char *values[] = {o->number,       o->date,        o->authority,
                            o->signer_title, o->signer_name, o->recipients};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (http_query(r, names[i]))
            query_arg(&q, names[i], values[i]);
    const char *href = arena_printf(r->arena, "%s/export.pdf%s%s", base, q.len ? "?" : "",
                                    q.s ? q.s : "");
    buf_free(&q);
    return href;
}

/* A PDF answer: the document doc laid out by pdf_document, saved as name. */
static int answer_pdf(struct req *r, json_t *doc, bool landscape, const char *title,
                      const char *name)
{
    size_t len = 0;
    char *body = pdf_document(doc, landscape, title, &len);
    json_decref(doc);
    if (!body)
        return 500;
    return http_bytes(r, 200, "application/pdf", body, len, name);
}

/* The print page of a report or roll-up (page_report_print), or the same
** document as the program's PDF (as_pdf: GET …/export.pdf). */
static int report_document(struct req *r, bool as_pdf)
{
    struct unit u;
    struct period p;
    struct sheet s;
    struct print_options o;
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    const char *blank = http_query(r, "blank");
    bool is_blank = blank && strcmp(blank, "1") == 0;
    if ((status = load_sheet(r, &u, &p, is_blank, &s)))
        return status;
    if (read_options(r, &u, s.date, &o) < 0)
        return 500;
    const char *label = period_label(r->arena, p.code);
    const char *href = page_report_href(r, u.code, p.code);
    const char *title = arena_printf(r->arena, "Bản in: báo cáo %s — %s", label, u.name);
    if (as_pdf)
        return answer_pdf(r, document_data(r, &u, &s, &o), false, title,
                          arena_printf(r->arena, "bao-cao-%s-%s%s%s.pdf", u.code, p.code,
                                       is_blank ? "-mau-trong" : "",
                                       s.only_approved ? "-da-duyet" : ""));
    json_t *d = page_data(r, title);
    json_object_set_new(d, "doc", document_data(r, &u, &s, &o));
    json_object_set_new(d, "options", options_form(&o, is_blank, s.only_approved));
    json_object_set_new(d, "back", json_string(href));
    json_object_set_new(d, "back_label", json_string("← Quay lại báo cáo"));
    json_object_set_new(d, "orientation", json_string("đứng"));
    json_object_set_new(d, "action", json_string(arena_printf(r->arena, "%s/print", href)));
    json_object_set_new(d, "pdf_action", json_string(arena_printf(r->arena, "%s/export.pdf", href)));
    json_object_set_new(d, "pdf_href",
                        json_string(pdf_href(r, href, &o, is_blank, s.only_approved)));
    json_object_set_new(d, "is_blank", json_boolean(is_blank));
    json_object_set_new(d, "is_draft", json_boolean(s.draft));
    return http_html(r, 200, "print.tpl", d);
}

/* The landscape document of a roll-up's matrix: the frame and the matrix. */
static json_t *landscape_document(struct req *r, const struct unit *u, const struct period *p,
                                  const char *subtitle, json_t *matrix,
                                  const struct print_options *o)
{
    const char *title =
        arena_printf(r->arena, "%s %s", app.form->title, period_label(r->arena, p->code));
    struct sheet cut = {0};
    const char *cutoff = sheet_cutoff(r->arena, p, &cut.cutoff_from, &cut.cutoff_to) == 0
                             ? sheet_cutoff_line(r->arena, &cut)
                             : NULL;
    json_t *doc = document_frame(r, u, title, subtitle, cutoff, false, false, o);
    json_object_set_new(doc, "matrix", matrix);
    return doc;
}

int page_pdf_landscape(struct req *r, const struct unit *u, const struct period *p,
                       const char *subtitle, bool only_approved, json_t *matrix)
{
    struct print_options o;
    if (read_options(r, u, NULL, &o) < 0) {
        json_decref(matrix);
        return 500;
    }
    const char *label = period_label(r->arena, p->code);
    return answer_pdf(r, landscape_document(r, u, p, subtitle, matrix, &o), true,
                      arena_printf(r->arena, "Bản in: bảng chi tiết %s — %s", label, u->name),
                      arena_printf(r->arena, "bang-chi-tiet-%s-%s%s.pdf", u->code, p->code,
                                   only_approved ? "-da-duyet" : ""));
}

int page_print_landscape(struct req *r, const struct unit *u, const struct period *p,
                         const char *subtitle, bool only_approved, json_t *matrix)
{
    struct print_options o;
    if (read_options(r, u, NULL, &o) < 0) {
        json_decref(matrix);
        return 500;
    }
    const char *label = period_label(r->arena, p->code);
    const char *href = arena_printf(r->arena, "/rollup/%s/%s", u->code, p->code);
    json_t *d = page_data(r, arena_printf(r->arena, "Bản in: bảng chi tiết %s — %s", label,
                                          u->name));
    json_object_set_new(d, "doc", landscape_document(r, u, p, subtitle, matrix, &o));
    json_object_set_new(d, "options", options_form(&o, false, only_approved));
    json_object_set_new(d, "back", json_string(arena_printf(r->arena, "%s%s", href,
                                                            only_approved ? "?only=approved" : "")));
    json_object_set_new(d, "back_label", json_string("← Quay lại bảng tổng hợp"));
    json_object_set_new(d, "orientation", json_string("ngang"));
    json_object_set_new(d, "landscape", json_true());
    json_object_set_new(d, "action", json_string(arena_printf(r->arena, "%s/print", href)));
    json_object_set_new(d, "pdf_action", json_string(arena_printf(r->arena, "%s/export.pdf", href)));
    json_object_set_new(d, "pdf_href",
                        json_string(pdf_href(r, href, &o, false, only_approved)));
    return http_html(r, 200, "print.tpl", d);
}

/*
** GET /reports/{unit}/{period}/export.{csv|xlsx|json}
**
** The report's table as a download: CSV (UTF-8 with BOM), XLSX, or the sheet
** as JSON (export.h, sheet.h). Role: the commune itself or staff above it.
** A district's or province's table is its roll-up; query only=approved counts
** the approved reports only (the file name ends in "-da-duyet").
*/
int page_report_export(struct req *r)
{
    struct unit u;
    struct period p;
    struct sheet s;
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    const char *format = r->args[2], *type = export_content_type(format);
    if (format && strcmp(format, "pdf") == 0)
        return report_document(r, true); /* the print page's document, by the program */
    if (!type)
        return 404;
    if ((status = load_sheet(r, &u, &p, false, &s)))
        return status;
    size_t len = 0;
    char *body = export_sheet(&s, format, &len);
    if (!body)
        return 500;
    return http_bytes(r, 200, type, body, len,
                      arena_printf(r->arena, "bao-cao-%s-%s%s.%s", u.code, p.code,
                                   s.only_approved ? "-da-duyet" : "", format));
}

/*
** GET /reports/{unit}/{period}/units.csv
**
** A district's or province's data by unit: one row per unit straight below
** with its status, counts and values (export_units_csv). 404 for a commune.
** Query: only=approved as for the other downloads. Role: staff of the unit
** or above it.
*/
int page_report_units(struct req *r)
{
    struct unit u;
    struct period p;
    struct sheet s;
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    if ((status = load_sheet(r, &u, &p, false, &s)))
        return status;
    if (!s.rollup)
        return 404;
    size_t len = 0;
    char *body = export_units_csv(&s, &len);
    if (!body)
        return 500;
    return http_bytes(r, 200, "text/csv; charset=utf-8", body, len,
                      arena_printf(r->arena, "don-vi-%s-%s%s.csv", u.code, p.code,
                                   s.only_approved ? "-da-duyet" : ""));
}
