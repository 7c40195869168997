/*
** Users, passwords and sessions.
**
** Passwords are stored as argon2id hashes (libsodium's string format). A
** session is a random token given to the browser in an HttpOnly,
** SameSite=Strict cookie; the database keeps only its BLAKE2b hash, so a copy
** of the database opens no session. Each session has its own CSRF token.
** Sessions end after app.session_idle_minutes without a request, or at logout.
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

/* Creates a user; the password must have at least AUTH_MIN_PASSWORD
** characters. Returns the new id, or -1 with a Vietnamese reason in *why. */
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

/* Checks username and password and opens a session. On success fills u (strings
** in a), writes the cookie token and the CSRF token, and returns 0; -1 for any
** failure (one answer for unknown user, wrong password and disabled account). */
int auth_login(struct arena *a, const char *username, const char *password, struct user *u,
               char token[AUTH_TOKEN_MAX], char csrf[AUTH_TOKEN_MAX]);

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
