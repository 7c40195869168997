/*
** The demo: the seeds' places, users for each role, two years of plausible
** reports in every state. Loaded by `ecdreport init --demo`.
*/
#pragma once

struct arena;
struct form;

/* The demo accounts' shared password, printed by init and make run. */
#define DEMO_PASSWORD "matkhau-demo"

/* Loads sql/demo.sql (units, periods, settings, plans), the demo users, and
** generated values for 2023 and 2024, unless demo units are already there.
** 0, or -1 (logged). */
int demo_load(const struct form *f, const char *demo_sql_path);

/* Prints the demo accounts to stdout. */
void demo_print_accounts(void);

/* The demo accounts that are enabled and still have DEMO_PASSWORD, as
** "xa.myhoa, admin" in a; "" when none (one hash per existing account). */
const char *demo_open_accounts(struct arena *a);

/* Sets app.demo: does a demo account keep DEMO_PASSWORD? serve calls it at
** start (and then listens on loopback only while it does); a password
** change or a disabled account calls it again. */
void demo_refresh(void);
