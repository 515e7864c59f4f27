// views/plan_invitations.js - the planning page's invitations: who is
// invited, the women's share of them, and a seeker search to pick more and
// invite them (inviteSelected of invite.js sends them).

import { h, clear, pct } from '../dom.js';
import { inviteSelected } from './invite.js';
import { get } from '../api.js';
import { t } from '../i18n.js';
import { errorBox, showError } from './plan_form.js';

/* One seeker found: a checkbox (disabled when already invited) and who it is. */
function seekerRow(s, invited, selected, onChange) {
  const id = `pick-${s.id}`;
  const already = invited.has(s.id);
  const box = h('input', {
    type: 'checkbox',
    id,
    checked: already || selected.has(s.id),
    disabled: already,
    dataset: { seeker: s.id },
  });
  box.addEventListener('change', () => {
    if (box.checked) selected.add(s.id);
    else selected.delete(s.id);
    onChange();
  });
  return h(
    'tr',
    null,
    h('td', null, box),
    h('td', null, h('label', { for: id }, `${s.first_name} ${s.last_name}`)),
    h('td', null, s.id),
    h('td', null, t(`gender.${s.gender}`)),
    h('td', null, s.birth_year ?? ''),
    h('td', null, already ? t('inv.already') : ''),
  );
}

function resultsTable(rows) {
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'list' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('inv.select'))),
          ['seeker.name', 'seeker.id', 'seeker.gender', 'seeker.birthYear', 'inv.status'].map((k) =>
            h('th', { scope: 'col' }, t(k)),
          ),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}

/* Who is invited already, folded away. */
function invitedList(invitations) {
  return h(
    'details',
    null,
    h('summary', null, t('inv.showInvited', { n: invitations.length })),
    h(
      'ul',
      { class: 'columns', id: 'invited-list' },
      invitations.map((i) =>
        h('li', null, `${i.first_name} ${i.last_name} (${i.seeker_id})${i.walk_in ? ` · ${t('day.walkin')}` : ''}`),
      ),
    ),
  );
}

export function invitationsSection(fair, invitations, path, reload) {
  const invited = new Set(invitations.map((i) => i.seeker_id));
  const women = invitations.filter((i) => i.gender === 'woman').length;
  const results = h('div', { id: 'seeker-results', 'aria-live': 'polite' });
  const err = errorBox();
  const q = h('input', { id: 'seeker-q', type: 'search', name: 'q', maxlength: 100 });
  let page = 1;
  const selected = new Set();

  const inviteBtn = h('button', { type: 'button', id: 'invite-selected', disabled: true }, t('inv.inviteSelected'));
  const updateBtn = () => {
    inviteBtn.disabled = selected.size === 0;
    inviteBtn.textContent = t('inv.inviteSelectedN', { n: selected.size });
  };
  inviteBtn.addEventListener('click', async () => {
    err.textContent = '';
    await inviteSelected(path, [...selected], inviteBtn, reload, (e) => showError(err, e));
  });

  const search = async () => {
    err.textContent = '';
    try {
      const params = new URLSearchParams({ page: String(page), per_page: '25' });
      if (q.value.trim()) params.set('q', q.value.trim());
      const r = await get(`/seekers?${params}`);
      const pages = Math.max(1, Math.ceil(r.total / r.per_page));
      const rows = r.items.map((s) => seekerRow(s, invited, selected, updateBtn));
      const prev = h('button', { type: 'button', class: 'secondary small', disabled: page <= 1 }, t('common.prev'));
      const next = h('button', { type: 'button', class: 'secondary small', disabled: page >= pages }, t('common.next'));
      prev.addEventListener('click', () => {
        page -= 1;
        search();
      });
      next.addEventListener('click', () => {
        page += 1;
        search();
      });
      const pageAll = h('button', { type: 'button', class: 'secondary small', id: 'select-page' }, t('inv.selectPage'));
      pageAll.addEventListener('click', () => {
        for (const s of r.items) if (!invited.has(s.id)) selected.add(s.id);
        updateBtn();
        search();
      });
      clear(
        results,
        h('p', null, t('inv.found', { total: r.total, page, pages })),
        resultsTable(rows),
        h('div', { class: 'actions' }, prev, next, pageAll),
      );
    } catch (e) {
      showError(err, e);
    }
  };
  const form = h(
    'form',
    { role: 'search', class: 'inline', id: 'seeker-search' },
    h('label', { for: 'seeker-q' }, t('inv.search')),
    q,
    h('button', { type: 'submit' }, t('common.search')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    page = 1;
    search();
  });
  updateBtn();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'inv-h', id: 'invitations' },
    h('h2', { id: 'inv-h' }, t('plan.invitations'), h('span', { class: 'badge', id: 'invited-count' }, invitations.length)),
    h(
      'p',
      null,
      t('inv.summary', {
        n: invitations.length,
        women,
        share: pct(invitations.length ? women / invitations.length : null),
      }),
    ),
    invitedList(invitations),
    form,
    results,
    err,
    h('div', { class: 'actions' }, inviteBtn),
  );
}
