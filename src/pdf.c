/*
** The printable document as PDF, with cairo and pango; see pdf.h.
**
** A small flow layout: a cursor goes down the page; every block (a line of
** the title, a paragraph, a table row, the closing block) measures itself
** first and starts a new page when it does not fit, so rows never split and
** the table's header is drawn again at the top of each new page.
*/
#include "pdf.h"
#include "app.h"
#include "str.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4) /* points per millimetre */
#define FACE "Liberation Serif"
#define RULE 0.75 /* the width of rules and borders, in points (1 CSS px) */

enum { PLAIN = 0, BOLD = 1, ITALIC = 2 };

/* One document being written. */
struct pdf {
    cairo_t *cr;
    PangoContext *ctx;
    double pw, ph;                  /* the page, in points */
    double left, right, top, bottom; /* the margins */
    double y;                       /* where the next block starts */
    int page;                       /* the current page, from 1 */
    bool draft;
    double line; /* line height over the face's height (ascent + descent, 1.107 em) */
    /* the header row of the table being written, drawn again on each new page */
    void (*thead)(struct pdf *, const void *);
    const void *thead_arg;
};

/* The font map of the one face: made once, used under pdf_lock only (pango
** font maps are not thread-safe). */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *font_map;

/* LeakSanitizer (the ASan build of the HTTP tests): the patterns fontconfig
** makes for the one font map stay cached for the life of the process and are
** not freed at exit. Only fontconfig's allocations are left out of the report. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

/* A fontconfig that holds Liberation Serif 2 from static/ and nothing else. */
static PangoFontMap *make_font_map(void)
{
    static const char *const files[] = {"Regular", "Bold", "Italic", "BoldItalic"};
    FcConfig *fc = FcConfigCreate();
    if (!fc)
        return NULL;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char rel[64], path[4096];
        snprintf(rel, sizeof rel, "static/LiberationSerif-%s.ttf", files[i]);
        if (!FcConfigAppFontAddFile(fc, (const FcChar8 *)app_path(path, sizeof path, rel))) {
            fprintf(stderr, "pdf: cannot load the font %s\n", path);
            FcConfigDestroy(fc);
            return NULL;
        }
    }
    PangoFontMap *fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!fm) {
        FcConfigDestroy(fc);
        return NULL;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), fc);
    FcConfigDestroy(fc); /* the font map holds its own reference */
    return fm;
}

/* --- the document data ---------------------------------------------------- */

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static bool flag(const json_t *o, const char *key)
{
    return json_is_true(json_object_get(o, key));
}

/* The text of an object's sub-object field ("cutoff": {"text": …}), or NULL. */
static const char *sub_text(const json_t *o, const char *key, const char *field)
{
    const json_t *v = json_object_get(o, key);
    return json_is_object(v) ? json_string_value(json_object_get(v, field)) : NULL;
}

/* Text escaped for pango markup, in a. */
static char *esc(struct arena *a, const char *s)
{
    char *e = g_markup_escape_text(s ? s : "", -1);
    char *out = arena_strdup(a, e);
    g_free(e);
    return out;
}

/* --- text ------------------------------------------------------------------ */

/* A layout of markup at size points in style, width points wide (0: one
** line of its natural width), aligned, with a first-line indent. */
static PangoLayout *layout(struct pdf *d, const char *markup, double size, int style,
                           double width, PangoAlignment align, double indent)
{
    PangoLayout *l = pango_layout_new(d->ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, FACE);
    pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
    pango_font_description_set_weight(fd, style & BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, style & ITALIC ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_line_spacing(l, (float)d->line);
    if (indent > 0)
        pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_markup(l, markup, -1);
    return l;
}

static double height_of(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

static double width_of(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)w / PANGO_SCALE;
}

static void show(struct pdf *d, PangoLayout *l, double x, double y)
{
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, l);
}

/* A horizontal rule from x, w wide, at y. */
static void rule(struct pdf *d, double x, double y, double w)
{
    cairo_set_line_width(d->cr, RULE);
    cairo_move_to(d->cr, x, y);
    cairo_line_to(d->cr, x + w, y);
    cairo_stroke(d->cr);
}

/* --- pages ----------------------------------------------------------------- */

