/*
** libmicrohttpd glue; see http.h.
*/
#include "http.h"
#include "app.h"
#include "db.h"
#include "jsonout.h"
#include "render.h"
#include "routes.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How much of a too-large body is read (and dropped) before answering 413. */
#define HTTP_DRAIN_MAX (8 * 1024 * 1024)

static struct MHD_Daemon *daemon_handle;

/* Per-request start time, for the access log. */
struct timed_req {
    struct req r;
    struct timespec start;
};

const char *http_query(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *http_field(struct req *r, const char *name)
{
    for (struct field *f = r->fields; f; f = f->next)
        if (strcmp(f->name, name) == 0)
            return f->value.s ? f->value.s : "";
    return NULL;
}

static void json_release(void *p)
{
    json_decref(p);
}

json_t *http_json_body(struct req *r)
{
    json_error_t err;
    json_t *v = r->body.s ? json_loadb(r->body.s, r->body.len, 0, &err) : NULL;
    if (!v) {
        r->message = r->body.s ? "Nội dung gửi lên không phải JSON hợp lệ (UTF-8)."
                               : "Thiếu nội dung JSON.";
        return NULL;
    }
    arena_defer(r->arena, json_release, v);
    return v;
}

/* Replaces any body already set. */
static void set_body(struct req *r, int status, const char *type, char *out, size_t len)
{
    free(r->out);
    r->status = status;
    r->content_type = type;
    r->out = out;
    r->out_len = len;
}

int http_html(struct req *r, int status, const char *tpl, json_t *data)
{
    size_t len = 0;
    char *html = data ? tpl_render(tpl, data, &len) : NULL;
    json_decref(data);
    if (!html)
        return http_error(r, 500, NULL);
    set_body(r, status, "text/html; charset=utf-8", html, len);
    return status;
}

int http_json(struct req *r, int status, json_t *body)
{
    size_t len = 0;
    char *s = body ? jsonout_dumps(body, &len) : NULL; /* json_dumps(JSON_COMPACT)'s bytes */
    json_decref(body);
    if (!s) {
        r->message = "Lỗi hệ thống.";
        return 500;
    }
    set_body(r, status, "application/json; charset=utf-8", s, len);
    return status;
}

int http_bytes(struct req *r, int status, const char *content_type, char *body, size_t len,
               const char *filename)
{
    set_body(r, status, content_type, body, len);
    if (filename && strspn(filename, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789.-_") == strlen(filename))
        r->disposition = arena_printf(r->arena, "attachment; filename=\"%s\"", filename);
    return status;
}

int http_redirect(struct req *r, const char *location)
{
    r->location = arena_strdup(r->arena, location);
    set_body(r, 303, "text/plain; charset=utf-8", NULL, 0);
    return 303;
}

int http_no_content(struct req *r)
{
    set_body(r, 204, NULL, NULL, 0);
    return 204;
}

int http_error(struct req *r, int status, const char *message)
{
    r->message = message;
    return status;
}

void http_set_cookie(struct req *r, const char *cookie)
{
    if (r->n_cookies < HTTP_MAX_COOKIES)
        r->cookies[r->n_cookies++] =
            app.secure ? arena_printf(r->arena, "%s; Secure", cookie) : arena_strdup(r->arena, cookie);
}

const char *http_session_cookie_name(void)
{
    return app.secure ? "__Host-ecd_session" : "ecd_session";
}

const char *http_normalise_addr(const char *text, char *out)
{
    unsigned char bin[sizeof(struct in6_addr)];
    if (!text)
        return NULL;
    if (inet_pton(AF_INET, text, bin) == 1)
        return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN);
    if (inet_pton(AF_INET6, text, bin) != 1)
        return NULL;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(bin, mapped, sizeof mapped) == 0)
        return inet_ntop(AF_INET, bin + 12, out, INET6_ADDRSTRLEN);
    return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN);
}

/* The peer's address as text in out (INET6_ADDRSTRLEN bytes), or NULL. */
static const char *peer_addr(struct MHD_Connection *c, char *out)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN];
    if (!ci || !ci->client_addr)
        return NULL;
    const struct sockaddr *sa = ci->client_addr;
    const void *bin = sa->sa_family == AF_INET6
                          ? (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr
                          : (const void *)&((const struct sockaddr_in *)sa)->sin_addr;
    if (sa->sa_family != AF_INET && sa->sa_family != AF_INET6)
        return NULL;
    if (!inet_ntop(sa->sa_family, bin, text, sizeof text))
        return NULL;
    return http_normalise_addr(text, out);
}

