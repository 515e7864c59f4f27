// views/plan.js - the organiser's fair planning: the list of fairs and a new
// fair; for one fair its details, each department's tables, its positions,
// the departments against their quota (behind first, to choose positions),
// the invitations, running the matching, the candidate list per department
// and the women's share of the invited against the pool. The timetable, the
// fair day and printing are other pages.

import { h, clear, append, field, pct, decimal } from '../dom.js';
import { leftOutSlot, inviteSelected } from './invite.js';
import { get, post, put, seg } from '../api.js';
import { t, getLang } from '../i18n.js';
import { href, go, announce, busy } from '../ui.js';
import { quotaTable, behindFirst } from '../quota.js';
import { fairHeader, loadSchedule, periodLabel, tableLabel } from './common.js';
import { watchMatch } from './match_progress.js';

function errorBox() {
  return h('p', { class: 'error', role: 'alert' });
}

function showError(box, e) {
  box.textContent = e.field ? `${e.message} (${e.field})` : e.message;
}

function intOrUndef(v) {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : v;
}

/* ---------- list of fairs ---------- */

export async function renderFairList(main, ctx) {
  const { items } = await get('/fairs');
  if (!ctx.isCurrent()) return;
  const isOrg = ctx.me.role === 'organiser';
  /* Newest first: the fair being planned is the one people open. */
  const rows = items.slice().reverse().map((f) =>
    h(
      'tr',
      null,
      h('td', null, h('a', { href: href('fairs', f.id, ...(isOrg ? [] : ['outcomes'])) }, f.name || f.id)),
      h('td', null, f.id),
      h('td', null, f.date),
      h('td', null, f.place || ''),
      h('td', null, t(`status.${f.status}`)),
    ),
  );
  clear(
    main,
    h('h1', { tabindex: '-1' }, t('fairs.title')),
    items.length === 0
      ? h('p', null, t('fairs.none'))
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'list', id: 'fair-list' },
            h('caption', { class: 'visually-hidden' }, t('fairs.title')),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['fair.name', 'fair.id', 'fair.date', 'fair.place', 'fair.status'].map((k) =>
                  h('th', { scope: 'col' }, t(k)),
                ),
              ),
            ),
            h('tbody', null, rows),
          ),
        ),
    isOrg ? newFairForm() : null,
  );
}

function fairFields(f = {}) {
  return {
    id: field(t('fair.id'), { name: 'id', required: true, maxlength: 64, value: f.id || '' }),
    name: field(t('fair.name'), { name: 'name', value: f.name || '' }),
    date: field(t('fair.date'), { name: 'date', type: 'date', required: true, value: f.date || '' }),
    start: field(t('fair.start'), { name: 'start', type: 'time', value: f.start || '09:00' }),
    period_minutes: field(t('fair.periodMinutes'), {
      name: 'period_minutes',
      type: 'number',
      min: 1,
      max: 240,
      value: f.period_minutes || 15,
    }),
    periods: field(t('fair.periods'), {
      name: 'periods',
      type: 'number',
      min: 1,
      max: 96,
      required: true,
      value: f.periods || 16,
    }),
    place: field(t('fair.place'), { name: 'place', value: f.place || '' }),
  };
}

function fairBody(fields, withId) {
  const b = {
    date: fields.date.input.value,
    start: fields.start.input.value,
    period_minutes: intOrUndef(fields.period_minutes.input.value),
    periods: intOrUndef(fields.periods.input.value),
    name: fields.name.input.value,
    place: fields.place.input.value,
  };
  if (withId) b.id = fields.id.input.value.trim();
  return b;
}

function newFairForm() {
  const f = fairFields();
  const err = errorBox();
  const btn = h('button', { type: 'submit', id: 'create-fair' }, t('fairs.create'));
  const form = h(
    'form',
    { class: 'card', id: 'new-fair', 'aria-labelledby': 'new-fair-h' },
    h('h2', { id: 'new-fair-h' }, t('fairs.new')),
    h('div', { class: 'grid-fields' }, Object.values(f).map((x) => x.wrap)),
    err,
    btn,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    await busy(btn, async () => {
      try {
        const fair = await post('/fairs', fairBody(f, true));
        announce(t('fairs.created', { id: fair.id }));
        go('fairs', fair.id);
      } catch (e) {
        showError(err, e);
      }
    });
  });
  return form;
}

/* ---------- one fair ---------- */

