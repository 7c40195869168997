/*
** Vietnamese number and date formatting; see fmt.h.
*/
#include "fmt.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

char *fmt_count(char out[FMT_NUM_MAX], int64_t v)
{
    char digits[24];
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = 0;
    do { /* backwards: digits[0] is the units */
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    char *p = out;
    if (v < 0)
        *p++ = '-';
    for (int i = n - 1; i >= 0; i--) {
        *p++ = digits[i];
        if (i > 0 && i % 3 == 0)
            *p++ = '.';
    }
    *p = 0;
    return out;
}

/* Writes hundredths of a percent as "12,34" into out. */
static char *fmt_hundredths(char out[FMT_NUM_MAX], int64_t h)
{
    fmt_count(out, h / 100);
    size_t n = strlen(out);
    int frac = (int)(h % 100);
    out[n] = ',';
    out[n + 1] = (char)('0' + frac / 10);
    out[n + 2] = (char)('0' + frac % 10);
    out[n + 3] = 0;
    return out;
}

/* Appends "%" to out. */
static char *with_percent(char *out)
{
    size_t n = strlen(out);
    out[n] = '%';
    out[n + 1] = 0;
    return out;
}

char *fmt_ratio(char out[FMT_NUM_MAX], int64_t num, int64_t den)
{
    if (den <= 0 || num < 0) {
        strcpy(out, "—");
        return out;
    }
    __int128 h = ((__int128)num * 20000 + den) / ((__int128)den * 2);
    return with_percent(fmt_hundredths(out, (int64_t)h));
}

char *fmt_fraction(char out[FMT_NUM_MAX], double f)
{
    int64_t h = (int64_t)(f * 10000 + (f >= 0 ? 0.5 : -0.5));
    if (h % 100 == 0)
        return with_percent(fmt_count(out, h / 100));
    return with_percent(fmt_hundredths(out, h));
}

char *fmt_points(char out[FMT_NUM_MAX], double points)
{
    int64_t h = (int64_t)(points * 100 + (points >= 0 ? 0.5 : -0.5));
    char t[FMT_NUM_MAX];
    fmt_hundredths(t, h < 0 ? -h : h);
    out[0] = '-';
    memcpy(out + (h < 0), t, strlen(t) + 1 < FMT_NUM_MAX - 1 ? strlen(t) + 1 : FMT_NUM_MAX - 1);
    out[FMT_NUM_MAX - 1] = 0;
    return out;
}

/* Parses "YYYY-MM-DD" at the start of s into y, m, d; checks the calendar. */
static bool parse_date(const char *s, int *y, int *m, int *d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    if (*m < 1 || *m > 12 || *d < 1)
        return false;
    bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return *d <= days[*m - 1] + (*m == 2 && leap);
}

bool fmt_is_date(const char *s)
{
    int y, m, d;
    return s && strlen(s) == 10 && parse_date(s, &y, &m, &d);
}

char *fmt_date_long(char out[FMT_DATE_MAX], const char *iso)
{
    int y, m, d;
    if (!parse_date(iso, &y, &m, &d))
        out[0] = 0;
    else if (m <= 2)
        snprintf(out, FMT_DATE_MAX, "ngày %02d tháng %02d năm %d", d, m, y);
    else
        snprintf(out, FMT_DATE_MAX, "ngày %02d tháng %d năm %d", d, m, y);
    return out;
}

char *fmt_date_short(char out[FMT_DATE_MAX], const char *iso)
{
    int y, m, d;
    if (!parse_date(iso, &y, &m, &d))
        out[0] = 0;
    else
        snprintf(out, FMT_DATE_MAX, "%02d/%02d/%d", d, m, y);
    return out;
}

/* Vietnam's time (UTC+7) is seven hours ahead of UTC, all year. */
#define VN_OFFSET (7 * 3600)

/* The UTC timestamp ts ("YYYY-MM-DDTHH:MM:SS…") as Vietnam's local time in
** *tm; false if ts is not a timestamp. */
static bool vn_time(const char *ts, struct tm *tm)
{
    struct tm utc = {0};
    if (!ts || !strptime(ts, "%Y-%m-%dT%H:%M:%S", &utc))
        return false;
    time_t t = timegm(&utc) + VN_OFFSET;
    gmtime_r(&t, tm);
    return true;
}

char *fmt_time_vn(char out[FMT_DATE_MAX], const char *ts)
{
    struct tm tm;
    out[0] = 0;
    if (vn_time(ts, &tm))
        strftime(out, FMT_DATE_MAX, "%H:%M %d/%m/%Y", &tm);
    return out;
}

char *fmt_date_vn(char out[16], const char *ts)
{
    struct tm tm;
    out[0] = 0;
    if (vn_time(ts, &tm))
        strftime(out, 16, "%Y-%m-%d", &tm);
    return out;
}

char *fmt_now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

char *fmt_today_vn(char out[16])
{
    time_t t = time(NULL) + VN_OFFSET;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
    return out;
}
