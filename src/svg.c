/*
** Server-rendered SVG charts; see svg.h.
*/
#include "svg.h"
#include "fmt.h"
#include "str.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FONT "font-family=\"Liberation Sans, Arial, sans-serif\""

/* Appends s, replacing the characters of specials with their entities. */
static void escape(struct buf *out, const char *s, bool quotes)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&':
            buf_puts(out, "&amp;");
            break;
        case '<':
            buf_puts(out, "&lt;");
            break;
        case '>':
            buf_puts(out, "&gt;");
            break;
        case '"':
            buf_puts(out, quotes ? "&quot;" : "\"");
            break;
        case '\'':
            buf_puts(out, quotes ? "&#39;" : "'");
            break;
        default:
            buf_append(out, p, 1);
        }
    }
}

void svg_text(struct buf *out, const char *s)
{
    escape(out, s, false);
}

void svg_attr(struct buf *out, const char *s)
{
    escape(out, s, true);
}

double svg_scale_max(const double *values, int n, double target)
{
    double top = target > 1 ? target : 1;
    for (int i = 0; i < n; i++)
        if (values[i] > top)
            top = values[i];
    return top > 1 ? ceil(top * 10 - 1e-9) / 10 : 1;
}

double svg_bar_height(double value, double scale_max, double plot_height)
{
    if (!(value >= 0) || scale_max <= 0)
        return 0;
    return value / scale_max * plot_height;
}

/* <text> at x, y with extra attributes and escaped content. */
static void text_at(struct buf *out, double x, double y, const char *attrs, const char *s)
{
    buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
    svg_text(out, s);
    buf_puts(out, "</text>\n");
}

/* The value axis: grid lines and labels every 25% (or 10% above 100%). */
static void value_axis(struct buf *out, double scale_max, double width)
{
    double step = scale_max > 1 ? 0.1 * ceil(scale_max * 10 / 8) : 0.25;
    for (double v = 0; v <= scale_max + 1e-9; v += step) {
        char label[FMT_NUM_MAX];
        double y = SVG_PLOT_TOP + SVG_PLOT_HEIGHT - svg_bar_height(v, scale_max, SVG_PLOT_HEIGHT);
        buf_printf(out,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d5dae1\"/>\n",
                   SVG_PLOT_LEFT, y, width - 16, y);
        text_at(out, SVG_PLOT_LEFT - 6, y + 4, "text-anchor=\"end\" font-size=\"11\"",
                fmt_fraction(label, v));
    }
}

/* One bar (or "—" for no data) at index i, with its label below. */
static void bar(struct buf *out, const struct svg_bars *c, int i, double scale_max)
{
    char text[FMT_NUM_MAX];
    double x = SVG_PLOT_LEFT + 12 + i * SVG_BAR_STEP, w = SVG_BAR_STEP - 16;
    double base = SVG_PLOT_TOP + SVG_PLOT_HEIGHT;
    double h = svg_bar_height(c->values[i], scale_max, SVG_PLOT_HEIGHT);
    const char *shown = c->texts && c->texts[i] ? c->texts[i]
                        : c->values[i] >= 0     ? fmt_ratio(text, llround(c->values[i] * 1e6), 1000000)
                                                : "—";
    if (c->values[i] >= 0) {
        buf_printf(out,
                   "<rect class=\"bar\" x=\"%.1f\" y=\"%.2f\" width=\"%.1f\" height=\"%.2f\" "
                   "fill=\"#2f6db5\" data-value=\"%.6f\" data-label=\"",
                   x, base - h, w, h, c->values[i]);
        svg_attr(out, c->labels[i]);
        buf_puts(out, "\"><title>");
        svg_text(out, c->labels[i]);
        buf_puts(out, ": ");
        svg_text(out, shown);
        buf_puts(out, "</title></rect>\n");
    }
    text_at(out, x + w / 2, base - h - 4, "text-anchor=\"middle\" font-size=\"11\"", shown);
    char pos[96];
    snprintf(pos, sizeof pos, "text-anchor=\"end\" font-size=\"11\" transform=\"rotate(-40 %.1f %.1f)\"",
             x + w / 2, base + 14);
    text_at(out, x + w / 2, base + 14, pos, c->labels[i]);
}

/* The target as a dashed line across the plot, with its label. */
static void target_line(struct buf *out, const struct svg_bars *c, double scale_max, double width)
{
    char value[FMT_NUM_MAX], label[128];
    double y = SVG_PLOT_TOP + SVG_PLOT_HEIGHT - svg_bar_height(c->target, scale_max, SVG_PLOT_HEIGHT);
    buf_printf(out,
               "<line class=\"target\" x1=\"%.1f\" y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\" "
               "stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"6 4\" data-value=\"%.6f\"/>\n",
               SVG_PLOT_LEFT, y, width - 16, y, c->target);
    snprintf(label, sizeof label, "Mục tiêu %s", fmt_fraction(value, c->target));
    text_at(out, width - 16, y - 5, "text-anchor=\"end\" font-size=\"11\" fill=\"#b3261e\"",
            c->target_label ? c->target_label : label);
}

