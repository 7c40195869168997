/*
** SQLite access; see db.h.
*/
#include "db.h"
#include "str.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cached_stmt {
    const char *sql; /* address of the static text: the cache key */
    sqlite3_stmt *st;
};

struct conn {
    sqlite3 *db;
    struct cached_stmt *stmts;
    int n_stmts, cap_stmts;
};

static char *db_path;
static pthread_key_t conn_key;
static pthread_once_t conn_key_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int bind_failed;

/* Finalizes a connection's statements and closes it (also the thread-exit hook). */
static void conn_close(void *p)
{
    struct conn *c = p;
    if (!c)
        return;
    for (int i = 0; i < c->n_stmts; i++)
        sqlite3_finalize(c->stmts[i].st);
    free(c->stmts);
    sqlite3_close(c->db);
    free(c);
}

static void conn_key_create(void)
{
    pthread_key_create(&conn_key, conn_close);
}

/* Opens a connection with the per-connection settings every connection needs. */
static struct conn *conn_open(void)
{
    struct conn *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    /* NOMUTEX: each connection belongs to one thread (conn_get) */
    if (sqlite3_open_v2(db_path, &c->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        fprintf(stderr, "db: cannot open %s: %s\n", db_path, sqlite3_errmsg(c->db));
        conn_close(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, 5000);
    char *err = NULL;
    if (sqlite3_exec(c->db,
                     "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; "
                     "PRAGMA journal_mode=WAL;",
                     NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "db: cannot configure %s: %s\n", db_path, err);
        sqlite3_free(err);
        conn_close(c);
        return NULL;
    }
    return c;
}

static struct conn *conn_get(void)
{
    pthread_once(&conn_key_once, conn_key_create);
    struct conn *c = pthread_getspecific(conn_key);
    if (!c && db_path) {
        c = conn_open();
        pthread_setspecific(conn_key, c);
    }
    return c;
}

int db_open(const char *path)
{
    /* no global memory statistics: they take a mutex on every allocation
    ** (refused, harmlessly, once SQLite is initialized) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    free(db_path);
    db_path = strdup(path);
    return conn_get() ? 0 : -1;
}

void db_close_thread(void)
{
    pthread_once(&conn_key_once, conn_key_create);
    conn_close(pthread_getspecific(conn_key));
    pthread_setspecific(conn_key, NULL);
}

sqlite3 *db_handle(void)
{
    struct conn *c = conn_get();
    return c ? c->db : NULL;
}

sqlite3_stmt *db_stmt(const char *sql)
{
    struct conn *c = conn_get();
    if (!c)
        return NULL;
    bind_failed = 0;
    for (int i = 0; i < c->n_stmts; i++) {
        if (c->stmts[i].sql == sql) {
            sqlite3_reset(c->stmts[i].st);
            sqlite3_clear_bindings(c->stmts[i].st);
            return c->stmts[i].st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "db: %s\n  in: %s\n", sqlite3_errmsg(c->db), sql);
        return NULL;
    }
    if (c->n_stmts == c->cap_stmts) {
        int cap = c->cap_stmts ? c->cap_stmts * 2 : 32;
        struct cached_stmt *s = realloc(c->stmts, (size_t)cap * sizeof *s);
        if (!s) {
            sqlite3_finalize(st);
            return NULL;
        }
        c->stmts = s;
        c->cap_stmts = cap;
    }
    c->stmts[c->n_stmts++] = (struct cached_stmt){sql, st};
    return st;
}

/* The index of parameter name in st, or 0 after logging an unknown name. */
static int param_index(sqlite3_stmt *st, const char *name)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i == 0) {
        fprintf(stderr, "db: unknown parameter %s\n  in: %s\n", name, sqlite3_sql(st));
        bind_failed = 1;
    }
    return i;
}

void db_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = param_index(st, name);
    if (i && v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else if (i)
        sqlite3_bind_null(st, i);
}

void db_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
    int i = param_index(st, name);
    if (i)
        sqlite3_bind_int64(st, i, v);
}

void db_bind_null(sqlite3_stmt *st, const char *name)
{
    int i = param_index(st, name);
    if (i)
        sqlite3_bind_null(st, i);
}

void db_bind_real(sqlite3_stmt *st, const char *name, double v)
{
    int i = param_index(st, name);
    if (i)
        sqlite3_bind_double(st, i, v);
}

