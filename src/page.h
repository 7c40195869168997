/*
** What every page shares: the data of the page chrome (title, user, CSRF
** token), Vietnamese labels of statuses and roles, and the resolution of the
** {unit}/{period} pair that report URLs carry, with its access check.
*/
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "form.h"

struct req;
struct unit;
struct period;
struct report;

/* The data every HTML page starts from: title, user {username, full_name,
** role_label, unit_name, is_commune, is_staff, is_admin}, csrf. The caller
** owns the result and adds its own fields. */
json_t *page_data(struct req *r, const char *title);

/* "chưa nhập", "nháp", "đã gửi", "bị trả lại", "đã duyệt" for the API's statuses. */
const char *page_status_label(const char *status);

/* "Cán bộ xã", "Cán bộ huyện", "Cán bộ tỉnh", "Quản trị". */
const char *page_role_label(enum role role);

/*
** Resolves r->args[unit_arg] and r->args[period_arg]: the period must exist
** and the unit of that code must exist in the tree valid at the period's end
** (404 otherwise), and the user must be allowed to read it (403). Returns 0
** with u and p filled, or the HTTP status to answer.
*/
int page_unit_period(struct req *r, int unit_arg, int period_arg, struct unit *u,
                     struct period *p);

/* The address of the script of the form's own checks of scope, with its
** version (page_meta.c), which an editable form page names before form.js.
** Static text. */
const char *page_form_checks_src(enum form_scope scope);

/* "/reports/30052/2024" for a unit and period code, in the request's arena. */
const char *page_report_href(struct req *r, const char *unit, const char *period);

/*
** May the logged-in user review (approve, return, reopen) the report of u for
** period p? Only staff (district or province) of u's parent in the tree of
** that period: u is the version of the unit valid in p (page_unit_period
** resolves it so), and its parent_id is its parent then — the district of a
** commune in a three-tier year, the province of a commune in a two-tier year,
** the province of a district. Staff further up read the report but do not
** review it; no other role reviews. Every approve, return or reopen offered
** or done (report page, review form, API, bulk review) asks this.
*/
bool page_can_review(struct req *r, const struct unit *u, const struct period *p);

/*
** The two-step confirmation of a destructive POST (delete a plan or a
** target, disable an account, lock a period…). When the request carries the
** field confirm=1, returns 0: the handler goes on. Otherwise nothing is done
** and r is answered with a confirmation page (templates/confirm.tpl): the
** question (a Vietnamese sentence naming what will happen), a form posting
** the same fields plus confirm=1 to the same URL with the button "Xác nhận",
** and the link "Hủy" to back_href; returns its status (200). Works without
** JavaScript; the CSRF token is checked on both steps by the route's flags.
*/
int page_confirm(struct req *r, const char *question, const char *back_href);

/*
** page_print.c: answers with a landscape A4 print page (print.tpl with
** static/print-landscape.css) of unit u for period p: the header block of
** print.md, the form's title for the period, subtitle ("Đã tổng hợp 11/13
** xã"), the matrix (template data {chunks: [{mcols, mrows}]}, taken over:
** freed here), "Nơi nhận" and the signature block, with the sign-off
** options of the query (number, date, authority, signer_title, signer_name,
** recipients) and a way back to /rollup/{unit}/{period} (keeping
** only=approved). Returns the HTTP status.
*/
int page_print_landscape(struct req *r, const struct unit *u, const struct period *p,
                         const char *subtitle, bool only_approved, json_t *matrix);

/* The same document as page_print_landscape, as the program's PDF
** (pdf.h; GET /rollup/{unit}/{period}/export.pdf). Takes matrix over. */
int page_pdf_landscape(struct req *r, const struct unit *u, const struct period *p,
                       const char *subtitle, bool only_approved, json_t *matrix);

/* Reads the only=approved switch of the query string. */
bool page_only_approved(struct req *r);
/* The positive integer id in s ("42"), or 0 when s is not one. */
int64_t page_id(const char *s);

/* dd/mm/yyyy of an ISO date, or "—" for NULL, in the request's arena. */
const char *page_date(struct req *r, const char *iso);

/* A flash message on d: {"flash": {"text": ok}} or {"flash_error": {"text": error}}
** (either may be NULL). */
void page_flash(json_t *d, const char *ok, const char *error);

/* Reads date field name as people type it, dd/mm/yyyy (or d/m/yyyy), or as a
** date input sends it, yyyy-mm-dd. Returns 0 when it is absent or blank
** (*iso = NULL), 1 with *iso the ISO date (in the request's arena), -1 when it
** is not a valid date. */
int page_form_date(struct req *r, const char *name, const char **iso);

/* page_review.c: the comments on the values of report rep of u for p, for
** the form page. review_comments_view adds to page (report.tpl's)
** commented_rows [{cr_code, cr_label}] with has_commented_rows (the rows
** commented on, for the top) and, for someone who may comment (the
** reviewer, the unit's own officer), comment_form {comment_action,
** comment_options} (the row named by ?comment= selected); it fills notes,
** which review_row_comments reads to add to each row's dictionary its
** comments [{c_text, c_at, c_by, c_role}], has_comments, and comment_link
** shown with chref. The caller frees notes with review_notes_free, after rendering. */
struct review_notes {
    json_t *comments; /* [{code, label, text, at, by, role}] */
    bool can_comment;
    const char *href; /* the report page's address */
};
struct tpl_dict; /* render.h */
void review_comments_view(struct req *r, struct tpl_dict *page, const struct unit *u,
                          const struct period *p, const struct report *rep,
                          struct review_notes *notes);
void review_row_comments(struct req *r, struct tpl_dict *row, const struct review_notes *notes,
                         const char *code);
void review_notes_free(struct review_notes *notes);

/* page_review.c: how many errors the checks find in rep's values as if it
** were submitted now (a submitted report with errors is not approved in bulk). */
int review_error_count(struct req *r, const struct unit *u, const struct period *p,
                       const struct report *rep);

/* page_chart.c: the media query under which a ratio chart of n bars is
** shown drawn across (?layout=narrow) rather than shrunk below its size:
** "(max-width: 960px)", in the request's arena. */
const char *page_chart_narrow_media(struct req *r, int n_bars);
