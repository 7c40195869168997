/*
** Login throttling; see throttle.h.
*/
#include "throttle.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SLOTS 4096
#define PROBE 16

struct slot {
    char key[80]; /* "u:name" or "a:address"; "" when free */
    int failures; /* counted failures, less than THROTTLE_WINDOW apart */
    int pending;  /* attempts under way */
    time_t last;  /* the last failure */
    time_t until; /* held until then (0: not held) */
    time_t told;  /* the hold already reported as a first refusal */
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static time_t now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1; /* never 0: 0 means "not held" */
}

/* The slot of key (created, evicting the stalest idle one of its probe
** range, when absent); NULL only when every probed slot is busy. */
static struct slot *find(const char *key, time_t now)
{
    uint32_t h = 2166136261u;
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    struct slot *free_slot = NULL, *stalest = NULL;
    for (int i = 0; i < PROBE; i++) {
        struct slot *s = &slots[(h + (uint32_t)i) % SLOTS];
        if (strcmp(s->key, key) == 0) {
            if (now - s->last > THROTTLE_WINDOW && s->pending == 0 && s->until <= now)
                s->failures = 0, s->until = 0;
            return s;
        }
        if (!s->key[0] && !free_slot)
            free_slot = s;
        else if (s->key[0] && s->pending == 0 && (!stalest || s->last < stalest->last))
            stalest = s;
    }
    struct slot *s = free_slot ? free_slot : stalest;
    if (s) {
        memset(s, 0, sizeof *s);
        snprintf(s->key, sizeof s->key, "%s", key);
    }
    return s;
}

/* Reserves an attempt on s with allowance free: 0, or the seconds to wait. */
static int reserve(struct slot *s, int free, time_t now)
{
    if (s->until > now) return (int)(s->until - now);
    if (s->failures >= free ? s->pending > 0 : s->failures + s->pending >= free)
        return 1; /* the allowance is taken by attempts under way */
    s->pending++;
    return 0;
}

static void finish(struct slot *s, int free, bool ok, bool clear_on_success, time_t now)
{
    if (s->pending > 0) s->pending--;
    if (ok) {
        if (clear_on_success) s->failures = 0, s->until = 0;
        return;
    }
    s->failures++;
    s->last = now;
    if (s->failures >= free) {
        int n = s->failures - free;
        long delay = n >= 5 ? THROTTLE_MAX : (long)THROTTLE_BASE << n;
        s->until = now + (delay > THROTTLE_MAX ? THROTTLE_MAX : delay);
    }
}

static void key_of(char *out, size_t n, char kind, const char *v)
{
    snprintf(out, n, "%c:%.72s", kind, v ? v : "");
}

bool throttle_begin(const char *username, const char *addr, int *retry_after, bool *first)
{
    char ukey[80], akey[80];
    time_t now = now_s();
    key_of(ukey, sizeof ukey, 'u', username);
    key_of(akey, sizeof akey, 'a', addr);
    pthread_mutex_lock(&lock);
    struct slot *u = username ? find(ukey, now) : NULL, *a = find(akey, now);
    int wait = u ? reserve(u, THROTTLE_USER_FREE, now) : 0;
    struct slot *held = wait ? u : NULL;
    if (!wait && a && (wait = reserve(a, THROTTLE_ADDR_FREE, now))) {
        held = a;
        if (u) u->pending--; /* give the username's reservation back */
    }
    *first = held && held->until > now && held->told != held->until;
    if (*first) held->told = held->until;
    pthread_mutex_unlock(&lock);
    *retry_after = wait;
    return wait == 0;
}

void throttle_end(const char *username, const char *addr, bool ok)
{
    char ukey[80], akey[80];
    time_t now = now_s();
    key_of(ukey, sizeof ukey, 'u', username);
    key_of(akey, sizeof akey, 'a', addr);
    pthread_mutex_lock(&lock);
    struct slot *u = username ? find(ukey, now) : NULL, *a = find(akey, now);
    if (u) finish(u, THROTTLE_USER_FREE, ok, true, now);
    if (a) finish(a, THROTTLE_ADDR_FREE, ok, false, now);
    pthread_mutex_unlock(&lock);
}

void throttle_reset(void)
{
    pthread_mutex_lock(&lock);
    memset(slots, 0, sizeof slots);
    pthread_mutex_unlock(&lock);
}
