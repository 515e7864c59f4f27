// views/employments.js - after the yes: the list of employments, one
// employment's life cycle (the agency's decision, start, extensions, end
// with its reason, the status 90/180/365 days after, follow-ups) with a
// form per event, and the follow-up worklist. The server decides who may
// record what (a manager: their own department, only the status after the
// end) and checks every date; this page shows its answers next to the field.

import { h, clear } from '../dom.js';
import { get, post, put, seg } from '../api.js';
import { t } from '../i18n.js';
import { href, announce, busy } from '../ui.js';
import { errField, clearErrors, showApiError } from './form.js';

const REASONS = [
  'to_work', 'to_studies', 'own_business', 'completed', 'other_programme', 'illness', 'other_authority',
  'not_reachable', 'moved', 'disability_pension', 'parental_leave', 'change_provider', 'dissatisfied',
  'substance_abuse', 'social_services', 'not_target_group', 'temporary_end', 'prison_service', 'other',
];
const STATUSES = ['work', 'subsidised_work', 'studies', 'other_programme', 'unemployed', 'other', 'unknown'];
const MILESTONES = ['3m', '6m', '12m'];

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const opt = (prefix, values, empty) => [
  ...(empty ? [{ value: '', label: t('emp.choose') }] : []),
  ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) })),
];

export async function renderEmployments(main, ctx) {
  const open = ctx.query.get('open') === 'true';
  const { items } = await get(`/employments${open ? '?open=true' : ''}`);
  if (!ctx.isCurrent()) return;
  const rows = items.map((e) =>
    h(
      'tr',
      { dataset: { id: String(e.id) } },
      h('th', { scope: 'row' }, h('a', { href: href('employments', String(e.id)) }, `${e.seeker_id}`)),
      h('td', null, e.department_id),
      h('td', null, e.decision_date),
      h('td', null, e.start_date || '–'),
      h('td', null, e.end_date ? `${e.end_date} · ${e.end_reason ? t(`reason.${e.end_reason}`) : t('emp.noReason')}` : t('emp.open')),
      h('td', null, e.status_90 ? t(`status90.${e.status_90}`) : '–'),
    ),
  );
  clear(
    main,
    h('h1', { tabindex: '-1' }, t('emp.title')),
    h(
      'p',
      null,
      h('a', { href: open ? '#/employments' : '#/employments?open=true', id: 'emp-filter' }, open ? t('emp.showAll') : t('emp.showOpen')),
      ' · ',
      h('a', { href: '#/followup' }, t('nav.followup')),
    ),
    items.length === 0
      ? h('p', { id: 'emp-none' }, t('emp.none'))
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'list', id: 'employments' },
            h(
              'thead',
              null,
              h('tr', null, ['emp.seeker', 'emp.department', 'emp.decision', 'emp.start', 'emp.end', 'emp.status90'].map((k) => h('th', { scope: 'col' }, t(k)))),
            ),
            h('tbody', null, rows),
          ),
        ),
  );
}

/* One event form: fields, a submit button, an error line; onSave(values) returns the request. */
function eventForm(id, title, fields, onSave, after) {
  const box = h('p', { class: 'error', role: 'alert' });
  const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
  const btn = h('button', { type: 'submit', id: `${id}-save` }, t('common.save'));
  const form = h('form', { class: 'card event', id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), fields.map((f) => f.wrap), box, btn);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(byName, box);
    const values = {};
    for (const f of fields) if (f.input.value !== '') values[f.name] = f.input.value;
    await busy(btn, async () => {
      try {
        await onSave(values);
        announce(t('common.saved'));
        after();
      } catch (e) {
        if (e.status === 401) return;
        showApiError(byName, e, box);
      }
    });
  });
  return form;
}

const dateField = (name, label, value) => errField(name, label, { type: 'date', value: value || '' });
const selectField = (name, label, prefix, values, current) =>
  errField(name, label, {}, 'select', opt(prefix, values, true).map((o) => ({ ...o, selected: o.value === (current || '') })));

