/*
 * resp_cache.c - per-thread memo of rendered answers keyed on (key, data
 * version). Each server thread has its own database connection, and data
 * versions are only comparable on one connection, so the cache is per
 * thread: no locks, and no answer crosses connections. What to key on and
 * when an answer may be cached is the handlers' business.
 */
#include "resp_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 16
#define MAX_TEXT (1024 * 1024)

typedef struct {
    char *key;
    char *text;
    size_t len;
    unsigned version;
} slot;

typedef struct {
    slot s[SLOTS];
    unsigned next; /* round-robin victim */
} cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static bool cache_key_ok;

static void cache_free(void *p)
{
    cache *c = p;
    for (int i = 0; c && i < SLOTS; i++) {
        free(c->s[i].key);
        free(c->s[i].text);
    }
    free(c);
}

static void make_key(void)
{
    cache_key_ok = pthread_key_create(&cache_key, cache_free) == 0;
}

static cache *this_cache(bool create)
{
    cache *c;

    pthread_once(&cache_once, make_key);
    if (!cache_key_ok)
        return NULL;
    c = pthread_getspecific(cache_key);
    if (!c && create) {
        c = calloc(1, sizeof *c);
        if (c && pthread_setspecific(cache_key, c) != 0) {
            free(c);
            c = NULL;
        }
    }
    return c;
}

bool fm_resp_cache_get(const char *key, unsigned version, fm_buf *out)
{
    cache *c = this_cache(false);

    for (int i = 0; c && i < SLOTS; i++) {
        slot *s = &c->s[i];
        if (s->key && s->version == version && !strcmp(s->key, key)) {
            fm_buf_reset(out);
            return fm_buf_add(out, s->text, s->len) == FM_OK;
        }
    }
    return false;
}

void fm_resp_cache_put(const char *key, unsigned version, const char *text, size_t len)
{
    cache *c;
    slot *s = NULL;
    char *k, *t;

    if (len > MAX_TEXT || !(c = this_cache(true)))
        return;
    /* The same key replaces its older version; else the next slot in turn. */
    for (int i = 0; i < SLOTS && !s; i++)
        if (c->s[i].key && !strcmp(c->s[i].key, key))
            s = &c->s[i];
    if (!s)
        s = &c->s[c->next++ % SLOTS];
    k = strdup(key);
    t = malloc(len ? len : 1);
    if (!k || !t) {
        free(k);
        free(t);
        return;
    }
    memcpy(t, text, len);
    free(s->key);
    free(s->text);
    s->key = k;
    s->text = t;
    s->len = len;
    s->version = version;
}
