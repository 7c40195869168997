/*
** What every administrative action shares: the record of who did what
** (admin_log), and the scope of an admin. An admin whose account has no unit
** manages the whole installation; an admin whose account names a unit (a
** province) manages that unit and what lies below it, and nothing else.
*/
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct user;

/* Records an action (a short code such as "user.add") and its detail (a
** Vietnamese sentence) by user_id (0: the command line) now. Call inside
** the write transaction of the action. 0 or -1. */
int admin_log(int64_t user_id, const char *action, const char *detail);

/* Logs the action (admin_log) and commits the caller's write transaction;
** if logging fails, rolls it back instead. 0, or -1 when nothing was kept. */
int admin_commit(int64_t user_id, const char *action, const char *detail);

/* admin_log in a write transaction of its own, for actions whose own
** transaction lies elsewhere (auth_user_add). 0 or -1. */
int admin_log_alone(int64_t user_id, const char *action, const char *detail);

/* Does the admin u manage the whole installation? */
bool admin_is_global(const struct user *u);

/* May the admin u manage unit_id (0: a national thing such as a national
** plan, which only a global admin manages)? */
bool admin_manages(const struct user *u, int64_t unit_id);
