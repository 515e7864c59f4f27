/*
 * fuzz_csv.c - libFuzzer target for the CSV reader and the importer: any
 * bytes must parse without crashing or leaking, every field must come out
 * as valid NUL-terminated text, and an import of them into an in-memory
 * database must either succeed or fail cleanly. The first input byte picks
 * the import kind so that every kind's checks are reached.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/csv.h"
#include "fairmatch/import.h"
#include "fairmatch/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fm_store *db;

static void check_table(const fm_csv_table *t)
{
    for (size_t r = 0; r < t->nrecords; r++) {
        const fm_csv_record *rec = &t->records[r];
        if (rec->nfields == 0 || rec->line < 1)
            abort();
        if (r > 0 && rec->line <= t->records[r - 1].line)
            abort(); /* records start on strictly increasing lines */
        for (size_t f = 0; f < rec->nfields; f++)
            if (strlen(rec->fields[f].text) != rec->fields[f].len)
                abort(); /* no NUL may survive decoding */
    }
}

static fm_rc seed(void)
{
    static const char departments[] = "id,name,employees\nUBF,Utbildning,100\n";
    static const char fairs[] = "id,date,start,period_minutes,periods\nF1,2018-03-14,09:00,15,16\n";
    static const char seekers[] = "id,first_name,last_name,gender\nS1,A,B,k\n";
    fm_err err = {0};
    fm_rc rc = fm_store_open(":memory:", &db, &err);
    if (!rc)
        rc = fm_import_buffer(db, FM_IMPORT_DEPARTMENTS, "d", departments, sizeof departments - 1,
                              "fuzz", NULL, NULL, NULL, &err);
    if (!rc)
        rc = fm_import_buffer(db, FM_IMPORT_FAIRS, "f", fairs, sizeof fairs - 1, "fuzz", NULL, NULL,
                              NULL, &err);
    if (!rc)
        rc = fm_import_buffer(db, FM_IMPORT_SEEKERS, "s", seekers, sizeof seekers - 1, "fuzz", NULL,
                              NULL, NULL, &err);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fm_csv_table *t = NULL;
    fm_import_stats st;
    fm_err err = {0};
    fm_rc rc;

    if (!db && seed())
        abort();
    if (fm_csv_parse((const char *)data, size, &t, &err) == FM_OK)
        check_table(t);
    fm_csv_table_free(t);
    if (size == 0)
        return 0;
    /* Import inside a transaction that is rolled back, so runs stay independent. */
    if (fm_store_begin(db, &err))
        abort();
    rc = fm_import_buffer(db, (fm_import_kind)(data[0] % 5), "fuzz.csv", (const char *)data + 1,
                          size - 1, "fuzz", &st, NULL, NULL, &err);
    if (rc != FM_OK && rc != FM_EINVAL)
        abort(); /* only bad input may fail: never the database */
    /* A refusal always says why: row problems, or one whole-file message
     * (a workbook given instead of its CSV). */
    if (rc == FM_EINVAL && st.problems == 0 && !err.msg[0])
        abort();
    fm_store_rollback(db);
    return 0;
}
