// report.js - the steering group's monthly report page: fetches
// GET /api/reports/monthly (JSON of reports.md), draws the figures and four
// SVG charts with DOM APIs, and links the CSV and XLSX downloads; the
// departments' quotas (GET /api/quota) as a table under them. All text
// goes in through textContent; no HTML strings, no inline script (CSP).

import { quotaTable } from './quota.js';

const SVGNS = 'http://www.w3.org/2000/svg';

const T = {
  sv: {
    title: 'Månadsrapport – extratjänster', back: '← fairmatch', month: 'Månad', show: 'Visa',
    csv: 'Hämta CSV', xlsx: 'Hämta Excel', print: 'Skriv ut', lang: 'English',
    heading: 'Extratjänster – månadsrapport till styrgruppen',
    protected: 'Små antal skyddas: 1–4 visas som ”<5”, andelar visas för grupper om minst 10, och celler som kan räknas fram ur en summa döljs (–).',
    chartCum: 'Anställda totalt mot målet', chartMonth: 'Anställda per månad',
    chartWomen: 'Andel kvinnor bland anställda mot målgruppen', chartDept: 'Förvaltningar mot kvot',
    gender: 'Kön', departments: 'Förvaltningar', trend: 'Månad för månad', ended: 'Avslutade anställningar',
    hiresMonth: 'Anställda i månaden', hiresCum: 'Anställda totalt', goal: 'Mål', shareGoal: 'Andel av målet',
    monthsLeft: 'Månader kvar', needed: 'Behövs per månad', woman: 'Kvinnor', man: 'Män', other: 'Annat',
    womenShare: 'Andel kvinnor', pool: 'Målgruppen', thisMonth: 'Månaden', cumulative: 'Totalt',
    id: 'Id', name: 'Förvaltning', employees: 'Anställda', quota: 'Kvot', hiredMonth: 'I månaden',
    hiredCum: 'Totalt', shareQuota: 'Andel av kvot', reason: 'Orsak', count: 'Antal', total: 'Totalt',
    loading: 'Hämtar…', failed: 'Rapporten kunde inte hämtas', noData: 'Inga månader ännu',
    goalLine: 'mål', poolLine: 'målgruppen', hires: 'anställda',
    quotaHeading: 'Förvaltningarnas kvoter',
    quotaHint: 'Kvoten är förvaltningens del av målet efter storlek. Tillsatta räknas från programmets start till månadens sista dag.',
    quotaCaption: 'Kvoter och tillsatta extratjänster till och med {month}', quotaFailed: 'Kvoterna kunde inte hämtas',
    q_dept: 'Förvaltning', q_employees: 'Anställda (personal)', q_quota: 'Kvot', q_hired: 'Tillsatta',
    q_remaining: 'Kvar till kvoten', q_share: 'Andel av kvoten', q_over: '{n} över kvoten', q_met: 'kvoten nådd',
    people: 'Personer anställda (en förlängning är ingen anställning)', outcomes: 'Utfall efter avslut, från programmets start',
    o_group: 'Grupp', o_key: 'Värde', o_ended: 'Avslutade', o_people: 'Personer', o_to_work: 'Till arbete',
    o_to_studies: 'Till studier', o_own_business: 'Eget företag', o_planned_end: 'Planerat slut',
    o_interruption: 'Avbrott', o_no_reason: 'Orsak saknas', o_share: 'Andel lyckade', o_days: 'Dagar per person',
  },
  en: {
    title: 'Monthly report – extra jobs', back: '← fairmatch', month: 'Month', show: 'Show',
    csv: 'Download CSV', xlsx: 'Download Excel', print: 'Print', lang: 'Svenska',
    heading: 'Extra jobs – monthly report to the steering group',
    protected: 'Small counts are protected: 1–4 read “<5”, shares need a group of 10, and cells that a total would give back are hidden (–).',
    chartCum: 'Cumulative hires against the goal', chartMonth: 'Hires per month',
    chartWomen: "Women's share of hires against the pool", chartDept: 'Departments against quota',
    gender: 'Gender', departments: 'Departments', trend: 'Month by month', ended: 'Employments ended',
    hiresMonth: 'Hires this month', hiresCum: 'Hires since start', goal: 'Goal', shareGoal: 'Share of goal',
    monthsLeft: 'Months left', needed: 'Needed per month', woman: 'Women', man: 'Men', other: 'Other',
    womenShare: "Women's share", pool: 'Pool', thisMonth: 'Month', cumulative: 'Cumulative',
    id: 'Id', name: 'Department', employees: 'Employees', quota: 'Quota', hiredMonth: 'Month',
    hiredCum: 'Cumulative', shareQuota: 'Share of quota', reason: 'Reason', count: 'Count', total: 'Total',
    loading: 'Loading…', failed: 'The report could not be loaded', noData: 'No months yet',
    goalLine: 'goal', poolLine: 'pool', hires: 'hires',
    quotaHeading: "Departments' quotas",
    quotaHint: "The quota is the department's part of the goal by size. Filled counts from the programme start to the month's last day.",
    quotaCaption: 'Quotas and extra jobs filled up to {month}', quotaFailed: 'The quotas could not be loaded',
    q_dept: 'Department', q_employees: 'Employees (staff)', q_quota: 'Quota', q_hired: 'Filled',
    q_remaining: 'Left to quota', q_share: 'Share of quota', q_over: '{n} over quota', q_met: 'quota met',
    people: 'People hired (an extension is no hire)', outcomes: 'Outcomes of ended employments, since the programme start',
    o_group: 'Group', o_key: 'Value', o_ended: 'Ended', o_people: 'People', o_to_work: 'To work',
    o_to_studies: 'To studies', o_own_business: 'Own business', o_planned_end: 'Planned end',
    o_interruption: 'Interruption', o_no_reason: 'No reason', o_share: 'Share successful', o_days: 'Days per person',
  },
};

