/*
** The form definition and everything generic over it: parsing typed values,
** the checks of appendix.md, ratios.
**
** The form is data (sql/form_*.sql, loaded into the database by `init`):
** sections, elements, checks. form_load() reads it once into an immutable
** struct shared by every thread; pages, the API, checks and ratios only ever
** walk its arrays, so adding a row to the form is a change to sql/ only.
*/
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct arena;

enum form_kind { FORM_COUNT, FORM_MONEY, FORM_YESNO, FORM_TEXT };
enum form_scope { SCOPE_COMMUNE, SCOPE_DISTRICT };

struct form_section {
    const char *code, *numeral, *title;
};

struct form_element {
    int64_t id;
    const char *code;
    const char *label;         /* as in the district/province table */
    const char *commune_label; /* as a commune reads it (never NULL) */
    enum form_kind kind;
    enum form_scope scope;     /* who enters it */
    int section;               /* index in form.sections; -1 for a header item */
    int denominator;           /* index in form.elements, or -1 */
    int parent;                /* the row this is a "trong đó" of, or -1 */
    bool supporting;           /* needed for a ratio, printed as a sub-row */
    int64_t max;               /* largest count or money; max characters of text */
};

enum check_kind {
    CHECK_LE_DENOMINATOR,
    CHECK_SUM_LE,
    CHECK_SUM_EQ,
    CHECK_CHANGE_PCT,
    CHECK_RATIO_DROP
};

#define FORM_MAX_TERMS 8

struct form_check {
    const char *code;
    const char *message; /* with {placeholders}, see sql/form_ecd_appendix.sql */
    enum check_kind kind;
    bool is_error;
    int terms[FORM_MAX_TERMS], n_terms;
    int target; /* element index, or -1 */
    double threshold;
};

struct form {
    int64_t id;
    const char *code, *title;
    struct form_section *sections;
    int n_sections;
    struct form_element *elements; /* header items first, then by section */
    int n_elements;
    struct form_check *checks;
    int n_checks;
    struct arena *arena; /* owns everything above */
};

/* A value as typed and as understood. */
struct form_value {
    const char *raw; /* as typed; NULL or "" when blank */
    bool ok;         /* raw is a valid, non-blank value of the element's kind */
    int64_t num;     /* when ok: the count or money, 1/0 for yes/no, characters of text */
};

struct form_issue {
    bool is_error;
    int elements[FORM_MAX_TERMS + 1];
    int n_elements;
    const char *message; /* Vietnamese, without the row's label */
};

struct form_issues {
    struct form_issue *items;
    int n, cap;
};

/* Loads the form of that code from the database. NULL on error (logged).
** The caller frees it with form_free. */
struct form *form_load(const char *code);
void form_free(struct form *f);

/* Index of the element with that code, or -1. */
int form_find(const struct form *f, const char *code);

/* Index of the element with that database id, or -1. */
int form_find_id(const struct form *f, int64_t id);

/* The label to show for element e to a unit of scope: a commune reads the
** question put to it; a district or province the table's label. */
const char *form_label(const struct form_element *e, bool for_commune);

/* The messages about one value (why it is refused, what a blank one lacks),
** by key: not_number, negative, decimal, comma_thousands, spaces, percent,
** too_large, too_large_money, too_long, yesno, blank_count, blank_yesno.
** Placeholders {value} {max} {fixed}. Ends with {NULL, NULL}. The form page
** gives the same table to the browser. */
struct form_message {
    const char *key, *text;
};
extern const struct form_message form_messages[];

/* The text of the message of that key ("" if none). */
const char *form_message_text(const char *key);

/* True when raw holds nothing but white space. */
bool form_blank(const char *raw);

/*
** Parses raw (as typed) for element e into *v. Counts and money accept
** "1234" and "1.234" (dots between groups of three), and name the usual
** mistakes ("1,302", "1 250", "95%") in their messages; yes/no accepts 1/0,
** có/không, yes/no, true/false. Returns NULL when raw is valid or blank, else
** a Vietnamese message saying why it is not (a static string or one in a).
** v->raw is set to raw in every case, so nothing typed is lost.
*/
const char *form_parse(struct arena *a, const struct form_element *e, const char *raw,
                       struct form_value *v);

/*
** Runs every check of the form on vals (one per element, in form order) for a
** unit entering the elements of scope; prev holds the same unit's values of the
** previous year (or NULL). Values that do not parse are reported always; blank
** values only when submit is true (zero must be typed as 0); the cross-row and
** year-over-year checks run when their values are present. Appends to out;
** messages live in a.
*/
void form_check(struct arena *a, const struct form *f, enum form_scope scope,
                const struct form_value *vals, const struct form_value *prev, bool submit,
                struct form_issues *out);

/* Appends an issue about the listed elements (message kept as is). */
void form_add_issue(struct arena *a, struct form_issues *out, bool is_error, const int *elems,
                    int n_elems, const char *message);

/* True if out holds an error (not only warnings). */
bool form_has_errors(const struct form_issues *out);

/* The numerator and denominator of element i's ratio: false when i has no
** denominator or either value is missing. */
bool form_ratio(const struct form *f, const struct form_value *vals, int i, int64_t *num,
                int64_t *den);
