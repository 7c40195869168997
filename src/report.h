/*
** Reports: one unit's values for one period, their status and their history.
**
** Values are kept as typed (so nothing typed is ever lost) and as understood.
** Every save is one write transaction that checks the version the change was
** made from (a stale version is refused, so two people never overwrite each
** other silently), records each changed value in value_audit, and bumps the
** version.
*/
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "form.h"
#include "jsonout.h"

struct arena;
struct unit;
struct period;

struct report {
    int64_t id; /* 0 while the report is empty */
    int64_t unit_id, period_id;
    const char *status; /* "empty", "draft", "submitted", "returned", "approved" */
    int64_t version;    /* 0 while empty */
    const char *explanation, *return_reason;
    const char *updated_at, *submitted_at, *approved_at; /* UTC timestamps or NULL */
    struct form_value *values; /* one per form element, parsed */
};

/* What a save changes. */
struct report_change {
    const char **raw;        /* per element: NULL leaves it, "" clears it */
    int64_t version;         /* the version the change was made from */
    const char *explanation; /* NULL leaves it */
    bool submit;             /* also submit (the caller has run the checks) */
    int64_t user_id;
    /* When set, report_save fills *saved with the report as this save left it,
    ** read inside its own transaction (strings in arena): an answer built from
    ** it describes this save, never one committed by someone else after it. */
    struct arena *arena;
    struct report *saved;
    /* When set and the save is REPORT_LIMITED: seconds until the account
    ** may write again. */
    int *retry_after;
};

/* REPORT_LIMITED: the account wrote too much too fast (see report_save). */
enum report_result { REPORT_OK, REPORT_STALE, REPORT_LOCKED, REPORT_ERROR, REPORT_LIMITED };

/* A reviewer's step: approve a submitted report, return a submitted one with
** a reason, reopen an approved one with a reason (it becomes "returned"). */
enum report_step { REPORT_APPROVE, REPORT_RETURN, REPORT_REOPEN };

/* The scope of elements a unit of that level enters. */
enum form_scope report_scope(const char *level);

/* Loads the report of unit_id for period_id (status "empty" with every value
** blank when there is none), from one snapshot (the report row and its values
** agree). Strings live in a. 0, or -1 on database error. */
int report_load(struct arena *a, const struct form *f, int64_t unit_id, int64_t period_id,
                struct report *out);

/* The values of the same unit a year earlier, if that report was submitted or
** approved; NULL otherwise. */
struct form_value *report_previous(struct arena *a, const struct form *f, int64_t unit_id,
                                   const struct period *p);

/* May the unit's own officer still change it? Empty or draft while the period
** is open; returned (or reopened) by staff, with a reason, even after the
** period is locked. */
bool report_editable(const struct report *r, const struct period *p);

/* cur's values with the change's raw values laid over them, parsed. */
struct form_value *report_merge(struct arena *a, const struct form *f, const struct report *cur,
                                const char **raw);

/* Applies ch to the report of cur->unit_id/period_id in one transaction.
** Each account has a write budget (bytes of text a second, with a burst of
** 2 MB; $ECDREPORT_WRITE_LIMIT_KBPS, default 8, 0 for none): past it the save
** is refused with REPORT_LIMITED. The audit stores a long text's old value
** only when it is not the last audited new value (old_chained). */
enum report_result report_save(const struct form *f, const struct report *cur,
                               const struct period *p, const struct report_change *ch);

/*
** Applies a reviewer's step to the report of unit_id for p in one write
** transaction: checks the status (approve and return need "submitted", reopen
** needs "approved"; else REPORT_LOCKED, also when there is no report), checks
** version unless it is -1 (REPORT_STALE), sets the status (and return_reason,
** approved_at), bumps the version and records the step with its reason in
** report_event. reason may be NULL for approve.
*/
enum report_result report_review(int64_t unit_id, const struct period *p, enum report_step step,
                                 const char *reason, int64_t version, int64_t user_id);

/* "approve", "return", "reopen". */
const char *report_step_name(enum report_step step);

/* Writes the report as the API shows it (interfaces.md) to o: unit, period,
** status, values, ratios, issues, updated_at, version, plus typed (values
** that do not parse, as typed), explanation and return_reason. */
void report_write(struct jsonout *o, const struct form *f, const struct unit *u,
                  const struct period *p, const struct report *r, const struct form_issues *issues);

/* One issue as the API shows it: severity, elements, message (with the label
** of its first row in front). The caller owns the result. */
json_t *report_issue_json(const struct form *f, const struct form_issue *is, bool for_commune);
