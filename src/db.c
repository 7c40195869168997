/*
** SQLite access; see db.h.
*/
#include "db.h"
#include "log.h"
#include "str.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
static _Thread_local enum db_fault fault; /* this thread's last write failure */

/* Limits of writing (see db.h): the longest a write waits for the lock, and
** the size of the WAL past which writes are refused. */
static int write_wait_ms = 2000;
static int64_t wal_limit = 64 * 1024 * 1024;

static atomic_int unwritable_logged; /* the current storage failure was logged */
static atomic_int checkpoint_logged; /* the current checkpoint failure was logged */
static atomic_llong wal_bytes;       /* the WAL's size after the last commit */
static atomic_int page_size = 4096;  /* the database's, read on open */
static atomic_llong busy_until;      /* ms: writers do not wait before this (see write_begin) */
static atomic_llong stuck_since;     /* ms: when the lock holder began BEGIN IMMEDIATE, or 0 */
#define EXTERNAL_WAIT_MS 250         /* the most a writer waits for another process's lock */

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
    const char *v = getenv("ECDREPORT_WRITE_WAIT_MS");
    if (v && atoi(v) >= 0)
        write_wait_ms = atoi(v);
    v = getenv("ECDREPORT_WAL_LIMIT_KB");
    if (v && atoi(v) > 0)
        wal_limit = (int64_t)atoi(v) * 1024;
}

/* Is rc a failure to write the files (disk full, read-only, I/O error)? */
static bool storage_error(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return true;
    default:
        return false;
    }
}

/* Records the fault rc means for this thread's write. A storage failure is
** logged loudly, once until a write succeeds again. */
static void note_fault(sqlite3 *db, int rc)
{
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        fault = DB_FAULT_BUSY;
    } else if (storage_error(rc)) {
        fault = DB_FAULT_UNWRITABLE;
        if (atomic_exchange(&unwritable_logged, 1) == 0)
            log_msg(LOG_ERROR, NULL,
                    "db: *** CANNOT WRITE THE DATABASE %s: %s (code %d). Disk full or file "
                    "read-only? Logins and saves answer 503 until it is fixed. ***\n",
                    db_path, db ? sqlite3_errstr(rc) : "", rc);
    }
}

/* After a commit: WAL frames and the result of our own checkpoint (replacing
** SQLite's automatic one, whose result nobody sees). A checkpoint that fails
** is logged once per episode; the WAL's size is kept for db_write_begin. */
static int on_wal(void *unused, sqlite3 *db, const char *name, int pages)
{
    (void)unused;
    int log = 0, done = 0;
    atomic_store(&wal_bytes, (long long)pages * atomic_load(&page_size));
    if (pages < 1000) /* SQLite's own threshold */
        return SQLITE_OK;
    int rc = sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
        if (atomic_exchange(&checkpoint_logged, 1) == 0)
            log_msg(LOG_ERROR, NULL, "db: *** CHECKPOINT FAILED on %s: %s; the WAL holds %d pages and "
                            "grows until it succeeds (writes stop past %lld KB). ***\n",
                    db_path, sqlite3_errmsg(db), pages, (long long)(wal_limit >> 10));
    } else if (rc == SQLITE_OK && log == done) {
        atomic_store(&checkpoint_logged, 0);
    }
    return SQLITE_OK;
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
        log_msg(LOG_ERROR, NULL, "db: cannot open %s: %s\n", db_path, sqlite3_errmsg(c->db));
        conn_close(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, 5000);
    sqlite3_wal_hook(c->db, on_wal, NULL);
    char *err = NULL;
    if (sqlite3_exec(c->db,
                     "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; "
                     "PRAGMA journal_mode=WAL;",
                     NULL, NULL, &err) != SQLITE_OK) {
        log_msg(LOG_ERROR, NULL, "db: cannot configure %s: %s\n", db_path, err);
        sqlite3_free(err);
        conn_close(c);
        return NULL;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->db, "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        atomic_store(&page_size, sqlite3_column_int(st, 0));
    sqlite3_finalize(st);
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

/* Makes path private (0600) if it exists and others may read it. */
static void make_private(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && (sb.st_mode & 077) && chmod(path, 0600) < 0)
        log_msg(LOG_ERROR, NULL, "db: cannot make %s private: %s\n", path, strerror(errno));
}