export async function renderEmployment(main, ctx, id) {
  const e = await get(`/employments/${seg(id)}`);
  if (!ctx.isCurrent()) return;
  const reload = () => renderEmployment(main, ctx, id);
  const base = `/employments/${seg(id)}`;
  const ended = !!e.end_date;
  const statusOnly = ctx.me.role === 'manager' && ended;
  const facts = [
    ['emp.seeker', e.seeker_id],
    ['emp.department', e.department_id],
    ['emp.accepted', e.accepted_date || '–'],
    ['emp.decision', e.decision_date],
    ['emp.start', e.start_date || '–'],
    ['emp.plannedEnd', e.planned_end || '–'],
    ['emp.end', e.end_date || t('emp.open')],
    ['emp.reason', e.end_reason ? `${t(`reason.${e.end_reason}`)} (${t(`class.${e.end_class}`)})` : '–'],
    ['emp.status90', e.status_90 ? t(`status90.${e.status_90}`) : '–'],
    ['emp.status180', e.status_180 ? t(`status90.${e.status_180}`) : '–'],
    ['emp.status365', e.status_365 ? t(`status90.${e.status_365}`) : '–'],
  ];
  const forms = [];
  if (!statusOnly) {
    forms.push(
      eventForm(
        'ev-start',
        t('emp.form.start'),
        [dateField('start_date', t('emp.start'), e.start_date), dateField('planned_end', t('emp.plannedEnd'), e.planned_end)],
        (v) => put(base, { start_date: v.start_date ?? null, planned_end: v.planned_end ?? null }),
        reload,
      ),
    );
    if (!ended) {
      forms.push(
        eventForm(
          'ev-extend',
          t('emp.form.extend'),
          [dateField('decision_date', t('emp.extDecision'), today()), dateField('planned_end', t('emp.newPlannedEnd'))],
          (v) => post(`${base}/extensions`, v),
          reload,
        ),
      );
    }
    forms.push(
      eventForm(
        'ev-end',
        t('emp.form.end'),
        [dateField('end_date', t('emp.end'), e.end_date), selectField('end_reason', t('emp.reason'), 'reason', REASONS, e.end_reason)],
        (v) => put(base, { end_date: v.end_date ?? null, end_reason: v.end_reason ?? null }),
        reload,
      ),
    );
  }
  if (ended) {
    forms.push(
      eventForm(
        'ev-status',
        t('emp.form.status'),
        [
          selectField('status_90', t('emp.status90'), 'status90', STATUSES, e.status_90),
          selectField('status_180', t('emp.status180'), 'status90', STATUSES, e.status_180),
          selectField('status_365', t('emp.status365'), 'status90', STATUSES, e.status_365),
        ],
        (v) => {
          const body = {};
          for (const k of ['status_90', 'status_180', 'status_365']) if (v[k] && v[k] !== e[k]) body[k] = v[k];
          return put(base, body);
        },
        reload,
      ),
    );
  } else {
    forms.push(
      eventForm(
        'ev-follow',
        t('emp.form.follow'),
        [
          selectField('milestone', t('emp.milestone'), 'milestone', MILESTONES),
          dateField('date', t('emp.followDate'), today()),
          selectField('status', t('emp.followStatus'), 'status90', ['employed', ...STATUSES]),
          errField('note', t('emp.note'), { maxlength: '500' }),
        ],
        (v) => post(`${base}/follow_ups`, v),
        reload,
      ),
    );
  }
  clear(
    main,
    h('h1', { tabindex: '-1' }, t('emp.one', { id: e.id, seeker: e.seeker_id })),
    h('p', null, h('a', { href: '#/employments' }, t('emp.back')), ' · ', h('a', { href: '#/followup' }, t('nav.followup'))),
    h('dl', { class: 'facts', id: 'emp-facts' }, facts.map(([k, v]) => [h('dt', null, t(k)), h('dd', { dataset: { k } }, v)])),
    e.extensions.length
      ? h('section', { class: 'card' }, h('h2', null, t('emp.extensions')), h('ul', { id: 'emp-extensions' }, e.extensions.map((x) => h('li', null, t('emp.extLine', { d: x.decision_date, p: x.planned_end || '–' })))))
      : null,
    e.follow_ups.length
      ? h('section', { class: 'card' }, h('h2', null, t('emp.followUps')), h('ul', { id: 'emp-followups' }, e.follow_ups.map((f) => h('li', null, `${t(`milestone.${f.milestone}`)} · ${f.date} · ${f.by}${f.status ? ` · ${t(`status90.${f.status}`)}` : ''}${f.note ? ` · ${f.note}` : ''}`))))
      : null,
    statusOnly ? h('p', { class: 'hint', id: 'emp-status-only' }, t('emp.statusOnly')) : null,
    h('div', { class: 'events' }, forms),
  );
}

export async function renderFollowup(main, ctx) {
  const date = ctx.query.get('date') || today();
  const { items } = await get(`/followup?date=${encodeURIComponent(date)}`);
  if (!ctx.isCurrent()) return;
  const dateIn = h('input', { id: 'fu-date', type: 'date', value: date });
  const go = h('button', { type: 'submit', class: 'secondary' }, t('fu.show'));
  const form = h('form', { class: 'inline' }, h('label', { for: 'fu-date' }, t('fu.date')), dateIn, go);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `#/followup?date=${encodeURIComponent(dateIn.value || today())}`;
  });
  clear(
    main,
    h('h1', { tabindex: '-1' }, t('fu.title')),
    h('p', null, t('fu.intro')),
    form,
    items.length === 0
      ? h('p', { id: 'fu-none' }, t('fu.none', { date }))
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'list', id: 'followup' },
            h('thead', null, h('tr', null, ['fu.due', 'emp.seeker', 'emp.department', 'fu.item', 'fu.action'].map((k) => h('th', { scope: 'col' }, t(k))))),
            h(
              'tbody',
              null,
              items.map((w) =>
                h(
                  'tr',
                  { dataset: { item: w.item, employment: String(w.employment_id) } },
                  h('td', null, w.due),
                  h('th', { scope: 'row' }, h('a', { href: href('employments', String(w.employment_id)) }, `${w.seeker_name || ''} (${w.seeker_id})`)),
                  h('td', null, w.department_id),
                  h('td', null, t(`fu.item.${w.item}`)),
                  h('td', null, w.action),
                ),
              ),
            ),
          ),
        ),
  );
}
