/*
** A printable document as a PDF file made by the program ("Tải PDF"), with
** cairo and pango: pango shapes Vietnamese (stacked marks: Ủ, Ị, ố, ễ, ậ)
** correctly, cairo writes compact PDFs with subset embedded fonts. Officials
** sign the file with their token (ký số) and send it with the XLSX.
**
** The input is the very document data the print page renders (print.tpl's
** "doc" object, built in src/page_print.c from a struct sheet of src/sheet.c),
** laid out with the measures of static/print.css (PDF_* below): A4, margins
** 20 mm top and bottom, 30 mm left, 15 mm right; body 13 pt; the title block,
** the table with its header repeated on every page, rows never split, page
** numbers at the top from page 2, "BẢN NHÁP" on every page of a draft, and
** 30 mm left at the signature block for the signature or its image.
**
** One face: Liberation Serif 2 from static/ (the file the print page serves),
** through a fontconfig of its own that knows no other font, so nothing falls
** back to another family.
*/
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* The measures shared with static/print.css (mm and pt). */
#define PDF_MARGIN_TOP_MM 20.0
#define PDF_MARGIN_RIGHT_MM 15.0
#define PDF_MARGIN_BOTTOM_MM 20.0
#define PDF_MARGIN_LEFT_MM 30.0
#define PDF_BODY_PT 13.0

/*
** The document doc (print.tpl's "doc": is_report/is_appendix, doc_title,
** attached, cutoff, subtitle, items, table or matrix, recipients, authority,
** signer_name, draft, blank) as a PDF on A4, landscape when asked; title
** goes into the file's metadata. Returns a malloc'd buffer of *len bytes
** (the caller frees it), or NULL on failure (logged). Thread-safe (one
** document at a time).
*/
char *pdf_document(const json_t *doc, bool landscape, const char *title, size_t *len);
