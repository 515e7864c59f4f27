/*
 * fuzz_personnummer.c - libFuzzer target for fm_personnummer_parse: any
 * string must be classified without crashing, and whatever is accepted must
 * normalise to twelve digits that are themselves accepted with the same
 * result (the parser is idempotent on its own output).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/personnummer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[32], out[13], again[13];
    int ref_year = 2026;

    if (size >= sizeof in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    if (fm_personnummer_parse(in, ref_year, out) != FM_PNR_OK)
        return 0;
    if (strlen(out) != 12)
        abort();
    for (int i = 0; i < 12; i++)
        if (out[i] < '0' || out[i] > '9')
            abort();
    if (fm_personnummer_parse(out, ref_year, again) != FM_PNR_OK || strcmp(out, again) != 0)
        abort();
    if (!fm_luhn_valid(out + 2, 10))
        abort();
    return 0;
}
