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
    BIG_BODY = 1 << 3,   /* a body up to HTTP_IMPORT_MAX (admin file imports) */
    SMALL_BODY = 1 << 4, /* a body up to HTTP_SMALL_MAX (before login: the login forms) */
};

struct route {
    const char *method;
    const char *pattern; /* "/api/reports/ * / *": each "*" is one path segment */
    int (*handler)(struct req *r);
    unsigned flags; /* enum route_flag */
    unsigned roles; /* enum role mask allowed, with NEED_LOGIN */
};

/* The first phase of a request, on libmicrohttpd's first call, before any
** byte of the body is read: finds the route of r (r->route), loads the
** session, applies the checks that need only the headers (login, role, and
** the header checks of check_headers) and sets r->body_limit from the route's
** flags. Returns 0 to go on and read the body, or the status to refuse with
** (r may already hold the response, e.g. the redirect to the login page). */
int routes_prepare(struct req *r);

/* The second phase, once the body is complete: the checks that need the body
** (CSRF token as a field, UTF-8 of the fields), then the handler. Makes sure
** r holds a response (an error page or JSON error when the handler set none).
** Called only when routes_prepare returned 0. */
void routes_dispatch(struct req *r);

/* Makes r's response the error of that status (e.g. 413 before dispatch). */
void routes_fail(struct req *r, int status);
