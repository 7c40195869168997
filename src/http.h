/*
** The HTTP layer: libmicrohttpd glue, the request struct, bodies, cookies,
** responses.
**
** A request lives in one struct req, created on libmicrohttpd's first call
** of the access handler, and freed with everything in its arena by the
** completion callback, whatever happened. Page code allocates from r->arena
** and never frees.
**
** The first call has only the request line and the headers. There the route,
** the method, the session, the role and the header-only checks are decided
** (routes_prepare), and the body's size is checked against the route's limit
** and against the memory all bodies in flight may take together
** (http_limits.body_memory). A request that will be refused never has its
** body kept: a POST or PUT whose body is large (or announced with Expect:
** 100-continue) is answered at once, and libmicrohttpd closes the connection
** without reading the body; a small one is read and dropped, then answered,
** so the connection stays usable. An accepted request is answered once its
** body is complete (never in the first call: that would cost keep-alive).
**
** Connections are watched by a thread of this file: headers must arrive
** within http_limits.header_timeout seconds (also the most an idle keep-alive
** connection waits), headers and body within request_timeout; when the server
** (or one client address) holds more than half its connections, waiting ones
** are closed after busy_idle seconds. Past max_conn_per_addr connections from
** one address, or max_conn in all, new connections are refused.
**
** http_stop (SIGTERM) stops accepting, closes the connections that wait for a
** request, lets requests under way finish (answered with Connection: close)
** for at most shutdown_grace seconds, then stops.
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
#include "jsonout.h"
#include "str.h"

#define HTTP_BODY_MAX (1024 * 1024)         /* a body, in bytes, unless the route says */
#define HTTP_IMPORT_MAX (8 * 1024 * 1024)   /* route flag BIG_BODY: admin file imports */
#define HTTP_SMALL_MAX (64 * 1024)          /* route flag SMALL_BODY: the login forms */
#define HTTP_MAX_ARGS 4
#define HTTP_MAX_COOKIES 3
#define HTTP_MAX_HEADERS 4

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
    size_t body_limit; /* the route's limit on the body, set by routes_prepare */
    size_t reserved;   /* bytes taken from http_limits.body_memory, given back at the end */
    bool too_large;
    int refused; /* the status decided on the first call, 0 when accepted */
    bool early;  /* answered on the first call, the body unread */

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
    const char *headers[HTTP_MAX_HEADERS][2]; /* more response headers: name, value */
    int n_headers;
    const char *disposition; /* Content-Disposition of a download, or NULL */
    const char *retry_after; /* Retry-After of a 503, or NULL */
    const char *message; /* the error's message, Vietnamese */
    json_t *issues;      /* the error's issues (API), owned by the request */
};

/* The server's limits (serve's options), read by http_start. */
struct http_limits {
    unsigned max_conn;          /* connections in all (--max-conn, 1000) */
    unsigned max_conn_per_addr; /* connections from one address (--max-conn-per-addr, 64) */
    unsigned header_timeout;    /* s, for the headers; idle keep-alive (--header-timeout, 10) */
    unsigned request_timeout;   /* s, for headers and body (--request-timeout, 60) */
    unsigned busy_idle;         /* s, for the headers when busy (2) */
    size_t body_memory;         /* bytes all bodies in flight may take (--body-memory MB, 32) */
    unsigned shutdown_grace;    /* s, for requests under way at SIGTERM (--shutdown-grace, 10) */
};
extern struct http_limits http_limits;

/* Starts the server on bind_addr:port (port 0 picks a free one) with its own
** thread pool and the limits of http_limits. Returns the port bound, or -1
** (logged). */
int http_start(const char *bind_addr, int port);

/* Stops accepting, closes connections that wait for a request, lets requests
** under way finish (for at most http_limits.shutdown_grace seconds), and frees
** the server. */
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
struct tpl_dict; /* render.h */
int http_html(struct req *r, int status, const char *tpl, json_t *data); /* steals data */
/* frees page */
int http_html_page(struct req *r, int status, const char *tpl, struct tpl_dict *page);
int http_json(struct req *r, int status, json_t *body);                  /* steals body */
int http_json_out(struct req *r, int status, struct jsonout *o);       /* takes o's text */
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

/* Adds a response header (Allow, Retry-After, Clear-Site-Data…; at most
** HTTP_MAX_HEADERS); name and value are copied into the request's arena. */
void http_set_header(struct req *r, const char *name, const char *value);

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
