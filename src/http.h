/*
** The HTTP layer: libmicrohttpd glue, the request struct, bodies, cookies,
** responses.
**
** A request lives in one struct req, created on libmicrohttpd's first call
** of the access handler, answered once the body is complete (never in the
** first call: that would cost keep-alive), and freed with everything in its
** arena by the completion callback, whatever happened. Page code allocates
** from r->arena and never frees.
**
** A page handler fills the response with http_html/http_json/http_redirect
** and returns the HTTP status; when it returns an error status without a
** response, routes.c renders the error page (HTML) or {"error": …} (API).
*/
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "str.h"

#define HTTP_BODY_MAX (1024 * 1024)
#define HTTP_MAX_ARGS 4
#define HTTP_MAX_COOKIES 3

struct route;
struct MHD_Connection;
struct MHD_PostProcessor;

struct field {
    const char *name;
    struct buf value; /* freed with the request */
    struct field *next;
};

struct req {
    struct arena *arena;
    struct MHD_Connection *conn;
    const char *method, *path;
    const char *args[HTTP_MAX_ARGS]; /* the "*" segments of the matched route */
    int n_args;
    const struct route *route;
    bool is_api;

    /* the body: form fields (urlencoded or multipart) or raw bytes (JSON) */
    struct MHD_PostProcessor *pp;
    struct field *fields;
    struct buf body;
    size_t body_size;
    bool too_large;

    const char *client_addr; /* http_client_addr's answer, once asked */

    /* the session, when there is one */
    bool logged_in;
    struct user user;
    const char *csrf, *token;

    /* the response */
    int status;
    const char *content_type;
    char *out; /* malloc'd body, handed to libmicrohttpd */
    size_t out_len;
    int out_fd; /* a file to send instead of out (static files), -1 if none */
    size_t out_fd_size;
    const char *location;
    const char *cookies[HTTP_MAX_COOKIES];
    int n_cookies;
    const char *cache_control, *last_modified;
    const char *disposition; /* Content-Disposition of a download, or NULL */
    const char *retry_after; /* Retry-After of a 503, or NULL */
    const char *message; /* the error's message, Vietnamese */
    json_t *issues;      /* the error's issues (API), owned by the request */
};

/* Starts the server on bind_addr:port (port 0 picks a free one) with its own
** thread pool. Returns the port bound, or -1 (logged). */
int http_start(const char *bind_addr, int port);

/* Stops accepting, finishes requests under way, and frees the server. */
void http_stop(void);

/* A query-string argument, a form field, a request header, a cookie; NULL when
** absent. Strings belong to the request. */
const char *http_query(struct req *r, const char *name);
const char *http_field(struct req *r, const char *name);
const char *http_header(struct req *r, const char *name);
const char *http_cookie(struct req *r, const char *name);

/* The body parsed as JSON (NULL, with r->message set, if it is not JSON). The
** value is freed with the request. */
json_t *http_json_body(struct req *r);

/* Responses. Each returns status, so a handler can `return http_json(…)`. */
int http_html(struct req *r, int status, const char *tpl, json_t *data); /* steals data */
int http_json(struct req *r, int status, json_t *body);                  /* steals body */
int http_redirect(struct req *r, const char *location);                  /* 303 */
int http_no_content(struct req *r);                                      /* 204 */
int http_file(struct req *r, const char *path, const char *content_type);

/* A body made by the caller (an SVG, a CSV, an XLSX): body is malloc'd and
** taken over (freed with the response, also on failure). With a filename
** (ASCII letters, digits, '.', '-', '_'), the browser saves it as that file
** (Content-Disposition: attachment); without, it shows it inline. */
int http_bytes(struct req *r, int status, const char *content_type, char *body, size_t len,
               const char *filename);

/* Sets r->message (a Vietnamese sentence, kept as is) and returns status. */
int http_error(struct req *r, int status, const char *message);

/* Adds a Set-Cookie header (at most HTTP_MAX_COOKIES); "; Secure" is added
** when the server is reached over https (serve --public-url https://…). */
void http_set_cookie(struct req *r, const char *cookie);

/* The session cookie's name: "__Host-ecd_session" over https (the browser
** then only accepts it Secure, Path=/, without Domain), else "ecd_session". */
const char *http_session_cookie_name(void);

/* The client's IP address as text (in the request's arena): the peer's, or,
** when the peer is the proxy named by serve --trust-proxy, the last address
** of its X-Forwarded-For header (the one the proxy appended) if that is an
** IP address. Never NULL ("-" when unknown). */
const char *http_client_addr(struct req *r);

/* The textual form of an IPv4 or IPv6 address (IPv4-mapped IPv6 as IPv4) in
** out (INET6_ADDRSTRLEN bytes), or NULL if text is not an IP address. */
const char *http_normalise_addr(const char *text, char *out);

/* True if s is valid UTF-8. */
bool http_utf8_valid(const char *s, size_t n);