export async function renderFairPlan(main, ctx, fairId) {
  const path = `/fairs/${seg(fairId)}`;
  const fairP = get(path);
  /* Hires up to the end of the fair's month; a failure here leaves the rest
     of the page usable. */
  const quotaP = fairP
    .then((f) => get(`/quota?month=${encodeURIComponent(f.date.slice(0, 7))}`))
    .catch((e) => ({ error: e }));
  /* What each department should bring: the remaining quota spread over the
     fairs left (fairmatch quota --plan). Optional: the column is left out
     when the programme has no plan for this fair. */
  const planP = get(`/quota?fair=${seg(fairId)}`).catch(() => null);
  const [fair, depts, positions, invitations, sched, quota, plan] = await Promise.all([
    fairP,
    get('/departments'),
    get(`${path}/positions`),
    get(`${path}/invitations`),
    loadSchedule(fairId),
    quotaP,
    planP,
  ]);
  if (!ctx.isCurrent()) return;
  /* A save re-renders the page: come back to the same place, not the top. */
  const reload = () => {
    keepPlace = { fairId, y: window.scrollY };
    go('fairs', fairId);
  };
  const hooks = {};
  const positionsEl = positionsSection(fair, depts.items, positions.items, path, reload, hooks);
  clear(
    main,
    fairHeader(ctx, fair, 'plan'),
    h(
      'div',
      { class: 'plan-grid' },
      detailsSection(fair, path, reload),
      tablesSection(fair, depts.items, positions.items, path, reload),
    ),
    quotaSection(fair, quota, plan, positions.items, hooks),
    positionsEl,
    invitationsSection(fair, invitations.items, path, reload),
    matchSection(fair, path, reload),
    womenShareSection(sched),
    candidatesSection(sched, new Map(invitations.items.map((i) => [i.seeker_id, i.gender]))),
    leftOutSlot(fairId),
  );
  main.querySelector('h1').after(sectionNav(main));
  if (keepPlace && keepPlace.fairId === fairId) {
    const { y } = keepPlace;
    window.requestAnimationFrame(() => window.scrollTo(0, y));
  }
  keepPlace = null;
}

let keepPlace = null;

/* The page is long: a row of buttons that jump to each section (buttons, not
   #links, because the address's hash is the route). */
function sectionNav(main) {
  const targets = [...main.querySelectorAll('section.card[id], form.card[id], div#left-out-slot')];
  const label = (el) => {
    if (el.id === 'left-out-slot') return t('lo.title');
    const hd = el.querySelector('h2');
    return hd ? hd.firstChild.textContent : el.id;
  };
  return h(
    'nav',
    { class: 'section-nav no-print', 'aria-label': t('plan.sections') },
    h(
      'ul',
      { class: 'pills' },
      targets.map((el) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              onclick: () => {
                const target = el.isConnected ? el : document.getElementById('left-out');
                if (!target) return;
                target.scrollIntoView({ block: 'start' });
                const hd = target.querySelector('h2');
                if (hd) {
                  hd.setAttribute('tabindex', '-1');
                  hd.focus({ preventScroll: true });
                }
              },
            },
            label(el),
          ),
        ),
      ),
    ),
  );
}

function detailsSection(fair, path, reload) {
  const f = fairFields(fair);
  f.id.input.disabled = true;
  const err = errorBox();
  const btn = h('button', { type: 'submit' }, t('common.save'));
  const form = h(
    'form',
    { class: 'card', id: 'fair-details', 'aria-labelledby': 'fd-h' },
    h('h2', { id: 'fd-h' }, t('plan.details')),
    h('div', { class: 'grid-fields' }, Object.values(f).map((x) => x.wrap)),
    err,
    btn,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    await busy(btn, async () => {
      try {
        await put(path, fairBody(f, false));
        announce(t('common.saved'));
        reload();
      } catch (e) {
        showError(err, e);
      }
    });
  });
  return form;
}

