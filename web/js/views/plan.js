// views/plan.js - the organiser's fair planning: the list of fairs and a new
// fair; for one fair the page (its details here, then the sections of
// plan_departments.js: each department's tables and the quota behind first;
// plan_positions.js; plan_invitations.js; plan_match.js: running the
// matching, the women's share and the candidates) with a row of buttons to
// jump between them. The timetable, the fair day and printing are other pages.

import { h, clear, field } from '../dom.js';
import { leftOutSlot } from './invite.js';
import { get, post, put, seg } from '../api.js';
import { t } from '../i18n.js';
import { href, go, announce } from '../ui.js';
import { fairHeader, loadSchedule } from './common.js';
import { errorBox, saveOnSubmit } from './plan_form.js';
import { tablesSection, quotaSection } from './plan_departments.js';
import { positionsSection } from './plan_positions.js';
import { invitationsSection } from './plan_invitations.js';
import { matchSection, womenShareSection, candidatesSection } from './plan_match.js';

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
  saveOnSubmit(form, btn, err, async () => {
    const fair = await post('/fairs', fairBody(f, true));
    announce(t('fairs.created', { id: fair.id }));
    go('fairs', fair.id);
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
  saveOnSubmit(form, btn, err, async () => {
    await put(path, fairBody(f, false));
    announce(t('common.saved'));
    reload();
  });
  return form;
}