/* The draft mark (print.css .draft-mark): "BẢN NHÁP", 60 pt bold, pale red,
** turned 30° at 40 % of the page's height. */
static void draft_mark(struct pdf *d)
{
    PangoLayout *l = layout(d, "BẢN NHÁP", 60, BOLD, 0, PANGO_ALIGN_LEFT, 0);
    cairo_save(d->cr);
    cairo_translate(d->cr, d->pw / 2, d->ph * 0.4);
    cairo_rotate(d->cr, -30.0 * G_PI / 180.0);
    cairo_set_source_rgba(d->cr, 190 / 255.0, 0, 0, 0.22);
    show(d, l, -width_of(l) / 2, -height_of(l) / 2);
    cairo_restore(d->cr);
    g_object_unref(l);
}

/* Starts a page: its number centred in the top margin from page 2, the draft
** mark, the cursor at the top margin. */
static void start_page(struct pdf *d)
{
    if (d->page > 0)
        cairo_show_page(d->cr);
    d->page++;
    d->y = d->top;
    if (d->draft)
        draft_mark(d);
    if (d->page > 1) {
        char n[16];
        snprintf(n, sizeof n, "%d", d->page);
        PangoLayout *l = layout(d, n, PDF_BODY_PT, PLAIN, 0, PANGO_ALIGN_LEFT, 0);
        show(d, l, d->left + (d->pw - d->left - d->right - width_of(l)) / 2,
             (d->top - height_of(l)) / 2);
        g_object_unref(l);
    }
}

static double content_width(const struct pdf *d)
{
    return d->pw - d->left - d->right;
}

/* Makes room for a block h points high: a new page (and the table's header
** again) when it does not fit below the cursor. */
static void need(struct pdf *d, double h)
{
    if (d->y + h <= d->ph - d->bottom || d->y <= d->top + 0.5)
        return;
    start_page(d);
    if (d->thead)
        d->thead(d, d->thead_arg);
}

/* A paragraph of markup across the content width: space above, the text,
** space below. */
static void para(struct pdf *d, const char *markup, double size, int style, PangoAlignment align,
                 double indent, double before, double after)
{
    PangoLayout *l = layout(d, markup, size, style, content_width(d), align, indent);
    if (align == PANGO_ALIGN_LEFT && indent > 0)
        pango_layout_set_justify(l, TRUE);
    double h = height_of(l);
    need(d, before + h);
    d->y += before;
    show(d, l, d->left, d->y);
    d->y += h + after;
    g_object_unref(l);
}

/* --- tables ---------------------------------------------------------------- */

/* One cell: markup, style and size, alignment, left indent, grey fill. */
struct cell {
    const char *markup;
    double size;
    int style;
    PangoAlignment align;
    double indent;
    bool grey;
    int span;    /* columns it covers (0 or 1: one) */
    bool nowrap; /* one line, however narrow the column (print.css white-space: nowrap) */
};

/* Writes one table row of n cells over columns widths w (cells may span),
** padding pv/ph, at least min_h high; a new page first when it does not fit. */
static void row(struct pdf *d, const struct cell *c, int n, const double *w, double pv,
                double phz, double min_h)
{
    PangoLayout *ls[64];
    double xs[64], ws[64], h = min_h;
    int col = 0;
    double x = d->left;
    for (int i = 0; i < n && i < 64; i++) {
        int span = c[i].span > 1 ? c[i].span : 1;
        double cw = 0;
        for (int k = 0; k < span; k++)
            cw += w[col + k];
        col += span;
        xs[i] = x, ws[i] = cw, x += cw;
        ls[i] = layout(d, c[i].markup, c[i].size, c[i].style,
                       c[i].nowrap ? 0 : cw - 2 * phz - c[i].indent, c[i].align, 0);
        if (height_of(ls[i]) + 2 * pv > h)
            h = height_of(ls[i]) + 2 * pv;
    }
    need(d, h);
    for (int i = 0; i < n && i < 64; i++) {
        if (c[i].grey) {
            cairo_set_source_rgb(d->cr, 0.9, 0.9, 0.9);
            cairo_rectangle(d->cr, xs[i], d->y, ws[i], h);
            cairo_fill(d->cr);
            cairo_set_source_rgb(d->cr, 0, 0, 0);
        }
        double th = height_of(ls[i]);
        double ty = min_h > 0 ? d->y + (h - th) / 2 : d->y + pv; /* tall rows: centred */
        double tx = xs[i] + phz + c[i].indent;
        if (c[i].nowrap) { /* aligned by hand: the layout has its natural width */
            double room = ws[i] - 2 * phz - width_of(ls[i]);
            tx += c[i].align == PANGO_ALIGN_RIGHT    ? room
                  : c[i].align == PANGO_ALIGN_CENTER ? room / 2
                                                     : 0;
        }
        show(d, ls[i], tx, ty);
        cairo_set_line_width(d->cr, RULE);
        cairo_rectangle(d->cr, xs[i], d->y, ws[i], h);
        cairo_stroke(d->cr);
        g_object_unref(ls[i]);
    }
    d->y += h;
}

