/*
** Process-wide settings; see app.h.
*/
#include "app.h"

#include <stdio.h>

struct app_config app = {.db_path = "ecdreport.db", .session_idle_minutes = 30,
                       .session_max_hours = 12};

const char *app_path(char *out, unsigned n, const char *rel)
{
    snprintf(out, n, "%s/%s", app.home, rel);
    return out;
}
