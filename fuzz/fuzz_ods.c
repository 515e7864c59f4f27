/*
 * fuzz_ods.c - libFuzzer target for the OpenDocument reader: any bytes
 * (seeded with small .ods files, two of them stored so that mutations
 * reach content.xml) must be told apart by fm_ods_is_ods and read or
 * refused with a message, never crash, leak or take long (repeated rows
 * and cells are bounded), and a table read must keep the invariants of
 * fuzz_table.h.
 */
#include <stddef.h>
#include <stdint.h>

#include "fairmatch/ods.h"
#include "fuzz_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const text[] = {"personnummer", "telefon", NULL};
    fm_csv_table *t = NULL;
    fm_err err = {0};
    fm_rc rc;

    (void)fm_ods_is_ods((const char *)data, size);
    rc = fm_ods_read((const char *)data, size, "fuzz.ods", NULL, text, &t, &err);
    fuzz_check_table(rc, t, &err);
    return 0;
}