int db_private_files(const char *path)
{
    char side[4200];
    if (!*path || strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0)
        return 0; /* no file, or a URI SQLite opens itself */
    /* a new database file is created private, whatever the umask; SQLite
    ** gives its WAL and SHM files the mode of the database file */
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        log_msg(LOG_ERROR, NULL, "db: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    close(fd);
    make_private(path);
    snprintf(side, sizeof side, "%s-wal", path);
    make_private(side);
    snprintf(side, sizeof side, "%s-shm", path);
    make_private(side);
    return 0;
}

int db_open(const char *path)
{
    /* no global memory statistics: they take a mutex on every allocation
    ** (refused, harmlessly, once SQLite is initialized) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    free(db_path);
    db_path = strdup(path);
    if (db_private_files(path) < 0)
        return -1;
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
    fault = DB_FAULT_NONE; /* a fault describes the last thing done: not a past request */
    for (int i = 0; i < c->n_stmts; i++) {
        if (c->stmts[i].sql == sql) {
            sqlite3_reset(c->stmts[i].st);
            sqlite3_clear_bindings(c->stmts[i].st);
            return c->stmts[i].st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        log_msg(LOG_ERROR, NULL, "db: %s\n  in: %s\n", sqlite3_errmsg(c->db), sql);
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
        log_msg(LOG_ERROR, NULL, "db: unknown parameter %s\n  in: %s\n", name, sqlite3_sql(st));
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

void db_bind_text_at(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void db_bind_int_at(sqlite3_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(st, i, v);
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
    if (rc != SQLITE_DONE) {
        note_fault(sqlite3_db_handle(st), rc);
        if (!storage_error(rc)) /* a storage failure is logged once, by note_fault */
            log_msg(LOG_ERROR, NULL, "db: %s\n  in: %s\n", sqlite3_errmsg(sqlite3_db_handle(st)),
                    sqlite3_sql(st));
    }
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
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        note_fault(db, rc);
        if (!storage_error(rc) && (rc & 0xff) != SQLITE_BUSY)
            log_msg(LOG_ERROR, NULL, "db: %s\n  in: %.200s\n", err, sql);
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

int db_run(const char *sql)
{
    enum db_fault was = fault; /* like db_exec, keeps the fault of what came before */
    sqlite3_stmt *st = db_stmt(sql);
    fault = was;
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return 0;
    sqlite3 *db = sqlite3_db_handle(st);
    note_fault(db, rc);
    if (!storage_error(rc) && (rc & 0xff) != SQLITE_BUSY)
        log_msg(LOG_ERROR, NULL, "db: %s\n  in: %s\n", sqlite3_errmsg(db), sql);
    return -1;
}

enum db_fault db_fault(void)
{
    return fault;
}

void db_fault_clear(void)
{
    fault = DB_FAULT_NONE;
}

const char *db_fault_message(enum db_fault f)
{
    switch (f) {
    case DB_FAULT_BUSY:
        return "Máy chủ đang bận ghi dữ liệu nên chưa lưu được. Xin thử lại sau vài giây.";
    case DB_FAULT_UNWRITABLE:
        return "Máy chủ không ghi được dữ liệu (ổ đĩa đầy?). Chưa lưu được; xin báo quản trị "
               "viên và thử lại sau.";
    case DB_FAULT_NONE:
        break;
    }
    return "";
}

/* Is the WAL past its bound, a checkpoint having failed to bring it back?
** Tries a checkpoint first (the write lock is held). */
static bool wal_too_big(sqlite3 *db)
{
    if (atomic_load(&wal_bytes) <= wal_limit)
        return false;
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (rc == SQLITE_OK && log == done) { /* the next commit starts the WAL over */
        atomic_store(&wal_bytes, 0);
        return false;
    }
    if (atomic_exchange(&unwritable_logged, 1) == 0)
        log_msg(LOG_ERROR, NULL, "db: *** THE WAL OF %s IS PAST %lld KB AND CANNOT BE CHECKPOINTED (%s). "
                        "Writes are refused with 503 until it can. ***\n",
                db_path, (long long)(wal_limit >> 10),
                rc == SQLITE_OK ? "a reader holds an old snapshot" : sqlite3_errmsg(db));
    return true;
}

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Takes the process's writer lock, waiting at most wait_ms, in slices: a
** writer gives up at once when the holder is itself stuck waiting for another
** process (stuck_since), so that only one thread of the server ever waits on
** a lock held outside it. */
static bool lock_writer(int wait_ms)
{
    int64_t end = now_ms() + wait_ms;
    for (;;) {
        if (pthread_mutex_trylock(&write_lock) == 0)
            return true;
        int64_t t = now_ms(), since = atomic_load(&stuck_since);
        if (t >= end || (since && t - since > 20))
            return false;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 5 * 1000000L;
        if (ts.tv_nsec >= 1000000000L)
            ts.tv_sec++, ts.tv_nsec -= 1000000000L;
        if (pthread_mutex_timedlock(&write_lock, &ts) == 0)
            return true;
    }
}

/* db_write_begin and db_write_try_begin: the lock within wait_ms, then BEGIN
** IMMEDIATE with what is left of it, at most EXTERNAL_WAIT_MS, as busy
** timeout (another process may hold SQLite's write lock: a command-line
** import, an sqlite3 shell). When a writer has just waited in vain for
** another process, the writers of the next 2 s do not wait at all: one stuck
** writer elsewhere must not hold every thread of the server. */
static int write_begin(int wait_ms)
{
    sqlite3 *db = db_handle();
    int64_t start = now_ms();
    fault = DB_FAULT_NONE;
    if (!db)
        return -1;
    if (start < atomic_load(&busy_until))
        wait_ms = 0;
    if (!lock_writer(wait_ms)) {
        fault = DB_FAULT_BUSY;
        return -1;
    }
    if (wal_too_big(db)) {
        fault = DB_FAULT_UNWRITABLE;
        pthread_mutex_unlock(&write_lock);
        return -1;
    }
    int left = wait_ms - (int)(now_ms() - start);
    sqlite3_busy_timeout(db, left <= 0 ? 0 : left < EXTERNAL_WAIT_MS ? left : EXTERNAL_WAIT_MS);
    atomic_store(&stuck_since, now_ms());
    int rc = db_run("BEGIN IMMEDIATE");
    atomic_store(&stuck_since, 0);
    sqlite3_busy_timeout(db, 5000);
    if (rc < 0) {
        if (fault == DB_FAULT_BUSY && wait_ms > 0)
            atomic_store(&busy_until, now_ms() + 2000);
        pthread_mutex_unlock(&write_lock);
        return -1;
    }
    return 0;
}

int db_write_begin(void)
{
    return write_begin(write_wait_ms);
}

int db_write_try_begin(void)
{
    return write_begin(0);
}

/* Rolls back unless SQLite already did (a failed COMMIT on a full disk). */
static void rollback(void)
{
    sqlite3 *db = db_handle();
    if (db && !sqlite3_get_autocommit(db))
        db_run("ROLLBACK");
}

int db_write_commit(void)
{
    int rc = db_run("COMMIT");
    if (rc < 0)
        rollback();
    else
        atomic_store(&unwritable_logged, 0); /* the next failure is news again */
    pthread_mutex_unlock(&write_lock);
    return rc;
}

void db_write_rollback(void)
{
    rollback();
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

/* Flushes path (a file or a directory) to disk. 0 or -1. */
static int sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Opens path (no creation) with a connection of its own; NULL (logged). */
static sqlite3 *open_other(const char *path, int flags, const char *who)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: cannot open %s: %s\n", who, path, db ? sqlite3_errmsg(db) : "");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

static const char sql_vacuum_into[] = "VACUUM INTO :out";

int db_backup(const char *out_path)
{
    /* VACUUM INTO copies one read snapshot: writers go on (WAL) and cannot make
    ** it start over, unlike the backup API's steps. It writes a temporary file
    ** beside the target, renamed only once complete and on disk, so a killed
    ** backup never leaves a partial file under the final name. */
    char tmp[4200], dir[4200];
    struct stat live, out;
    if (db_path && stat(db_path, &live) == 0 && stat(out_path, &out) == 0 &&
        live.st_dev == out.st_dev && live.st_ino == out.st_ino) {
        fprintf(stderr, "backup: %s is the live database itself; name another file\n", out_path);
        return -1;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", out_path, (long)getpid());
    snprintf(dir, sizeof dir, "%s", out_path);
    int rc = -1, fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        fprintf(stderr, "backup: cannot create %s: %s\n", tmp, strerror(errno));
        return -1;
    }
    close(fd); /* VACUUM INTO fills an empty file, keeping its mode */
    sqlite3_stmt *st = db_stmt(sql_vacuum_into);
    sqlite3 *copy = NULL;
    if (!st)
        goto out;
    db_bind_text(st, ":out", tmp);
    if (db_step(st) != SQLITE_DONE) {
        fprintf(stderr, "backup: the copy to %s failed\n", tmp);
        goto out;
    }
    /* one self-contained file: no WAL beside it, so a copy or a restore is one file */
    copy = open_other(tmp, SQLITE_OPEN_READWRITE, "backup");
    if (!copy || sqlite3_exec(copy, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "backup: cannot finish %s\n", tmp);
        goto out;
    }
    sqlite3_close(copy);
    copy = NULL;
    if (sync_path(tmp, O_RDONLY) < 0 || rename(tmp, out_path) < 0) {
        fprintf(stderr, "backup: cannot write %s: %s\n", out_path, strerror(errno));
        goto out;
    }
    sync_path(dirname(dir), O_RDONLY | O_DIRECTORY);
    rc = 0;
out:
    sqlite3_close(copy);
    if (rc < 0)
        unlink(tmp);
    return rc;
}

/* The first integer of sql's first row on db, or -1. */
static int64_t count_of(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

int db_check(const char *path, FILE *out)
{
    struct stat sb;
    if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0) {
        fprintf(stderr, "check: %s is missing or empty\n", path);
        return -1;
    }
    sqlite3 *db = open_other(path, SQLITE_OPEN_READONLY, "check");
    if (!db)
        return -1;
    int rc = -1, lines = 0;
    bool ok = false;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "check: %s: %s\n", path, sqlite3_errmsg(db));
        goto out;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        ok = lines++ == 0 && line && strcmp(line, "ok") == 0;
        if (!ok && lines <= 20)
            fprintf(stderr, "check: %s: %s\n", path, line ? line : "?");
    }
    if (!ok || lines != 1) {
        fprintf(stderr, "check: %s fails its integrity check\n", path);
        goto out;
    }
    int64_t reports = count_of(db, "SELECT COUNT(*) FROM report");
    int64_t version = count_of(db, "PRAGMA user_version");
    if (reports < 0 || version <= 0) {
        fprintf(stderr, "check: %s is not an ecdreport database (no schema)\n", path);
        goto out;
    }
    fprintf(out,
            "%s: integrity ok, schema version %lld, %lld reports (%lld submitted, %lld approved), "
            "%lld units, %lld users, %lld value changes, %lld KB\n",
            path, (long long)version, (long long)reports,
            (long long)count_of(db, "SELECT COUNT(*) FROM report WHERE status = 'submitted'"),
            (long long)count_of(db, "SELECT COUNT(*) FROM report WHERE status = 'approved'"),
            (long long)count_of(db, "SELECT COUNT(*) FROM unit"),
            (long long)count_of(db, "SELECT COUNT(*) FROM user"),
            (long long)count_of(db, "SELECT COUNT(*) FROM value_audit"),
            (long long)(sb.st_size / 1024));
    rc = 0;
out:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}