function tablesSection(fair, depts, positions, path, reload) {
  const atFair = new Map((fair.departments || []).map((d) => [d.id, d.tables]));
  const withPositions = new Set(positions.map((p) => p.department_id));
  const inputs = [];
  const rows = depts.map((d) => {
    const id = `tables-${d.id}`;
    const cur = atFair.has(d.id) ? atFair.get(d.id) : withPositions.has(d.id) ? d.tables : 0;
    const input = h('input', {
      id,
      type: 'number',
      min: 0,
      max: 100,
      value: cur,
      class: 'narrow',
      dataset: { dept: d.id },
    });
    inputs.push(input);
    return h(
      'tr',
      null,
      h('th', { scope: 'row' }, h('label', { for: id }, `${d.name} (${d.id})`)),
      h('td', null, input),
      h('td', null, withPositions.has(d.id) ? t('plan.hasPositions') : ''),
    );
  });
  const err = errorBox();
  const btn = h('button', { type: 'submit', id: 'save-tables' }, t('plan.saveTables'));
  const form = h(
    'form',
    { class: 'card', id: 'fair-tables', 'aria-labelledby': 'ft-h' },
    h('h2', { id: 'ft-h' }, t('plan.tables')),
    h('p', { class: 'hint' }, t('plan.tablesHint')),
    h(
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
            h('th', { scope: 'col' }, t('dept.name')),
            h('th', { scope: 'col' }, t('plan.tableCount')),
            h('th', { scope: 'col' }, ''),
          ),
        ),
        h('tbody', null, rows),
      ),
    ),
    err,
    btn,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const departments = [];
    for (const i of inputs) {
      const n = Number(i.value);
      if (!Number.isInteger(n) || n < 0 || n > 100) {
        err.textContent = t('plan.badTables', { dept: i.dataset.dept });
        i.focus();
        return;
      }
      if (n > 0) departments.push({ id: i.dataset.dept, tables: n });
    }
    await busy(btn, async () => {
      try {
        await put(path, { departments });
        announce(t('common.saved'));
        reload();
      } catch (e) {
        showError(err, e);
      }
    });
  });
  return form;
}

/* The departments against their quota, furthest behind first (the matching
   favours them too), with the places each already offers at this fair and a
   shortcut to a new position for it. */
function quotaSection(fair, quota, plan, positions, hooks) {
  const month = fair.date.slice(0, 7);
  const places = new Map();
  for (const p of positions) places.set(p.department_id, (places.get(p.department_id) || 0) + (p.places || 0));
  const planned = new Map(Array.isArray(plan) ? plan.map((d) => [d.id, d.places]) : []);
  const planColumn = planned.size
    ? [{ head: t('quota.planPlaces'), num: true, cell: (d) => (planned.has(d.id) ? String(planned.get(d.id)) : '–') }]
    : [];
  let body;
  if (quota && quota.error) {
    body = h('p', { class: 'error', role: 'alert' }, t('quota.failed', { msg: quota.error.message }));
  } else if (!Array.isArray(quota) || quota.length === 0) {
    body = h('p', null, t('quota.none'));
  } else {
    body = h(
      'div',
      { class: 'scroll' },
      quotaTable(behindFirst(quota), {
        id: 'plan-quota',
        locale: getLang() === 'sv' ? 'sv-SE' : 'en-GB',
        caption: t('quota.caption', { month }),
        label: (k, vars) => t(`quota.${k}`, vars),
        extra: [
          ...planColumn,
          { head: t('quota.places'), num: true, cell: (d) => String(places.get(d.id) || 0) },
          {
            head: h('span', { class: 'visually-hidden' }, t('common.actions')),
            cell: (d) =>
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary small',
                  'aria-label': t('quota.addPositionLabel', { dept: d.name || d.id }),
                  dataset: { dept: d.id },
                  onclick: () => hooks.newPositionFor && hooks.newPositionFor(d.id),
                },
                t('quota.addPosition'),
              ),
          },
        ],
      }),
    );
  }
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'quota-h', id: 'quota' },
    h('h2', { id: 'quota-h' }, t('quota.title')),
    h('p', { class: 'hint' }, t('quota.planHint')),
    body,
  );
}

