/*
** libmicrohttpd glue; see http.h.
*/
#include "http.h"
#include "app.h"
#include "db.h"
#include "jsonout.h"
#include "log.h"
#include "render.h"
#include "routes.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A refused POST or PUT with a body up to this size is read and dropped, then
** answered (the connection stays usable); a larger one is answered at once. */
#define HTTP_DROP_MAX (64 * 1024)
/* The post processor's buffer. */
#define HTTP_PP_BUFFER (16 * 1024)
/* How often the watcher looks at the connections, in ms. */
#define HTTP_WATCH_MS 200

struct http_limits http_limits = {
    .max_conn = 1000,
    .max_conn_per_addr = 64,
    .header_timeout = 10,
    .request_timeout = 60,
    .busy_idle = 2,
    .body_memory = 32u * 1024 * 1024,
    .shutdown_grace = 10,
};

static struct MHD_Daemon *daemon_handle;
static atomic_bool stopping;          /* SIGTERM: answers say Connection: close */
static atomic_size_t bodies_reserved; /* bytes of bodies in flight, see reserve() */

/*
** Connections, as the watcher sees them. Each is registered when libmicrohttpd
** accepts it and removed when it closes (before its socket is closed, so a
** registered fd is always the connection's own). Everything under conns_lock.
*/
enum conn_state {
    CONN_WAITING,   /* for a request's headers (new or kept alive) */
    CONN_RECEIVING, /* headers in, the body arriving */
    CONN_HANDLING,  /* the handler runs or the answer is being sent */
};

struct conn {
    struct conn *prev, *next;
    int fd;
    unsigned char addr[16]; /* the client's address (IPv4 in the first 4 bytes) */
    int64_t since;          /* ms: when it began to wait for this request */
    enum conn_state state;
    bool cut;    /* shut down by the watcher: no request may begin on it */
    bool linger; /* answered before its body: drain the body after the close */
};

/*
** Lingering close. A connection answered before its body (413, 401, 503) is
** closed by libmicrohttpd with the body unread, and closing a socket with
** unread data sends a reset that can destroy the answer before the client
** reads it. So its socket is kept (a dup of the fd, taken when libmicrohttpd
** closes it), its write side shut (the answer is complete), and what the
** client still sends is read and dropped, for at most HTTP_LINGER_MS, before
** it is closed.
*/
#define HTTP_LINGER_MAX 256
#define HTTP_LINGER_MS 5000
struct lingering {
    int fd;
    int64_t until;
};
static pthread_mutex_t linger_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lingering lingering[HTTP_LINGER_MAX];
static int n_lingering;

static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn *conns;
static unsigned n_conns;
static pthread_t watcher;
static bool watcher_running;
static pthread_mutex_t watcher_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watcher_wake = PTHREAD_COND_INITIALIZER;
static bool watcher_stop;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

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