/* The app keeps the language in 'fm.lang' (i18n.js); older pages wrote 'fm-lang'. */
let lang = (localStorage.getItem('fm.lang') || localStorage.getItem('fm-lang')) === 'en' ? 'en' : 'sv';
let last = null;
let lastQuota = null;

const $ = (id) => document.getElementById(id);
const t = (k) => T[lang][k] ?? k;
const tv = (k, vars) => t(k).replace(/\{(\w+)\}/g, (m, n) => (vars && n in vars ? String(vars[n]) : m));

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = String(text);
  return e;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = String(text);
  return e;
}

// A count: a number, "<5" (protected) or null (hidden to protect another cell).
function fmtCount(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  return v.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
}

function fmtShare(v) {
  if (v === null || v === undefined) return '–';
  return (v * 100).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB',
    { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' %';
}

function fmtNumber(v) {
  if (v === null || v === undefined) return '–';
  return v.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
}

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

function applyI18n() {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  $('rp-lang').textContent = t('lang');
}

function table(head, rows, numericFrom = 1) {
  const tb = el('table');
  const tr = el('tr');
  head.forEach((h, i) => tr.append(el('th', i >= numericFrom ? { class: 'num', scope: 'col' } : { scope: 'col' }, h)));
  const thead = el('thead');
  thead.append(tr);
  tb.append(thead);
  const body = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    r.forEach((c, i) => row.append(el(i === 0 ? 'th' : 'td', i >= numericFrom ? { class: 'num' } : (i === 0 ? { scope: 'row' } : {}), c)));
    body.append(row);
  }
  tb.append(body);
  return tb;
}

function card(label, value) {
  const d = el('div', { class: 'rp-card' });
  d.append(el('div', { class: 'rp-card-value' }, value), el('div', { class: 'rp-card-label' }, label));
  return d;
}

// A line or bar chart over months. series: [{values, cls, label, bars}], lines: [{y, cls, label}].
function chart(host, months, series, lines = [], opts = {}) {
  const W = 560, H = 220, L = 44, R = 12, TOP = 12, B = 34;
  const all = series.flatMap((s) => s.values.filter(isNum)).concat(lines.map((l) => l.y).filter(isNum));
  const max = opts.max ?? Math.max(1, ...all);
  const x = (i) => L + (months.length <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (months.length - 1));
  const y = (v) => TOP + (H - TOP - B) * (1 - v / max);
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'rp-chart' });
  s.append(svg('title', {}, opts.title ?? ''));
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    s.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }));
    s.append(svg('text', { x: L - 4, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, opts.pct ? `${Math.round(v * 100)}%` : Math.round(v)));
  }
  const step = Math.max(1, Math.ceil(months.length / 8));
  months.forEach((m, i) => {
    if (i % step === 0) s.append(svg('text', { x: x(i), y: H - B + 16, class: 'axis', 'text-anchor': 'middle' }, m));
  });
  for (const sr of series) {
    if (sr.bars) {
      const bw = Math.max(2, ((W - L - R) / Math.max(1, months.length)) * 0.6);
      sr.values.forEach((v, i) => {
        if (!isNum(v)) return;
        const r = svg('rect', { x: x(i) - bw / 2, y: y(v), width: bw, height: y(0) - y(v), class: sr.cls });
        r.append(svg('title', {}, `${months[i]}: ${fmtCount(v)}`));
        s.append(r);
      });
      continue;
    }
    let d = '';
    sr.values.forEach((v, i) => { if (isNum(v)) d += `${d ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`; });
    if (d) s.append(svg('path', { d, class: sr.cls }));
  }
  for (const l of lines) {
    if (!isNum(l.y)) continue;
    s.append(svg('line', { x1: L, x2: W - R, y1: y(l.y), y2: y(l.y), class: l.cls }));
    s.append(svg('text', { x: W - R, y: y(l.y) - 4, class: 'axis', 'text-anchor': 'end' }, l.label));
  }
  host.replaceChildren(s);
}

