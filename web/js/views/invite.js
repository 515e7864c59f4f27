// views/invite.js - the invitation builder: whom to invite to a planned fair
// (GET .../invite-suggestions: eligible, not invited, not in a job, most in
// need first, the pool's gender make-up mirrored), the figures the count
// follows from, per position how many eligible seekers are invited, bulk
// invite and un-invite, and the list the agency sends out as CSV. Also the
// "invited, no interview" list with explain's reasons, which the plan and
// fair-day pages show. The choosing itself is the server's.

import { h, clear, pct } from '../dom.js';
import { get, post, seg } from '../api.js';
import { t, has } from '../i18n.js';
import { announce, busy, go } from '../ui.js';
import { fairHeader } from './common.js';

const ELIG = ['jobb_och_utveckling', 'etablering', 'eu_familj'];
const HIST = ['any', 'never', 'before', 'passed_over'];

/** A CSV download of rows (arrays of strings); the header first. */
function csvLink(id, name, rows, label) {
  const text = rows.map((r) => r.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');
  const a = h('a', { id, class: 'button secondary', download: name, href: '#' }, label);
  a.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([`${text}\r\n`], { type: 'text/csv;charset=utf-8' }));
    a.href = url;
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  return a;
}

function historyText(c) {
  if (c.fairs_without_offer > 0) return t('ib.passedOver', { n: c.fairs_without_offer });
  if (c.fairs_invited === 0) return t('ib.never');
  return t('ib.invitedBefore', { n: c.fairs_invited });
}

function filterForm(q, onSubmit) {
  const sel = (id, label, opts, value) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h(
        'select',
        { id, name: id },
        opts.map(([v, text]) => h('option', { value: v, selected: String(value ?? '') === v }, text)),
      ),
    );
  const ssyk = h('input', { id: 'ib-ssyk', name: 'ssyk', inputmode: 'numeric', pattern: '[0-9]{1,4}', maxlength: 4, value: q.ssyk || '', class: 'narrow' });
  const count = h('input', { id: 'ib-count', name: 'count', type: 'number', min: 0, max: 5000, value: q.count || '', class: 'narrow' });
  const employed = h('input', { id: 'ib-employed', type: 'checkbox', checked: q.employed === '1' });
  const form = h(
    'form',
    { class: 'filters', id: 'ib-filters', role: 'search', 'aria-label': t('ib.filters') },
    h('div', { class: 'field' }, h('label', { for: 'ib-ssyk' }, t('ib.ssyk')), ssyk),
    sel('ib-elig', t('ib.eligibility'), [['', t('ib.all')], ...ELIG.map((e) => [e, t(`elig.${e}`)])], q.eligibility),
    sel('ib-swedish', t('ib.swedish'), [['', t('ib.all')], ...[1, 2, 3, 4, 5].map((n) => [String(n), t('ib.swedishMin', { n })])], q.swedish),
    sel('ib-history', t('ib.history'), HIST.map((k) => [k === 'any' ? '' : k, t(`ib.hist.${k}`)]), q.history),
    h('div', { class: 'field' }, h('label', { for: 'ib-count' }, t('ib.count')), count),
    h('div', { class: 'field check' }, employed, h('label', { for: 'ib-employed' }, t('ib.includeEmployed'))),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, t('ib.show'))),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = {
      ssyk: ssyk.value.trim(),
      eligibility: form.querySelector('#ib-elig').value,
      swedish: form.querySelector('#ib-swedish').value,
      history: form.querySelector('#ib-history').value,
      count: count.value.trim(),
      employed: employed.checked ? '1' : '',
    };
    onSubmit(next);
  });
  return form;
}

function basisText(p) {
  const b = p.basis;
  return t(b.attendance_known ? 'ib.basis' : 'ib.basisNoHistory', {
    places: b.places,
    per: b.per_place,
    att: pct(b.attendance),
    invited: b.invited,
    wanted: b.wanted,
  });
}

function mirrorText(p) {
  const chosen = p.chosen.woman + p.chosen.man + p.chosen.other;
  return t('ib.mirror', {
    pool: p.pool.total,
    poolWomen: p.pool.woman,
    poolShare: pct(p.pool.total ? p.pool.woman / p.pool.total : null),
    n: chosen,
    women: p.chosen.woman,
    share: pct(chosen ? p.chosen.woman / chosen : null),
  });
}

function positionsTable(p) {
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'list', id: 'ib-positions' },
      h('caption', null, t('ib.positionsCaption')),
      h(
        'thead',
        null,
        h('tr', null, ['ib.position', 'ib.department', 'ib.places', 'ib.eligible', 'ib.invitedEligible'].map((k) => h('th', { scope: 'col' }, t(k)))),
      ),
      h(
        'tbody',
        null,
        p.positions.map((x) =>
          h(
            'tr',
            { dataset: { position: x.id } },
            h('th', { scope: 'row' }, `${x.title || x.id} (${x.id})`),
            h('td', null, x.department_id),
            h('td', { class: 'num' }, x.places),
            h('td', { class: 'num' }, x.eligible),
            h('td', { class: 'num', dataset: { col: 'invited' } }, x.invited_eligible),
          ),
        ),
      ),
    ),
  );
}