/* --- the parts of the document --------------------------------------------- */

/* The header block of a standalone report (print.md): the issuing body left,
** the national motto right, both centred in their columns. */
static void head_block(struct pdf *d, struct arena *a, const json_t *doc)
{
    double cw = content_width(d), lw = cw * 0.38, rw = cw - lw, y0 = d->y;
    PangoLayout *l;
    /* left: ỦY BAN NHÂN DÂN / XÃ MỸ HÒA, a short rule, Số: …/BC-UBND */
    l = layout(d, arena_printf(a, "%s\n%s", esc(a, str(doc, "issuer_top")),
                               esc(a, str(doc, "issuer_unit"))),
               12.5, BOLD, lw, PANGO_ALIGN_CENTER, 0);
    show(d, l, d->left, d->y);
    double ly = d->y + height_of(l);
    g_object_unref(l);
    rule(d, d->left + lw * 0.35, ly + 1 * MM, lw * 0.3);
    ly += 2 * MM + 2 * MM;
    l = layout(d, arena_printf(a, "Số: %s/BC-UBND", esc(a, str(doc, "number"))), 13, PLAIN, lw,
               PANGO_ALIGN_CENTER, 0);
    show(d, l, d->left, ly);
    ly += height_of(l);
    g_object_unref(l);
    /* right: the motto, underlined as long as its text, then place and date */
    double x = d->left + lw, ry = y0;
    l = layout(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.5, BOLD, rw, PANGO_ALIGN_CENTER, 0);
    show(d, l, x, ry);
    ry += height_of(l);
    g_object_unref(l);
    l = layout(d, "Độc lập - Tự do - Hạnh phúc", 13.5, BOLD, 0, PANGO_ALIGN_LEFT, 0);
    double tw = width_of(l);
    show(d, l, x + (rw - tw) / 2, ry);
    ry += height_of(l);
    g_object_unref(l);
    rule(d, x + (rw - tw) / 2, ry + 0.5, tw);
    ry += 3 * MM;
    l = layout(d, esc(a, str(doc, "place_date")), 13, ITALIC, rw, PANGO_ALIGN_CENTER, 0);
    show(d, l, x, ry);
    ry += height_of(l);
    g_object_unref(l);
    d->y = (ly > ry ? ly : ry) + 4 * MM;
}

/* The title block: "BÁO CÁO" and the summary title, or "Phụ lục", the title
** in capitals and the "Kèm theo" line; a short rule; the cut-off; the subtitle. */
static void title_block(struct pdf *d, struct arena *a, const json_t *doc)
{
    double cw = content_width(d);
    if (flag(doc, "is_report")) {
        para(d, "BÁO CÁO", 14, BOLD, PANGO_ALIGN_CENTER, 0, 0, 0);
        para(d, esc(a, str(doc, "doc_title")), 13.5, BOLD, PANGO_ALIGN_CENTER, 0, 0, 0);
    } else {
        para(d, "Phụ lục", 14, BOLD, PANGO_ALIGN_CENTER, 0, 4 * MM, 0); /* .doc-title's margin */
        para(d, esc(a, str(doc, "doc_title")), 13.5, BOLD, PANGO_ALIGN_CENTER, 0, 0, 0);
        para(d, esc(a, str(doc, "attached")), 13, ITALIC, PANGO_ALIGN_CENTER, 0, 1 * MM, 0);
    }
    rule(d, d->left + cw * 0.375, d->y + 1 * MM, cw * 0.25);
    d->y += 1 * MM + 4 * MM;
    const char *cutoff = sub_text(doc, "cutoff", "text");
    if (cutoff)
        para(d, esc(a, cutoff), PDF_BODY_PT, ITALIC, PANGO_ALIGN_CENTER, 0, 0, 2 * MM);
    const char *subtitle = sub_text(doc, "subtitle", "text");
    if (subtitle)
        para(d, esc(a, subtitle), PDF_BODY_PT, ITALIC, PANGO_ALIGN_CENTER, 0, 0, 3 * MM);
    size_t i, n = json_array_size(json_object_get(doc, "unit_status"));
    const json_t *line;
    json_array_foreach(json_object_get(doc, "unit_status"), i, line)
        para(d, esc(a, str(line, "sline")), 12, ITALIC, PANGO_ALIGN_LEFT, 0, 0,
             i + 1 == n ? 3 * MM : 1 * MM);
}

