/*
** A sheet (sheet.h) as a file to take away: CSV for any program, XLSX laid out
** like the printed table for spreadsheet users. JSON is sheet_json().
*/
#pragma once
#include <stdbool.h>
#include <stddef.h>

struct buf;
struct sheet;

/*
** The sheet as CSV: UTF-8 with a byte-order mark (so that Excel reads the
** Vietnamese right), CRLF line ends, a header row "Mã,Nội dung,Số lượng,Mẫu
** số,Tỷ lệ", then one row per element (header items first): code, label,
** value (a count or money as plain digits, yes/no as 1/0, text as is, empty
** when blank), the denominator's value and the ratio as a decimal fraction
** with a point ("0.9375"), both empty where there is no ratio. Fields are
** quoted when they hold a comma, quote or line end; text that would read as
** a formula gets an apostrophe in front (export_csv_field). Returns a
** malloc'd buffer (the caller frees it) of *len bytes, or NULL when memory is
** exhausted.
*/
char *export_csv(const struct sheet *s, size_t *len);

/*
** Appends one CSV field to b, then "," or (last) "\r\n": quoted when it holds
** a comma, quote or line end. A text field (text) that a spreadsheet would
** take for a formula — it begins with '=', '+', '-', '@', a tab or a
** carriage return — is written quoted behind an apostrophe ("'=A1"), as
** OWASP advises against CSV injection; numbers the program formats itself
** pass text = false. Every CSV the program writes goes through this.
*/
void export_csv_field(struct buf *b, const char *s, bool text, bool last);

/*
** The sheet as an XLSX workbook laid out like the printed table: the title
** rows, the data cut-off, the header items, then columns TT · Nội dung · Số
** lượng · Tỷ lệ (and the element codes in a hidden column E) with counts as
** numbers (format #,##0), ratios as numbers in a percent format (0.00%),
** widths that fit, A4 fitted to the width and the table header repeated on
** every printed page. A roll-up has a second worksheet "Theo đơn vị": one row
** per unit straight below with its status, one column per element, ratios in
** percent (export_units_csv's figures). Returns a malloc'd buffer
** (the caller frees it) of *len bytes, or NULL on failure (logged).
*/
char *export_xlsx(const struct sheet *s, size_t *len);

/*
** A roll-up's data by unit (units.csv): UTF-8 with BOM, CRLF, a header row
** "Mã,Đơn vị,Cấp,Trạng thái,Số xã đã tổng hợp,Số xã", then one column per
** element (every one but text, named by its code), then "ty_le_<code>" per
** element with a ratio; one row per unit straight below (s->children) with
** its code, name, level, report status (empty, draft, submitted, returned,
** approved), communes counted and expected, its values as plain digits (empty
** when none) and ratios as decimal fractions. Values equal GET /api/rollup's
** children. Returns a malloc'd buffer of *len bytes (the caller frees it).
*/
char *export_units_csv(const struct sheet *s, size_t *len);

/* A report status as people read it ("đã duyệt"); unknown ones as given. */
const char *export_status_label(const char *status);

/* The content type of an export format ("csv", "xlsx" or "json"), or NULL
** for any other name. */
const char *export_content_type(const char *format);

/* The sheet in that format: export_csv, export_xlsx, or sheet_json indented
** with a final newline. Returns a malloc'd buffer (the caller frees it) of
** *len bytes, or NULL on failure or for an unknown format. */
char *export_sheet(const struct sheet *s, const char *format, size_t *len);
