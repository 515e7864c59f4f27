/*
 * import_write.c - what a checked row does: its key remembered (a key twice
 * in one file is a problem), the upsert's result counted (added, updated,
 * unchanged) and a changed row audited. The upserts are the *_repo.c files'.
 */
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* 0 when key is new (and is now remembered); else the line it was first seen on. -1 on OOM. */
static long keyset_add(keyset *ks, const char *key, long line)
{
    size_t i;
    if (ks->len * 2 >= ks->cap) {
        keyset n = {0};
        n.cap = ks->cap ? ks->cap * 2 : 256;
        n.keys = calloc(n.cap, sizeof *n.keys);
        n.lines = calloc(n.cap, sizeof *n.lines);
        if (!n.keys || !n.lines) {
            free(n.keys);
            free(n.lines);
            return -1;
        }
        for (size_t j = 0; j < ks->cap; j++) {
            if (!ks->keys[j])
                continue;
            for (i = hash_str(ks->keys[j]) & (n.cap - 1); n.keys[i]; i = (i + 1) & (n.cap - 1))
                ;
            n.keys[i] = ks->keys[j];
            n.lines[i] = ks->lines[j];
        }
        n.len = ks->len;
        free(ks->keys);
        free(ks->lines);
        *ks = n;
    }
    for (i = hash_str(key) & (ks->cap - 1); ks->keys[i]; i = (i + 1) & (ks->cap - 1))
        if (!strcmp(ks->keys[i], key))
            return ks->lines[i];
    ks->keys[i] = strdup(key);
    if (!ks->keys[i])
        return -1;
    ks->lines[i] = line;
    ks->len++;
    return 0;
}

void fm_import_keyset_free(keyset *ks)
{
    for (size_t i = 0; i < ks->cap; i++)
        free(ks->keys[i]);
    free(ks->keys);
    free(ks->lines);
    memset(ks, 0, sizeof *ks);
}

/* Remember key for column c; a repeat is a problem. key NULL (already reported) is skipped. */
void fm_import_check_duplicate(imp *im, int c, const char *key, const char *shown)
{
    long first;
    if (!key)
        return;
    first = keyset_add(&im->seen, key, im->rec->line);
    if (first < 0) {
        im->fatal = fm_err_set(&im->fatal_err, FM_ENOMEM, "out of memory");
    } else if (first > 0) {
        fm_import_problem(im, c, "%s appears twice in the file (first on line %ld)", shown, first);
    }
}

/* Count one written row, audit changed ones. rc is the upsert's result. */
void fm_import_wrote(imp *im, fm_rc rc, const fm_err *e, bool created, bool changed,
                     const char *entity, const char *id)
{
    fm_err ae = {0};
    if (rc) {
        /* The checks above should have caught it; a constraint still says no. */
        if (rc == FM_EINVAL || rc == FM_ECONFLICT || rc == FM_ENOTFOUND) {
            fm_import_problem_at(im, im->rec->nfields, im->rec->line, "row", "%s", e->msg);
        } else {
            im->fatal = rc;
            im->fatal_err = *e;
        }
        return;
    }
    if (created)
        im->st.added++;
    else if (changed)
        im->st.updated++;
    else
        im->st.unchanged++;
    if (!changed)
        return;
    if (fm_store_audit(im->s, im->actor, created ? "create" : "update", entity, id, "import",
                       &ae)) {
        im->fatal = ae.rc;
        im->fatal_err = ae;
    }
}

unsigned fm_import_mask_of(const imp *im, const int *cols, const unsigned *bits, size_t n)
{
    unsigned m = 0;
    for (size_t i = 0; i < n; i++)
        if (fm_import_has(im, cols[i]))
            m |= bits[i];
    return m;
}
