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

struct req;
struct unit;
struct period;

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

/* "/reports/30052/2024" for a unit and period code, in the request's arena. */
const char *page_report_href(struct req *r, const char *unit, const char *period);

/* May the logged-in user review (approve, return, reopen) the reports of u?
** Staff of a unit strictly above u. */
bool page_can_review(struct req *r, const struct unit *u);

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
