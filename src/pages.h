/*
** Every page handler, by file. Each takes the request and returns the HTTP
** status; routes.c maps URLs to them.
*/
#pragma once
#include <jansson.h>

struct req;

/* page_session.c: logging in and out */
int page_login_form(struct req *r);
int page_login(struct req *r);
int page_logout(struct req *r);
int api_session_create(struct req *r);
int api_session_delete(struct req *r);

/* page_home.c: what each role sees first */
int page_home(struct req *r);

/* page_report.c: one unit's report for one period */
int page_report_view(struct req *r);
int page_report_post(struct req *r);
int api_report_get(struct req *r);
int api_report_put(struct req *r);
int api_report_submit(struct req *r);
/* After a write that failed: when the database could not be written (the
** write lock busy, the disk full, the file read-only; see db_fault), sets
** Retry-After and the Vietnamese message and returns 503; else status. */
int page_write_failed(struct req *r, int status);

/* page_review.c: approve, return, reopen; a report's history */
int page_report_review(struct req *r);
int page_report_history(struct req *r);
int api_report_approve(struct req *r);
int api_report_return(struct req *r);
int api_report_reopen(struct req *r);
int page_review_bulk(struct req *r);
int page_report_comment(struct req *r);
int api_report_comments(struct req *r);
int api_report_comment_add(struct req *r);

/* page_rollup.c: district and province tables, indicators */
int page_rollup_view(struct req *r);
int page_rollup_print(struct req *r);
int page_indicators_view(struct req *r);
int api_rollup_get(struct req *r);
int api_indicators_get(struct req *r);
/* page_regroup.c: an old-tree table regrouped by the new communes */
int page_rollup_regrouped(struct req *r);
int api_rollup_regrouped_get(struct req *r);

/* page_print.c: the print layout and the downloads of a report */
int page_report_print(struct req *r);
int page_report_export(struct req *r);
int page_report_units(struct req *r);
int page_rollup_pdf(struct req *r);

/* page_chart.c: SVG charts of the units below a district or province */
int page_chart_completeness(struct req *r);
int page_chart_ratio(struct req *r);

/* page_meta.c: the form definition and the unit tree */
int api_form_get(struct req *r);
int page_form_checks(struct req *r);
int api_unit_get(struct req *r);

/* page_admin.c: the admin home, units (import, merges, settings), the log */
int page_admin_home(struct req *r);
int page_admin_units(struct req *r);
int page_admin_units_import(struct req *r);
int page_admin_units_merges(struct req *r);
int page_admin_unit(struct req *r);
int page_admin_unit_settings(struct req *r);
int page_admin_log(struct req *r);

/* page_admin_logins.c: recent failed and throttled logins */
int page_admin_logins(struct req *r);

/* page_admin_users.c: accounts, and everyone's own password */
int page_admin_users(struct req *r);
int page_admin_user_add(struct req *r);
int page_admin_user_password(struct req *r);
int page_admin_user_disable(struct req *r);

/* page_admin_merged.c: accounts of merged communes, moved to their successor */
int page_admin_merged(struct req *r);
int page_admin_merged_move(struct req *r);
int page_account_password_form(struct req *r);
int page_account_password(struct req *r);

/* page_admin_plans.c: periods, plans and targets */
int page_admin_periods(struct req *r);
int page_admin_period_add(struct req *r);
int page_admin_period_due(struct req *r);
int page_admin_period_lock(struct req *r);
int page_admin_plans(struct req *r);
int page_admin_plan_add(struct req *r);
int page_admin_plan(struct req *r);
int page_admin_plan_edit(struct req *r);
int page_admin_plan_delete(struct req *r);
int page_admin_target_add(struct req *r);
int page_admin_target_delete(struct req *r);

/* page_static.c: CSS, scripts, images */
int page_static(struct req *r);
