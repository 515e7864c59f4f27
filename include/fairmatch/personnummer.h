/*
 * fairmatch/personnummer.h - Swedish personal identity numbers
 * (personnummer) and co-ordination numbers (samordningsnummer, day + 60):
 * parsing the forms people type, the Luhn check, normalisation.
 *
 * Pure: no I/O, no allocation, no locale. Thread-safe.
 */
#ifndef FAIRMATCH_PERSONNUMMER_H
#define FAIRMATCH_PERSONNUMMER_H

#include <stdbool.h>

/* Why a string is not a personal number. */
typedef enum fm_pnr_status {
    FM_PNR_OK = 0,
    FM_PNR_FORMAT, /* not YYYYMMDD-NNNC, YYMMDD-NNNC (with -, + or nothing) */
    FM_PNR_DATE,   /* the birth date (day - 60 for co-ordination numbers) does not exist */
    FM_PNR_LUHN    /* the check digit is wrong */
} fm_pnr_status;

/*
 * Parse s: 12 digits (YYYYMMDDNNNC) or 10 digits (YYMMDDNNNC), optionally
 * with '-' or '+' before the last four digits; no other characters, no
 * spaces (callers trim). A 10-digit form gets its century from ref_year (the
 * current year): '-' or no separator means the most recent year YY not after
 * ref_year, '+' one hundred years earlier. The Luhn check covers the ten
 * digits YYMMDDNNNC.
 * OUT: out (at least 13 bytes; may be NULL) receives the normalised
 * "YYYYMMDDNNNC" on success and is untouched otherwise.
 * Returns FM_PNR_OK or the first reason s is not valid.
 */
fm_pnr_status fm_personnummer_parse(const char *s, int ref_year, char *out);

/* A short English phrase for status ("wrong check digit", ...). Static string. */
const char *fm_pnr_status_str(fm_pnr_status status);

/* The Luhn check over n ASCII digits (false if any is not a digit). */
bool fm_luhn_valid(const char *digits, int n);

#endif