function deptChart(host, deps) {
  const rowH = 22, L = 70, W = 560, R = 80;
  const H = Math.max(40, deps.length * rowH + 10);
  const max = Math.max(1, ...deps.map((d) => Math.max(d.quota, isNum(d.hires_cumulative) ? d.hires_cumulative : 0)));
  const sx = (v) => L + ((W - L - R) * v) / max;
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'rp-chart' });
  s.append(svg('title', {}, t('chartDept')));
  deps.forEach((d, i) => {
    const y0 = 5 + i * rowH;
    s.append(svg('text', { x: L - 6, y: y0 + 14, class: 'axis', 'text-anchor': 'end' }, d.id));
    s.append(svg('rect', { x: L, y: y0 + 2, width: sx(d.quota) - L, height: rowH - 6, class: 'quota' }));
    if (isNum(d.hires_cumulative)) {
      const r = svg('rect', { x: L, y: y0 + 6, width: sx(d.hires_cumulative) - L, height: rowH - 14, class: 'hired' });
      r.append(svg('title', {}, `${d.name}: ${fmtCount(d.hires_cumulative)} / ${d.quota}`));
      s.append(r);
    }
    s.append(svg('text', { x: W - R + 4, y: y0 + 14, class: 'axis' }, `${fmtCount(d.hires_cumulative)}/${d.quota}`));
  });
  host.replaceChildren(s);
}

function render(r) {
  $('rp-title-month').textContent = r.month;
  $('rp-protected').hidden = r.protection !== 'steering';
  const h = r.hires;
  $('rp-cards').replaceChildren(
    card(t('hiresMonth'), fmtCount(h.month)), card(t('hiresCum'), fmtCount(h.cumulative)),
    card(t('goal'), fmtCount(h.goal)), card(t('shareGoal'), fmtShare(h.share_of_goal)),
    card(t('monthsLeft'), fmtCount(h.months_left)), card(t('needed'), fmtNumber(h.needed_per_month)),
    card(t('womenShare'), fmtShare(r.gender.month.women_share)), card(t('pool'), fmtShare(r.gender.pool_women_share)));

  const months = r.trend.map((m) => m.month);
  let run = 0;
  const cum = r.trend.map((m) => (run !== null && isNum(m.hires) ? (run += m.hires) : (run = null)));
  chart($('rp-chart-cum'), months, [{ values: cum, cls: 'line1' }],
    [{ y: r.programme.goal, cls: 'goal', label: t('goalLine') }], { title: t('chartCum'), max: Math.max(r.programme.goal, ...cum.filter(isNum), 1) });
  chart($('rp-chart-month'), months, [{ values: r.trend.map((m) => m.hires), cls: 'bar', bars: true }], [], { title: t('chartMonth') });
  chart($('rp-chart-women'), months, [{ values: r.trend.map((m) => m.women_share), cls: 'line2' }],
    [{ y: r.gender.pool_women_share, cls: 'pool', label: t('poolLine') }], { title: t('chartWomen'), max: 1, pct: true });
  deptChart($('rp-chart-dept'), r.departments);

  const g = r.gender;
  $('rp-gender').replaceChildren(table(['', t('woman'), t('man'), t('other'), t('womenShare')], [
    [t('thisMonth'), fmtCount(g.month.woman), fmtCount(g.month.man), fmtCount(g.month.other), fmtShare(g.month.women_share)],
    [t('cumulative'), fmtCount(g.cumulative.woman), fmtCount(g.cumulative.man), fmtCount(g.cumulative.other), fmtShare(g.cumulative.women_share)],
    [t('pool'), '', '', '', fmtShare(g.pool_women_share)]]));
  $('rp-departments').replaceChildren(table(
    [t('id'), t('name'), t('employees'), t('quota'), t('hiredMonth'), t('hiredCum'), t('shareQuota'), t('womenShare')],
    r.departments.map((d) => [d.id, d.name, fmtCount(d.employees), fmtCount(d.quota), fmtCount(d.hires_month),
      fmtCount(d.hires_cumulative), fmtShare(d.share_of_quota), fmtShare(d.women_share)]), 2));
  $('rp-trend').replaceChildren(r.trend.length ? table(
    [t('month'), t('hires'), t('woman'), t('man'), t('other'), t('womenShare')],
    r.trend.map((m) => [m.month, fmtCount(m.hires), fmtCount(m.woman), fmtCount(m.man), fmtCount(m.other), fmtShare(m.women_share)])) : el('p', {}, t('noData')));
  $('rp-ended').replaceChildren(table([t('reason'), t('count')],
    Object.entries(r.ended.by_reason).map(([k, v]) => [k, fmtCount(v)]).concat([[t('total'), fmtCount(r.ended.month)]])));
  const p = r.hires_people;
  if (p) {
    $('rp-people').replaceChildren(table(['', t('woman'), t('man'), t('other'), t('total')], [
      [t('thisMonth'), fmtCount(p.month.woman), fmtCount(p.month.man), fmtCount(p.month.other), fmtCount(p.month.total)],
      [t('cumulative'), fmtCount(p.cumulative.woman), fmtCount(p.cumulative.man), fmtCount(p.cumulative.other), fmtCount(p.cumulative.total)]]));
  }
  const o = r.outcomes;
  if (o) {
    const cols = ['ended', 'people', 'to_work', 'to_studies', 'own_business', 'planned_end', 'interruption', 'no_reason'];
    $('rp-outcomes').replaceChildren(table(
      [t('o_group'), t('o_key'), ...cols.map((c) => t(`o_${c}`)), t('o_share'), t('o_days')],
      o.rows.map((x) => [x.group, x.key, ...cols.map((c) => fmtCount(x[c])), fmtShare(x.share_successful), fmtNumber(x.days_per_person)]), 2));
  }
}

