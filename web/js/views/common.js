// views/common.js - pieces several fair pages share: the fair's tab bar,
// loading the schedule, labels for periods and tables, and the index of
// interviews by cell and by seeker that the timetable's clash check uses.

import { h } from '../dom.js';
import { get, seg } from '../api.js';
import { t } from '../i18n.js';
import { href } from '../ui.js';

const TABS = [
  { key: 'plan', path: [], roles: ['organiser'] },
  { key: 'invite', path: ['invite'], roles: ['organiser'] },
  { key: 'timetable', path: ['timetable'], roles: ['organiser', 'manager'] },
  { key: 'day', path: ['day'], roles: ['organiser'] },
  { key: 'outcomes', path: ['outcomes'], roles: ['organiser', 'manager'] },
  { key: 'print', path: ['print'], roles: ['organiser', 'manager'] },
];

/** The heading and tab bar of a fair page. */
export function fairHeader(ctx, fair, active) {
  const tabs = TABS.filter((tb) => tb.roles.includes(ctx.me.role));
  return [
    h(
      'nav',
      { class: 'tabs no-print', 'aria-label': t('fair.tabs') },
      h(
        'ul',
        null,
        tabs.map((tb) =>
          h(
            'li',
            null,
            h(
              'a',
              { href: href('fairs', fair.id, ...tb.path), 'aria-current': tb.key === active ? 'page' : null },
              t(`tab.${tb.key}`),
            ),
          ),
        ),
      ),
    ),
    h(
      'h1',
      { tabindex: '-1' },
      `${t(`tab.${active}`)}: ${fair.name || fair.id}`,
      h('span', { class: 'sub' }, ` ${[fair.date, fair.place].filter(Boolean).join(' · ')}`),
    ),
  ];
}

export async function loadSchedule(fairId) {
  return get(`/fairs/${seg(fairId)}/schedule`);
}

export function periodLabel(sched, p) {
  if (p === null || p === undefined) return t('tt.unplaced');
  const per = sched.periods.find((x) => x.index === p);
  return per ? `${per.start}–${per.end}` : String(p);
}

export function tableLabel(deptId, table) {
  if (table === null || table === undefined) return deptId;
  return `${deptId} ${t('tt.table')} ${table}`;
}

/** Columns of the grid: one per department table, in the schedule's order. */
export function columns(sched) {
  const cols = [];
  for (const d of sched.departments) {
    for (let tb = 1; tb <= d.tables; tb += 1) cols.push({ dept: d.id, name: d.name, table: tb });
  }
  return cols;
}

/** Index interviews by "period|dept|table" and by seeker. */
export function indexInterviews(interviews) {
  const byCell = new Map();
  const bySeeker = new Map();
  for (const iv of interviews) {
    byCell.set(`${iv.period}|${iv.department_id}|${iv.table}`, iv);
    if (!bySeeker.has(iv.seeker_id)) bySeeker.set(iv.seeker_id, []);
    bySeeker.get(iv.seeker_id).push(iv);
  }
  return { byCell, bySeeker };
}

/**
 * The clashes a move would obviously cause, found without the server:
 * returns a list of translated messages (empty when none is visible here).
 * The server checks the rest (availability, minimum gap) and has the last word.
 */
export function moveConflicts(sched, idx, iv, period, table) {
  const out = [];
  if (iv.held || iv.outcome) out.push(t('tt.cHeld'));
  if (period === iv.period && table === iv.table) out.push(t('tt.cSame'));
  const dept = sched.departments.find((d) => d.id === iv.department_id);
  if (period < 0 || period >= sched.periods.length) out.push(t('tt.cPeriod'));
  if (!dept || table < 1 || table > dept.tables) out.push(t('tt.cTable'));
  const other = idx.byCell.get(`${period}|${iv.department_id}|${table}`);
  if (other && other.id !== iv.id) {
    out.push(t('tt.cTaken', { table: tableLabel(iv.department_id, table), who: other.seeker_name || other.seeker_id }));
  }
  for (const x of idx.bySeeker.get(iv.seeker_id) || []) {
    if (x.id !== iv.id && x.period === period) {
      out.push(t('tt.cSeeker', { who: iv.seeker_name || iv.seeker_id, table: tableLabel(x.department_id, x.table) }));
    }
  }
  return out;
}

export function attendanceText(a) {
  return t(`att.${a || 'invited'}`);
}

export function outcomeText(o) {
  return o ? t(`out.${o}`) : t('out.none');
}