const char *http_client_addr(struct req *r)
{
    char peer[INET6_ADDRSTRLEN], fwd[INET6_ADDRSTRLEN];
    if (r->client_addr)
        return r->client_addr;
    const char *addr = peer_addr(r->conn, peer);
    const char *xff = app.trust_proxy && addr && strcmp(addr, app.trust_proxy) == 0
                          ? http_header(r, "X-Forwarded-For")
                          : NULL;
    if (xff) { /* the last entry: the one the trusted proxy appended */
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        last += strspn(last, " \t");
        size_t n = strcspn(last, " \t");
        char *one = arena_strndup(r->arena, last, n);
        if (one && http_normalise_addr(one, fwd))
            addr = fwd;
    }
    r->client_addr = arena_strdup(r->arena, addr ? addr : "-");
    return r->client_addr ? r->client_addr : "-";
}

int http_file(struct req *r, const char *path, const char *content_type)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
        if (fd >= 0)
            close(fd);
        return 404;
    }
    char lm[64];
    struct tm tm;
    gmtime_r(&sb.st_mtime, &tm);
    strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    r->last_modified = arena_strdup(r->arena, lm);
    r->cache_control = "public, max-age=300";
    const char *since = http_header(r, "If-Modified-Since");
    if (since && strcmp(since, lm) == 0) {
        close(fd);
        set_body(r, 304, NULL, NULL, 0);
        return 304;
    }
    set_body(r, 200, content_type, NULL, 0);
    r->out_fd = fd;
    r->out_fd_size = (size_t)sb.st_size;
    return 200;
}

bool http_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p++;
        int more;
        unsigned min;
        if (c < 0x80)
            continue;
        else if ((c & 0xE0) == 0xC0)
            more = 1, min = 0x80, c &= 0x1F;
        else if ((c & 0xF0) == 0xE0)
            more = 2, min = 0x800, c &= 0x0F;
        else if ((c & 0xF8) == 0xF0)
            more = 3, min = 0x10000, c &= 0x07;
        else
            return false;
        if (end - p < more)
            return false;
        for (int i = 0; i < more; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (p[i] & 0x3F);
        }
        p += more;
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
    }
    return true;
}

/* libmicrohttpd's post-processor callback: appends a piece of a form field. */
static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *content_type,
                                const char *transfer_encoding, const char *data, uint64_t off,
                                size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
    struct req *r = cls;
    struct field *f = r->fields;
    if (off == 0 || !f || strcmp(f->name, key) != 0) {
        f = arena_alloc(r->arena, sizeof *f);
        if (!f)
            return MHD_NO;
        f->name = arena_strdup(r->arena, key);
        f->next = r->fields;
        r->fields = f;
        arena_defer(r->arena, (void (*)(void *))buf_free, &f->value);
    }
    if (size)
        buf_append(&f->value, data, size);
    return MHD_YES;
}

static struct req *req_new(struct MHD_Connection *c, const char *url, const char *method)
{
    struct arena *a = arena_new();
    struct timed_req *t = a ? arena_alloc(a, sizeof *t) : NULL;
    if (!t) {
        arena_free(a);
        return NULL;
    }
    clock_gettime(CLOCK_MONOTONIC, &t->start);
    struct req *r = &t->r;
    r->arena = a;
    r->conn = c;
    r->path = arena_strdup(a, url);
    r->method = arena_strdup(a, method);
    r->out_fd = -1;
    r->is_api = strncmp(url, "/api/", 5) == 0;
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (len && strtoull(len, NULL, 10) > HTTP_BODY_MAX)
        r->too_large = true;
    else
        r->pp = MHD_create_post_processor(c, 16 * 1024, on_field, r);
    return r;
}

static void req_free(struct req *r)
{
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    buf_free(&r->body);
    free(r->out);
    if (r->out_fd >= 0)
        close(r->out_fd);
    json_decref(r->issues);
    arena_free(r->arena);
}

/* Takes in a piece of the body: form fields go through the post processor,
** anything else (JSON) is kept raw. Past HTTP_BODY_MAX the rest is dropped. */
static void take_body(struct req *r, const char *data, size_t size)
{
    r->body_size += size;
    if (r->too_large || r->body_size > HTTP_BODY_MAX)
        r->too_large = true;
    else if (r->pp)
        MHD_post_process(r->pp, data, size);
    else
        buf_append(&r->body, data, size);
}

