/*
** The demo: the seeds' places, users for each role, two years of plausible
** reports in every state. Loaded by `ecdreport init --demo`.
*/
#pragma once

struct form;

/* The demo accounts' shared password, printed by init and make run. */
#define DEMO_PASSWORD "matkhau-demo"

/* Loads sql/demo.sql (units, periods, settings, plans), the demo users, and
** generated values for 2023 and 2024, unless demo units are already there.
** 0, or -1 (logged). */
int demo_load(const struct form *f, const char *demo_sql_path);

/* Prints the demo accounts to stdout. */
void demo_print_accounts(void);
