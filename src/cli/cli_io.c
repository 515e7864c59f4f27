/*
 * cli_io.c - whole-file reading and writing for the subcommands, and the
 * instance and solution files several of them load. Output files are written
 * to a temporary file beside the target and renamed into place, so a failed
 * or interrupted run never leaves half a file behind. Parsing the files is
 * the solver's (fairmatch/instance.h, fairmatch/check.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fairmatch/buf.h"
#include "fairmatch/check.h"
#include "fairmatch/instance.h"

fm_rc fm_cli_read_file(const char *path, char **out, size_t *len, fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    /* Far above the largest instance `gen` writes (100,000 seekers), far below
     * what would take the machine down. */
    fm_rc rc = fm_buf_read_file(&b, path, (size_t)1 << 30, err);

    *out = rc ? NULL : fm_buf_detach(&b, len);
    return rc;
}

fm_rc fm_cli_write_file(const char *path, const void *data, size_t len, fm_err *err)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    FILE *f = NULL;
    fm_rc rc = FM_OK;

    if (!tmp)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    f = fopen(tmp, "wb");
    if (!f) {
        rc = fm_err_set(err, FM_EIO, "%s: cannot write: %s", path, strerror(errno));
        goto done;
    }
    if (fwrite(data, 1, len, f) != len || fflush(f) != 0 || fsync(fileno(f)) != 0) {
        rc = fm_err_set(err, FM_EIO, "%s: cannot write: %s", path, strerror(errno));
        fclose(f);
        remove(tmp);
        goto done;
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        rc = fm_err_set(err, FM_EIO, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
    }
done:
    free(tmp);
    return rc;
}

int fm_cli_output(const char *cmd, const char *path, const void *data, size_t len)
{
    fm_err err = {0};

    if (path)
        return fm_cli_write_file(path, data, len, &err) ? fm_cli_fail(&err) : 0;
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "fairmatch: %s: writing to stdout failed\n", cmd);
        return 1;
    }
    return 0;
}

fm_rc fm_cli_load_instance(const char *path, fm_instance **out, fm_err *err)
{
    char *text = NULL;
    size_t len = 0;
    fm_rc rc;

    *out = NULL;
    rc = fm_cli_read_file(path, &text, &len, err);
    if (rc)
        goto done;
    rc = fm_instance_parse(text, len, path, out, err);
done:
    free(text);
    return rc;
}

fm_rc fm_cli_load_solution(const char *inst_path, const char *sol_path, fm_instance **inst,
                           fm_check_solution **sol, fm_err *err)
{
    char *text = NULL;
    size_t len = 0;
    fm_rc rc;

    *sol = NULL;
    rc = fm_cli_load_instance(inst_path, inst, err);
    if (rc)
        goto done;
    rc = fm_cli_read_file(sol_path, &text, &len, err);
    if (rc)
        goto done;
    rc = fm_check_read(text, len, sol_path, sol, err);
done:
    if (rc) {
        fm_instance_free(*inst);
        *inst = NULL;
    }
    free(text);
    return rc;
}
