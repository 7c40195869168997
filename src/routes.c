/*
** The routing table and the dispatcher; see routes.h.
*/
#include "routes.h"
#include "http.h"
#include "page.h"
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LOGIN NEED_LOGIN
#define CSRF (NEED_LOGIN | NEED_CSRF)

static const struct route routes[] = {
    {"GET", "/", page_home, LOGIN, ROLE_ANY},
    {"GET", "/login", page_login_form, 0, 0},
    {"POST", "/login", page_login, SMALL_BODY, 0}, /* checks its own pre-session CSRF token */
    {"POST", "/logout", page_logout, CSRF, ROLE_ANY},
    {"GET", "/reports/*/*", page_report_view, LOGIN, ROLE_COMMUNE | ROLE_READER},
    {"POST", "/reports/*/*", page_report_post, CSRF, ROLE_COMMUNE | ROLE_DISTRICT},
    {"POST", "/reports/*/*/review", page_report_review, CSRF, ROLE_STAFF},
    {"GET", "/reports/*/*/history", page_report_history, LOGIN, ROLE_COMMUNE | ROLE_READER},
    {"POST", "/reports/*/*/comments", page_report_comment, CSRF, ROLE_COMMUNE | ROLE_STAFF},
    {"POST", "/review", page_review_bulk, CSRF, ROLE_STAFF},
    {"GET", "/rollup/*/*", page_rollup_view, LOGIN, ROLE_READER},
    {"GET", "/rollup/*/*/print", page_rollup_print, LOGIN, ROLE_READER},
    {"GET", "/rollup/*/*/regrouped", page_rollup_regrouped, LOGIN, ROLE_READER},
    {"GET", "/indicators/*/*", page_indicators_view, LOGIN, ROLE_READER},
    {"GET", "/reports/*/*/print", page_report_print, LOGIN, ROLE_COMMUNE | ROLE_READER},
    {"GET", "/reports/*/*/export.*", page_report_export, LOGIN, ROLE_COMMUNE | ROLE_READER},
    {"GET", "/reports/*/*/units.csv", page_report_units, LOGIN, ROLE_READER},
    {"GET", "/rollup/*/*/export.pdf", page_rollup_pdf, LOGIN, ROLE_READER},
    {"GET", "/charts/*/*/completeness.svg", page_chart_completeness, LOGIN, ROLE_READER},
    {"GET", "/charts/*/*/ratio.svg", page_chart_ratio, LOGIN, ROLE_READER},
    {"GET", "/static/*", page_static, 0, 0},
    {"GET", "/form-checks/*", page_form_checks, LOGIN, ROLE_ANY},
    {"GET", "/account/password", page_account_password_form, LOGIN, ROLE_ANY},
    {"POST", "/account/password", page_account_password, CSRF, ROLE_ANY},

    {"GET", "/admin/units", page_admin_units, LOGIN, ROLE_ADMIN},
    {"POST", "/admin/units/import", page_admin_units_import, CSRF | OWN_UTF8 | BIG_BODY, ROLE_ADMIN},
    {"POST", "/admin/units/merges", page_admin_units_merges, CSRF | OWN_UTF8 | BIG_BODY, ROLE_ADMIN},
    {"GET", "/admin/units/*", page_admin_unit, LOGIN, ROLE_ADMIN},
    {"POST", "/admin/units/*/settings", page_admin_unit_settings, CSRF, ROLE_ADMIN},
    {"GET", "/admin/users", page_admin_users, LOGIN, ROLE_ADMIN},
    {"POST", "/admin/users", page_admin_user_add, CSRF, ROLE_ADMIN},
    {"GET", "/admin/users/merged", page_admin_merged, LOGIN, ROLE_ADMIN},
    {"POST", "/admin/users/merged", page_admin_merged_move, CSRF, ROLE_ADMIN},
    {"POST", "/admin/users/*/password", page_admin_user_password, CSRF, ROLE_ADMIN},
    {"POST", "/admin/users/*/disable", page_admin_user_disable, CSRF, ROLE_ADMIN},
    {"GET", "/admin/periods", page_admin_periods, LOGIN, ROLE_ADMIN},
    {"POST", "/admin/periods", page_admin_period_add, CSRF, ROLE_ADMIN},
    {"POST", "/admin/periods/*/due", page_admin_period_due, CSRF, ROLE_ADMIN},
    {"POST", "/admin/periods/*/lock", page_admin_period_lock, CSRF, ROLE_ADMIN},
    {"GET", "/admin/plans", page_admin_plans, LOGIN, ROLE_ADMIN},
    {"POST", "/admin/plans", page_admin_plan_add, CSRF, ROLE_ADMIN},
    {"GET", "/admin/plans/*", page_admin_plan, LOGIN, ROLE_ADMIN},
    {"POST", "/admin/plans/*", page_admin_plan_edit, CSRF, ROLE_ADMIN},
    {"POST", "/admin/plans/*/delete", page_admin_plan_delete, CSRF, ROLE_ADMIN},
    {"POST", "/admin/plans/*/targets", page_admin_target_add, CSRF, ROLE_ADMIN},
    {"POST", "/admin/plans/*/targets/*/delete", page_admin_target_delete, CSRF, ROLE_ADMIN},
    {"GET", "/admin/log", page_admin_log, LOGIN, ROLE_ADMIN},
    {"GET", "/admin/logins", page_admin_logins, LOGIN, ROLE_ADMIN},

    {"POST", "/api/session", api_session_create, SMALL_BODY, 0}, /* JSON: no cross-site form */
    {"DELETE", "/api/session", api_session_delete, CSRF, ROLE_ANY},
    {"GET", "/api/forms/*", api_form_get, LOGIN, ROLE_ANY},
    {"GET", "/api/units/*", api_unit_get, LOGIN, ROLE_ANY},
    {"GET", "/api/reports/*/*", api_report_get, LOGIN, ROLE_COMMUNE | ROLE_READER},
    {"PUT", "/api/reports/*/*", api_report_put, CSRF, ROLE_COMMUNE | ROLE_DISTRICT},
    {"POST", "/api/reports/*/*/submit", api_report_submit, CSRF, ROLE_COMMUNE | ROLE_DISTRICT},
    {"POST", "/api/reports/*/*/approve", api_report_approve, CSRF, ROLE_STAFF},
    {"POST", "/api/reports/*/*/return", api_report_return, CSRF, ROLE_STAFF},
    {"POST", "/api/reports/*/*/reopen", api_report_reopen, CSRF, ROLE_STAFF},
    {"GET", "/api/reports/*/*/comments", api_report_comments, LOGIN, ROLE_COMMUNE | ROLE_READER},
    {"POST", "/api/reports/*/*/comments", api_report_comment_add, CSRF, ROLE_COMMUNE | ROLE_STAFF},
    {"GET", "/api/rollup/*/*", api_rollup_get, LOGIN, ROLE_READER},
    {"GET", "/api/rollup/*/*/regrouped", api_rollup_regrouped_get, LOGIN, ROLE_READER},
    {"GET", "/api/indicators/*/*", api_indicators_get, LOGIN, ROLE_READER},
};

