// views/replan.js - re-planning the rest of the fair day (fair-day page):
// the organiser picks the period to re-plan from, reads what would change
// (who moves from when to when, who gains or loses an interview, per
// department) and saves it or not; the last saved change list stays on the
// page to print or download, to tell the people concerned.

import { h, clear } from '../dom.js';
import { get, post, seg } from '../api.js';
import { t } from '../i18n.js';
import { announce, busy, go } from '../ui.js';
import { periodLabel, tableLabel } from './common.js';

/** The period running now when the fair is today, else 0. */
function currentPeriod(sched) {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  if (sched.fair.date !== today) return 0;
  const hm = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
  let cur = 0;
  for (const p of sched.periods) if (p.start <= hm) cur = p.index;
  return cur;
}

function slot(sched, ch, which) {
  const p = ch[`${which}_period`];
  if (p === null || p === undefined) return '–';
  return `${periodLabel(sched, p)}, ${tableLabel(ch.department_id, ch[`${which}_table`])}`;
}

/** One table per department: who, which position, what changes, before and after. */
function changeTables(sched, list, idPrefix) {
  const byDept = new Map();
  for (const ch of list.changes) {
    if (!byDept.has(ch.department_id)) byDept.set(ch.department_id, []);
    byDept.get(ch.department_id).push(ch);
  }
  const names = new Map((sched.departments || []).map((d) => [d.id, d.name]));
  return [...byDept.entries()].map(([dept, rows], i) =>
    h(
      'section',
      { class: 'change-dept', 'aria-labelledby': `${idPrefix}-d${i}` },
      h('h3', { id: `${idPrefix}-d${i}` }, names.get(dept) ? `${names.get(dept)} (${dept})` : dept),
      h(
        'div',
        { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': `${idPrefix}-d${i}` },
        h(
          'table',
          { class: 'print-table changes' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, t('rp.seeker')),
              h('th', { scope: 'col' }, t('rp.position')),
              h('th', { scope: 'col' }, t('rp.change')),
              h('th', { scope: 'col' }, t('rp.before')),
              h('th', { scope: 'col' }, t('rp.after')),
            ),
          ),
          h(
            'tbody',
            null,
            rows.map((ch) =>
              h(
                'tr',
                { dataset: { kind: ch.kind, seeker: ch.seeker_id, position: ch.position_id } },
                h('td', null, `${ch.first_name} ${ch.last_name} (${ch.seeker_id})`.trim()),
                h('td', null, ch.position_title || ch.position_id),
                h('td', null, h('span', { class: `chg chg-${ch.kind}` }, t(`rp.kind.${ch.kind}`))),
                h('td', { class: 'nowrap' }, slot(sched, ch, 'old')),
                h('td', { class: 'nowrap' }, slot(sched, ch, 'new')),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function countsLine(list) {
  return t('rp.counts', { moved: list.moved, gained: list.gained, lost: list.lost, kept: list.kept });
}

/** The last saved re-plan: its list, to print or download. */
function savedPanel(sched, path, fairId, list) {
  if (!list || list.replan_id === null) return h('p', { id: 'replan-last', class: 'hint' }, t('rp.none'));
  const print = () => {
    document.body.classList.add('printing-changes');
    const done = () => {
      document.body.classList.remove('printing-changes');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };
  return h(
    'div',
    { id: 'replan-last', class: 'replan-saved' },
    h('h3', null, t('rp.savedTitle', { fair: sched.fair.name || fairId, from: periodLabel(sched, list.from_period) })),
    h('p', { id: 'replan-last-counts' }, countsLine(list)),
    list.changes.length ? changeTables(sched, list, 'rps') : h('p', null, t('rp.nothingMoved')),
    h(
      'div',
      { class: 'actions no-print' },
      h('button', { type: 'button', id: 'replan-print', class: 'secondary', onclick: print }, t('rp.print')),
      h(
        'a',
        {
          class: 'button secondary',
          id: 'replan-csv',
          href: `/api${path}/replan/changes?format=csv`,
          download: `omplanering-${fairId}.csv`,
        },
        t('rp.csv'),
      ),
    ),
  );
}

/** The re-plan card of the fair-day page. */
export async function replanSection(sched, fairId) {
  const path = `/fairs/${seg(fairId)}`;
  const last = await get(`${path}/replan/changes`);
  const fromSel = h(
    'select',
    { id: 'replan-from' },
    sched.periods.map((p) => h('option', { value: String(p.index) }, `${p.start}–${p.end}`)),
  );
  fromSel.value = String(currentPeriod(sched));
  const err = h('p', { class: 'error', role: 'alert' });
  const proposalSlot = h('div', { id: 'replan-proposal', 'aria-live': 'polite' });
  const btn = h('button', { type: 'button', id: 'replan', class: 'primary' }, t('day.replan'));

  const showProposal = (r) => {
    const list = r.changes;
    const confirm = h('button', { type: 'button', id: 'replan-confirm', class: 'primary' }, t('rp.confirm'));
    const cancel = h('button', { type: 'button', id: 'replan-cancel', class: 'secondary' }, t('rp.cancel'));
    const none = list.changes.length === 0;
    confirm.addEventListener('click', async () => {
      err.textContent = '';
      await busy(confirm, async () => {
        try {
          const saved = await post(`${path}/replan/confirm`, { proposal: r.proposal });
          announce(t('rp.saved', { n: saved.changes.length }));
          go('fairs', fairId, 'day');
        } catch (e) {
          err.textContent = e.message;
        }
      });
    });
    cancel.addEventListener('click', () => {
      clear(proposalSlot);
      btn.focus();
    });
    clear(
      proposalSlot,
      h(
        'div',
        { class: 'proposal' },
        h('h3', { id: 'rp-prop-h', tabindex: '-1' }, t('rp.proposalTitle')),
        h('p', { id: 'replan-counts' }, none ? t('rp.nothingMoved') : countsLine(list)),
        none ? null : h('p', { class: 'hint' }, t('rp.confirmHint')),
        none ? null : changeTables(sched, list, 'rpp'),
        h('div', { class: 'actions' }, confirm, cancel),
      ),
    );
    proposalSlot.querySelector('#rp-prop-h').focus();
  };

  btn.addEventListener('click', async () => {
    err.textContent = '';
    await busy(btn, async () => {
      try {
        const r = await post(`${path}/replan`, { from_period: Number(fromSel.value), preview: true });
        showProposal(r);
      } catch (e) {
        err.textContent = e.message;
      }
    });
  });
  return h(
    'section',
    { class: 'card', id: 'replan-card', 'aria-labelledby': 'rp-h' },
    h('h2', { id: 'rp-h' }, t('day.replanTitle')),
    h('p', { class: 'hint no-print' }, t('day.replanHint')),
    h(
      'div',
      { class: 'actions no-print' },
      h('div', { class: 'field' }, h('label', { for: 'replan-from' }, t('day.from')), fromSel),
      btn,
    ),
    err,
    proposalSlot,
    savedPanel(sched, path, fairId, last),
  );
}