/* The header items: "- Tình hình thực hiện" and its paragraphs (a commune's
** name in italics before its text), lines to write in, "- Tổng kinh phí …". */
static void items(struct pdf *d, struct arena *a, const json_t *doc)
{
    size_t i, k;
    const json_t *item, *p;
    json_array_foreach(json_object_get(doc, "items"), i, item)
    {
        const char *line = flag(item, "has_value")
                               ? arena_printf(a, "- %s: %s", esc(a, str(item, "item_label")),
                                              esc(a, str(item, "item_value")))
                               : arena_printf(a, "- %s", esc(a, str(item, "item_label")));
        para(d, line, PDF_BODY_PT, PLAIN, PANGO_ALIGN_LEFT, 0, 1.5 * MM, 0);
        json_array_foreach(json_object_get(item, "paragraphs"), k, p)
        {
            const char *who = sub_text(p, "who", "wname");
            const char *text = who ? arena_printf(a, "<i>%s:</i> %s", esc(a, who),
                                                  esc(a, str(p, "line")))
                                   : esc(a, str(p, "line"));
            para(d, text, PDF_BODY_PT, PLAIN, PANGO_ALIGN_LEFT, 10 * MM, 1 * MM, 0);
        }
        if (flag(item, "write_in"))
            for (int n = 0; n < 3; n++)
                para(d, "……………………………………………………………………………………………", PDF_BODY_PT, PLAIN,
                     PANGO_ALIGN_LEFT, 0, 2 * MM, 0);
    }
}

/* The header row of the portrait table (print.css table.sheet); arg: the
** four column widths. */
static void sheet_head(struct pdf *d, const void *arg)
{
    const double *cols = arg;
    struct cell c[4] = {
        {"TT", PDF_BODY_PT, BOLD, PANGO_ALIGN_CENTER, 0, false, 0, false},
        {"Nội dung", PDF_BODY_PT, BOLD, PANGO_ALIGN_CENTER, 0, false, 0, false},
        {"Số lượng", PDF_BODY_PT, BOLD, PANGO_ALIGN_CENTER, 0, false, 0, false},
        {"Tỷ lệ", PDF_BODY_PT, BOLD, PANGO_ALIGN_CENTER, 0, false, 0, false},
    };
    row(d, c, 4, cols, 0.5 * MM, 1.5 * MM, 0);
}

/* The portrait table: TT 9 mm, Nội dung, Số lượng 21 mm, Tỷ lệ 19 mm; on the
** blank form rows 10 mm high and the Tỷ lệ cells grey. */
static void sheet_table(struct pdf *d, struct arena *a, const json_t *doc)
{
    const json_t *table = json_object_get(doc, "table"), *r;
    bool blank = flag(doc, "blank");
    size_t i;
    double cw = content_width(d);
    double cols[4] = {10 * MM, cw - 50 * MM, 21 * MM, 19 * MM}; /* TT: min-content of "TT" */
    para(d, "- Kết quả thực hiện", PDF_BODY_PT, PLAIN, PANGO_ALIGN_LEFT, 0, 1.5 * MM, 2 * MM);
    need(d, 30 * MM); /* the header with at least a row or two under it */
    sheet_head(d, cols);
    d->thead = sheet_head;
    d->thead_arg = cols;
    json_array_foreach(json_object_get(table, "rows"), i, r)
    {
        if (flag(r, "is_section")) {
            struct cell c[2] = {
                {esc(a, str(r, "cell_tt")), PDF_BODY_PT, BOLD, PANGO_ALIGN_CENTER, 0, false, 0, false},
                {esc(a, str(r, "cell_label")), PDF_BODY_PT, BOLD, PANGO_ALIGN_LEFT, 0, false, 3, false},
            };
            row(d, c, 2, cols, 0.5 * MM, 1.5 * MM, 0);
            continue;
        }
        bool sub = flag(r, "is_sub");
        struct cell c[4] = {
            {esc(a, str(r, "cell_tt")), PDF_BODY_PT, PLAIN, PANGO_ALIGN_CENTER, 0, false, 0, false},
            {esc(a, str(r, "cell_label")), PDF_BODY_PT, sub ? ITALIC : PLAIN, PANGO_ALIGN_LEFT,
             sub ? 4.5 * MM : 0, false, 0, false},
            {esc(a, str(r, "cell_value")), PDF_BODY_PT, PLAIN,
             blank ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT, 0, false, 0, true},
            {esc(a, str(r, "cell_ratio")), PDF_BODY_PT, PLAIN, PANGO_ALIGN_RIGHT, 0, blank, 0,
             true},
        };
        row(d, c, 4, cols, 0.5 * MM, 1.5 * MM, blank ? 10 * MM : 0);
    }
    d->thead = NULL;
}