static const char *default_message(int status)
{
    switch (status) {
    case 400:
        return "Yêu cầu không hợp lệ.";
    case 401:
        return "Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn. Hãy đăng nhập lại.";
    case 403:
        return "Bạn không có quyền thực hiện thao tác này.";
    case 404:
        return "Không tìm thấy trang hoặc dữ liệu yêu cầu.";
    case 405:
        return "Phương thức không được hỗ trợ cho địa chỉ này.";
    case 409:
        return "Dữ liệu đã được thay đổi ở nơi khác. Hãy tải lại trang.";
    case 413:
        return "Dữ liệu gửi lên quá lớn (tối đa 1 MB).";
    case 415:
        return "Nội dung gửi lên phải là JSON (Content-Type: application/json).";
    case 503:
        return "Máy chủ đang bận. Xin thử lại sau ít phút.";
    case 422:
        return "Số liệu chưa hợp lệ.";
    default:
        return "Lỗi hệ thống. Xin thử lại sau.";
    }
}

/* Does path match pattern? Fills r->args with the "*" segments. */
static bool match(struct req *r, const char *pattern, const char *path)
{
    int n = 0;
    while (*pattern && *path) {
        if (*pattern == '*') {
            const char *end = strchr(path, '/');
            size_t len = end ? (size_t)(end - path) : strlen(path);
            if (len == 0 || n == HTTP_MAX_ARGS)
                return false;
            r->args[n++] = arena_strndup(r->arena, path, len);
            path += len;
            pattern++;
        } else if (*pattern++ != *path++) {
            return false;
        }
    }
    if (*pattern || *path)
        return false;
    r->n_args = n;
    return true;
}

