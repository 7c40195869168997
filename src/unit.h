/*
** Administrative units and reporting periods.
**
** A unit is an official code plus the dates it was valid: codes are reused
** after mergers, so "30037" names Thị trấn Mỹ An in 2024 and Xã Tháp Mười in
** 2026. The tree is data of any depth (province › district › commune, or
** province › commune); a unit's reviewer is its parent. unit_tree holds the
** closure of the tree for subtree questions.
*/
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct arena;

struct unit {
    int64_t id;
    const char *code, *name, *kind;
    const char *level; /* "country", "province", "district" or "commune" */
    int64_t parent_id; /* 0 for the country (VN) */
    const char *valid_from, *valid_to; /* NULL: open-ended */
};

struct period {
    int64_t id, form_id;
    const char *code;  /* "2024", "2024S1", "2024S2" */
    const char *start, *end, *due; /* YYYY-MM-DD */
    const char *locked_at;         /* NULL while open */
};

/* The unit of that code valid on date (YYYY-MM-DD; NULL means today in
** Vietnam) or, if none is valid then, its latest version. Strings live in a.
** 0 found, -1 not found or database error. */
int unit_find(struct arena *a, const char *code, const char *date, struct unit *out);

/* The unit with that id. 0 or -1. */
int unit_get(struct arena *a, int64_t id, struct unit *out);

/* True when unit_id is ancestor_id itself or lies below it. */
bool unit_within(int64_t unit_id, int64_t ancestor_id);

/* True when old_id merged into unit_id ancestor_id or a unit below it
** (unit_succession): the new commune may read its predecessors' reports. */
bool unit_merged_into(int64_t old_id, int64_t ancestor_id);

/* The children of parent_id valid on date, ordered by code, in an array
** allocated in a. Returns their number, or -1 on error. */
int unit_children(struct arena *a, int64_t parent_id, const char *date, struct unit **out);

/* Rebuilds the unit_tree closure from unit.parent_id; call inside a write
** transaction after units change. 0 or -1. */
int unit_rebuild_tree(void);

/* The id of the country, the root of both trees (code VN, level
** "country"), or 0 when the database has none. */
int64_t unit_root_id(void);

/* The period of that code. 0 found, -1 not found. */
int period_find(struct arena *a, const char *code, struct period *out);

/* Every period, newest first, in an array allocated in a. Count or -1. */
int period_list(struct arena *a, struct period **out);

/* The same period a year earlier: "2024" -> "2023", "2024S1" -> "2023S1".
** NULL when code is not a period code. */
const char *period_previous(struct arena *a, const char *code);

/* How people name it: "năm 2024", "6 tháng đầu năm 2024", "6 tháng cuối năm 2024". */
const char *period_label(struct arena *a, const char *code);

/* True if code is a period code: YYYY, YYYYS1 or YYYYS2. */
bool period_code_valid(const char *code);

/* "Xã", "Phường", "Thị trấn"... shortened word for a commune-level unit used in
** counts ("11/13 xã"): always "xã" for communes, "huyện" for districts. */
const char *unit_level_word(const char *level);

/* When u ended before date (YYYY-MM-DD): why, in a: "Xã Mỹ Hòa đã sáp nhập
** vào Xã Tháp Mười từ 01/07/2025" (several successors "vào Xã A, Xã B"), or
** "Xã … không còn trong danh mục đơn vị hành chính từ …" without a
** successor. NULL while u is still valid on date. */
const char *unit_merged_note(struct arena *a, const struct unit *u, const char *date);

/* The units that unit id merged into (unit_succession), by code: their names
** joined with ", " in a, and their number in *n. "" when there is none. */
const char *unit_successor_names(struct arena *a, int64_t id, int *n);