function candidateRows(p, selected, onChange) {
  return p.items.map((c) => {
    const id = `ib-pick-${c.seeker_id}`;
    const name = [c.first_name, c.last_name].filter(Boolean).join(' ') || c.seeker_id;
    const box = h('input', { type: 'checkbox', id, checked: selected.has(c.seeker_id), dataset: { seeker: c.seeker_id } });
    box.addEventListener('change', () => {
      if (box.checked) selected.add(c.seeker_id);
      else selected.delete(c.seeker_id);
      onChange();
    });
    return h(
      'tr',
      { dataset: { seeker: c.seeker_id, proposed: c.proposed ? '1' : '0', gender: c.gender, employed: c.employed ? '1' : '0' } },
      h('td', null, box),
      h('td', null, h('label', { for: id }, name), c.employed ? h('span', { class: 'tag warn' }, t('ib.employed')) : null),
      h('td', null, c.seeker_id),
      h('td', null, (c.interests || '').split('|').filter(Boolean).join(', ')),
      h('td', { class: 'num' }, c.swedish_level ?? '–'),
      h('td', null, c.eligibility && has(`elig.${c.eligibility}`) ? t(`elig.${c.eligibility}`) : '–'),
      h('td', null, historyText(c)),
      h('td', { class: 'nowrap' }, c.registered || '–'),
      h('td', { class: 'num' }, c.eligible_positions),
    );
  });
}

/** Invite ids; someone in an extra job only after the organiser confirms it. */
export async function inviteSelected(path, ids, btn, reload, onError = (e) => announce(e.message, 'error')) {
  await busy(btn, async () => {
    try {
      let r;
      try {
        r = await post(`${path}/invitations`, { seeker_ids: ids });
      } catch (e) {
        if (e.code !== 'invite_employed') throw e;
        /* Someone in a job is invited only on purpose. */
        if (!window.confirm(t('ib.confirmEmployed', { n: e.body.employed.length, ids: e.body.employed.join(', ') }))) return;
        r = await post(`${path}/invitations`, { seeker_ids: ids, confirm_employed: true });
      }
      announce(t('inv.added', { added: r.added, already: r.already }));
      reload();
    } catch (e) {
      onError(e);
    }
  });
}

function invitedSection(path, invitations, reload) {
  const selected = new Set();
  const btn = h('button', { type: 'button', id: 'ib-uninvite', class: 'secondary', disabled: true }, t('ib.uninviteN', { n: 0 }));
  const update = () => {
    btn.disabled = selected.size === 0;
    btn.textContent = t('ib.uninviteN', { n: selected.size });
  };
  btn.addEventListener('click', async () => {
    await busy(btn, async () => {
      try {
        const r = await post(`${path}/uninvite`, { seeker_ids: [...selected] });
        announce(t('ib.uninvited', { n: r.removed, ivs: r.interviews_removed }));
        reload();
      } catch (e) {
        announce(e.message, 'error');
      }
    });
  });
  const rows = invitations.map((i) => {
    const id = `ib-inv-${i.seeker_id}`;
    const box = h('input', { type: 'checkbox', id, dataset: { seeker: i.seeker_id } });
    box.addEventListener('change', () => {
      if (box.checked) selected.add(i.seeker_id);
      else selected.delete(i.seeker_id);
      update();
    });
    return h('li', null, box, h('label', { for: id }, `${i.first_name || ''} ${i.last_name || ''} (${i.seeker_id})`));
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'ib-inv-h', id: 'ib-invited' },
    h('h2', { id: 'ib-inv-h' }, t('ib.invitedTitle'), h('span', { class: 'badge' }, invitations.length)),
    invitations.length ? h('ul', { class: 'columns checklist' }, rows) : h('p', null, t('ib.noneInvited')),
    h(
      'div',
      { class: 'actions' },
      btn,
      csvLink('ib-export-invited', 'inbjudna.csv', [['seeker_id'], ...invitations.map((i) => [i.seeker_id])], t('ib.exportInvited')),
    ),
  );
}