/* The landscape matrix (print-landscape.css): per chunk a table, each on its
** own pages: Nội dung 72 mm, then the units, 9 pt. */
struct matrix_head {
    const json_t *cols;
    double *w;
    int n;
    struct arena *a;
};

static void matrix_head(struct pdf *d, const void *arg)
{
    const struct matrix_head *m = arg;
    struct cell c[64];
    size_t i;
    const json_t *col;
    int n = 0;
    c[n++] = (struct cell){"Nội dung", 9, BOLD, PANGO_ALIGN_CENTER, 0, false, 0, false};
    json_array_foreach(m->cols, i, col)
    {
        if (n >= 64)
            break;
        const json_t *count = json_object_get(col, "mcount");
        const char *note = sub_text(col, "mnote", "ntext");
        const char *text = arena_printf(
            m->a, "<span size=\"%d\">%s%s%s</span>", (int)(8.5 * PANGO_SCALE),
            esc(m->a, str(col, "mname")),
            count ? arena_printf(m->a, "\n<span weight=\"normal\" style=\"italic\">%lld/%lld xã</span>",
                                 (long long)json_integer_value(json_object_get(count, "ninc")),
                                 (long long)json_integer_value(json_object_get(count, "nexp")))
                  : "",
            note ? arena_printf(m->a, "\n<span weight=\"normal\" style=\"italic\">%s</span>",
                                esc(m->a, note))
                 : "");
        c[n++] = (struct cell){text, 8.5, BOLD, PANGO_ALIGN_CENTER, 0, false, 0, false};
    }
    row(d, c, n, m->w, 0.4 * MM, 1 * MM, 0);
}

static void matrix_tables(struct pdf *d, struct arena *a, const json_t *doc)
{
    const json_t *matrix = json_object_get(doc, "matrix"), *chunk, *r, *cell;
    size_t i, k, j;
    para(d,
         arena_printf(a, "- Kết quả thực hiện chi tiết theo %s (số lượng; tỷ lệ ở dòng dưới)",
                      esc(a, str(matrix, "unit_word"))),
         PDF_BODY_PT, PLAIN, PANGO_ALIGN_LEFT, 0, 1.5 * MM, 2 * MM);
    d->line = 1.15 / 1.107; /* print-landscape.css: line-height 1.15 */
    json_array_foreach(json_object_get(matrix, "chunks"), i, chunk)
    {
        const json_t *cols = json_object_get(chunk, "mcols");
        int n = (int)json_array_size(cols);
        if (n > 62)
            n = 62;
        double w[64];
        w[0] = 72 * MM;
        for (int c = 1; c <= n; c++)
            w[c] = (content_width(d) - w[0]) / n;
        struct matrix_head m = {cols, w, n, a};
        if (i > 0)
            start_page(d);
        need(d, 30 * MM);
        matrix_head(d, &m);
        d->thead = matrix_head;
        d->thead_arg = &m;
        json_array_foreach(json_object_get(chunk, "mrows"), k, r)
        {
            if (flag(r, "is_section")) {
                struct cell c = {arena_printf(a, "%s. %s", esc(a, str(r, "numeral")),
                                              esc(a, str(r, "stitle"))),
                                 9, BOLD, PANGO_ALIGN_LEFT, 0, false, n + 1, false};
                row(d, &c, 1, w, 0.4 * MM, 1 * MM, 0);
                continue;
            }
            struct cell c[64];
            int nc = 0;
            bool sub = flag(r, "is_sub");
            c[nc++] = (struct cell){esc(a, str(r, "mlabel")), 9, sub ? ITALIC : PLAIN,
                                    PANGO_ALIGN_LEFT, sub ? 4 * MM : 0, false, 0, false};
            json_array_foreach(json_object_get(r, "cells"), j, cell)
            {
                if (nc > n)
                    break;
                const char *ratio = sub_text(cell, "cratio", "crtext");
                const char *text = esc(a, str(cell, "ctext"));
                if (ratio)
                    text = arena_printf(a, "%s\n<span size=\"%d\">%s</span>", text,
                                        8 * PANGO_SCALE, esc(a, ratio));
                bool absent = flag(cell, "absent");
                c[nc++] = (struct cell){text, 9, flag(cell, "is_total") ? BOLD : PLAIN,
                                        absent ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT, 0,
                                        absent, 0, false};
            }
            row(d, c, nc, w, 0.4 * MM, 1 * MM, 0);
        }
        d->thead = NULL;
        d->y += 4 * MM;
    }
    d->line = 1.22 / 1.107;
}

