/*
 * fuzz_ods.c - libFuzzer target for the OpenDocument reader: any bytes
 * (seeded with small .ods files, so that mutations reach libzip's and
 * expat's input) must be read or refused with a message, never crash, leak
 * or take long (repeated rows and cells are bounded), and a table read must
 * hold records on strictly increasing rows with NUL-free text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/ods.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const text[] = {"personnummer", "telefon", NULL};
    fm_csv_table *t = NULL;
    fm_err err = {0};
    fm_rc rc = fm_ods_read((const char *)data, size, "fuzz.ods", NULL, text, &t, &err);

    (void)fm_ods_is_ods((const char *)data, size);
    if (rc != FM_OK && rc != FM_EINVAL)
        abort();
    if (rc && (!err.msg[0] || t))
        abort(); /* a refusal says why and hands out nothing */
    for (size_t r = 0; t && r < t->nrecords; r++) {
        const fm_csv_record *rec = &t->records[r];
        if (rec->nfields == 0 || rec->line < 1 || (r > 0 && rec->line <= t->records[r - 1].line))
            abort();
        for (size_t f = 0; f < rec->nfields; f++)
            if (strlen(rec->fields[f].text) != rec->fields[f].len || rec->fields[f].bad_byte != -1)
                abort();
        if (rec->problem && rec->problem_field >= rec->nfields)
            abort();
    }
    fm_csv_table_free(t);
    return 0;
}
