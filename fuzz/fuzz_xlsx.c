/*
 * fuzz_xlsx.c - libFuzzer target for the workbook reader: any bytes (seeded
 * with small workbooks, so that mutations reach libzip's and expat's input)
 * must be read or refused with a message, never crash or leak, and a table
 * read must keep the invariants of fuzz_table.h.
 */
#include <stddef.h>
#include <stdint.h>

#include "fairmatch/xlsx.h"
#include "fuzz_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const text[] = {"personnummer", "telefon", NULL};
    fm_csv_table *t = NULL;
    fm_err err = {0};
    fm_rc rc = fm_xlsx_read((const char *)data, size, "fuzz.xlsx", NULL, text, &t, &err);

    fuzz_check_table(rc, t, &err);
    return 0;
}
