/*
** Users, passwords, sessions; see auth.h.
*/
#include "auth.h"
#include "admin.h"
#include "app.h"
#include "db.h"
#include "demo.h"
#include "fmt.h"
#include "str.h"
#include "throttle.h"
#include "unit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* argon2id cost: OWASP's minimum (19 MiB, 2 passes) keeps the server small;
** one hash at a time bounds the memory a burst of logins can take. */
#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19u * 1024 * 1024)
static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;

static const char sql_user_add[] =
    "INSERT INTO user (username, full_name, pw_hash, role, unit_id, created_at) "
    "VALUES (:username, :full_name, :hash, :role, :unit, :now)";

static const char sql_user_by_name[] = "SELECT id, username, full_name, pw_hash, role, unit_id, "
                                       "disabled FROM user WHERE username = :username";

static const char sql_session_add[] =
    "INSERT INTO session (token_hash, user_id, csrf, created_at, seen_at) "
    "VALUES (:hash, :user, :csrf, :now, :now)";

static const char sql_session_get[] =
    "SELECT u.id, u.username, u.full_name, u.role, u.unit_id, s.csrf, s.seen_at, s.created_at "
    "FROM session s JOIN user u ON u.id = s.user_id "
    "WHERE s.token_hash = :hash AND u.disabled = 0";

static const char sql_session_seen[] =
    "UPDATE session SET seen_at = :now WHERE token_hash = :hash";

static const char sql_session_delete[] = "DELETE FROM session WHERE token_hash = :hash";

static const char sql_session_expire[] =
    "DELETE FROM session WHERE seen_at < :cutoff OR created_at < :born";

static const char sql_login_event[] =
    "INSERT INTO login_event (at, username, addr, result) VALUES (:at, :username, :addr, :result)";

static const char sql_login_event_prune[] = "DELETE FROM login_event WHERE at < :cutoff";

static const char sql_user_hash[] = "SELECT pw_hash FROM user WHERE id = :id";

static const char sql_user_set_hash[] = "UPDATE user SET pw_hash = :hash WHERE id = :id";

static const char sql_user_set_disabled[] = "UPDATE user SET disabled = :disabled WHERE id = :id";

static const char sql_user_sessions_end[] =
    "DELETE FROM session WHERE user_id = :id AND token_hash <> COALESCE(:keep, '')";

static const char *const role_names[] = {"commune", "district", "province", "admin", "national"};

enum role auth_role(const char *name)
{
    for (int i = 0; name && i < 5; i++)
        if (strcmp(name, role_names[i]) == 0)
            return (enum role)(1 << i);
    return 0;
}

static const char *role_name(enum role r)
{
    for (int i = 0; i < 5; i++)
        if (r == (enum role)(1 << i))
            return role_names[i];
    return "";
}

int auth_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

void auth_random_token(char out[AUTH_TOKEN_MAX])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, AUTH_TOKEN_MAX, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool auth_token_equal(const char *a, const char *b)
{
    size_t n = a ? strlen(a) : 0;
    if (!a || !b || n == 0 || n != strlen(b))
        return false;
    return sodium_memcmp(a, b, n) == 0;
}

/* The hex BLAKE2b hash of a session token, as stored. */
static void token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
    pthread_mutex_lock(&hash_lock);
    int rc = crypto_pwhash_str(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT);
    pthread_mutex_unlock(&hash_lock);
    return rc;
}

static bool verify_password(const char *hash, const char *pw)
{
    pthread_mutex_lock(&hash_lock);
    bool ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
    pthread_mutex_unlock(&hash_lock);
    return ok;
}

const char auth_username_rule[] =
    "Tên đăng nhập chỉ gồm chữ cái không dấu (a–z), chữ số, dấu chấm, dấu gạch dưới hoặc "
    "gạch ngang, dài từ 3 đến 64 ký tự.";

bool auth_username_fold(const char *name, char out[AUTH_USERNAME_MAX + 1])
{
    static const char allowed[] = "abcdefghijklmnopqrstuvwxyz0123456789._-";
    size_t n = name ? strlen(name) : 0;
    if (n < 3 || n > AUTH_USERNAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] - 'A' + 'a') : name[i];
        if (!c || !strchr(allowed, c))
            return false;
        out[i] = c;
    }
    out[n] = 0;
    return true;
}

