/*
 * fairmatch/embed.h - files compiled into the binary (cmake/embed.cmake).
 *
 * Three sets: the schema migrations (data/migrations), the web UI (web/) and
 * the demo data set (data/demo). Paths are relative to their set's folder,
 * with '/' separators, e.g. "index.html", "js/app.js", "0001_init.sql".
 * Sets are sorted by path. Data is NUL-terminated beyond `size` for text use.
 */
#ifndef FAIRMATCH_EMBED_H
#define FAIRMATCH_EMBED_H

#include <stddef.h>

typedef struct fm_embed_file {
    const char *path;
    const unsigned char *data;
    size_t size;
} fm_embed_file;

typedef struct fm_embed_set {
    const fm_embed_file *files;
    size_t count;
} fm_embed_set;

extern const fm_embed_set fm_embed_migrations;
extern const fm_embed_set fm_embed_web;
extern const fm_embed_set fm_embed_demo;

/* The file at path in set, or NULL. Borrowed, static lifetime. */
const fm_embed_file *fm_embed_find(const fm_embed_set *set, const char *path);

#endif
