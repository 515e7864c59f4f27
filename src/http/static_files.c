/*
 * static_files.c - the web UI's files: which paths may be asked for, their
 * MIME types, and the bytes, embedded in the binary or read from --web-dir.
 * Headers and queueing the answer are server.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fairmatch/embed.h"
#include "http_internal.h"

static const char *mime_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (!strcasecmp(dot, types[i].ext))
            return types[i].type;
    return "application/octet-stream";
}

/* Only plain relative paths: segments of [A-Za-z0-9._-], none starting with a dot. */
static bool static_path_ok(const char *p)
{
    bool seg_start = true;
    if (!*p || strlen(p) > 200)
        return false;
    for (; *p; p++) {
        char ch = *p;
        if (ch == '/') {
            if (seg_start)
                return false;
            seg_start = true;
            continue;
        }
        if (seg_start && ch == '.')
            return false;
        seg_start = false;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '_' || ch == '-'))
            return false;
    }
    return !seg_start;
}

static struct MHD_Response *static_from_disk(fm_server *srv, const char *rel)
{
    fm_buf path = FM_BUF_INIT, body = FM_BUF_INIT;
    struct MHD_Response *r = NULL;
    struct stat sb;
    char *data = NULL;
    size_t len;
    fm_err err;

    if (fm_buf_addf(&path, "%s/%s", srv->web_dir, rel))
        goto done;
    /* stat first: a directory or device under web_dir is a 404, never opened. */
    if (stat(path.data, &sb) != 0 || !S_ISREG(sb.st_mode))
        goto done;
    if (fm_buf_read_file(&body, path.data, (size_t)16 * 1024 * 1024, &err))
        goto done;
    /* MHD's MUST_FREE releases with free(), which is what fm_buf_detach hands out. */
    data = fm_buf_detach(&body, &len);
    if (!data)
        goto done;
    r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (r)
        data = NULL;
done:
    free(data);
    fm_buf_release(&body);
    fm_buf_release(&path);
    return r;
}

struct MHD_Response *fm_http_static_response(fm_server *srv, const char *url, const char **type)
{
    const char *rel = url[0] == '/' ? url + 1 : url;
    const fm_embed_file *f;

    if (!*rel)
        rel = "index.html";
    if (!static_path_ok(rel))
        return NULL;
    *type = mime_type(rel);
    if (srv->web_dir)
        return static_from_disk(srv, rel);
    f = fm_embed_find(&fm_embed_web, rel);
    if (!f)
        return NULL;
    /* Embedded data has static lifetime: no copy. */
    return MHD_create_response_from_buffer(f->size, (void *)(uintptr_t)f->data,
                                           MHD_RESPMEM_PERSISTENT);
}