void routes_fail(struct req *r, int status)
{
    if (status == 500) /* a write the storage refused (busy, disk full): 503, Retry-After */
        status = page_write_failed(r, status);
    const char *message = r->message ? r->message : default_message(status);
    if (r->is_api) {
        json_t *body = json_pack("{s:s}", "error", message);
        if (r->issues)
            json_object_set(body, "issues", r->issues);
        http_json(r, status, body);
        return;
    }
    json_t *d = page_data(r, status == 404 ? "Không tìm thấy" : "Không thực hiện được");
    json_object_set_new(d, "message", json_string(message));
    json_object_set_new(d, "status", json_integer(status));
    if (status == 401) /* back to the same page after logging in; the form's
                       ** typed values wait in the browser (static/form.js) */
        json_object_set_new(d, "login", json_pack("{s:s}", "next", r->path));
    http_html(r, status, "error.tpl", d);
    if (r->status != status) { /* the error template itself failed */
        r->status = status;
        r->content_type = "text/plain; charset=utf-8";
    }
}

/* Loads the session named by the cookie, if any. */
static void load_session(struct req *r)
{
    const char *token = http_cookie(r, http_session_cookie_name());
    if (token && auth_session(r->arena, token, &r->user, &r->csrf) == 0) {
        r->logged_in = true;
        r->token = token;
    }
}

/* Every form field is valid UTF-8? */
static bool fields_valid(struct req *r)
{
    for (struct field *f = r->fields; f; f = f->next)
        if (f->value.s && !http_utf8_valid(f->value.s, f->value.len))
            return false;
    return true;
}

/* Does a state change come with this method? */
static bool changes_state(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
           strcmp(method, "OPTIONS") != 0;
}

/* Is a Content-Type header's media type application/json (any parameters)? */
static bool is_json_type(const char *type)
{
    static const char json[] = "application/json";
    if (!type)
        return false;
    type += strspn(type, " \t");
    size_t n = sizeof json - 1;
    return strncasecmp(type, json, n) == 0 && strchr("; \t", type[n]) != NULL;
}

/* Do host and origin_host ("host[:port]") name the same host and port? A
** default port (:80, :443) written on one side only does not count. */
static bool same_host(const char *host, const char *origin_host)
{
    size_t a = strlen(host), b = strlen(origin_host);
    if (a > 3 && (strcmp(host + a - 3, ":80") == 0))
        a -= 3;
    else if (a > 4 && strcmp(host + a - 4, ":443") == 0)
        a -= 4;
    if (b > 3 && (strcmp(origin_host + b - 3, ":80") == 0))
        b -= 3;
    else if (b > 4 && strcmp(origin_host + b - 4, ":443") == 0)
        b -= 4;
    return a == b && a > 0 && strncasecmp(host, origin_host, a) == 0;
}

/* Does the request come from a page of another site? Its Origin names
** another host than the one it was sent to (Host, or X-Forwarded-Host from a
** reverse proxy: no cross-site page can set that header without a CORS
** preflight, which this server never grants), or is "null"; or the browser
** says so in Sec-Fetch-Site. Requests without either header (command-line
** clients, old browsers) are not refused here: the CSRF token still is required. */
static bool cross_site(struct req *r)
{
    const char *site = http_header(r, "Sec-Fetch-Site");
    if (site && (strcmp(site, "cross-site") == 0 || strcmp(site, "same-site") == 0))
        return true;
    const char *origin = http_header(r, "Origin");
    if (!origin)
        return false;
    const char *sep = strstr(origin, "://");
    if (!sep || strchr(sep + 3, '/'))
        return true; /* "null", or not an origin */
    const char *host = http_header(r, "Host"), *fwd = http_header(r, "X-Forwarded-Host");
    if (host && same_host(host, sep + 3))
        return false;
    if (fwd) {
        const char *comma = strchr(fwd, ',');
        char *first = arena_strndup(r->arena, fwd, comma ? (size_t)(comma - fwd) : strlen(fwd));
        first[strcspn(first, " \t")] = 0;
        if (same_host(first, sep + 3))
            return false;
    }
    return true;
}