int db_step(sqlite3_stmt *st)
{
    if (bind_failed) {
        sqlite3_reset(st);
        return SQLITE_MISUSE;
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return rc;
    if (rc != SQLITE_DONE)
        fprintf(stderr, "db: %s\n  in: %s\n", sqlite3_errmsg(sqlite3_db_handle(st)),
                sqlite3_sql(st));
    sqlite3_reset(st);
    return rc;
}

void db_done(sqlite3_stmt *st)
{
    if (st)
        sqlite3_reset(st);
}

const char *db_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int64_t db_int(sqlite3_stmt *st, int i)
{
    return sqlite3_column_int64(st, i);
}

int db_is_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL;
}

char *db_dup(struct arena *a, sqlite3_stmt *st, int i)
{
    return arena_strdup(a, db_text(st, i));
}

int db_exec(const char *sql)
{
    sqlite3 *db = db_handle();
    char *err = NULL;
    if (!db)
        return -1;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "db: %s\n  in: %.200s\n", err, sql);
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

int db_write_begin(void)
{
    pthread_mutex_lock(&write_lock);
    if (db_exec("BEGIN IMMEDIATE") < 0) {
        pthread_mutex_unlock(&write_lock);
        return -1;
    }
    return 0;
}

int db_write_commit(void)
{
    int rc = db_exec("COMMIT");
    if (rc < 0)
        db_exec("ROLLBACK");
    pthread_mutex_unlock(&write_lock);
    return rc;
}

void db_write_rollback(void)
{
    db_exec("ROLLBACK");
    pthread_mutex_unlock(&write_lock);
}

int64_t db_last_id(void)
{
    return sqlite3_last_insert_rowid(db_handle());
}

int db_changes(void)
{
    return sqlite3_changes(db_handle());
}

/* The whole file at path, malloc'd and NUL-terminated, or NULL (logged). */
static char *read_file(const char *path)
{
    struct buf b = {0};
    if (buf_read_file(&b, path) < 0) {
        fprintf(stderr, "db: cannot read %s\n", path);
        buf_free(&b);
        return NULL;
    }
    return b.s;
}

int db_exec_file(const char *path)
{
    char *sql = read_file(path);
    if (!sql)
        return -1;
    int rc = db_write_begin();
    if (rc == 0) {
        rc = db_exec(sql);
        if (rc == 0)
            rc = db_write_commit();
        else
            db_write_rollback();
    }
    if (rc < 0)
        fprintf(stderr, "db: %s not applied\n", path);
    free(sql);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The user_version of the database, or -1. */
static int user_version(void)
{
    sqlite3_stmt *st = db_stmt("PRAGMA user_version");
    if (!st || db_step(st) != SQLITE_ROW)
        return -1;
    int v = (int)db_int(st, 0);
    db_done(st);
    return v;
}

int db_migrate(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "db: no migrations directory %s\n", dir);
        return -1;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256)
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && strstr(e->d_name, ".sql"))
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_names);
    int rc = 0, have = user_version();
    for (int i = 0; i < n && rc == 0; i++) {
        int num = atoi(names[i]);
        if (num <= have)
            continue;
        char path[4096], pragma[64];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", num);
        char *sql = read_file(path);
        rc = sql && db_write_begin() == 0 ? 0 : -1;
        if (rc == 0) {
            rc = db_exec(sql) == 0 && db_exec(pragma) == 0 ? 0 : -1;
            if (rc == 0)
                rc = db_write_commit();
            else
                db_write_rollback();
        }
        if (rc < 0)
            fprintf(stderr, "db: migration %s failed\n", names[i]);
        free(sql);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

int db_backup(const char *out_path)
{
    sqlite3 *src = db_handle(), *dst = NULL;
    if (!src)
        return -1;
    if (sqlite3_open(out_path, &dst) != SQLITE_OK) {
        fprintf(stderr, "backup: cannot open %s: %s\n", out_path, sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return -1;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    int rc = SQLITE_ERROR;
    if (b) {
        do
            rc = sqlite3_backup_step(b, 256);
        while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
    }
    if (rc != SQLITE_DONE)
        fprintf(stderr, "backup: %s\n", sqlite3_errmsg(dst));
    sqlite3_close(dst);
    return rc == SQLITE_DONE ? 0 : -1;
}