/* Lines of at most max characters of s, cut at spaces, at most n_max lines
** from y down by step, with attrs. Returns the y after the last line. */
static double wrapped(struct buf *out, const char *s, double x, double y, double step, int max,
                      int n_max, const char *attrs)
{
    const char *p = s ? s : "";
    for (int line = 0; line < n_max && *p; line++) {
        const char *cut = p + strlen(p), *space = NULL;
        int chars = 0;
        for (const char *q = p; *q; q++) {
            if ((*q & 0xC0) == 0x80)
                continue;
            if (*q == ' ')
                space = q;
            if (++chars > max) {
                cut = space && line < n_max - 1 ? space : q;
                break;
            }
        }
        struct buf t = {0};
        buf_append(&t, p, (size_t)(cut - p));
        if (*cut && line == n_max - 1)
            buf_puts(&t, "…");
        text_at(out, x, y, attrs, t.s ? t.s : "");
        buf_free(&t);
        y += step;
        p = *cut == ' ' ? cut + 1 : cut;
    }
    return y;
}

/* The title, centred, in lines of at most max_chars characters (two at most,
** the second cut with "…"). */
static void title_lines(struct buf *out, const char *title, double width, int max_chars)
{
    wrapped(out, title, width / 2, 22, 18, max_chars, 2,
            "text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\"");
}

void svg_bar_chart(struct buf *out, const struct svg_bars *c)
{
    double width = SVG_PLOT_LEFT + 24 + (c->n > 4 ? c->n : 4) * SVG_BAR_STEP;
    double height = SVG_PLOT_TOP + SVG_PLOT_HEIGHT + 124;
    double scale_max = svg_scale_max(c->values, c->n, c->target);
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
               "viewBox=\"0 0 %.0f %.0f\" role=\"img\" " FONT ">\n<title>",
               width, height, width, height);
    svg_text(out, c->title);
    buf_puts(out, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    title_lines(out, c->title, width, (int)(width / 8.2));
    value_axis(out, scale_max, width);
    for (int i = 0; i < c->n; i++)
        bar(out, c, i, scale_max);
    double base = SVG_PLOT_TOP + SVG_PLOT_HEIGHT;
    buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1d2430\"/>\n",
               SVG_PLOT_LEFT, base, width - 16, base);
    if (c->target >= 0)
        target_line(out, c, scale_max, width);
    char pos[96];
    snprintf(pos, sizeof pos, "text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 %.1f)\"",
             SVG_PLOT_TOP + SVG_PLOT_HEIGHT / 2);
    text_at(out, 16, SVG_PLOT_TOP + SVG_PLOT_HEIGHT / 2, pos, c->y_label);
    text_at(out, (SVG_PLOT_LEFT + width) / 2, height - 8, "text-anchor=\"middle\" font-size=\"12\"",
            c->x_label);
    buf_puts(out, "</svg>\n");
}

/* s cut to at most max characters (UTF-8), with "…" when cut; in a new buf
** the caller frees. */
static void cut_text(struct buf *t, const char *s, int max)
{
    int chars = 0;
    const char *p = s ? s : "";
    for (; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > max)
            break;
    }
    buf_append(t, s ? s : "", (size_t)(p - (s ? s : "")));
    if (*p)
        buf_puts(t, "…");
    if (!t->s)
        buf_puts(t, "");
}


/* Does bar i come before bar j in a narrow chart? Highest value first, "no
** data" last, ties in their order. */
static bool before_bar(const struct svg_bars *c, int i, int j)
{
    return c->values[i] > c->values[j] || (c->values[i] == c->values[j] && i < j);
}

