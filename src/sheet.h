/*
** One printable appendix table, whoever produced it: a commune's report, the
** empty form, or a district's or province's roll-up. The print page, the
** CSV/XLSX/JSON exports and the command line all read a struct sheet and never
** the report or roll-up it came from, so each producer needs one fill
** function here and nothing else.
**
** Everything a sheet points to lives in the arena it was filled in.
*/
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct arena;
struct form;
struct unit;
struct period;
struct report;
struct rollup_child;

enum sheet_row_kind { SHEET_SECTION, SHEET_ELEMENT };

/* What the "Số lượng" cell of a row holds. */
enum sheet_value_kind {
    SHEET_BLANK, /* nothing (a blank form, or a value not given) */
    SHEET_COUNT, /* a whole number: value */
    SHEET_MONEY, /* whole đồng: value */
    SHEET_YESNO, /* a commune's answer: value 1 (Có) or 0 (Không) */
    SHEET_TEXT   /* text */
};

struct sheet_row {
    enum sheet_row_kind kind;
    const char *numeral; /* a section's "I", "II"…; NULL for an element */
    const char *code;    /* an element's code; NULL for a section */
    const char *label;   /* the section's title or the element's label */
    const char *tt;      /* the TT cell: "I" for a section, "-" for a row, "" for a sub-row */
    bool sub;            /* a "trong đó" or supporting sub-row */
    enum sheet_value_kind value_kind; /* what the cell holds now */
    enum sheet_value_kind holds;      /* what the element holds when given */
    int64_t value;    /* COUNT, MONEY, YESNO */
    const char *text; /* TEXT */
    bool has_ratio;   /* the row has a denominator, so a "Tỷ lệ" cell */
    bool ratio_ok;    /* numerator and denominator are both known, den > 0 */
    int64_t num, den; /* the ratio's terms when known */
};

/* What a unit below wrote in a text row of a roll-up ("Tình hình thực hiện"). */
struct sheet_text {
    const char *unit_name, *text;
};

struct sheet {
    const char *unit_code, *unit_name; /* "30052", "Xã Mỹ Hòa" */
    const char *unit_level;            /* "commune", "district", "province" */
    const char *period_code;           /* "2024" */
    const char *title;    /* "Báo cáo tổng hợp … năm 2024", as written (not in capitals) */
    const char *subtitle; /* "Đã tổng hợp 11/13 xã" for a roll-up; NULL otherwise */
    bool only_approved;   /* a roll-up of the approved reports only */
    const char *status;   /* a report's status; "blank" or "rollup" */
    bool draft;           /* not yet submitted: printed with "BẢN NHÁP" */
    bool blank;           /* the empty form, to fill by hand */
    const char *date;     /* the document's date (YYYY-MM-DD), NULL for today */
    const char *cutoff_from, *cutoff_to; /* the data cut-off (YYYY-MM-DD), sheet_cutoff */
    bool rollup;          /* a roll-up's totals (texts below hold the narratives) */
    const struct sheet_text *texts; /* a roll-up: the narratives of the units straight below */
    int n_texts;
    const struct form *form;        /* the form the sheet was filled from */
    const struct rollup_child *children; /* a roll-up: the units straight below (rollup_children) */
    int n_children;
    struct sheet_row *header; /* header items above the table (narrative, budget) */
    int n_header;
    struct sheet_row *rows; /* sections and their rows, in form order */
    int n_rows;
};

/* What sheet_load did. */
enum sheet_result { SHEET_FILLED = 0, SHEET_FAILED = -1 };

/*
** The sheet of unit u for period p as the print page, the downloads and
** `ecdreport export` show it: a commune's report, the blank form (any unit,
** when blank), or a district's or province's roll-up (rollup_load over the
** submitted and approved reports, or the approved ones only when
** only_approved, then sheet_from_totals; the subtitle then reads "Đã tổng hợp
** 9/13 xã (chỉ tính báo cáo đã duyệt)"). only_approved means nothing to a
** commune's report or the blank form. SHEET_FAILED on a database error or
** exhausted memory.
*/
enum sheet_result sheet_load(struct arena *a, const struct form *f, const struct unit *u,
                             const struct period *p, bool blank, bool only_approved,
                             struct sheet *s);