int http_html_page(struct req *r, int status, const char *tpl, struct tpl_dict *page)
{
    size_t len = 0;
    char *html = tpl_page_render(tpl, page, &len);
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

int http_json_out(struct req *r, int status, struct jsonout *o)
{
    size_t len = 0;
    char *s = jsonout_finish(o, &len);
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

void http_set_header(struct req *r, const char *name, const char *value)
{
    if (r->n_headers < HTTP_MAX_HEADERS) {
        r->headers[r->n_headers][0] = arena_strdup(r->arena, name);
        r->headers[r->n_headers++][1] = arena_strdup(r->arena, value);
    }
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

/* libmicrohttpd's post-processor callback: appends a piece of a form field.
** A part without a name (multipart with no name=, or an empty one) is
** skipped: no handler could ask for it. */
static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *content_type,
                                const char *transfer_encoding, const char *data, uint64_t off,
                                size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
    struct req *r = cls;
    if (!key || !*key)
        return MHD_YES;
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

/* Takes n bytes from the memory all bodies in flight may use; false when
** they are not there. */
static bool reserve(size_t n)
{
    size_t have = atomic_load(&bodies_reserved);
    do {
        if (have + n > http_limits.body_memory)
            return false;
    } while (!atomic_compare_exchange_weak(&bodies_reserved, &have, have + n));
    return true;
}

static void unreserve(size_t n)
{
    atomic_fetch_sub(&bodies_reserved, n);
}

/* The watcher's record of connection c, or NULL. */
static struct conn *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

/* Moves c's record to state; for CONN_WAITING the wait starts now. Returns
** false when the watcher has cut the connection (then nothing may begin). */
static bool conn_set(struct MHD_Connection *c, enum conn_state state)
{
    struct conn *cn = conn_of(c);
    bool ok = true;
    pthread_mutex_lock(&conns_lock);
    if (cn && cn->cut && state != CONN_WAITING) {
        ok = false;
    } else if (cn) {
        cn->state = state;
        if (state == CONN_WAITING)
            cn->since = now_ms();
    }
    pthread_mutex_unlock(&conns_lock);
    return ok;
}

/* libmicrohttpd's connection callback: registers and removes connections. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        struct conn *cn = calloc(1, sizeof *cn);
        const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        const union MHD_ConnectionInfo *addr =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (!cn || !fd) {
            free(cn);
            return;
        }
        cn->fd = fd->connect_fd;
        if (addr && addr->client_addr && addr->client_addr->sa_family == AF_INET)
            memcpy(cn->addr, &((struct sockaddr_in *)addr->client_addr)->sin_addr, 4);
        else if (addr && addr->client_addr && addr->client_addr->sa_family == AF_INET6)
            memcpy(cn->addr, &((struct sockaddr_in6 *)addr->client_addr)->sin6_addr, 16);
        cn->since = now_ms();
        pthread_mutex_lock(&conns_lock);
        cn->next = conns;
        if (conns)
            conns->prev = cn;
        conns = cn;
        n_conns++;
        pthread_mutex_unlock(&conns_lock);
        *socket_context = cn;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        struct conn *cn = *socket_context;
        pthread_mutex_lock(&linger_lock);
        int fd = cn->linger && !cn->cut && n_lingering < HTTP_LINGER_MAX ? dup(cn->fd) : -1;
        if (fd >= 0) {
            shutdown(fd, SHUT_WR);
            lingering[n_lingering++] = (struct lingering){fd, now_ms() + HTTP_LINGER_MS};
        }
        pthread_mutex_unlock(&linger_lock);
        pthread_mutex_lock(&conns_lock);
        if (cn->prev)
            cn->prev->next = cn->next;
        else
            conns = cn->next;
        if (cn->next)
            cn->next->prev = cn->prev;
        n_conns--;
        pthread_mutex_unlock(&conns_lock);
        *socket_context = NULL;
        free(cn);
    }
}

static int cmp_addr(const void *a, const void *b)
{
    return memcmp((*(struct conn *const *)a)->addr, (*(struct conn *const *)b)->addr, 16);
}

/* Shuts a connection's socket: libmicrohttpd sees the end and closes it.
** With conns_lock held (the fd is still the connection's own). */
static void cut(struct conn *cn)
{
    cn->cut = true;
    shutdown(cn->fd, SHUT_RDWR);
}

/* One look at every connection: cuts those whose request takes too long to
** arrive. all_waiting (shutting down) cuts every connection waiting for a
** request. Returns how many requests are under way (receiving or handled). */
static unsigned watch(bool all_waiting)
{
    const struct http_limits *l = &http_limits;
    int64_t now = now_ms();
    unsigned busy = 0;
    pthread_mutex_lock(&conns_lock);
    bool crowded = n_conns * 2 >= l->max_conn;
    struct conn **by_addr = n_conns ? malloc(n_conns * sizeof *by_addr) : NULL;
    unsigned n = 0;
    for (struct conn *cn = conns; cn && by_addr; cn = cn->next)
        by_addr[n++] = cn;
    if (by_addr)
        qsort(by_addr, n, sizeof *by_addr, cmp_addr);
    for (unsigned i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && cmp_addr(&by_addr[i], &by_addr[j]) == 0;)
            j++;
        /* this address holds j - i connections */
        bool addr_crowded = crowded || (j - i) * 2 >= l->max_conn_per_addr;
        for (unsigned k = i; k < j; k++) {
            struct conn *cn = by_addr[k];
            if (cn->state != CONN_WAITING)
                busy++;
            if (cn->cut)
                continue;
            int64_t waited = now - cn->since;
            if (cn->state == CONN_WAITING &&
                (all_waiting ||
                 waited > 1000 * (int64_t)(addr_crowded ? l->busy_idle : l->header_timeout)))
                cut(cn);
            else if (cn->state == CONN_RECEIVING && waited > 1000 * (int64_t)l->request_timeout)
                cut(cn);
        }
    }
    pthread_mutex_unlock(&conns_lock);
    free(by_addr);
    return busy;
}

/* Reads and drops what lingering connections have received; closes those at
** their end (the client closed, an error) or past their time, or all of them
** when all is true. Returns how many still linger. */
static int drain(bool all)
{
    char sink[16 * 1024];
    int64_t now = now_ms();
    pthread_mutex_lock(&linger_lock);
    for (int i = 0; i < n_lingering;) {
        ssize_t n;
        while ((n = recv(lingering[i].fd, sink, sizeof sink, MSG_DONTWAIT)) > 0)
            ;
        bool open = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
        if (!all && open && now < lingering[i].until) {
            i++;
            continue;
        }
        close(lingering[i].fd);
        lingering[i] = lingering[--n_lingering];
    }
    int left = n_lingering;
    pthread_mutex_unlock(&linger_lock);
    return left;
}

static void *watcher_main(void *arg)
{
    (void)arg;
    int64_t next_watch = now_ms() + HTTP_WATCH_MS;
    int left = 0;
    pthread_mutex_lock(&watcher_lock);
    while (!watcher_stop) {
        /* every HTTP_WATCH_MS; every 20 ms while connections linger */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += (left ? 20 : HTTP_WATCH_MS) * 1000000L;
        if (ts.tv_nsec >= 1000000000L)
            ts.tv_sec++, ts.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&watcher_wake, &watcher_lock, &ts);
        if (watcher_stop)
            break;
        left = drain(false);
        if (now_ms() >= next_watch) {
            watch(atomic_load(&stopping));
            next_watch = now_ms() + HTTP_WATCH_MS;
        }
    }
    pthread_mutex_unlock(&watcher_lock);
    return NULL;
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
    r->body_limit = HTTP_BODY_MAX;
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
    unreserve(r->reserved);
    arena_free(r->arena);
}

/* Takes in a piece of the body: form fields go through the post processor,
** anything else (JSON) is kept raw. Past the route's limit (a chunked body
** or one longer than it said) the rest is dropped and the answer is 413. */
static void take_body(struct req *r, const char *data, size_t size)
{
    r->body_size += size;
    if (r->refused || r->too_large)
        return;
    if (r->body_size > r->body_limit) {
        r->too_large = true;
        if (r->pp)
            MHD_destroy_post_processor(r->pp);
        r->pp = NULL;
        buf_free(&r->body);
        r->body = (struct buf){0};
    } else if (r->pp) {
        MHD_post_process(r->pp, data, size);
    } else {
        buf_append(&r->body, data, size);
    }
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
    /* nothing dynamic is kept by the browser or a proxy: pages and files hold
    ** report data or a session (static files set their own) */
    add_header(resp, "Cache-Control", r->cache_control ? r->cache_control : "no-store");
    for (int i = 0; i < r->n_cookies; i++)
        add_header(resp, "Set-Cookie", r->cookies[i]);
    for (int i = 0; i < r->n_headers; i++)
        add_header(resp, r->headers[i][0], r->headers[i][1]);
    if (app.secure) /* reached over https only, for a year */
        add_header(resp, "Strict-Transport-Security", "max-age=31536000");
    add_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    add_header(resp, "Permissions-Policy",
               "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    add_header(resp, "X-Content-Type-Options", "nosniff");
    add_header(resp, "Referrer-Policy", "same-origin");
    add_header(resp, "Content-Security-Policy",
               "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
               "form-action 'self'; base-uri 'none'");
    if (r->early || atomic_load(&stopping))
        add_header(resp, "Connection", "close");
    enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* Makes r's response the refusal of status (unless the checks already made
** one, such as the redirect to the login page). */
static void refuse(struct req *r, int status)
{
    if (status == 413 && !r->message)
        r->message = r->body_limit >= 1024 * 1024
                         ? arena_printf(r->arena, "Dữ liệu gửi lên quá lớn (tối đa %zu MB).",
                                        r->body_limit / (1024 * 1024))
                         : arena_printf(r->arena, "Dữ liệu gửi lên quá lớn (tối đa %zu KB).",
                                        r->body_limit / 1024);
    if (status == 503) {
        r->retry_after = "5";
        if (!r->message)
            r->message = "Máy chủ đang bận. Xin thử lại sau ít giây.";
    }
    if (r->status == 0 || (status >= 400 && r->status != status))
        routes_fail(r, status);
}

/* The first call, with the headers only: decides whether the request goes on
** (see http.h). */
static enum MHD_Result first_call(struct MHD_Connection *c, const char *url, const char *method,
                                  void **req_cls)
{
    if (!conn_set(c, CONN_RECEIVING))
        return MHD_NO; /* cut by the watcher, or shutting down: close */
    struct req *r = req_new(c, url, method);
    if (!r)
        return MHD_NO;
    *req_cls = r;
    const char *cl = http_header(r, "Content-Length");
    const char *te = http_header(r, "Transfer-Encoding");
    const char *expect = http_header(r, "Expect");
    unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
    bool chunked = te && strcasestr(te, "chunked");
    bool has_body = declared > 0 || chunked;
    int status = routes_prepare(r);
    if (status == 0 && has_body) {
        size_t need = (chunked ? r->body_limit : (size_t)declared) + HTTP_PP_BUFFER;
        if (!chunked && declared > r->body_limit)
            status = 413;
        else if (!reserve(need))
            status = 503;
        else
            r->reserved = need;
    }
    if (status == 0) {
        if (has_body) {
            r->pp = MHD_create_post_processor(c, HTTP_PP_BUFFER, on_field, r);
            if (!r->pp && !chunked) { /* raw (JSON): room for it at once */
                r->body.s = malloc((size_t)declared + 1);
                r->body.cap = r->body.s ? (size_t)declared + 1 : 0;
                if (r->body.s)
                    r->body.s[0] = 0;
            }
        }
        return MHD_YES;
    }
    r->refused = status;
    /* libmicrohttpd can answer before the body only a POST or a PUT (it then
    ** closes the connection without reading the body); anything else, and a
    ** small body, is read and dropped first */
    bool post_or_put = strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0;
    if (!has_body || !post_or_put ||
        !(chunked || declared > HTTP_DROP_MAX || status == 413 || status == 503 ||
          (expect && strcasecmp(expect, "100-continue") == 0)))
        return MHD_YES; /* answered on the last call: keep-alive is kept */
    r->early = true;
    struct conn *cn = conn_of(c);
    if (cn) {
        pthread_mutex_lock(&conns_lock);
        cn->linger = true;
        pthread_mutex_unlock(&conns_lock);
    }
    refuse(r, status);
    return respond(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **req_cls)
{
    (void)cls, (void)version;
    struct req *r = *req_cls;
    if (!r) /* first call, headers only */
        return first_call(c, url, method, req_cls);
    if (r->early)
        return MHD_YES; /* answered already */
    if (*upload_size) {
        take_body(r, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->pp) { /* destroying the post processor delivers the last field */
        MHD_destroy_post_processor(r->pp);
        r->pp = NULL;
    }
    if (!conn_set(c, CONN_HANDLING))
        return MHD_NO; /* cut meanwhile: its answer could not be sent, do nothing */
    if (r->refused)
        refuse(r, r->refused);
    else if (r->too_large)
        refuse(r, 413);
    else
        routes_dispatch(r);
    return respond(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    struct timed_req *t = *req_cls;
    conn_set(c, CONN_WAITING);
    if (!t)
        return;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - t->start.tv_sec) * 1e3 +
                (double)(end.tv_nsec - t->start.tv_nsec) / 1e6;
    log_access("%s %s %s %d %.1fms%s", http_client_addr(&t->r), t->r.method, t->r.path, t->r.status, ms,
               toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    req_free(&t->r);
    *req_cls = NULL;
}

/* libmicrohttpd's own messages: what clients cause (resets, limits), so
** warnings, rate-limited per message. */
static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    log_vmsg(LOG_WARN, "http", fmt, ap);
}

int http_start(const char *bind_addr, int port)
{
    struct sockaddr_storage ss = {0};
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC;
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
        log_msg(LOG_ERROR, "http", "not an IP address: %s", bind_addr);
        return -1;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cores < 2 ? 2 : (unsigned)cores;
    const struct http_limits *l = &http_limits;
    atomic_store(&stopping, false);
    daemon_handle = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER,
        on_mhd_error, NULL, MHD_OPTION_SOCK_ADDR, &ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, l->request_timeout, MHD_OPTION_CONNECTION_LIMIT,
        l->max_conn, MHD_OPTION_PER_IP_CONNECTION_LIMIT, l->max_conn_per_addr,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_END);
    if (!daemon_handle) {
        log_msg(LOG_ERROR, "http", "cannot listen on %s:%d", bind_addr, port);
        return -1;
    }
    watcher_stop = false;
    watcher_running = pthread_create(&watcher, NULL, watcher_main, NULL) == 0;
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(daemon_handle, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : port;
}

void http_stop(void)
{
    if (!daemon_handle)
        return;
    atomic_store(&stopping, true);
    MHD_socket listen_fd = MHD_quiesce_daemon(daemon_handle);
    if (listen_fd != MHD_INVALID_SOCKET)
        close(listen_fd);
    int64_t deadline = now_ms() + 1000 * (int64_t)http_limits.shutdown_grace;
    unsigned busy;
    while ((busy = watch(true)) > 0 && now_ms() < deadline)
        usleep(20 * 1000);
    if (busy)
        log_msg(LOG_ERROR, "http", "%u requests still under way after %u s: closed", busy,
                http_limits.shutdown_grace);
    if (watcher_running) {
        pthread_mutex_lock(&watcher_lock);
        watcher_stop = true;
        pthread_cond_signal(&watcher_wake);
        pthread_mutex_unlock(&watcher_lock);
        pthread_join(watcher, NULL);
        watcher_running = false;
    }
    MHD_stop_daemon(daemon_handle);
    daemon_handle = NULL;
    drain(true);
}