/* The username typed at login as looked up: surrounding spaces dropped (a
** phone keyboard adds one), ASCII letters folded. False when it cannot name
** any account (empty, too long, a control character): no look-up, no hash.
** Names made before the rule of auth_username_fold still log in. */
static bool login_name(const char *typed, char out[AUTH_USERNAME_MAX + 1])
{
    if (!typed)
        return false;
    typed += strspn(typed, " \t");
    size_t n = strlen(typed);
    while (n && (typed[n - 1] == ' ' || typed[n - 1] == '\t'))
        n--;
    if (n == 0 || n > AUTH_USERNAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)typed[i];
        if (c < 0x20 || c == 0x7f)
            return false;
        out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : (char)c;
    }
    out[n] = 0;
    return true;
}

/* s for a log line or the failure list: at most 64 bytes, every byte outside
** printable ASCII (and '\\') as \xHH, so that nothing invisible, no line
** break and no right-to-left override reaches a reader. In a. */
static const char *shown_name(struct arena *a, const char *s)
{
    struct buf b = {0};
    for (size_t i = 0; s && s[i] && i < AUTH_USERNAME_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > 0x20 && c < 0x7f && c != '\\')
            buf_append(&b, (const char *)&c, 1);
        else
            buf_printf(&b, "\\x%02x", c);
    }
    const char *out = arena_strdup(a, b.s ? b.s : "");
    buf_free(&b);
    return out;
}

