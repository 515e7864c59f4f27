/*
 * fuzz_table.h - the invariants a workbook reader's answer must keep, for
 * fuzz_xlsx.c and fuzz_ods.c: FM_OK or FM_EINVAL only; a refusal says why
 * and hands out nothing; a table holds records on strictly increasing
 * rows, with NUL-free, decoded text and problems at fields that exist.
 * Aborts (a crash, to libFuzzer) on a broken one; frees the table.
 */
#ifndef FM_FUZZ_TABLE_H
#define FM_FUZZ_TABLE_H

#include <stdlib.h>
#include <string.h>

#include "fairmatch/csv.h"

static inline void fuzz_check_table(fm_rc rc, fm_csv_table *t, const fm_err *err)
{
    if (rc != FM_OK && rc != FM_EINVAL)
        abort();
    if (rc && (!err->msg[0] || t))
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
}

#endif
