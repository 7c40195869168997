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
    text_at(out, x + w / 2, base - h - 4, "text-anchor=\"middle\" font-size=\"10.5\"", shown);
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

/* The title, centred, in lines of at most max_chars characters (two at most,
** the second cut with "…"). */
static void title_lines(struct buf *out, const char *title, double width, int max_chars)
{
    const char *p = title ? title : "";
    for (int line = 0; line < 2 && *p; line++) {
        const char *cut = p + strlen(p), *space = NULL;
        int chars = 0;
        for (const char *q = p; *q; q++) {
            if ((*q & 0xC0) == 0x80)
                continue;
            if (*q == ' ')
                space = q;
            if (++chars > max_chars) {
                cut = space && line == 0 ? space : q;
                break;
            }
        }
        struct buf t = {0};
        buf_append(&t, p, (size_t)(cut - p));
        if (*cut && line == 1)
            buf_puts(&t, "…");
        text_at(out, width / 2, 22 + line * 18,
                "text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\"", t.s ? t.s : "");
        buf_free(&t);
        p = *cut == ' ' ? cut + 1 : cut;
    }
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
