/*
 * test_report_labels.c - the Swedish words for the report's codes
 * (src/report/report_labels.c): a word per list, unknown codes and kinds,
 * and that the web page's list (web/js/report_labels.js) says the same
 * words for the same codes in both directions, as the source asks.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

Test(report_labels, each_list_gives_its_swedish_word)
{
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_REASON, "to_work"), "Till arbete");
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_STATUS, "not_recorded"), "Inte registrerat");
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_ELIGIBILITY, "eu_familj"),
                     "Anhörig till EU-medborgare");
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_EXTENT, "75"), "51–75 %");
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_STAGE, "hired"), "Anställda");
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_MILESTONE, "12"), "12 månader");
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_SSYK, "5311"), "Barnskötare");
}

Test(report_labels, a_code_is_looked_up_in_its_own_list_only)
{
    /* "other" is a reason and a status with different words; "hired" is no reason. */
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_REASON, "other"), "Annan orsak");
    cr_assert_str_eq(fm_report_label_sv(FM_LABEL_STATUS, "other"), "Annat");
    cr_assert_null(fm_report_label_sv(FM_LABEL_REASON, "hired"));
}

Test(report_labels, unknown_codes_kinds_and_null_give_null)
{
    cr_assert_null(fm_report_label_sv(FM_LABEL_SSYK, "0000"));
    cr_assert_null(fm_report_label_sv(FM_LABEL_STAGE, "Hired"));
    cr_assert_null(fm_report_label_sv(FM_LABEL_STAGE, ""));
    cr_assert_null(fm_report_label_sv(FM_LABEL_STAGE, NULL));
    cr_assert_null(fm_report_label_sv((fm_label_kind)7, "to_work"));
    cr_assert_null(fm_report_label_sv((fm_label_kind)-1, "to_work"));
}

/* The kind named by a line "  <name>: {" of report_labels.js, or -1. */
static int js_kind(const char *line)
{
    static const char *const names[] = {"reason", "status", "milestone", "eligibility",
                                        "extent", "stage",  "ssyk"};
    static const fm_label_kind kinds[] = {FM_LABEL_REASON,      FM_LABEL_STATUS, FM_LABEL_MILESTONE,
                                          FM_LABEL_ELIGIBILITY, FM_LABEL_EXTENT, FM_LABEL_STAGE,
                                          FM_LABEL_SSYK};
    char name[32];
    if (sscanf(line, "  %31[a-z]: {", name) != 1 || line[2] == ' ')
        return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i]))
            return (int)kinds[i];
    return -1;
}

Test(report_labels, the_web_page_says_the_same_swedish_words)
{
    FILE *f = fopen(FM_SOURCE_DIR "/web/js/report_labels.js", "r");
    char line[256], code[32], sv[128];
    int kind = -1;
    size_t seen[7] = {0}, total = 0;
    cr_assert_not_null(f);
    while (fgets(line, sizeof line, f)) {
        int k = js_kind(line);
        if (k >= 0) {
            kind = k;
            continue;
        }
        if (!strncmp(line, "  },", 4))
            kind = -1;
        if (kind < 0 || sscanf(line, "    %31[a-z0-9_]: ['%127[^']'", code, sv) != 2)
            continue;
        const char *c = fm_report_label_sv((fm_label_kind)kind, code);
        cr_assert_not_null(c, "the page knows %s in list %d, the report does not", code, kind);
        cr_assert_str_eq(c, sv, "%s", code);
        seen[kind]++;
        total++;
    }
    fclose(f);
    /* and the other way: every list as long on the page as in C (counted by hand) */
    cr_assert_eq(seen[FM_LABEL_REASON], 20);
    cr_assert_eq(seen[FM_LABEL_STATUS], 6);
    cr_assert_eq(seen[FM_LABEL_ELIGIBILITY], 4);
    cr_assert_eq(seen[FM_LABEL_EXTENT], 4);
    cr_assert_eq(seen[FM_LABEL_STAGE], 7);
    cr_assert_eq(seen[FM_LABEL_MILESTONE], 3);
    cr_assert_eq(seen[FM_LABEL_SSYK], 18);
    cr_assert_eq(total, 62);
}
