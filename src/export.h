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
** The sheet as an XLSX workbook of one worksheet laid out like the printed
** table: the title rows, the header items, then columns TT · Nội dung · Số
** lượng · Tỷ lệ · Mã chỉ tiêu with counts as numbers (format #,##0), ratios
** as numbers in a percent format (0.00%), widths that fit, A4 page setup and
** the table header repeated on every printed page. Returns a malloc'd buffer
** (the caller frees it) of *len bytes, or NULL on failure (logged).
*/
char *export_xlsx(const struct sheet *s, size_t *len);

/* The content type of an export format ("csv", "xlsx" or "json"), or NULL
** for any other name. */
const char *export_content_type(const char *format);

/* The sheet in that format: export_csv, export_xlsx, or sheet_json indented
** with a final newline. Returns a malloc'd buffer (the caller frees it) of
** *len bytes, or NULL on failure or for an unknown format. */
char *export_sheet(const struct sheet *s, const char *format, size_t *len);
