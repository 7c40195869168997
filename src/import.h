/*
** Loading the official list of administrative units, and the 2025 merges.
**
** import_csv parses RFC 4180 CSV (UTF-8, optional BOM, LF or CRLF, quoted
** fields with "" escapes) into rows that remember their line number.
**
** import_units validates a whole unit list (interfaces.md: columns
** "Tỉnh / Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp" in any
** order, matched by header; the two district columns may be absent or empty,
** which puts the commune directly under its province; or the statistics
** office's commune listing, whose commune columns are "Mã" and "Tên" beside
** "Tên Tiếng Anh, Cấp, Mã QH, Quận Huyện, Mã TP, Tỉnh / Thành Phố"; a file of
** another layout is refused with both layouts named) and only then writes it
** in one transaction:
**   - without a date, units are matched by code among the versions that have
**     no start date: new ones are added, changed ones updated in place, and
**     ones the file lacks deleted when nothing refers to them (no report,
**     user, child, plan, setting or succession), else kept;
**   - with a date D (the list in force from D), units are matched by code among
**     the versions valid on D: a changed one ends on D-1 and a new version
**     starts on D; one the file lacks ends on D-1.
** Either way a re-import of the same file changes nothing.
**
** import_merges loads "old commune -> new commune" pairs (columns ma_xa_cu,
** ma_xa_moi, can_cu) into unit_succession: the old one is the unit of its
** code valid the day before D, the new one the unit valid on D.
**
** Every error message is Vietnamese and names its line.
*/
#pragma once
#include <stddef.h>
#include <stdint.h>

struct arena;

#define IMPORT_MAX_ERRORS 500

struct import_row {
    int line; /* 1-based line where the record starts; the header is line 1 */
    int n_fields;
    char **fields;
};

struct import_error {
    int line; /* 0: not about one line */
    const char *message;
};

struct import_result {
    struct import_error errors[IMPORT_MAX_ERRORS];
    int n_errors;                          /* listed */
    int more_errors;                       /* found beyond IMPORT_MAX_ERRORS */
    int n_province, n_district, n_commune; /* units in the file (import_units) */
    int n_pairs;                           /* pairs in the file (import_merges) */
    int added, updated, versioned, ended, deleted, kept, unchanged;
};

/* Records an error of line (message copied into a). */
void import_error(struct arena *a, struct import_result *res, int line, const char *message);

/* Parses data (len bytes) into *rows (allocated in a); returns the number of
** rows, header included, and records every malformed line (invalid UTF-8, an
** unclosed quote) in res. */
int import_csv(struct arena *a, const char *data, size_t len, struct import_row **rows,
               struct import_result *res);

/* Imports a unit list (see above); from is NULL or a date YYYY-MM-DD. The
** action is logged in admin_log under user_id (0: the command line), with
** source (a file name) in its detail. Returns 0 when imported, -1 when the
** file was rejected or the database failed (res lists why; nothing written). */
int import_units(struct arena *a, const char *data, size_t len, const char *from, int64_t user_id,
                 const char *source, struct import_result *res);

/* Imports a merges file (see above); from is the date the new units start.
** 0 or -1 as import_units; res->n_pairs and res->added count the pairs. */
int import_merges(struct arena *a, const char *data, size_t len, const char *from, int64_t user_id,
                  const char *source, struct import_result *res);

/* "Đã nhập 63 tỉnh, 696 huyện, 10047 xã: thêm mới …" for a successful
** import_units, in a. */
const char *import_summary(struct arena *a, const struct import_result *res);
