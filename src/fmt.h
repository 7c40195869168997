/*
** Numbers and dates the way Vietnamese official documents write them:
** 1.234.567 (dot for thousands), 20,43% (comma for decimals),
** "ngày 05 tháng 11 năm 2024". Written here because locale libraries get the
** leading zeros of days and of months 1 and 2 wrong.
**
** Every function writes into the caller's buffer and returns it.
*/
#pragma once
#include <stdbool.h>
#include <stdint.h>

#define FMT_NUM_MAX 40
#define FMT_DATE_MAX 64

/* 1234567 -> "1.234.567"; -1234 -> "-1.234". */
char *fmt_count(char out[FMT_NUM_MAX], int64_t v);

/* num/den as a percentage with two decimals, rounded half up: "20,43%";
** "—" when den <= 0. */
char *fmt_ratio(char out[FMT_NUM_MAX], int64_t num, int64_t den);

/* A fraction as a percentage: 0.8 -> "80%", 0.925 -> "92,50%". */
char *fmt_fraction(char out[FMT_NUM_MAX], double f);

/* Percentage points with two decimals: 23.456 -> "23,46". */
char *fmt_points(char out[FMT_NUM_MAX], double points);

/* "2024-11-05" (or a longer timestamp) -> "ngày 05 tháng 11 năm 2024";
** day below 10 and months 1 and 2 take a leading zero. "" if iso is not a date. */
char *fmt_date_long(char out[FMT_DATE_MAX], const char *iso);

/* "2024-11-05" -> "05/11/2024"; "" if iso is not a date. */
char *fmt_date_short(char out[FMT_DATE_MAX], const char *iso);

/* A UTC timestamp "2024-11-05T01:30:00Z" shown in Vietnam's time (UTC+7):
** "08:30 05/11/2024"; "" if it is not a timestamp. */
char *fmt_time_vn(char out[FMT_DATE_MAX], const char *ts);

/* The date in Vietnam (UTC+7) of a UTC timestamp "2024-11-20T18:30:00Z":
** "2024-11-21"; "" if it is not a timestamp. */
char *fmt_date_vn(char out[16], const char *ts);

/* Now as a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with the NUL). */
char *fmt_now_utc(char out[32]);

/* Today's date in Vietnam (UTC+7), "YYYY-MM-DD". */
char *fmt_today_vn(char out[16]);

/* True when s is a valid calendar date "YYYY-MM-DD". */
bool fmt_is_date(const char *s);
