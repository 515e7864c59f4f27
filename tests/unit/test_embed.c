/*
 * test_embed.c - lookup in the compiled-in file sets (src/core/embed.c):
 * binary search over a set sorted byte by byte, the first and last entries,
 * and misses between entries.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/embed.h"

static const unsigned char data_a[] = "a", data_b[] = "b", data_c[] = "c";
static const fm_embed_file files[] = {
    {"css/app.css", data_a, 1},
    {"index.html", data_b, 1},
    {"js/app.js", data_c, 1},
};
static const fm_embed_set set = {files, 3};

Test(embed, finds_the_first_middle_and_last_file)
{
    cr_assert_eq(fm_embed_find(&set, "css/app.css"), &files[0]);
    cr_assert_eq(fm_embed_find(&set, "index.html"), &files[1]);
    cr_assert_eq(fm_embed_find(&set, "js/app.js"), &files[2]);
}

Test(embed, misses_before_between_and_after_the_entries)
{
    cr_assert_null(fm_embed_find(&set, "a"));
    cr_assert_null(fm_embed_find(&set, "index.htm"));
    cr_assert_null(fm_embed_find(&set, "js/app.jsx"));
    cr_assert_null(fm_embed_find(&set, "z"));
    cr_assert_null(fm_embed_find(&set, ""));
}

Test(embed, an_empty_set_finds_nothing)
{
    const fm_embed_set empty = {NULL, 0};
    cr_assert_null(fm_embed_find(&empty, "index.html"));
}

Test(embed, the_built_in_sets_are_sorted_and_hold_the_first_migration_and_the_ui)
{
    const fm_embed_set *sets[] = {&fm_embed_migrations, &fm_embed_web, &fm_embed_demo};
    for (size_t s = 0; s < 3; s++)
        for (size_t i = 1; i < sets[s]->count; i++)
            cr_assert_lt(strcmp(sets[s]->files[i - 1].path, sets[s]->files[i].path), 0,
                         "set %zu not sorted at %s", s, sets[s]->files[i].path);
    const fm_embed_file *f = fm_embed_find(&fm_embed_web, "index.html");
    cr_assert_not_null(f);
    cr_assert_eq(f->data[f->size], '\0');
    cr_assert_not_null(fm_embed_find(&fm_embed_migrations, "0001_init.sql"));
}
