/*
 * embed.c - lookup in the compiled-in file sets. The sets themselves are
 * generated at build time by cmake/embed.cmake; this file only searches.
 */
#include "fairmatch/embed.h"

#include <string.h>

const fm_embed_file *fm_embed_find(const fm_embed_set *set, const char *path)
{
    size_t lo = 0, hi = set->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(path, set->files[mid].path);
        if (c == 0)
            return &set->files[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
