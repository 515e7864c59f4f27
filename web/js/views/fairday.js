// views/fairday.js - the organiser's fair day: the check-in list (checked
// in, no-show, back to invited), walk-ins found by search, and re-planning
// the rest of the day (replan.js). It does not move single interviews (the
// timetable does).

import { h, clear } from '../dom.js';
import { get, post, put, seg } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../ui.js';
import { fairHeader, loadSchedule, periodLabel, tableLabel, attendanceText } from './common.js';
import { leftOutSlot } from './invite.js';
import { replanSection } from './replan.js';

export async function renderFairDay(main, ctx, fairId) {
  const path = `/fairs/${seg(fairId)}`;
  const [sched, inv] = await Promise.all([loadSchedule(fairId), get(`${path}/invitations`)]);
  const replan = await replanSection(sched, fairId);
  if (!ctx.isCurrent()) return;
  const invitations = inv.items;
  const bySeeker = new Map();
  for (const iv of sched.interviews) {
    if (!bySeeker.has(iv.seeker_id)) bySeeker.set(iv.seeker_id, []);
    bySeeker.get(iv.seeker_id).push(iv);
  }

  const summary = h('p', { id: 'day-summary', 'aria-live': 'polite' });
  const updateSummary = () => {
    const c = { invited: 0, checked_in: 0, no_show: 0 };
    let walk = 0;
    for (const i of invitations) {
      c[i.attendance] = (c[i.attendance] || 0) + 1;
      if (i.walk_in) walk += 1;
    }
    summary.textContent = t('day.summary', {
      total: invitations.length,
      checked: c.checked_in,
      noshow: c.no_show,
      waiting: c.invited,
      walk,
    });
  };

  /* ---- check-in list ---- */
  const tbody = h('tbody');
  const filter = h('input', { id: 'checkin-filter', type: 'search' });
  const rowFor = (i) => {
    const name = `${i.first_name} ${i.last_name}`;
    const times = (bySeeker.get(i.seeker_id) || [])
      .slice()
      .sort((a, b) => a.period - b.period)
      .map((iv) => `${periodLabel(sched, iv.period)} ${tableLabel(iv.department_id, iv.table)}`)
      .join('; ');
    const status = h('span', { class: `att att-${i.attendance}` }, attendanceText(i.attendance));
    const mk = (att, labelKey) =>
      h(
        'button',
        {
          type: 'button',
          class: ['small', att === 'checked_in' ? 'primary' : 'secondary'],
          disabled: i.attendance === att,
          'aria-label': `${t(labelKey)}: ${name}`,
          dataset: { att },
          onclick: async () => {
            try {
              const r = await put(`${path}/invitations/${seg(i.seeker_id)}`, { attendance: att });
              Object.assign(i, r);
              const fresh = rowFor(i);
              row.replaceWith(fresh);
              row = fresh;
              updateSummary();
              announce(`${name}: ${attendanceText(i.attendance)}`);
              /* Keep the keyboard user in the row they were working on. */
              const next = fresh.querySelector('button:not([disabled])');
              if (next) next.focus();
            } catch (e) {
              announce(e.message, 'error');
            }
          },
        },
        t(labelKey),
      );
    const first = Math.min(999, ...(bySeeker.get(i.seeker_id) || []).map((iv) => (iv.period ?? 999)));
    let row = h(
      'tr',
      { dataset: { seeker: i.seeker_id, name: name.toLowerCase(), first: String(first), sortName: `${i.last_name || ''} ${i.first_name || ''}`.toLowerCase() } },
      h('th', { scope: 'row' }, name, i.walk_in ? h('span', { class: 'tag' }, t('day.walkin')) : null),
      h('td', null, i.seeker_id),
      h('td', null, times || '–'),
      h('td', null, status),
      h(
        'td',
        { class: 'row-actions' },
        mk('checked_in', 'day.checkin'),
        mk('no_show', 'day.noshow'),
        mk('invited', 'day.reset'),
      ),
    );
    return row;
  };
  for (const i of invitations) tbody.append(rowFor(i));
  /* People arrive by the time of their first interview: that order first. */
  const sortSel = h(
    'select',
    { id: 'checkin-sort' },
    ['time', 'name', 'id'].map((k) => h('option', { value: k }, t(`day.sort.${k}`))),
  );
  const sortRows = () => {
    const by = sortSel.value;
    const key = (r) => (by === 'time' ? Number(r.dataset.first) : by === 'name' ? r.dataset.sortName : r.dataset.seeker);
    const rows = [...tbody.children].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x < y) return -1;
      if (x > y) return 1;
      return a.dataset.sortName < b.dataset.sortName ? -1 : a.dataset.sortName > b.dataset.sortName ? 1 : 0;
    });
    tbody.append(...rows);
  };
  sortSel.addEventListener('change', sortRows);
  sortRows();
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const r of tbody.children) {
      r.hidden = q !== '' && !r.dataset.name.includes(q) && !r.dataset.seeker.toLowerCase().includes(q);
    }
  });
  const list = h(
    'section',
    { class: 'card', 'aria-labelledby': 'ci-h' },
    h('h2', { id: 'ci-h' }, t('day.checkinTitle')),
    summary,
    h(
      'div',
      { class: 'filters' },
      h('div', { class: 'field inline' }, h('label', { for: 'checkin-filter' }, t('day.filter')), filter),
      h('div', { class: 'field inline' }, h('label', { for: 'checkin-sort' }, t('day.sortBy')), sortSel),
    ),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'list checkin', id: 'checkin-list' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['seeker.name', 'seeker.id', 'day.interviews', 'day.status'].map((k) => h('th', { scope: 'col' }, t(k))),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))),
          ),
        ),
        tbody,
      ),
    ),
  );

  /* ---- walk-ins ---- */
  const wq = h('input', { id: 'walkin-q', type: 'search', maxlength: 100 });
  const wres = h('div', { id: 'walkin-results' });
  const werr = h('p', { class: 'error', role: 'alert' });
  const invited = () => new Set(invitations.map((i) => i.seeker_id));
  const wform = h(
    'form',
    { role: 'search', class: 'inline' },
    h('label', { for: 'walkin-q' }, t('day.walkinSearch')),
    wq,
    h('button', { type: 'submit' }, t('common.search')),
  );
  wform.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    werr.textContent = '';
    try {
      const params = new URLSearchParams({ per_page: '20' });
      if (wq.value.trim()) params.set('q', wq.value.trim());
      const r = await get(`/seekers?${params}`);
      const inv2 = invited();
      clear(
        wres,
        r.items.length === 0
          ? h('p', null, t('day.noSeekers'))
          : h(
              'ul',
              { class: 'plain' },
              r.items.map((s) => {
                const name = `${s.first_name} ${s.last_name}`;
                const b = h(
                  'button',
                  {
                    type: 'button',
                    class: 'small',
                    disabled: inv2.has(s.id),
                    'aria-label': `${t('day.addWalkin')}: ${name}`,
                  },
                  inv2.has(s.id) ? t('inv.already') : t('day.addWalkin'),
                );
                b.addEventListener('click', async () => {
                  try {
                    const w = await post(`${path}/walkins`, { seeker_id: s.id });
                    invitations.push(w);
                    tbody.append(rowFor(w));
                    updateSummary();
                    b.disabled = true;
                    b.textContent = t('inv.already');
                    announce(t('day.walkinAdded', { who: name }));
                  } catch (e) {
                    werr.textContent = e.message;
                  }
                });
                return h('li', null, `${name} (${s.id}) `, b);
              }),
            ),
      );
    } catch (e) {
      werr.textContent = e.message;
    }
  });
  const walk = h(
    'section',
    { class: 'card', 'aria-labelledby': 'wi-h' },
    h('h2', { id: 'wi-h' }, t('day.walkinTitle')),
    wform,
    werr,
    wres,
  );

  updateSummary();
  clear(main, fairHeader(ctx, sched.fair, 'day'), replan, list, walk, leftOutSlot(fairId));
}