/* The closing block of a standalone report: "Nơi nhận:" and the recipients
** left, the signer's authority, 30 mm for the signature (or the digital
** signature's image) and the name right; kept on one page. */
static void closing(struct pdf *d, struct arena *a, const json_t *doc)
{
    size_t i;
    const json_t *v;
    double half = content_width(d) / 2;
    struct buf left = {0}, right = {0};
    buf_puts(&left, "<span size=\"12288\" weight=\"bold\" style=\"italic\">Nơi nhận:</span>");
    json_array_foreach(json_object_get(doc, "recipients"), i, v)
        buf_printf(&left, "\n- %s", esc(a, str(v, "line")));
    json_array_foreach(json_object_get(doc, "authority"), i, v)
        buf_printf(&right, "%s%s", i ? "\n" : "", esc(a, str(v, "line")));
    PangoLayout *l = layout(d, left.s, 11, PLAIN, half, PANGO_ALIGN_LEFT, 0);
    PangoLayout *r = layout(d, right.s ? right.s : "", 13.5, BOLD, half, PANGO_ALIGN_CENTER, 0);
    PangoLayout *name = layout(d, esc(a, str(doc, "signer_name")), 13.5, BOLD, half,
                               PANGO_ALIGN_CENTER, 0);
    double rh = height_of(r) + 30 * MM + height_of(name);
    double h = height_of(l) > rh ? height_of(l) : rh;
    need(d, 4 * MM + h);
    d->y += 4 * MM;
    show(d, l, d->left, d->y);
    show(d, r, d->left + half, d->y);
    show(d, name, d->left + half, d->y + height_of(r) + 30 * MM);
    d->y += h;
    g_object_unref(l);
    g_object_unref(r);
    g_object_unref(name);
    buf_free(&left);
    buf_free(&right);
}

/* --- the file -------------------------------------------------------------- */

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

char *pdf_document(const json_t *doc, bool landscape, const char *title, size_t *len)
{
    struct buf out = {0};
    struct arena *a = arena_new();
    char *result = NULL;
    if (!a)
        return NULL;
    pthread_mutex_lock(&pdf_lock);
    if (!font_map)
        font_map = make_font_map();
    if (!font_map) {
        pthread_mutex_unlock(&pdf_lock);
        arena_free(a);
        return NULL;
    }
    struct pdf d = {.pw = (landscape ? 297 : 210) * MM, .ph = (landscape ? 210 : 297) * MM,
                    .left = PDF_MARGIN_LEFT_MM * MM, .right = PDF_MARGIN_RIGHT_MM * MM,
                    .top = PDF_MARGIN_TOP_MM * MM, .bottom = PDF_MARGIN_BOTTOM_MM * MM,
                    .draft = flag(doc, "draft"), .line = 1.22 / 1.107 /* print.css 1.22 */};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, &out, d.pw, d.ph);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title ? title : "");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "ecdreport");
    d.cr = cairo_create(s);
    d.ctx = pango_font_map_create_context(font_map);
    pango_cairo_update_context(d.cr, d.ctx);
    pango_cairo_context_set_resolution(d.ctx, 72.0); /* 1 pt = 1 unit of the PDF */
    /* the face's own advances, unhinted and unrounded, as Chromium lays them out */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(d.ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(d.ctx, FALSE);
    cairo_set_source_rgb(d.cr, 0, 0, 0);
    start_page(&d);
    if (flag(doc, "is_report"))
        head_block(&d, a, doc);
    title_block(&d, a, doc);
    items(&d, a, doc);
    if (json_object_get(doc, "table"))
        sheet_table(&d, a, doc);
    if (json_object_get(doc, "matrix"))
        matrix_tables(&d, a, doc);
    if (flag(doc, "is_report"))
        closing(&d, a, doc);
    g_object_unref(d.ctx);
    cairo_destroy(d.cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    pthread_mutex_unlock(&pdf_lock);
    arena_free(a);
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "pdf: %s\n", cairo_status_to_string(st));
        buf_free(&out);
        return NULL;
    }
    *len = out.len;
    result = out.s;
    return result;
}
