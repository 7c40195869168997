/*
** SQLite access: one connection per thread, cached prepared statements bound by
** name, one writer at a time, schema migrations from sql/.
**
** Every statement is static SQL text with placeholders (":name"); values are
** bound, never pasted. Statements come from a per-thread cache keyed by the
** address of the SQL text, so the text must be a string constant.
*/
#pragma once
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

struct arena;

/* Remembers the database path and opens this thread's connection (WAL mode).
** Returns 0, or -1 with the reason on stderr. */
int db_open(const char *path);

/* Closes this thread's connection and its cached statements. */
void db_close_thread(void);

/* This thread's connection, opened on first use; NULL on failure (logged). */
sqlite3 *db_handle(void);

/* The cached statement for sql, reset and with bindings cleared; NULL on error
** (logged with the SQL). Finish with db_step until it is not SQLITE_ROW, or db_done. */
sqlite3_stmt *db_stmt(const char *sql);

/* Bind by parameter name (":code"). An unknown name is logged and makes the next
** db_step fail, so a typo never silently binds nothing. v == NULL binds NULL. */
void db_bind_text(sqlite3_stmt *st, const char *name, const char *v);
void db_bind_int(sqlite3_stmt *st, const char *name, int64_t v);
void db_bind_null(sqlite3_stmt *st, const char *name);
void db_bind_real(sqlite3_stmt *st, const char *name, double v);

/* Bind by position (1 is the first parameter), for the rows of a VALUES
** list of anonymous "?" (report.c's batches). v == NULL binds NULL. */
void db_bind_text_at(sqlite3_stmt *st, int i, const char *v);
void db_bind_int_at(sqlite3_stmt *st, int i, int64_t v);

/* Steps st: SQLITE_ROW or SQLITE_DONE; anything else is logged with the SQL.
** After DONE or an error the statement is reset. */
int db_step(sqlite3_stmt *st);

/* Resets st (ends a read early, releasing its snapshot). */
void db_done(sqlite3_stmt *st);

/* Column i of the current row: text (NULL for NULL; valid until the next step),
** integer, or a copy in the arena. */
const char *db_text(sqlite3_stmt *st, int i);
int64_t db_int(sqlite3_stmt *st, int i);
int db_is_null(sqlite3_stmt *st, int i);
char *db_dup(struct arena *a, sqlite3_stmt *st, int i);

/* Runs a static SQL script (several statements, no values). 0 or -1 (logged). */
int db_exec(const char *sql);

/* Runs one statement of static text without values or results ("BEGIN",
** "COMMIT"…), prepared once per connection like db_stmt's: the cheap way
** for a request. 0, or -1 with the fault noted (logged unless busy). */
int db_run(const char *sql);

/* Write transactions. db_write_begin takes the process-wide writer lock and
** runs BEGIN IMMEDIATE, waiting at most 2 s in all ($ECDREPORT_WRITE_WAIT_MS),
** of which at most 250 ms for SQLite's lock held by another process; while
** one writer waits on another process, and for 2 s after such a wait failed,
** the others do not wait at all: a stuck writer elsewhere never holds more
** than one of the server's threads; db_write_try_begin does not
** wait at all (for writes that may be skipped). Writes are refused while the
** WAL is past its bound (64 MB, $ECDREPORT_WAL_LIMIT_KB) and a checkpoint
** cannot bring it back. db_write_commit commits and releases the lock;
** db_write_rollback rolls back and releases it. 0 or -1; after -1,
** db_fault() says why. */
int db_write_begin(void);
int db_write_try_begin(void);
int db_write_commit(void);
void db_write_rollback(void);

/* Why this thread's last write failed: DB_FAULT_BUSY (the write lock was not
** free in time: answer 503 with Retry-After), DB_FAULT_UNWRITABLE (disk full,
** read-only or failing file, or WAL past its bound: 503; logged loudly once
** per episode). Cleared by db_write_begin, db_stmt and db_fault_clear, so it
** describes the last database work of this thread. */
enum db_fault { DB_FAULT_NONE, DB_FAULT_BUSY, DB_FAULT_UNWRITABLE };
enum db_fault db_fault(void);
void db_fault_clear(void);

/* The Vietnamese sentence for a fault (DB_FAULT_UNWRITABLE: "Máy chủ không
** ghi được dữ liệu (ổ đĩa đầy?) …"). */
const char *db_fault_message(enum db_fault f);

/* Rowid of this thread's last insert; rows changed by its last statement. */
int64_t db_last_id(void);
int db_changes(void);

/* Applies sql/NNN_*.sql files of dir whose number is above the database's
** user_version, in order, each in one transaction. 0 or -1 (logged). */
int db_migrate(const char *dir);

/* Runs the SQL script in file path inside one write transaction. 0 or -1. */
int db_exec_file(const char *path);

/* Copies the live database to out_path: one consistent snapshot (VACUUM INTO,
** which writers cannot restart), written private (0600) under a temporary name
** beside out_path, synced, then renamed over out_path; a self-contained file
** (no WAL). Safe while serve runs. 0 or -1 (logged; nothing left behind). */
int db_backup(const char *out_path);

/* Proves the database at path is usable: opens it read-only, runs PRAGMA
** integrity_check, and prints one line to out with its schema version and
** counts (reports by status, units, users, value changes). 0, or -1 (the
** reason on stderr) when it does not open, fails the check or has no schema. */
int db_check(const char *path, FILE *out);

/* Database files are private: creates path (if missing) with mode 0600
** whatever the umask, and takes group and other access away from path and
** its -wal and -shm files. 0, or -1 (logged) when path cannot be opened. */
int db_private_files(const char *path);
