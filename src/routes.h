/*
** The one routing table, and the dispatcher that applies its flags: login,
** role, CSRF. A page never re-checks what its route says; it checks only what
** it alone knows (is this unit inside the user's scope?).
*/
#pragma once

struct req;

enum route_flag {
    NEED_LOGIN = 1 << 0, /* a session; else 401 (API) or the login page */
    NEED_CSRF = 1 << 1,  /* the session's CSRF token, as field "csrf" or X-CSRF-Token */
    OWN_UTF8 = 1 << 2,   /* the handler checks its fields' UTF-8 itself (file uploads) */
};

struct route {
    const char *method;
    const char *pattern; /* "/api/reports/ * / *": each "*" is one path segment */
    int (*handler)(struct req *r);
    unsigned flags; /* enum route_flag */
    unsigned roles; /* enum role mask allowed, with NEED_LOGIN */
};

/* Finds the route of r, applies its flags, runs its handler, and makes sure r
** holds a response (an error page or JSON error when the handler set none). */
void routes_dispatch(struct req *r);

/* Makes r's response the error of that status (e.g. 413 before dispatch). */
void routes_fail(struct req *r, int status);
