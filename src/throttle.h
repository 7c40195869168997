/*
** Login throttling, in memory, per username and per client address, decided
** before any password is hashed: a flood of wrong passwords costs a table
** look-up, not an argon2id hash, so other users log in at normal speed.
**
** Failures less than THROTTLE_WINDOW seconds apart accumulate (a quiet
** window forgets them). Past the allowance (THROTTLE_USER_FREE failures for
** one username, THROTTLE_ADDR_FREE from one address) each further failure
** holds that username or address for THROTTLE_BASE seconds, doubling with
** every failure up to THROTTLE_MAX; while held, logins answer 429 with
** Retry-After and nothing is checked. A success clears the username's
** failures (not the address's: one valid account must not unlock guessing
** at others). Attempts under way count against the allowance, so concurrent
** connections cannot overshoot it. The table has a fixed size; when it is
** full the stalest entry goes.
*/
#pragma once
#include <stdbool.h>

#define THROTTLE_WINDOW 900
#define THROTTLE_USER_FREE 5
#define THROTTLE_ADDR_FREE 20
#define THROTTLE_BASE 30
#define THROTTLE_MAX 900

/* May an attempt for username (folded; NULL when it cannot be a username)
** from addr go on? true: it is counted as under way, and the caller must
** call throttle_end with its outcome. false: refused, *retry_after seconds to
** wait, and *first is true for the first refusal of this hold (to log it). */
bool throttle_begin(const char *username, const char *addr, int *retry_after, bool *first);

/* The outcome of an attempt that throttle_begin let through. */
void throttle_end(const char *username, const char *addr, bool ok);

/* Forgets everything (tests of the module). */
void throttle_reset(void);