static void add_header(struct MHD_Response *resp, const char *name, const char *value)
{
    if (value)
        MHD_add_response_header(resp, name, value);
}

/* Hands the response held in r to libmicrohttpd. */
static enum MHD_Result respond(struct req *r)
{
    struct MHD_Response *resp;
    if (r->out_fd >= 0) {
        resp = MHD_create_response_from_fd(r->out_fd_size, r->out_fd);
        if (resp)
            r->out_fd = -1; /* libmicrohttpd closes it */
    } else {
        resp = MHD_create_response_from_buffer(r->out_len, r->out ? r->out : (char *)"",
                                               r->out ? MHD_RESPMEM_MUST_FREE
                                                      : MHD_RESPMEM_PERSISTENT);
        if (resp)
            r->out = NULL;
    }
    if (!resp)
        return MHD_NO;
    add_header(resp, "Content-Type", r->content_type);
    add_header(resp, "Location", r->location);
    add_header(resp, "Last-Modified", r->last_modified);
    add_header(resp, "Content-Disposition", r->disposition);
    add_header(resp, "Retry-After", r->retry_after);
    add_header(resp, "Cache-Control", r->cache_control ? r->cache_control : "private, no-cache");
    for (int i = 0; i < r->n_cookies; i++)
        add_header(resp, "Set-Cookie", r->cookies[i]);
    if (app.secure) /* reached over https only, for a year */
        add_header(resp, "Strict-Transport-Security", "max-age=31536000");
    add_header(resp, "X-Content-Type-Options", "nosniff");
    add_header(resp, "Referrer-Policy", "same-origin");
    add_header(resp, "Content-Security-Policy",
               "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
               "form-action 'self'; base-uri 'none'");
    enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **req_cls)
{
    (void)cls, (void)version;
    struct req *r = *req_cls;
    if (!r) { /* first call, headers only: answer later, or keep-alive is lost */
        *req_cls = r = req_new(c, url, method);
        return r ? MHD_YES : MHD_NO;
    }
    if (*upload_size) {
        take_body(r, upload_data, *upload_size);
        *upload_size = 0;
        if (r->body_size <= HTTP_DRAIN_MAX)
            return MHD_YES; /* a body a little too large is read and dropped, so the
                            ** client gets its 413 instead of a reset connection */
        /* answer now; libmicrohttpd closes the connection after it */
    } else if (r->pp) {
        /* destroying the post processor delivers the last field */
        MHD_destroy_post_processor(r->pp);
        r->pp = NULL;
    }
    if (r->too_large)
        routes_fail(r, 413);
    else
        routes_dispatch(r);
    return respond(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c;
    struct timed_req *t = *req_cls;
    if (!t)
        return;
    if (!app.quiet) {
        struct timespec end;
        clock_gettime(CLOCK_MONOTONIC, &end);
        double ms = (double)(end.tv_sec - t->start.tv_sec) * 1e3 +
                    (double)(end.tv_nsec - t->start.tv_nsec) / 1e6;
        fprintf(stderr, "%s %s %s %d %.1fms%s\n", http_client_addr(&t->r), t->r.method, t->r.path,
                t->r.status, ms,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    }
    req_free(&t->r);
    *req_cls = NULL;
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fprintf(stderr, "http: ");
    vfprintf(stderr, fmt, ap);
}

int http_start(const char *bind_addr, int port)
{
    struct sockaddr_storage ss = {0};
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, bind_addr, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
    } else if (inet_pton(AF_INET6, bind_addr, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        flags |= MHD_USE_IPv6;
    } else {
        fprintf(stderr, "http: not an IP address: %s\n", bind_addr);
        return -1;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cores < 2 ? 2 : (unsigned)cores;
    daemon_handle = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER,
        on_mhd_error, NULL, MHD_OPTION_SOCK_ADDR, &ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)256, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
    if (!daemon_handle) {
        fprintf(stderr, "http: cannot listen on %s:%d\n", bind_addr, port);
        return -1;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(daemon_handle, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : port;
}

void http_stop(void)
{
    if (daemon_handle)
        MHD_stop_daemon(daemon_handle);
    daemon_handle = NULL;
}