function positionsSection(fair, depts, positions, path, reload, hooks = {}) {
  const deptName = new Map(depts.map((d) => [d.id, d.name]));
  const err = errorBox();
  const f = {
    id: field(t('pos.id'), { name: 'id', required: true, maxlength: 64 }),
    department_id: field(
      t('pos.department'),
      { name: 'department_id', required: true },
      'select',
      depts.map((d) => ({ value: d.id, label: `${d.name} (${d.id})` })),
    ),
    title: field(t('pos.title'), { name: 'title' }),
    occupation: field(t('pos.occupation'), {
      name: 'occupation',
      pattern: '[0-9]{4}',
      inputmode: 'numeric',
      'aria-describedby': 'occ-hint',
    }),
    places: field(t('pos.places'), { name: 'places', type: 'number', min: 1, max: 1000, value: 1 }),
    min_swedish_level: field(t('pos.minSwedish'), { name: 'min_swedish_level', type: 'number', min: 0, max: 5 }),
    extent: field(t('pos.extent'), { name: 'extent', type: 'number', min: 1, max: 100 }),
  };
  const lic = h('input', { type: 'checkbox', id: 'pos-lic', name: 'requires_driving_licence' });
  let editing = null;
  const legend = h('h3', { id: 'pos-form-h' }, t('pos.new'));
  const btn = h('button', { type: 'submit', id: 'save-position' }, t('pos.add'));
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, t('common.cancel'));
  const setEditing = (p) => {
    editing = p;
    f.id.input.disabled = !!p;
    legend.textContent = p ? t('pos.edit', { id: p.id }) : t('pos.new');
    btn.textContent = p ? t('common.save') : t('pos.add');
    cancel.hidden = !p;
    f.id.input.value = p ? p.id : '';
    f.department_id.input.value = p ? p.department_id : depts[0] ? depts[0].id : '';
    f.title.input.value = p ? p.title || '' : '';
    f.occupation.input.value = p ? p.occupation || '' : '';
    f.places.input.value = p ? p.places : 1;
    f.min_swedish_level.input.value = p && p.min_swedish_level !== null ? p.min_swedish_level : '';
    f.extent.input.value = p && p.extent !== null ? p.extent : '';
    lic.checked = p ? !!p.requires_driving_licence : false;
  };
  cancel.addEventListener('click', () => setEditing(null));
  hooks.newPositionFor = (deptId) => {
    setEditing(null);
    f.department_id.input.value = deptId;
    f.id.input.scrollIntoView({ block: 'center' });
    f.id.input.focus();
  };
  const form = h(
    'form',
    { class: 'subcard', id: 'position-form', 'aria-labelledby': 'pos-form-h' },
    legend,
    h(
      'div',
      { class: 'grid-fields' },
      Object.values(f).map((x) => x.wrap),
      h('div', { class: 'field check' }, lic, h('label', { for: 'pos-lic' }, t('pos.licence'))),
    ),
    h('p', { class: 'hint', id: 'occ-hint' }, t('pos.occupationHint')),
    err,
    h('div', { class: 'actions' }, btn, cancel),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const num = (x) => (x.input.value === '' ? null : Number(x.input.value));
    const body = {
      department_id: f.department_id.input.value,
      title: f.title.input.value,
      occupation: f.occupation.input.value,
      places: Number(f.places.input.value || 1),
      requires_driving_licence: lic.checked,
      min_swedish_level: num(f.min_swedish_level),
      extent: num(f.extent),
    };
    await busy(btn, async () => {
      try {
        if (editing) {
          await put(`/positions/${seg(editing.id)}`, body);
        } else {
          await post(`${path}/positions`, { id: f.id.input.value.trim(), ...body });
        }
        announce(t('common.saved'));
        reload();
      } catch (e) {
        showError(err, e);
      }
    });
  });
  const rows = positions.map((p) =>
    h(
      'tr',
      null,
      h('td', null, p.id),
      h('td', null, deptName.get(p.department_id) || p.department_id),
      h('td', null, p.title || ''),
      h('td', null, p.occupation || ''),
      h('td', { class: 'num' }, p.places),
      h('td', null, p.requires_driving_licence ? t('common.yes') : t('common.no')),
      h('td', { class: 'num' }, p.min_swedish_level ?? '–'),
      h('td', { class: 'num' }, p.extent ?? '–'),
      h(
        'td',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            'aria-label': t('pos.editLabel', { id: p.id }),
            onclick: () => {
              setEditing(p);
              f.title.input.focus();
            },
          },
          t('common.edit'),
        ),
      ),
    ),
  );
  setEditing(null);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'pos-h' },
    h('h2', { id: 'pos-h' }, t('plan.positions'), h('span', { class: 'badge' }, positions.length)),
    positions.length === 0
      ? h('p', null, t('pos.none'))
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'list', id: 'position-list' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                [
                  'pos.id',
                  'pos.department',
                  'pos.title',
                  'pos.occupation',
                  'pos.places',
                  'pos.licence',
                  'pos.minSwedish',
                  'pos.extent',
                ].map((k) => h('th', { scope: 'col' }, t(k))),
                h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))),
              ),
            ),
            h('tbody', null, rows),
          ),
        ),
    form,
  );
}

function invitationsSection(fair, invitations, path, reload) {
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
      const rows = r.items.map((s) => {
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
          updateBtn();
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
      });
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
        h(
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
        ),
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
  const invList = h(
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
    invList,
    form,
    results,
    err,
    h('div', { class: 'actions' }, inviteBtn),
  );
}

/* The last matching's answer, kept across the page reload that follows it. */
let lastMatch = null;

function matchResult(r) {
  return h(
    'dl',
    { class: 'facts' },
    h('dt', null, t('match.rStatus')),
    h('dd', null, r.status),
    h('dt', null, t('match.rInterviews')),
    h('dd', null, r.interviews),
    h('dt', null, t('match.rUnscheduled')),
    h('dd', null, r.unscheduled),
    h('dt', null, t('match.rObjective')),
    h('dd', null, decimal(r.objective, 1)),
    h('dt', null, t('match.rSeconds')),
    h('dd', null, decimal(r.seconds, 2)),
  );
}

