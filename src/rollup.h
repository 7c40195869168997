/*
** Roll-ups and indicators (appendix.md, "Roll-up" and "Indicators and targets").
**
** A unit's table sums, exactly (64-bit), the values of every report below it
** that counts: commune reports that are submitted or approved (or approved
** only), plus the rows that units above the communes enter themselves
** (district-only rows), whatever the status of those reports. The sums and
** the completeness counts of every unit and period are kept up to date by
** the triggers of sql/005_national.sql (tables rollup_sum, rollup_tally) as
** values, reports, periods and the tree change, so reading a table costs
** the same whatever the number of communes below it (the country included).
** Ratios are recomputed from the summed numerator and denominator; yes/no rows
** count the "yes" communes, over all communes of the unit valid in the period.
** The tree is walked through unit_tree, so a province with districts and a
** province with communes straight below it are the same code.
**
** Everything is allocated in the caller's arena.
*/
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "jsonout.h"
#include "unit.h"

struct arena;
struct form;

/* How complete a unit's communes are for a period. */
struct rollup_count {
    int expected; /* communes at or below the unit, valid in the period */
    int included; /* those whose report counts (by the only_approved switch) */
    int sent;     /* those whose report is submitted or approved */
    int late;     /* not sent and past due, or sent after the due date */
};

/* Sums of one unit: per form element, the sum and whether any value counted. */
struct rollup_sums {
    int64_t *sum;
    bool *has;
};

/* A unit's table. */
struct rollup {
    struct unit unit;
    const struct period *period;
    bool only_approved;
    struct rollup_count count;
    struct rollup_sums sums;
};

/* A child of the unit (a district of a province, a commune of a district or
** of a two-tier province) with its own report's status and its sums. */
struct rollup_child {
    struct unit unit;
    const char *status;       /* its own report: "empty", "draft", … */
    const char *submitted_at; /* its own report, or NULL */
    struct rollup_count count;
    struct rollup_sums sums;
};

/* A commune whose report does not count, or came late. */
struct rollup_missing {
    const char *code, *name, *parent_name, *status;
    bool counted; /* its report counts (so it is here for being late) */
    bool late;
};

/* The table of u for p: counts and sums. 0, or -1 on database error. */
int rollup_load(struct arena *a, const struct form *f, const struct unit *u,
                const struct period *p, bool only_approved, struct rollup *out);

/* The children of u valid in p, by code, each with counts and sums (the
** matrix beside the table). Count, or -1 on database error. */
int rollup_children(struct arena *a, const struct form *f, const struct unit *u,
                    const struct period *p, bool only_approved, struct rollup_child **out);

/* The same children with their counts only (sums left at zero): the
** completeness grid. Count, or -1. */
int rollup_children_counts(struct arena *a, const struct form *f, const struct unit *u,
                           const struct period *p, struct rollup_child **out);

/* The communes below u (valid in p) whose report does not count, or that are
** late, by code. Count, or -1. None for the country (level "country"): its
** children, the provinces, say how many each misses, and each province's
** table lists them. */
int rollup_missing(struct arena *a, const struct unit *u, const struct period *p,
                   bool only_approved, struct rollup_missing **out);

/* What a commune wrote in a text row (text is never summed). */
struct rollup_text {
    const char *unit_name, *text;
};

/* The texts of the communes straight below u (a district, or a two-tier
** province) whose report counts, by code then row. Count, or -1. */
int rollup_texts(struct arena *a, const struct unit *u, const struct period *p,
                 bool only_approved, struct rollup_text **out);

/* Has element i a ratio in a roll-up: a denominator, or yes/no (the share of
** communes answering "yes")? */
bool rollup_has_ratio(const struct form *f, int i);

/* The ratio of element i in sums: numerator and denominator (for a yes/no
** row, the communes expected). False when the row has no ratio. */
bool rollup_ratio(const struct form *f, const struct rollup_sums *s, int expected, int i,
                  int64_t *num, int64_t *den);

/* Writes GET /api/rollup as interfaces.md says to o, plus level, unit_name,
** sent, late, missing (communes not counted), late_included (counted but
** sent late) and each row's denominator_value. */
void rollup_write(struct jsonout *o, const struct form *f, const struct rollup *r,
                  const struct rollup_child *children, int n_children,
                  const struct rollup_missing *missing, int n_missing);

/* One line of the indicator table. */
struct rollup_indicator {
    const char *code, *name, *kind; /* kind: ratio, yes_share, unmeasured */
    const char *plan, *plan_unit;   /* NULL when no plan sets a target */
    int year;                       /* the target's year */
    const char *op;                 /* ">=" or "<=" */
    double target;
    bool has_target, measured, met;
    int64_t num, den; /* the actual value, when measured */
};

/* The indicator table of r's unit and period: for each indicator (by
** position), one line per plan of the unit, of its ancestors, or national
** (plan.unit_id NULL) that sets a target for the period's year or later (the
** nearest such year of that plan), or one line without a target. Count, or -1. */
int rollup_indicators(struct arena *a, const struct form *f, const struct rollup *r,
                      struct rollup_indicator **out);

/* GET /api/indicators: [{code, name, plan, target, actual, met, year, plan_unit}]. */
json_t *rollup_indicators_json(const struct rollup_indicator *lines, int n);

/* A commune of the old tree inside a regrouped table. */
struct rollup_predecessor {
    const char *code, *name;
    const char *status; /* its own report: "empty", "draft", … */
    bool counted;       /* its report counts (by the only_approved switch) */
};

/* One row of a table regrouped by the new communes: the new commune that
** old communes of the unit merged into (unit_succession), or an old commune
** with no merge record (or several successors), which stays as itself. */
struct rollup_group {
    struct unit unit;    /* the new commune, or the old one that stays */
    bool kept;           /* the old commune stays as itself */
    struct rollup_predecessor *preds; /* the old communes it gathers, by code */
    int n_preds;
    int outside;         /* old communes outside the unit that also merged into it */
    struct rollup_count count; /* expected: n_preds; included: those counted; sent, late: 0 */
    struct rollup_sums sums;   /* the sums of the counted predecessors */
};

/* The communes below u valid in p, grouped by the commune each merged into
** (exactly one unit_succession record), or by themselves: one group per new
** commune, by code, with its predecessors and the exact sums of the counted
** reports (one GROUP BY query). Count, or -1 on database error. */
int rollup_regroup(struct arena *a, const struct form *f, const struct unit *u,
                   const struct period *p, bool only_approved, struct rollup_group **out);

/* Does any commune below u valid in p have a successor? */
bool rollup_has_successors(const struct unit *u, const struct period *p);

/* GET /api/rollup/{unit}/{period}/regrouped: {unit, unit_name, period,
** only_approved, groups: [{code, name, valid_from, kept, predecessors: [{code,
** name, status, counted}], outside, included, expected, values: {code: int},
** ratios: {code: number|null}}]}; a yes/no ratio is over the group's
** predecessors (those in the unit). Written to o. */
void rollup_regroup_write(struct jsonout *o, const struct form *f, const struct unit *u,
                          const struct period *p, bool only_approved,
                          const struct rollup_group *groups, int n_groups);
