/*
** Charts as SVG written on the server: no chart library, no JavaScript, they
** print as sharply as the text. A chart is its own resource (image/svg+xml,
** shown with <img>), so C writes the markup and escapes every text itself:
** svg_text for element content, svg_attr for attribute values.
*/
#pragma once
#include <stdbool.h>

struct buf;

/* Appends s to out escaped for SVG/XML text content (& < >). */
void svg_text(struct buf *out, const char *s);

/* Appends s to out escaped for a quoted SVG/XML attribute value (& < > " '). */
void svg_attr(struct buf *out, const char *s);

/* A bar chart: one bar per label, heights proportional to the values. */
struct svg_bars {
    const char *title;            /* above the chart */
    const char *x_label, *y_label; /* axis titles ("Xã", "Tỷ lệ") */
    int n;
    const char *const *labels; /* one per bar */
    const double *values;      /* fractions (0.9375 is 93,75%); < 0 for "no data": no bar */
    const char *const *texts;  /* the number written on each bar; NULL: the value as "93,75%" */
    double target;             /* a fraction drawn as a dashed line, or < 0 for none */
    const char *target_label;  /* "Mục tiêu 80%"; NULL: "Mục tiêu" and the value */
};

/* Geometry of a bar chart, in SVG user units. */
#define SVG_PLOT_TOP 56.0
#define SVG_PLOT_HEIGHT 240.0
#define SVG_PLOT_LEFT 72.0
#define SVG_BAR_STEP 56.0

/* The top of the value axis: 100% unless a value or the target is higher,
** then the next multiple of 10%. */
double svg_scale_max(const double *values, int n, double target);

/* The height of the bar of value on an axis from 0 to scale_max drawn
** plot_height high: proportional, 0 for "no data" (value < 0). */
double svg_bar_height(double value, double scale_max, double plot_height);

/* Appends the whole <svg> document of the chart to out. Each bar is a <rect
** class="bar" data-value="…"> (the fraction, for tests and assistive
** tools), each missing value a "—" where its bar would be. */
void svg_bar_chart(struct buf *out, const struct svg_bars *c);

/* The width of the charts drawn for a phone (svg_hbar_chart,
** svg_stacked_chart): their smallest text is 12 units, so 11 px or more on
** any screen from 300 px wide. */
#define SVG_NARROW_WIDTH 330.0

/* The same chart for a narrow screen: one horizontal bar per label, highest
** value first ("no data" last), the label at the left (cut at 18
** characters, whole in the bar's tooltip), the value after the bar, the
** target as a dashed vertical line; SVG_NARROW_WIDTH wide, as tall as
** needed. Each bar is a <rect class="hbar" data-value="…" data-label="…">. */
void svg_hbar_chart(struct buf *out, const struct svg_bars *c);

/* Parts of one whole as one stacked bar (mutually exclusive statuses adding
** up to total), a legend "label: count/total unit_word" per part, and a note
** below (what is counted apart, such as lateness). */
struct svg_stack {
    const char *title;
    int n;
    const char *const *labels;
    const char *const *colors; /* "#2f6db5" */
    const long long *counts;
    long long total;
    const char *unit_word; /* "xã" */
    const char *note;
};

/* Appends the <svg> document: each part a <rect class="seg" data-count="n"
** data-label="…">, SVG_NARROW_WIDTH wide (it fits a phone and a desktop). */
void svg_stacked_chart(struct buf *out, const struct svg_stack *c);