function matchSection(fair, path, reload) {
  const limit = field(t('match.limit'), { type: 'number', min: 1, max: 600, value: 30, class: 'narrow', id: 'match-limit' });
  const out = h('div', { id: 'match-result', 'aria-live': 'polite' });
  if (lastMatch && lastMatch.fair === fair.id) append(out, matchResult(lastMatch.r));
  const err = errorBox();
  const btn = h('button', { type: 'button', id: 'run-match', class: 'primary' }, t('match.run'));
  btn.addEventListener('click', async () => {
    err.textContent = '';
    const unwatch = watchMatch(path, out);
    await busy(btn, async () => {
      try {
        const r = await post(`${path}/match`, { time_limit_seconds: Number(limit.input.value) || 60 });
        unwatch();
        lastMatch = { fair: fair.id, r };
        announce(t('match.done', { n: r.interviews }));
        reload();
      } catch (e) {
        unwatch();
        clear(out);
        showError(err, e);
      }
    });
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'match-h' },
    h('h2', { id: 'match-h' }, t('plan.match')),
    h('p', { class: 'hint' }, t('match.hint')),
    h('p', null, t('match.status', { status: t(`status.${fair.status}`) })),
    h('div', { class: 'actions' }, limit.wrap, btn),
    out,
    err,
  );
}

export function womenShareSection(sched) {
  const ws = sched.women_share || {};
  const bar = (label, share, count, id) => {
    const fill = h('span', { class: 'bar-fill' });
    fill.style.width = `${Math.max(0, Math.min(1, share || 0)) * 100}%`;
    return h(
      'div',
      { class: 'bar-row', id },
      h('span', { class: 'bar-label' }, label),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, fill),
      h('span', { class: 'bar-value' }, `${pct(share)} (${t('ws.ofN', { n: count ?? 0 })})`),
    );
  };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'ws-h', id: 'women-share' },
    h('h2', { id: 'ws-h' }, t('ws.title')),
    bar(t('ws.invited'), ws.invited, ws.invited_count, 'ws-invited'),
    bar(t('ws.pool'), ws.pool, ws.pool_count, 'ws-pool'),
    h('p', { class: 'hint' }, t('ws.hint')),
  );
}

export function candidatesSection(sched, genderOf = new Map()) {
  const byDept = new Map(sched.departments.map((d) => [d.id, []]));
  for (const iv of sched.interviews) {
    if (!byDept.has(iv.department_id)) byDept.set(iv.department_id, []);
    byDept.get(iv.department_id).push(iv);
  }
  const names = new Map(sched.departments.map((d) => [d.id, d.name]));
  const blocks = [];
  for (const [id, ivs] of byDept) {
    ivs.sort((a, b) => a.period - b.period || a.table - b.table);
    const people = [...new Set(ivs.map((x) => x.seeker_id))];
    const known = people.filter((p) => genderOf.has(p));
    const women = known.filter((p) => genderOf.get(p) === 'woman').length;
    blocks.push(
      h(
        'div',
        { class: 'dept-block', dataset: { dept: id } },
        h('h3', null, `${names.get(id) || id} (${id})`, h('span', { class: 'badge' }, ivs.length)),
        known.length
          ? h(
              'p',
              { class: 'dept-share' },
              t('cand.share', { women, n: known.length, share: pct(women / known.length) }),
            )
          : null,
        ivs.length === 0
          ? h('p', null, t('cand.none'))
          : h(
              'div',
              { class: 'scroll' },
              h(
                'table',
                { class: 'list candidates' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    ['seeker.name', 'pos.title', 'tt.time', 'tt.tableCol', 'cand.score'].map((k) =>
                      h('th', { scope: 'col' }, t(k)),
                    ),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  ivs.map((iv) =>
                    h(
                      'tr',
                      null,
                      h('td', null, iv.seeker_name || iv.seeker_id),
                      h('td', null, iv.position_title || iv.position_id),
                      h('td', null, periodLabel(sched, iv.period)),
                      h('td', null, tableLabel(iv.department_id, iv.table)),
                      h('td', { class: 'num' }, typeof iv.score === 'number' ? decimal(iv.score, 1) : ''),
                    ),
                  ),
                ),
              ),
            ),
      ),
    );
  }
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'cand-h', id: 'candidates' },
    h('h2', { id: 'cand-h' }, t('cand.title'), h('span', { class: 'badge' }, sched.interviews.length)),
    sched.interviews.length === 0 ? h('p', null, t('cand.notMatched')) : blocks,
  );
}
