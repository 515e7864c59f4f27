/*
 * report_labels.c - Swedish words for the report's codes in the CSV and
 * XLSX (end reasons, 90-day status, eligibility, extent, fair stages,
 * follow-ups, SSYK 2012 titles of the occupations in use). The web page
 * has its own Swedish and English list (web/js/report_labels.js); keep the
 * two alike. JSON keeps the codes.
 */
#include <stddef.h>
#include <string.h>

#include "report_internal.h"

typedef struct label {
    const char *code, *sv;
} label;

static const label reasons[] = {{"to_work", "Till arbete"},
                                {"to_studies", "Till studier"},
                                {"own_business", "Eget företag"},
                                {"completed", "Anställningen fullföljd"},
                                {"other_programme", "Annat arbetsmarknadsprogram"},
                                {"illness", "Sjukdom"},
                                {"other_authority", "Till annan myndighet"},
                                {"not_reachable", "Gick inte att nå"},
                                {"moved", "Flyttat"},
                                {"disability_pension", "Sjuk- eller aktivitetsersättning"},
                                {"parental_leave", "Föräldraledighet"},
                                {"change_provider", "Bytt anordnare"},
                                {"dissatisfied", "Missnöjd med anställningen"},
                                {"substance_abuse", "Missbruk"},
                                {"social_services", "Till socialtjänsten"},
                                {"not_target_group", "Tillhör inte målgruppen"},
                                {"temporary_end", "Tillfälligt avslut"},
                                {"prison_service", "Kriminalvård"},
                                {"other", "Annan orsak"},
                                {"unknown", "Orsak ej angiven"},
                                {NULL, NULL}};
static const label statuses[] = {
    {"work", "Arbete"}, {"studies", "Studier"}, {"unemployed", "Arbetslös"},
    {"other", "Annat"}, {"unknown", "Okänt"},   {"not_recorded", "Inte registrerat"},
    {NULL, NULL}};
static const label eligibilities[] = {{"jobb_och_utveckling", "Jobb- och utvecklingsgarantin"},
                                      {"etablering", "Etableringsprogrammet"},
                                      {"eu_familj", "Anhörig till EU-medborgare"},
                                      {"unknown", "Okänd behörighet"},
                                      {NULL, NULL}};
static const label extents[] = {{"50", "Upp till 50 %"},
                                {"75", "51–75 %"},
                                {"100", "76–100 %"},
                                {"unknown", "Omfattning okänd"},
                                {NULL, NULL}};
static const label stages[] = {{"invited", "Inbjudna"},        {"attended", "Kom till mässan"},
                               {"interviewed", "Intervjuade"}, {"offered", "Fick erbjudande"},
                               {"accepted", "Tackade ja"},     {"declined", "Tackade nej"},
                               {"hired", "Anställda"},         {NULL, NULL}};
static const label milestones[] = {
    {"3", "3 månader"}, {"6", "6 månader"}, {"12", "12 månader"}, {NULL, NULL}};
static const label ssyk[] = {{"3423", "Fritidsledare m.fl."},
                             {"4116", "Skolassistenter m.fl."},
                             {"4119", "Övriga kontorsassistenter och sekreterare"},
                             {"4222", "Kundtjänstpersonal"},
                             {"4410", "Biblioteks- och arkivassistenter m.fl."},
                             {"5311", "Barnskötare"},
                             {"5312", "Elevassistenter m.fl."},
                             {"5330", "Vårdbiträden"},
                             {"5342", "Vårdare, boendestödjare"},
                             {"5343", "Personliga assistenter"},
                             {"5349", "Övrig vård- och omsorgspersonal"},
                             {"6113", "Trädgårdsanläggare m.fl."},
                             {"9111", "Städare"},
                             {"9412", "Restaurang- och köksbiträden m.fl."},
                             {"9610", "Renhållnings- och återvinningsarbetare"},
                             {"9622", "Vaktmästare m.fl."},
                             {"9629", "Övriga servicearbetare"},
                             {"unknown", "Yrke okänt"},
                             {NULL, NULL}};

const char *fm_report_label_sv(fm_label_kind kind, const char *code)
{
    static const label *const lists[] = {reasons, statuses,   eligibilities, extents,
                                         stages,  milestones, ssyk};
    if ((size_t)kind >= sizeof lists / sizeof lists[0] || !code)
        return NULL;
    for (const label *l = lists[kind]; l->code; l++)
        if (!strcmp(l->code, code))
            return l->sv;
    return NULL;
}
