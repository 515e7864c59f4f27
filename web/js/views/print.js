// views/print.js - pages made for the browser's print dialog on A4 (see
// @media print in css/app.css): each department's schedule, each seeker's
// personal card (times and tables) and the room overview of every table.
// On screen they are previews; the toolbar is not printed.

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { href } from '../ui.js';
import { fairHeader, loadSchedule, periodLabel, tableLabel, columns, indexInterviews } from './common.js';

const KINDS = ['departments', 'seekers', 'rooms'];

function fairLine(fair) {
  return [fair.name || fair.id, fair.date, fair.place].filter(Boolean).join(' · ');
}

function departmentPages(sched) {
  const idx = indexInterviews(sched.interviews);
  return sched.departments.map((d) => {
    const tables = [];
    for (let tb = 1; tb <= d.tables; tb += 1) tables.push(tb);
    const n = sched.interviews.filter((iv) => iv.department_id === d.id).length;
    return h(
      'section',
      { class: 'print-page dept-page', dataset: { dept: d.id } },
      h('h2', null, `${d.name} (${d.id})`),
      h('p', { class: 'print-sub' }, `${fairLine(sched.fair)} · ${t('print.nInterviews', { n })}`),
      h(
        'table',
        { class: 'print-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('tt.time')),
            tables.map((tb) => h('th', { scope: 'col' }, `${t('tt.table')} ${tb}`)),
          ),
        ),
        h(
          'tbody',
          null,
          sched.periods.map((p) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, `${p.start}–${p.end}`),
              tables.map((tb) => {
                const iv = idx.byCell.get(`${p.index}|${d.id}|${tb}`);
                return h(
                  'td',
                  null,
                  iv
                    ? [
                        h('strong', null, iv.seeker_name || iv.seeker_id),
                        h('br'),
                        h('span', { class: 'small-text' }, iv.position_title || iv.position_id),
                      ]
                    : '',
                );
              }),
            ),
          ),
        ),
      ),
    );
  });
}

function seekerCards(sched) {
  const deptName = new Map(sched.departments.map((d) => [d.id, d.name]));
  const bySeeker = new Map();
  for (const iv of sched.interviews) {
    if (!bySeeker.has(iv.seeker_id)) bySeeker.set(iv.seeker_id, []);
    bySeeker.get(iv.seeker_id).push(iv);
  }
  const seekers = [...bySeeker.entries()].sort((a, b) =>
    (a[1][0].seeker_name || a[0]).localeCompare(b[1][0].seeker_name || b[0], 'sv'),
  );
  return h(
    'div',
    { class: 'cards' },
    seekers.map(([id, ivs]) => {
      ivs.sort((a, b) => a.period - b.period);
      return h(
        'section',
        { class: 'seeker-card', dataset: { seeker: id } },
        h('h2', null, ivs[0].seeker_name || id),
        h('p', { class: 'print-sub' }, fairLine(sched.fair)),
        h(
          'table',
          { class: 'print-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['tt.time', 'pos.department', 'tt.tableCol', 'pos.title'].map((k) => h('th', { scope: 'col' }, t(k))),
            ),
          ),
          h(
            'tbody',
            null,
            ivs.map((iv) =>
              h(
                'tr',
                null,
                h('td', null, periodLabel(sched, iv.period)),
                h('td', null, deptName.get(iv.department_id) || iv.department_id),
                h('td', null, tableLabel(iv.department_id, iv.table)),
                h('td', null, iv.position_title || iv.position_id),
              ),
            ),
          ),
        ),
        h('p', { class: 'small-text' }, t('print.cardFooter')),
      );
    }),
  );
}

function roomOverview(sched) {
  const idx = indexInterviews(sched.interviews);
  const cols = columns(sched);
  return h(
    'section',
    { class: 'print-page rooms-page' },
    h('h2', null, t('print.rooms')),
    h('p', { class: 'print-sub' }, fairLine(sched.fair)),
    h(
      'div',
      { class: 'scroll' },
      h(
      'table',
      { class: 'print-table rooms' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('tt.time')),
          cols.map((c) => h('th', { scope: 'col' }, `${c.dept} ${c.table}`)),
        ),
      ),
      h(
        'tbody',
        null,
        sched.periods.map((p) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, p.start),
            cols.map((c) => {
              const iv = idx.byCell.get(`${p.index}|${c.dept}|${c.table}`);
              return h('td', null, iv ? iv.seeker_name || iv.seeker_id : '');
            }),
          ),
        ),
      ),
      ),
    ),
  );
}

export async function renderPrint(main, ctx, fairId, kind) {
  const sched = await loadSchedule(fairId);
  if (!ctx.isCurrent()) return;
  const toolbar = h(
    'div',
    { class: 'print-toolbar no-print' },
    h(
      'nav',
      { 'aria-label': t('print.kinds') },
      h(
        'ul',
        { class: 'pills' },
        KINDS.map((k) =>
          h(
            'li',
            null,
            h('a', { href: href('fairs', fairId, 'print', k), 'aria-current': k === kind ? 'page' : null }, t(`print.${k}`)),
          ),
        ),
      ),
    ),
    h('button', { type: 'button', id: 'print', class: 'primary', onclick: () => window.print() }, t('print.print')),
  );
  let body;
  if (sched.interviews.length === 0) body = h('p', null, t('cand.notMatched'));
  else if (kind === 'seekers') body = seekerCards(sched);
  else if (kind === 'rooms') body = roomOverview(sched);
  else body = departmentPages(sched);
  const bodyEl = h('div', { class: `print-body print-${kind}` }, body);
  const only = ctx.query ? ctx.query.get('only') : null;
  clear(main, fairHeader(ctx, sched.fair, 'print'), toolbar, kind === 'rooms' ? null : chooser(bodyEl, kind, only), bodyEl);
}

/* Print one department or one seeker, or a chosen set: every page or card
   gets a tick box (not printed); the unticked ones are left out of the print. */
function chooser(bodyEl, kind, only) {
  const items = [...bodyEl.querySelectorAll('.dept-page, .seeker-card')];
  if (items.length === 0) return null;
  const count = h('span', { id: 'print-count', 'aria-live': 'polite' });
  const update = () => {
    const n = items.filter((el) => !el.classList.contains('print-skip')).length;
    count.textContent = t('print.chosen', { n, total: items.length });
  };
  const boxes = items.map((el) => {
    const key = el.dataset.dept || el.dataset.seeker;
    const id = `pick-${kind}-${key}`;
    const box = h('input', { type: 'checkbox', id, checked: !only || only === key, dataset: { key } });
    el.classList.toggle('print-skip', !box.checked);
    box.addEventListener('change', () => {
      el.classList.toggle('print-skip', !box.checked);
      update();
    });
    const name = el.querySelector('h2') ? el.querySelector('h2').textContent : key;
    el.prepend(h('div', { class: 'print-pick no-print' }, box, h('label', { for: id }, t('print.include', { what: name }))));
    return box;
  });
  const all = (on) => () => {
    for (const b of boxes) {
      b.checked = on;
      b.dispatchEvent(new Event('change'));
    }
  };
  update();
  return h(
    'div',
    { class: 'print-chooser no-print actions' },
    h('button', { type: 'button', class: 'secondary', id: 'print-all', onclick: all(true) }, t('print.all')),
    h('button', { type: 'button', class: 'secondary', id: 'print-none', onclick: all(false) }, t('print.none')),
    count,
  );
}
