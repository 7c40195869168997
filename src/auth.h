/*
** Users, passwords and sessions.
**
** Passwords are stored as argon2id hashes (libsodium's string format). A
** session is a random token given to the browser in an HttpOnly,
** SameSite=Strict cookie; the database keeps only its BLAKE2b hash, so a copy
** of the database opens no session. Each session has its own CSRF token.
** Sessions end after app.session_idle_minutes without a request (default
** 30), app.session_max_hours after logging in whatever the activity (default
** 12), at logout, or when the user's password changes (except the session
** that changed it) or the account is disabled.
**
** A username is 3 to 64 characters of a-z, 0-9, '.', '_' and '-', stored in
** lower case: nothing invisible, no look-alike letter, no markup, so that no
** account can pass for another in lists and logs. Logins are throttled per
** username and per client address before any hash (throttle.h) and each one
** is logged (standard error and the login_event table).
*/
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct arena;

enum role {
    ROLE_COMMUNE = 1,
    ROLE_DISTRICT = 2,
    ROLE_PROVINCE = 4,
    ROLE_ADMIN = 8,
    ROLE_NATIONAL = 16 /* the ministry (unit VN): reads everything, reviews nothing below provinces */
};
#define ROLE_STAFF (ROLE_DISTRICT | ROLE_PROVINCE)
/* Who reads the tables of the units below them: staff and the ministry. */
#define ROLE_READER (ROLE_STAFF | ROLE_NATIONAL)
#define ROLE_ANY (ROLE_COMMUNE | ROLE_READER | ROLE_ADMIN)

#define AUTH_TOKEN_MAX 64
#define AUTH_MIN_PASSWORD 10
#define AUTH_USERNAME_MAX 64

/* Why a username is refused, in Vietnamese. */
extern const char auth_username_rule[];

/* What auth_login answers. */
enum auth_login_result {
    AUTH_LOGIN_OK = 0,
    AUTH_LOGIN_FAILED = -1,    /* unknown user, wrong password, disabled, or an error */
    AUTH_LOGIN_THROTTLED = -2, /* too many failures: nothing was checked */
};

struct user {
    int64_t id;
    const char *username, *full_name;
    enum role role;
    const char *role_name; /* "commune", "district", "province", "admin", "national" */
    int64_t unit_id;       /* 0: an installation-wide admin */
};

/* The role of that name, or 0. */
enum role auth_role(const char *name);

/* Starts libsodium. 0 or -1. */
int auth_init(void);

/* Checks a username for a new account and folds it: true with the stored
** form (ASCII letters in lower case) in out when name is 3 to 64 characters
** of a-z A-Z 0-9 . _ - ; false otherwise (then refuse with auth_username_rule). */
bool auth_username_fold(const char *name, char out[AUTH_USERNAME_MAX + 1]);

/* Creates a user; the username must pass auth_username_fold (it is stored
** folded) and the password have at least AUTH_MIN_PASSWORD characters.
** Returns the new id, or -1 with a Vietnamese reason in *why. */
int64_t auth_user_add(const char *username, const char *password, enum role role,
                      int64_t unit_id, const char *full_name, const char **why);

/* Sets the password of user_id (at least AUTH_MIN_PASSWORD characters) and
** ends the user's sessions, except the one of keep_token (NULL: all). Records
** action and detail in admin_log under by. 0, or -1 with a Vietnamese *why. */
int auth_set_password(int64_t user_id, const char *password, const char *keep_token, int64_t by,
                      const char *action, const char *detail, const char **why);

/* Is password the current password of user_id? */
bool auth_check_password(struct arena *a, int64_t user_id, const char *password);

/* Disables (ending its sessions) or enables user_id; records detail in
** admin_log under by. 0 or -1. */
int auth_set_disabled(int64_t user_id, bool disabled, int64_t by, const char *detail);

/*
** Checks username (surrounding spaces dropped, case folded) and password,
** sent from client address addr, and opens a session. First the throttle
** (throttle.h): a username or address held answers AUTH_LOGIN_THROTTLED with
** *retry_after seconds, before any look-up or hash. On success fills u
** (strings in a), writes the cookie token and the CSRF token, and returns
** AUTH_LOGIN_OK; AUTH_LOGIN_FAILED for any failure (one answer for unknown
** user, wrong password and disabled account). Every attempt is logged on
** standard error ("login ok|failed|throttled user=… addr=…", a hold once)
** and in login_event.
*/
int auth_login(struct arena *a, const char *username, const char *password, const char *addr,
               struct user *u, char token[AUTH_TOKEN_MAX], char csrf[AUTH_TOKEN_MAX],
               int *retry_after);

/* Is password the password of the enabled account username? (The demo
** check; costs one hash.) */
bool auth_password_is(struct arena *a, const char *username, const char *password);

/* The session of token, if it exists and has not expired: fills u and *csrf
** (in a), refreshes its last activity, returns 0; else -1. */
int auth_session(struct arena *a, const char *token, struct user *u, const char **csrf);

/* Ends the session of token (no error if there is none). */
void auth_logout(const char *token);

/* A fresh random token, URL-safe base64 (for cookies and CSRF). */
void auth_random_token(char out[AUTH_TOKEN_MAX]);

/* Constant-time comparison of two NUL-terminated tokens. */
bool auth_token_equal(const char *a, const char *b);

/* May u read the data of unit_id? Its own unit or a unit below it, or a
** commune that merged into one of those (its earlier reports); an admin
** reads nothing through this. */
bool auth_can_read(const struct user *u, int64_t unit_id);