/*
** The checks that need the request's headers only (so that they can run
** before any body is read): a JSON endpoint that is sent a body takes only
** Content-Type: application/json (415), which a cross-site HTML form cannot
** send; a state change (any method but GET, HEAD, OPTIONS) from another
** site's page is refused (403), on every route, logging in included.
** 0 to go on, or the status to answer.
*/
static int check_site_headers(struct req *r)
{
    if (!changes_state(r->method))
        return 0;
    const char *len = http_header(r, "Content-Length");
    bool body = (len && strtoull(len, NULL, 10) > 0) || http_header(r, "Transfer-Encoding");
    if (r->is_api && body && !is_json_type(http_header(r, "Content-Type")))
        return 415;
    if (cross_site(r))
        return http_error(r, 403, "Yêu cầu gửi từ một trang web khác bị từ chối.");
    return 0;
}

/* The checks that need only the request line and the headers, applied on the
** first call before the body is read: login, role, and checks of headers
** only (http_header). 0 to go on, or the status to answer. */
static int check_headers(struct req *r, const struct route *rt)
{
    int status = check_site_headers(r);
    if (status)
        return status;
    if ((rt->flags & NEED_LOGIN) && !r->logged_in) {
        if (r->is_api || strcmp(r->method, "GET") != 0)
            return 401;
        return http_redirect(r, arena_printf(r->arena, "/login?next=%s", r->path));
    }
    if ((rt->flags & NEED_LOGIN) && !(rt->roles & r->user.role))
        return 403;
    return 0;
}

/* The checks that need the body: the CSRF token (header or field "csrf") and
** the UTF-8 of the fields. 0 to go on, or the status to answer. */
static int check_flags(struct req *r, const struct route *rt)
{
    if (rt->flags & NEED_CSRF) {
        const char *sent = http_header(r, "X-CSRF-Token");
        if (!sent)
            sent = http_field(r, "csrf");
        if (!auth_token_equal(sent, r->csrf))
            return http_error(r, 403,
                              "Thiếu hoặc sai mã bảo vệ (CSRF). Hãy tải lại trang rồi thử lại.");
    }
    if (!(rt->flags & OWN_UTF8) && !fields_valid(r))
        return http_error(r, 400, "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ.");
    return 0;
}

/* Sets the Allow header of a 405: the methods the routes of r's path take. */
static void set_allow(struct req *r)
{
    struct buf b = {0};
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
        if (!match(r, routes[i].pattern, r->path) ||
            (b.s && strstr(b.s, routes[i].method)))
            continue;
        buf_printf(&b, "%s%s", b.len ? ", " : "", routes[i].method);
        if (strcmp(routes[i].method, "GET") == 0)
            buf_puts(&b, ", HEAD");
    }
    if (b.s)
        http_set_header(r, "Allow", b.s);
    buf_free(&b);
}

int routes_prepare(struct req *r)
{
    const struct route *rt = NULL;
    bool path_known = false;
    for (size_t i = 0; i < sizeof routes / sizeof *routes && !rt; i++) {
        if (!match(r, routes[i].pattern, r->path))
            continue;
        path_known = true;
        if (strcmp(routes[i].method, r->method) == 0 ||
            (strcmp(r->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0))
            rt = &routes[i];
    }
    if (!rt) {
        if (path_known)
            set_allow(r);
        return path_known ? 405 : 404;
    }
    r->route = rt;
    r->body_limit = rt->flags & BIG_BODY     ? HTTP_IMPORT_MAX
                    : rt->flags & SMALL_BODY ? HTTP_SMALL_MAX
                                             : HTTP_BODY_MAX;
    load_session(r);
    return check_headers(r, rt);
}

void routes_dispatch(struct req *r)
{
    int status = check_flags(r, r->route);
    if (status == 0)
        status = r->route->handler(r);
    if (r->status == 0 || (status >= 400 && r->status != status))
        routes_fail(r, status);
}