void svg_hbar_chart(struct buf *out, const struct svg_bars *c)
{
    const double width = SVG_NARROW_WIDTH, left = 128, right = width - 58, row = 26;
    double scale_max = svg_scale_max(c->values, c->n, c->target);
    int order[512], n = c->n < 512 ? c->n : 512;
    for (int i = 0; i < n; i++) { /* insertion sort: a few hundred bars at most */
        int k = i;
        for (; k > 0 && before_bar(c, i, order[k - 1]); k--)
            order[k] = order[k - 1];
        order[k] = i;
    }
    double top = 64, height = top + 20 + n * row + 44;
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
               "viewBox=\"0 0 %.0f %.0f\" role=\"img\" " FONT ">\n<title>",
               width, height, width, height);
    svg_text(out, c->title);
    buf_puts(out, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    wrapped(out, c->title, width / 2, 22, 18, 40, 2,
                   "text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\"");
    /* the value axis on top: 0, half, full scale */
    for (int k = 0; k <= 2; k++) {
        char label[FMT_NUM_MAX];
        double v = scale_max * k / 2, x = left + (right - left) * k / 2;
        buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d5dae1\"/>\n",
                   x, top + 4, x, top + 8 + n * row);
        text_at(out, x, top, k == 0 ? "text-anchor=\"start\" font-size=\"12\""
                              : k == 2 ? "text-anchor=\"end\" font-size=\"12\""
                                       : "text-anchor=\"middle\" font-size=\"12\"",
                fmt_fraction(label, v));
    }
    for (int k = 0; k < n; k++) {
        int i = order[k];
        char text[FMT_NUM_MAX];
        double y = top + 8 + k * row, w = svg_bar_height(c->values[i], scale_max, right - left);
        const char *shown = c->texts && c->texts[i] ? c->texts[i]
                            : c->values[i] >= 0     ? fmt_ratio(text, llround(c->values[i] * 1e6), 1000000)
                                                    : "—";
        struct buf name = {0};
        cut_text(&name, c->labels[i], 18);
        text_at(out, left - 6, y + 17, "text-anchor=\"end\" font-size=\"12\"", name.s);
        buf_free(&name);
        if (c->values[i] >= 0) {
            buf_printf(out,
                       "<rect class=\"hbar\" x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"18\" "
                       "fill=\"#2f6db5\" data-value=\"%.6f\" data-label=\"",
                       left, y + 4, w, c->values[i]);
            svg_attr(out, c->labels[i]);
            buf_puts(out, "\"><title>");
            svg_text(out, c->labels[i]);
            buf_puts(out, ": ");
            svg_text(out, shown);
            buf_puts(out, "</title></rect>\n");
        }
        text_at(out, left + w + 4, y + 17, "font-size=\"12\"", shown);
    }
    if (c->target >= 0) {
        char value[FMT_NUM_MAX], label[128];
        double x = left + svg_bar_height(c->target, scale_max, right - left);
        buf_printf(out,
                   "<line class=\"target\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"6 4\" data-value=\"%.6f\"/>\n",
                   x, top + 4, x, top + 8 + n * row, c->target);
        snprintf(label, sizeof label, "Mục tiêu %s", fmt_fraction(value, c->target));
        text_at(out, width - 4, top + 8 + n * row + 16,
                "text-anchor=\"end\" font-size=\"12\" fill=\"#b3261e\"",
                c->target_label ? c->target_label : label);
    }
    wrapped(out, c->x_label, 4, height - 22, 15, 48, 2, "font-size=\"12\"");
    buf_puts(out, "</svg>\n");
}

void svg_stacked_chart(struct buf *out, const struct svg_stack *c)
{
    const double width = SVG_NARROW_WIDTH, x0 = 8, x1 = width - 8, top = 62;
    double height = top + 40 + c->n * 22 + 50;
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
               "viewBox=\"0 0 %.0f %.0f\" role=\"img\" " FONT ">\n<title>",
               width, height, width, height);
    svg_text(out, c->title);
    buf_puts(out, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    wrapped(out, c->title, width / 2, 22, 18, 40, 2,
                   "text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\"");
    double x = x0;
    for (int i = 0; i < c->n; i++) {
        double w = c->total > 0 ? (x1 - x0) * (double)c->counts[i] / (double)c->total : 0;
        buf_printf(out,
                   "<rect class=\"seg\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"30\" "
                   "fill=\"%s\" stroke=\"#fff\" data-count=\"%lld\" data-label=\"",
                   x, top, w, c->colors[i], (long long)c->counts[i]);
        svg_attr(out, c->labels[i]);
        buf_puts(out, "\"><title>");
        svg_text(out, c->labels[i]);
        buf_printf(out, ": %lld</title></rect>\n", (long long)c->counts[i]);
        x += w;
    }
    if (c->total <= 0)
        buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"30\" fill=\"none\" "
                        "stroke=\"#8a96a8\"/>\n", x0, top, x1 - x0);
    double y = top + 52;
    for (int i = 0; i < c->n; i++, y += 22) {
        buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"%s\"/>\n",
                   x0, y - 12, c->colors[i]);
        char line[256];
        snprintf(line, sizeof line, "%s: %lld/%lld %s", c->labels[i], (long long)c->counts[i],
                 (long long)c->total, c->unit_word);
        text_at(out, x0 + 20, y, "font-size=\"13\"", line);
    }
    wrapped(out, c->note, x0, y + 10, 16, 48, 2, "font-size=\"12\" font-weight=\"bold\"");
    buf_puts(out, "</svg>\n");
}