// The quota listing for the month: {month, items} or {month, error}.
function renderQuota(q) {
  const host = $('rp-quota');
  if (!q) return;
  if (q.error) {
    host.replaceChildren(el('p', { class: 'rp-error', role: 'alert' }, `${t('quotaFailed')} (${q.error})`));
    return;
  }
  const wrap = el('div', { class: 'rp-scroll' });
  wrap.append(quotaTable(q.items, {
    id: 'rp-quota-table',
    locale: lang === 'sv' ? 'sv-SE' : 'en-GB',
    caption: tv('quotaCaption', { month: q.month }),
    label: (k, vars) => tv(`q_${k}`, vars),
  }));
  host.replaceChildren(wrap);
}

let quotaSeq = 0;

async function loadQuota(month) {
  const seq = ++quotaSeq;
  let q;
  try {
    const res = await fetch(`/api/quota?month=${encodeURIComponent(month)}`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) {
      let msg = `${res.status}`;
      try { const body = await res.json(); if (body && body.error) msg += `: ${body.error}`; } catch { /* not JSON */ }
      throw new Error(msg);
    }
    q = { month, items: await res.json() };
  } catch (e) {
    q = { month, error: e.message };
  }
  if (seq !== quotaSeq) return; /* a later month was asked for meanwhile */
  lastQuota = q;
  renderQuota(lastQuota);
}

function links(month) {
  const q = encodeURIComponent(month);
  $('rp-csv').href = `/api/reports/monthly?month=${q}&format=csv`;
  $('rp-xlsx').href = `/api/reports/monthly?month=${q}&format=xlsx`;
}

async function load(month) {
  links(month);
  const quotaDone = loadQuota(month);
  $('rp-status').textContent = t('loading');
  try {
    const res = await fetch(`/api/reports/monthly?month=${encodeURIComponent(month)}&format=json`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) {
      let msg = `${res.status}`;
      try { const body = await res.json(); if (body && body.error) msg += `: ${body.error}`; } catch { /* not JSON */ }
      throw new Error(msg);
    }
    last = await res.json();
    render(last);
    $('rp-status').textContent = '';
    history.replaceState(null, '', `?month=${encodeURIComponent(month)}`);
  } catch (e) {
    $('rp-status').textContent = `${t('failed')} (${e.message})`;
  }
  await quotaDone;
}

async function init() {
  const param = new URLSearchParams(location.search).get('month');
  const now = new Date();
  const month = /^\d{4}-\d{2}$/.test(param ?? '') ? param
    : `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  $('rp-month').value = month;
  applyI18n();
  $('rp-form').addEventListener('submit', (ev) => { ev.preventDefault(); if ($('rp-month').value) load($('rp-month').value); });
  $('rp-print').addEventListener('click', () => window.print());
  $('rp-lang').addEventListener('click', () => {
    lang = lang === 'sv' ? 'en' : 'sv';
    localStorage.setItem('fm-lang', lang);
    try { localStorage.setItem('fm.lang', lang); } catch { /* private mode */ }
    applyI18n();
    if (last) render(last);
    renderQuota(lastQuota);
  });
  await load(month);
  /* After the programme has ended the steering group wants its last month,
     not an empty "this month": open on the end month unless one was asked. */
  const end = last && last.programme && last.programme.end ? last.programme.end.slice(0, 7) : '';
  if (!param && end && month > end) {
    $('rp-month').value = end;
    await load(end);
  }
}

init();
