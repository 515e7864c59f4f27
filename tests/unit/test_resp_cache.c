/*
 * test_resp_cache.c - the per-thread cache of rendered answers
 * (src/http/resp_cache.c, through resp_cache.h): a hit needs the same key
 * and data version, a newer answer replaces the older one, oversized
 * answers are not kept, and no answer crosses threads. Each test runs its
 * body on a thread of its own, so the cache is freed when it ends.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/resp_cache.h"

static void on_thread(void *(*body)(void *), void *arg)
{
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, body, arg), 0);
    cr_assert_eq(pthread_join(t, NULL), 0);
}

/* What get answers for key at version: NULL on a miss, else a copy (caller frees). */
static char *get(const char *key, unsigned version)
{
    fm_buf b = FM_BUF_INIT;
    char *s = NULL;
    fm_buf_adds(&b, "left over from before");
    if (fm_resp_cache_get(key, version, &b))
        s = strdup(b.data);
    else
        cr_assert_str_eq(b.data, "left over from before", "a miss leaves out untouched");
    fm_buf_release(&b);
    return s;
}

static void put(const char *key, unsigned version, const char *text)
{
    fm_resp_cache_put(key, version, text, strlen(text));
}

static void *hit_needs_key_and_version(void *arg)
{
    (void)arg;
    cr_assert_null(get("schedule F1", 7));
    put("schedule F1", 7, "{\"a\":1}");
    char *s = get("schedule F1", 7);
    cr_assert_str_eq(s, "{\"a\":1}", "a hit replaces what out held");
    free(s);
    cr_assert_null(get("schedule F1", 8));
    cr_assert_null(get("schedule F2", 7));
    cr_assert_null(get("schedule F", 7));
    return NULL;
}

Test(resp_cache, a_hit_needs_the_same_key_and_data_version)
{
    on_thread(hit_needs_key_and_version, NULL);
}

static void *newer_replaces_older(void *arg)
{
    (void)arg;
    put("report 2018-03", 1, "old");
    put("report 2018-03", 2, "new");
    cr_assert_null(get("report 2018-03", 1), "the older version is gone");
    char *s = get("report 2018-03", 2);
    cr_assert_str_eq(s, "new");
    free(s);
    return NULL;
}

Test(resp_cache, a_newer_answer_for_a_key_replaces_the_older)
{
    on_thread(newer_replaces_older, NULL);
}

static void *size_limit(void *arg)
{
    size_t mib = 1024 * 1024;
    char *big = malloc(mib + 2);
    (void)arg;
    cr_assert_not_null(big);
    memset(big, 'x', mib + 1);
    big[mib + 1] = '\0';
    fm_resp_cache_put("big", 1, big, mib + 1);
    cr_assert_null(get("big", 1), "more than 1 MiB is not kept");
    fm_resp_cache_put("big", 1, big, mib);
    fm_buf b = FM_BUF_INIT;
    cr_assert(fm_resp_cache_get("big", 1, &b), "1 MiB exactly is kept");
    cr_assert_eq(b.len, mib);
    fm_buf_release(&b);
    free(big);
    return NULL;
}

Test(resp_cache, keeps_answers_up_to_one_mib)
{
    on_thread(size_limit, NULL);
}

static void *empty_answer(void *arg)
{
    (void)arg;
    fm_resp_cache_put("empty", 3, "", 0);
    char *s = get("empty", 3);
    cr_assert_not_null(s, "an empty answer is an answer");
    cr_assert_str_eq(s, "");
    free(s);
    return NULL;
}

Test(resp_cache, an_empty_answer_is_kept)
{
    on_thread(empty_answer, NULL);
}

static void *put_only(void *arg)
{
    (void)arg;
    put("shared?", 5, "from the first thread");
    return NULL;
}

static void *miss_only(void *arg)
{
    (void)arg;
    cr_assert_null(get("shared?", 5));
    return NULL;
}

Test(resp_cache, no_answer_crosses_threads)
{
    on_thread(put_only, NULL);
    on_thread(miss_only, NULL);
}

static void *many_keys(void *arg)
{
    char key[32];
    (void)arg;
    for (int i = 0; i < 40; i++) {
        snprintf(key, sizeof key, "k%d", i);
        put(key, 1, key);
    }
    /* the most recent answer is always there, whatever was evicted */
    char *s = get("k39", 1);
    cr_assert_str_eq(s, "k39");
    free(s);
    return NULL;
}

Test(resp_cache, the_latest_answer_survives_many_others)
{
    on_thread(many_keys, NULL);
}
