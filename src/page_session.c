/*
** Logging in and out: the login page and the session API.
*/
#include "app.h"
#include "db.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "unit.h"

#include <string.h>

#define LOGIN_COOKIE "ecd_login"
#define BYE_COOKIE "ecd_bye" /* set at logout: the login page forgets typed values */

/* What a browser does after logging out: the session cookie goes, and so do
** its cache and this site's storage (the typed-values copy of static/form.js). */
static void end_in_browser(struct req *r)
{
    http_set_cookie(r, arena_printf(r->arena, "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict",
                                    http_session_cookie_name()));
    http_set_cookie(r, BYE_COOKIE "=1; Path=/login; Max-Age=300; HttpOnly; SameSite=Strict");
    http_set_header(r, "Clear-Site-Data", "\"cache\", \"storage\"");
}

/* Where to go after logging in: a local path only, never another site. A
** single '/' then nothing or a path character (RFC 3986 pchar), and no
** control character, space or backslash anywhere: browsers drop tabs and
** line breaks from URLs ("/\t/evil.example" is "//evil.example") and read
** '\\' as '/'. Anything else goes home. */
static const char *safe_next(const char *next)
{
    static const char pchar[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                "-._~!$&'()*+,;=:@%";
    if (!next || next[0] != '/' || (next[1] && !strchr(pchar, next[1])))
        return "/";
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || *p == '\\')
            return "/";
    return next;
}

/* The answer to a throttled login: 429 with Retry-After (seconds). */
static const char *throttled(struct req *r, int retry_after)
{
    r->retry_after = arena_printf(r->arena, "%d", retry_after);
    return arena_printf(r->arena,
                        "Đăng nhập sai quá nhiều lần. Xin thử lại sau %d giây (hoặc hỏi quản trị "
                        "viên nếu quên mật khẩu).",
                        retry_after);
}

static void set_session_cookie(struct req *r, const char *token)
{
    http_set_cookie(r, arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict",
                                    http_session_cookie_name(), token));
}

/* Renders the login page with a fresh pre-session CSRF token. */
static int login_page(struct req *r, int status, const char *message, const char *username)
{
    char token[AUTH_TOKEN_MAX];
    auth_random_token(token);
    http_set_cookie(r, arena_printf(r->arena,
                                    LOGIN_COOKIE "=%s; Path=/login; Max-Age=7200; HttpOnly; "
                                    "SameSite=Strict",
                                    token));
    json_t *d = page_data(r, "Đăng nhập");
    json_object_set_new(d, "login_csrf", json_string(token));
    if (http_cookie(r, BYE_COOKIE)) { /* just logged out: static/form.js forgets typed values */
        json_object_set_new(d, "forget_typed", json_true());
        http_set_cookie(r, BYE_COOKIE "=; Path=/login; Max-Age=0");
    }
    json_object_set_new(d, "next", json_string(safe_next(http_field(r, "next") ? http_field(r, "next") : http_query(r, "next"))));
    if (message)
        json_object_set_new(d, "notice", json_pack("{s:s}", "text", message));
    if (username)
        json_object_set_new(d, "username", json_string(username));
    return http_html(r, status, "login.tpl", d);
}

/*
** GET /login
**
** The login page. Query: next  the local path to return to afterwards.
** Anyone; a logged-in user goes straight to the home page.
*/
int page_login_form(struct req *r)
{
    if (r->logged_in)
        return http_redirect(r, "/");
    return login_page(r, 200, NULL, NULL);
}

/*
** POST /login
**
** Fields: username, password, next, csrf (must equal the ecd_login cookie set
** by the login page, so no other site can log a browser in). Success opens a
** session (cookie ecd_session) and redirects to next; any failure shows the
** page again with one generic message and the username kept.
*/
int page_login(struct req *r)
{
    const char *username = http_field(r, "username"), *password = http_field(r, "password");
    if (!auth_token_equal(http_field(r, "csrf"), http_cookie(r, LOGIN_COOKIE)))
        return login_page(r, 403, "Trang đăng nhập đã cũ. Xin nhập lại.", username);
    char token[AUTH_TOKEN_MAX], csrf[AUTH_TOKEN_MAX];
    struct user u;
    db_fault_clear();
    int wait, rc = auth_login(r->arena, username, password, http_client_addr(r), &u, token, csrf,
                              &wait);
    if (rc == AUTH_LOGIN_THROTTLED)
        return login_page(r, 429, throttled(r, wait), username);
    if (rc != AUTH_LOGIN_OK) {
        if (page_write_failed(r, 0)) /* the session could not be written: not the password */
            return login_page(r, 503, r->message, username);
        return login_page(r, 401, "Tên đăng nhập hoặc mật khẩu không đúng.", username);
    }
    set_session_cookie(r, token);
    http_set_cookie(r, LOGIN_COOKIE "=; Path=/login; Max-Age=0");
    return http_redirect(r, safe_next(http_field(r, "next")));
}

/*
** POST /logout
**
** Ends the session and returns to the login page, leaving nothing behind on
** a shared computer: Clear-Site-Data for the cache and storage (browsers
** honour it over HTTPS and on localhost), and a short-lived cookie that
** makes the login page run static/form.js to forget the typed values (over
** plain HTTP too). Any role; CSRF.
*/
int page_logout(struct req *r)
{
    auth_logout(r->token);
    end_in_browser(r);
    return http_redirect(r, "/login");
}

/*
** POST /api/session
**
** Body: {"username", "password"} (Content-Type: application/json, else 415
** before this runs). Answers 200 {"user": {"username", "role", "unit"},
** "csrf"} with the session cookie, 401 for any failure, or 429 with
** Retry-After while the username or the address is throttled.
*/
int api_session_create(struct req *r)
{
    json_t *body = http_json_body(r);
    if (!body)
        return 400;
    const char *username = json_string_value(json_object_get(body, "username"));
    const char *password = json_string_value(json_object_get(body, "password"));
    char token[AUTH_TOKEN_MAX], csrf[AUTH_TOKEN_MAX];
    struct user u;
    db_fault_clear();
    int wait, rc = auth_login(r->arena, username, password, http_client_addr(r), &u, token, csrf,
                              &wait);
    if (rc == AUTH_LOGIN_THROTTLED)
        return http_error(r, 429, throttled(r, wait));
    if (rc != AUTH_LOGIN_OK)
        return page_write_failed(r, http_error(r, 401, "Tên đăng nhập hoặc mật khẩu không đúng."));
    struct unit unit;
    bool has_unit = u.unit_id > 0 && unit_get(r->arena, u.unit_id, &unit) == 0;
    set_session_cookie(r, token);
    return http_json(r, 200,
                     json_pack("{s:{s:s, s:s, s:o}, s:s}", "user", "username", u.username,
                               "role", u.role_name, "unit",
                               has_unit ? json_string(unit.code) : json_null(), "csrf", csrf));
}

/*
** DELETE /api/session
**
** Ends the session. Any role; X-CSRF-Token. Answers 204.
*/
int api_session_delete(struct req *r)
{
    auth_logout(r->token);
    end_in_browser(r);
    return http_no_content(r);
}
