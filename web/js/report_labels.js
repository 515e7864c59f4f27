// report_labels.js - words for the report's codes, in Swedish and English:
// end reasons, 90-day status, eligibility, extent, fair pipeline stages,
// follow-up milestones and the SSYK 2012 titles of the occupations in use.
// A code without a label is shown as the code itself.

const L = {
  reason: {
    to_work: ['Till arbete', 'To work'],
    to_studies: ['Till studier', 'To studies'],
    own_business: ['Eget företag', 'Own business'],
    completed: ['Anställningen fullföljd', 'Employment completed'],
    other_programme: ['Annat arbetsmarknadsprogram', 'Other labour-market programme'],
    illness: ['Sjukdom', 'Illness'],
    other_authority: ['Till annan myndighet', 'To another authority'],
    not_reachable: ['Gick inte att nå', 'Could not be reached'],
    moved: ['Flyttat', 'Moved away'],
    disability_pension: ['Sjuk- eller aktivitetsersättning', 'Disability pension'],
    parental_leave: ['Föräldraledighet', 'Parental leave'],
    change_provider: ['Bytt anordnare', 'Changed provider'],
    dissatisfied: ['Missnöjd med anställningen', 'Dissatisfied with the job'],
    substance_abuse: ['Missbruk', 'Substance abuse'],
    social_services: ['Till socialtjänsten', 'To social services'],
    not_target_group: ['Tillhör inte målgruppen', 'Not in the target group'],
    temporary_end: ['Tillfälligt avslut', 'Temporary end'],
    prison_service: ['Kriminalvård', 'Prison and probation service'],
    other: ['Annan orsak', 'Other reason'],
    unknown: ['Orsak ej angiven', 'Reason not given'],
  },
  status: {
    work: ['Arbete', 'Work'],
    studies: ['Studier', 'Studies'],
    unemployed: ['Arbetslös', 'Unemployed'],
    other: ['Annat', 'Other'],
    unknown: ['Okänt', 'Unknown'],
    not_recorded: ['Inte registrerat', 'Not recorded'],
  },
  eligibility: {
    jobb_och_utveckling: ['Jobb- och utvecklingsgarantin', 'Job and development guarantee'],
    etablering: ['Etableringsprogrammet', 'Introduction programme for new arrivals'],
    eu_familj: ['Anhörig till EU-medborgare', 'Family of an EU citizen'],
    unknown: ['Okänd behörighet', 'Eligibility not known'],
  },
  extent: {
    50: ['Upp till 50 %', 'Up to 50%'],
    75: ['51–75 %', '51–75%'],
    100: ['76–100 %', '76–100%'],
    unknown: ['Omfattning okänd', 'Extent not known'],
  },
  stage: {
    invited: ['Inbjudna', 'Invited'],
    attended: ['Kom till mässan', 'Attended'],
    interviewed: ['Intervjuade', 'Interviewed'],
    offered: ['Fick erbjudande', 'Offered'],
    accepted: ['Tackade ja', 'Accepted'],
    declined: ['Tackade nej', 'Declined'],
    hired: ['Anställda', 'Hired'],
  },
  milestone: {
    3: ['3 månader', '3 months'],
    6: ['6 månader', '6 months'],
    12: ['12 månader', '12 months'],
  },
  // SSYK 2012 unit groups (SCB), short titles.
  ssyk: {
    3423: ['Fritidsledare m.fl.', 'Youth and leisure leaders'],
    4116: ['Skolassistenter m.fl.', 'School assistants'],
    4119: ['Övriga kontorsassistenter och sekreterare', 'Other office assistants and secretaries'],
    4222: ['Kundtjänstpersonal', 'Customer service staff'],
    4410: ['Biblioteks- och arkivassistenter m.fl.', 'Library and archive assistants'],
    5311: ['Barnskötare', 'Child carers'],
    5312: ['Elevassistenter m.fl.', 'Pupil assistants'],
    5330: ['Vårdbiträden', 'Care aides'],
    5342: ['Vårdare, boendestödjare', 'Carers and housing support workers'],
    5343: ['Personliga assistenter', 'Personal assistants'],
    5349: ['Övrig vård- och omsorgspersonal', 'Other care staff'],
    6113: ['Trädgårdsanläggare m.fl.', 'Landscape gardeners'],
    9111: ['Städare', 'Cleaners'],
    9412: ['Restaurang- och köksbiträden m.fl.', 'Restaurant and kitchen helpers'],
    9610: ['Renhållnings- och återvinningsarbetare', 'Refuse and recycling workers'],
    9622: ['Vaktmästare m.fl.', 'Caretakers'],
    9629: ['Övriga servicearbetare', 'Other service workers'],
    unknown: ['Yrke okänt', 'Occupation not known'],
  },
};

/* The label of code in kind ('reason', 'status', ...), language 'sv' or 'en'. */
export function label(kind, code, lang) {
  const e = L[kind] && L[kind][code];
  if (!e) return String(code);
  const text = e[lang === 'en' ? 1 : 0];
  return kind === 'ssyk' && code !== 'unknown' ? `${code} ${text}` : text;
}

/* Every code a kind knows (tests check that each has both languages). */
export function codes(kind) {
  return Object.keys(L[kind] || {});
}