export async function renderInvite(main, ctx, fairId) {
  const path = `/fairs/${seg(fairId)}`;
  const q = Object.fromEntries(ctx.query ? ctx.query.entries() : []);
  const params = new URLSearchParams();
  for (const k of ['ssyk', 'eligibility', 'swedish', 'history', 'count', 'employed']) if (q[k]) params.set(k, q[k]);
  const [fair, plan, inv] = await Promise.all([
    get(path),
    get(`${path}/invite-suggestions${params.toString() ? `?${params}` : ''}`),
    get(`${path}/invitations`),
  ]);
  if (!ctx.isCurrent()) return;
  const reload = () => go('fairs', fairId, 'invite');
  const selected = new Set(plan.items.filter((c) => c.proposed).map((c) => c.seeker_id));
  const btn = h('button', { type: 'button', id: 'ib-invite' }, '');
  const count = h('span', { id: 'ib-selected', 'aria-live': 'polite' });
  const update = () => {
    btn.disabled = selected.size === 0;
    btn.textContent = t('ib.inviteN', { n: selected.size });
    count.textContent = t('ib.selectedN', { n: selected.size });
  };
  btn.addEventListener('click', () => inviteSelected(path, [...selected], btn, reload));
  const exportBtn = h('button', { type: 'button', id: 'ib-export', class: 'secondary' }, t('ib.export'));
  exportBtn.addEventListener('click', () => {
    const rows = [['seeker_id'], ...plan.items.filter((c) => selected.has(c.seeker_id)).map((c) => [c.seeker_id])];
    const text = rows.map((r) => r.join(',')).join('\r\n');
    const url = URL.createObjectURL(new Blob([`${text}\r\n`], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', { href: url, download: `inbjudan-${fair.id}.csv`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  update();
  const onFilter = (next) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    location.hash = `#/fairs/${encodeURIComponent(fairId)}/invite${p.toString() ? `?${p}` : ''}`;
  };
  clear(
    main,
    fairHeader(ctx, fair, 'invite'),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'ib-h', id: 'ib-suggest' },
      h('h2', { id: 'ib-h' }, t('ib.title')),
      h('p', { id: 'ib-basis' }, basisText(plan)),
      h('p', { id: 'ib-mirror', dataset: { poolWomen: plan.pool.woman, poolTotal: plan.pool.total } }, mirrorText(plan)),
      h('p', { class: 'small-text' }, t('ib.rule')),
      filterForm(q, onFilter),
      positionsTable(plan),
      h('h3', null, t('ib.candidates', { n: plan.items.length })),
      plan.items.length === 0
        ? h('p', null, t('ib.noCandidates'))
        : h(
            'div',
            { class: 'scroll tall' },
            h(
              'table',
              { class: 'list', id: 'ib-list' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('inv.select'))),
                  ['seeker.name', 'seeker.id', 'ib.interests', 'ib.swedishShort', 'ib.eligibility', 'ib.history', 'ib.registered', 'ib.positions'].map((k) =>
                    h('th', { scope: 'col' }, t(k)),
                  ),
                ),
              ),
              h('tbody', null, candidateRows(plan, selected, update)),
            ),
          ),
      h('div', { class: 'actions' }, btn, exportBtn, count),
    ),
    invitedSection(path, inv.items, reload),
  );
}

/* ---------- invited, no interview ---------- */

/** A placeholder replaced by leftOutSection once it has loaded. */
export function leftOutSlot(fairId) {
  const slot = h('div', { id: 'left-out-slot' });
  leftOutSection(fairId).then((sec) => slot.replaceWith(sec));
  return slot;
}

/** The invited seekers a match gave no interview, with explain's reasons. */
export async function leftOutSection(fairId) {
  const path = `/fairs/${seg(fairId)}`;
  const sec = h('section', { class: 'card', 'aria-labelledby': 'lo-h', id: 'left-out' });
  let r;
  try {
    r = await get(`${path}/left-out`);
  } catch (e) {
    return clear(sec, h('h2', { id: 'lo-h' }, t('lo.title')), h('p', { class: 'error', role: 'alert' }, e.message));
  }
  const rows = r.items.map((x) =>
    h(
      'tr',
      { dataset: { seeker: x.seeker_id, reason: x.reason_code } },
      h('th', { scope: 'row' }, `${[x.first_name, x.last_name].filter(Boolean).join(' ')} (${x.seeker_id})`),
      h('td', null, t(`att.${x.attendance}`)),
      h(
        'td',
        null,
        has(`lo.reason.${x.reason_code}`) ? t(`lo.reason.${x.reason_code}`) : t('lo.reason.other'),
        x.reason ? h('details', null, h('summary', null, t('lo.details')), h('pre', { class: 'explain', lang: 'en' }, x.reason)) : null,
      ),
    ),
  );
  return clear(
    sec,
    h('h2', { id: 'lo-h' }, t('lo.title'), h('span', { class: 'badge', id: 'left-out-count' }, r.items.length)),
    h('p', null, r.matched ? t('lo.intro', { n: r.items.length, invited: r.invited }) : t('lo.notMatched', { n: r.items.length })),
    r.items.length
      ? h(
          'div',
          { class: 'scroll tall' },
          h(
            'table',
            { class: 'list', id: 'left-out-list' },
            h('thead', null, h('tr', null, ['lo.who', 'lo.attendance', 'lo.reason'].map((k) => h('th', { scope: 'col' }, t(k))))),
            h('tbody', null, rows),
          ),
        )
      : null,
    r.items.length
      ? h('div', { class: 'actions' }, h('a', { class: 'button secondary', id: 'left-out-csv', href: `/api${path}/left-out?format=csv`, download: `utan-intervju-${fairId}.csv` }, t('lo.export')))
      : null,
  );
}