/* Writes one login attempt to standard error and to login_event (its own
** write transaction; old events pruned after 90 days). */
static void login_log(struct arena *a, const char *result, const char *typed, const char *addr)
{
    char now[32], cutoff[32];
    const char *name = shown_name(a, typed);
    fprintf(stderr, "login %s user=%s addr=%s\n", result, name, addr && *addr ? addr : "-");
    time_t old = time(NULL) - 90 * 86400;
    struct tm tm;
    gmtime_r(&old, &tm);
    strftime(cutoff, sizeof cutoff, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (db_write_begin() < 0)
        return;
    sqlite3_stmt *st = db_stmt(sql_login_event);
    if (st) {
        db_bind_text(st, ":at", fmt_now_utc(now));
        db_bind_text(st, ":username", name);
        db_bind_text(st, ":addr", addr ? addr : "");
        db_bind_text(st, ":result", result);
        db_step(st);
    }
    if (strcmp(result, "ok") == 0 && (st = db_stmt(sql_login_event_prune))) {
        db_bind_text(st, ":cutoff", cutoff);
        db_step(st);
    }
    db_write_commit();
}

/* Number of UTF-8 characters of s. */
static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int64_t auth_user_add(const char *username, const char *password, enum role role,
                      int64_t unit_id, const char *full_name, const char **why)
{
    char hash[crypto_pwhash_STRBYTES], now[32], name[AUTH_USERNAME_MAX + 1];
    if (!auth_username_fold(username, name)) {
        *why = auth_username_rule;
        return -1;
    }
    username = name;
    if (!password || utf8_len(password) < AUTH_MIN_PASSWORD) {
        *why = "Mật khẩu phải có ít nhất 10 ký tự.";
        return -1;
    }
    if (!role || (role != ROLE_ADMIN && unit_id <= 0)) {
        *why = "Vai trò hoặc đơn vị không hợp lệ.";
        return -1;
    }
    if (hash_password(password, hash) != 0) {
        *why = "Không đủ bộ nhớ để mã hóa mật khẩu.";
        return -1;
    }
    if (db_write_begin() < 0) {
        *why = "Lỗi cơ sở dữ liệu.";
        return -1;
    }
    sqlite3_stmt *st = db_stmt(sql_user_add);
    if (st) {
        db_bind_text(st, ":username", username);
        db_bind_text(st, ":full_name", full_name ? full_name : "");
        db_bind_text(st, ":hash", hash);
        db_bind_text(st, ":role", role_name(role));
        if (unit_id > 0)
            db_bind_int(st, ":unit", unit_id);
        else
            db_bind_null(st, ":unit");
        db_bind_text(st, ":now", fmt_now_utc(now));
    }
    if (!st || db_step(st) != SQLITE_DONE) {
        db_write_rollback();
        *why = "Tên đăng nhập đã có người dùng.";
        return -1;
    }
    int64_t id = db_last_id();
    if (db_write_commit() < 0) {
        *why = "Lỗi cơ sở dữ liệu.";
        return -1;
    }
    return id;
}

/* Ends the sessions of user_id but the one whose hash is keep (NULL: all). */
static int sessions_end(int64_t user_id, const char *keep)
{
    sqlite3_stmt *st = db_stmt(sql_user_sessions_end);
    if (!st)
        return -1;
    db_bind_int(st, ":id", user_id);
    db_bind_text(st, ":keep", keep);
    return db_step(st) == SQLITE_DONE ? 0 : -1;
}

int auth_set_password(int64_t user_id, const char *password, const char *keep_token, int64_t by,
                      const char *action, const char *detail, const char **why)
{
    char hash[crypto_pwhash_STRBYTES], keep[65];
    if (!password || utf8_len(password) < AUTH_MIN_PASSWORD) {
        *why = "Mật khẩu phải có ít nhất 10 ký tự.";
        return -1;
    }
    if (hash_password(password, hash) != 0) {
        *why = "Không đủ bộ nhớ để mã hóa mật khẩu.";
        return -1;
    }
    if (keep_token)
        token_hash(keep_token, keep);
    *why = "Lỗi cơ sở dữ liệu.";
    if (db_write_begin() < 0)
        return -1;
    sqlite3_stmt *st = db_stmt(sql_user_set_hash);
    if (st) {
        db_bind_text(st, ":hash", hash);
        db_bind_int(st, ":id", user_id);
    }
    if (!st || db_step(st) != SQLITE_DONE || db_changes() != 1 ||
        sessions_end(user_id, keep_token ? keep : NULL) < 0 || admin_log(by, action, detail) < 0) {
        db_write_rollback();
        return -1;
    }
    int rc = db_write_commit();
    if (__atomic_load_n(&app.demo, __ATOMIC_RELAXED))
        demo_refresh(); /* perhaps the last demo password just went */
    return rc;
}

bool auth_check_password(struct arena *a, int64_t user_id, const char *password)
{
    sqlite3_stmt *st = db_stmt(sql_user_hash);
    if (!st || !password)
        return false;
    db_bind_int(st, ":id", user_id);
    if (db_step(st) != SQLITE_ROW)
        return false;
    char *hash = db_dup(a, st, 0);
    db_done(st);
    return verify_password(hash, password);
}

int auth_set_disabled(int64_t user_id, bool disabled, int64_t by, const char *detail)
{
    if (db_write_begin() < 0)
        return -1;
    sqlite3_stmt *st = db_stmt(sql_user_set_disabled);
    if (st) {
        db_bind_int(st, ":disabled", disabled);
        db_bind_int(st, ":id", user_id);
    }
    if (!st || db_step(st) != SQLITE_DONE || (disabled && sessions_end(user_id, NULL) < 0) ||
        admin_log(by, disabled ? "user.disable" : "user.enable", detail) < 0) {
        db_write_rollback();
        return -1;
    }
    int rc = db_write_commit();
    if (__atomic_load_n(&app.demo, __ATOMIC_RELAXED))
        demo_refresh();
    return rc;
}

/* Fills u from a row laid out as id, username, full_name, role, unit_id. */
static void user_row(struct arena *a, sqlite3_stmt *st, int id, int name, int full, int role,
                     int unit, struct user *u)
{
    u->id = db_int(st, id);
    u->username = db_dup(a, st, name);
    u->full_name = db_dup(a, st, full);
    u->role = auth_role(db_text(st, role));
    u->role_name = role_name(u->role);
    u->unit_id = db_int(st, unit);
}

/* The UTC timestamp seconds ago, as stored, in out. */
static const char *utc_ago(char out[32], time_t seconds)
{
    time_t then = time(NULL) - seconds;
    struct tm tm;
    gmtime_r(&then, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

/* Writes a new session row for user_id inside a write transaction, and
** deletes the sessions that have ended (idle or too old). */
static int session_create(int64_t user_id, const char *token, const char *csrf)
{
    char hash[65], now[32], cutoff[32], born[32];
    token_hash(token, hash);
    if (db_write_begin() < 0)
        return -1;
    sqlite3_stmt *st = db_stmt(sql_session_expire);
    if (st) {
        db_bind_text(st, ":cutoff", utc_ago(cutoff, (time_t)app.session_idle_minutes * 60));
        db_bind_text(st, ":born", utc_ago(born, (time_t)app.session_max_hours * 3600));
        db_step(st);
    }
    st = db_stmt(sql_session_add);
    if (!st) {
        db_write_rollback();
        return -1;
    }
    db_bind_text(st, ":hash", hash);
    db_bind_int(st, ":user", user_id);
    db_bind_text(st, ":csrf", csrf);
    db_bind_text(st, ":now", fmt_now_utc(now));
    if (db_step(st) != SQLITE_DONE) {
        db_write_rollback();
        return -1;
    }
    return db_write_commit();
}

/* A valid hash of a password nobody has, so that an unknown user costs the
** same time as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
    char pw[AUTH_TOKEN_MAX];
    auth_random_token(pw);
    hash_password(pw, dummy_hash);
}

/* Checks name and password: the user in u when they match an enabled
** account. One hash, also for an unknown name when even_time (so that a
** login takes as long whether the name exists or not). */
static bool check_login(struct arena *a, const char *name, const char *password, struct user *u,
                        bool even_time)
{
    sqlite3_stmt *st = db_stmt(sql_user_by_name);
    if (!st)
        return false;
    db_bind_text(st, ":username", name);
    if (db_step(st) != SQLITE_ROW) {
        if (!even_time)
            return false;
        pthread_once(&dummy_once, make_dummy_hash);
        (void)verify_password(dummy_hash, password);
        return false;
    }
    user_row(a, st, 0, 1, 2, 4, 5, u);
    char *hash = db_dup(a, st, 3);
    bool disabled = db_int(st, 6) != 0;
    db_done(st);
    return verify_password(hash, password) && !disabled;
}

int auth_login(struct arena *a, const char *username, const char *password, const char *addr,
               struct user *u, char token[AUTH_TOKEN_MAX], char csrf[AUTH_TOKEN_MAX],
               int *retry_after)
{
    char name[AUTH_USERNAME_MAX + 1];
    bool valid = login_name(username, name), first = false;
    const char *tried = valid ? name : username ? username : "";
    *retry_after = 0;
    if (!throttle_begin(valid ? name : NULL, addr, retry_after, &first)) {
        if (first) /* once per hold: a flood writes one line, not one per request */
            login_log(a, "throttled", tried, addr);
        return AUTH_LOGIN_THROTTLED;
    }
    bool ok = valid && password && check_login(a, name, password, u, true);
    throttle_end(valid ? name : NULL, addr, ok);
    login_log(a, ok ? "ok" : "failed", tried, addr);
    if (!ok) {
        db_fault_clear(); /* the log's write is not the answer: a wrong password stays one */
        return AUTH_LOGIN_FAILED;
    }
    auth_random_token(token);
    auth_random_token(csrf);
    return session_create(u->id, token, csrf) == 0 ? AUTH_LOGIN_OK : AUTH_LOGIN_FAILED;
}

bool auth_password_is(struct arena *a, const char *username, const char *password)
{
    struct user u;
    return check_login(a, username, password, &u, false);
}

int auth_session(struct arena *a, const char *token, struct user *u, const char **csrf)
{
    char hash[65], now[32];
    if (!token || !*token || strlen(token) >= AUTH_TOKEN_MAX)
        return -1;
    token_hash(token, hash);
    sqlite3_stmt *st = db_stmt(sql_session_get);
    if (!st)
        return -1;
    db_bind_text(st, ":hash", hash);
    if (db_step(st) != SQLITE_ROW)
        return -1;
    user_row(a, st, 0, 1, 2, 3, 4, u);
    *csrf = db_dup(a, st, 5);
    struct tm tm = {0}, tb = {0};
    strptime(db_text(st, 6), "%Y-%m-%dT%H:%M:%S", &tm);
    strptime(db_text(st, 7), "%Y-%m-%dT%H:%M:%S", &tb);
    db_done(st);
    time_t seen = timegm(&tm), born = timegm(&tb), t = time(NULL);
    if (t - seen > (time_t)app.session_idle_minutes * 60 ||
        t - born > (time_t)app.session_max_hours * 3600) {
        auth_logout(token);
        return -1;
    }
    if (t - seen >= 60) { /* one write a minute per session, not one per request */
        if (db_write_try_begin() == 0) { /* never wait: a read must not queue for the lock */
            st = db_stmt(sql_session_seen);
            if (st) {
                db_bind_text(st, ":now", fmt_now_utc(now));
                db_bind_text(st, ":hash", hash);
                db_step(st);
            }
            db_write_commit();
        }
    }
    return 0;
}

void auth_logout(const char *token)
{
    char hash[65];
    if (!token || !*token || db_write_begin() < 0)
        return;
    token_hash(token, hash);
    sqlite3_stmt *st = db_stmt(sql_session_delete);
    if (st) {
        db_bind_text(st, ":hash", hash);
        db_step(st);
    }
    db_write_commit();
}

bool auth_can_read(const struct user *u, int64_t unit_id)
{
    if (u->role == ROLE_ADMIN || u->unit_id <= 0)
        return false;
    return u->unit_id == unit_id || unit_within(unit_id, u->unit_id) ||
           unit_merged_into(unit_id, u->unit_id);
}