/*
** Fills s from one unit's report (rep), or with the empty form when rep is
** NULL. A commune's sheet has the elements a commune enters, with the labels
** it reads; a district's or province's has every element with the table's
** labels. A report that is not submitted or approved is a draft. 0, or -1
** when memory is exhausted.
*/
int sheet_from_report(struct arena *a, const struct form *f, const struct unit *u,
                      const struct period *p, const struct report *rep, struct sheet *s);

/*
** Fills s with a roll-up: totals[i] is the sum for form element i over the
** included reports (yes/no elements: the number of "yes" communes), known[i]
** whether any included report gave it; included and expected are the numbers
** of communes summed and existing ("Đã tổng hợp 11/13 xã"). Every element of
** the form is a row, with the district/province table's labels; ratios are
** recomputed from the summed terms, and a yes/no row's denominator is
** expected (a missing report is not a "yes"). 0, or -1 (memory).
*/
int sheet_from_totals(struct arena *a, const struct form *f, const struct unit *u,
                      const struct period *p, const int64_t *totals, const bool *known,
                      int included, int expected, struct sheet *s);

/*
** The data cut-off of period p (Nghị định 09/2019/NĐ-CP, Điều 12: "thời gian
** chốt số liệu"): the dates the admin set (period.cutoff_from/cutoff_to,
** sql/007_paper.sql), else the decree's rule: a year Y from 15/12 of Y-1 to
** 14/12 of Y; the first half from 15/12 of Y-1 to 14/06 of Y; the second half
** from 15/06 to 14/12 of Y. *from and *to are YYYY-MM-DD in a. 0, or -1 when
** the code is not a period code.
*/
int sheet_cutoff(struct arena *a, const struct period *p, const char **from, const char **to);

/* The decree's default cut-off of a period code (no database). 0 or -1. */
int sheet_cutoff_default(struct arena *a, const char *code, const char **from, const char **to);

/* "Số liệu tính từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 12 năm 2024",
** in a; NULL when the sheet has no cut-off. */
const char *sheet_cutoff_line(struct arena *a, const struct sheet *s);

/* The "Số lượng" cell as people read it: "1.234", "12.500.000", "Có", the
** text, or "" when blank. The string lives in a. */
const char *sheet_value_text(struct arena *a, const struct sheet_row *row);

/* The "Tỷ lệ" cell: "93,75%", "—" when it cannot be computed, "" when the
** row has no ratio. The string lives in a. */
const char *sheet_ratio_text(struct arena *a, const struct sheet_row *row);

/* The sheet as JSON: {"unit","unit_name","period","status","title","subtitle",
** "only_approved","cutoff_from","cutoff_to","rows":[{"code","label","value","denominator","ratio"}]}
** with one row per element (header items first), value an integer, boolean,
** string or null, denominator the denominator's value (or null), ratio a
** fraction (or null); a roll-up adds "children" as GET /api/rollup has them:
** [{"code","name","level","status","included","expected","sent","late",
** "values":{code: integer}}]. The caller owns the result. */
json_t *sheet_json(const struct sheet *s);

/* What a unit prints in the closing block (print.md), from unit_setting;
** each list is one entry per line. */
struct sheet_signoff {
    const char **authority; /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", … then the title */
    int n_authority;
    const char *signer_title, *signer_name;
    const char **recipients; /* "Phòng LĐ-TB&XH huyện Tháp Mười;", "Lưu: VT." */
    int n_recipients;
};

/* Loads the unit's sign-off settings (all empty when the unit has none).
** 0, or -1 on database error. */
int sheet_signoff_load(struct arena *a, int64_t unit_id, struct sheet_signoff *out);

/* Splits text into its non-blank lines (trimmed), in a. Returns the count. */
int sheet_lines(struct arena *a, const char *text, const char ***out);

/* The place name of the date line: the unit's name without its kind
** ("Xã Mỹ Hòa" of kind "Xã" -> "Mỹ Hòa"). */
const char *sheet_place(const struct unit *u);
