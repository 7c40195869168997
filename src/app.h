/*
** Process-wide settings, fixed before the server starts and read-only after.
*/
#pragma once

struct form;

struct app_config {
    const char *home;         /* directory holding templates/, static/, sql/ */
    const char *db_path;      /* the SQLite file */
    int session_idle_minutes; /* a session ends after this much inactivity */
    int session_max_hours;    /* and this long after logging in, whatever the activity */
    int demo;                 /* a demo account keeps the published password (demo.c) */
    int quiet;                /* no access log */
    const struct form *form;  /* the appendix form, loaded once by serve */
    const char *public_url;   /* serve --public-url: where users reach it, or NULL */
    int secure;               /* public_url is https://: Secure cookies, HSTS */
    const char *trust_proxy;  /* serve --trust-proxy: the proxy's address (normalised), or NULL */
};

extern struct app_config app;

/* Path of a file under app.home, in the caller's buffer of size n. */
const char *app_path(char *out, unsigned n, const char *rel);
