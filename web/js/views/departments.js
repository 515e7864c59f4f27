// views/departments.js - the organiser's department register: the list
// (id, name, employees, default tables) and one form that adds a department
// or edits the one chosen. The quota follows from the employees, so the
// list shows each department's quota too (GET /api/quota). The server
// allows this to organisers only; the router does not offer it to others.

import { h, clear } from '../dom.js';
import { get, post, put, seg } from '../api.js';
import { t, getLang } from '../i18n.js';
import { go, announce, busy } from '../ui.js';
import { errField, clearErrors, showApiError } from './form.js';

/* The department last saved: its row is marked and focused after the reload. */
let lastSaved = null;

export async function renderDepartments(main, ctx) {
  const [{ items }, quota] = await Promise.all([get('/departments'), get('/quota').catch(() => null)]);
  if (!ctx.isCurrent()) return;
  const quotaOf = new Map((Array.isArray(quota) ? quota : []).map((q) => [q.id, q.quota]));

  const f = {
    id: errField(
      'id',
      t('dept.id'),
      { required: true, maxlength: 64, autocomplete: 'off' },
      'input',
      null,
      t('dept.idHint'),
    ),
    name: errField('name', t('dept.fullName'), { required: true, maxlength: 200, autocomplete: 'off' }),
    employees: errField(
      'employees',
      t('dept.employees'),
      { type: 'number', min: 0, max: 10000000, inputmode: 'numeric' },
      'input',
      null,
      t('dept.employeesHint'),
    ),
    tables: errField(
      'tables',
      t('dept.tables'),
      { type: 'number', min: 0, max: 100, inputmode: 'numeric' },
      'input',
      null,
      t('dept.tablesHint'),
    ),
  };
  const err = h('p', { class: 'error', role: 'alert' });
  const legend = h('h2', { id: 'dept-form-h' }, t('dept.new'));
  const btn = h('button', { type: 'submit', id: 'save-department' }, t('dept.create'));
  const cancel = h(
    'button',
    { type: 'button', class: 'secondary', hidden: true, id: 'cancel-department' },
    t('common.cancel'),
  );
  let editing = null;
  const setEditing = (d) => {
    editing = d;
    clearErrors(f, err);
    f.id.input.disabled = !!d;
    legend.textContent = d ? t('dept.edit', { id: d.id }) : t('dept.new');
    btn.textContent = d ? t('common.save') : t('dept.create');
    cancel.hidden = !d;
    f.id.input.value = d ? d.id : '';
    f.name.input.value = d ? d.name || '' : '';
    f.employees.input.value = d ? d.employees : 0;
    f.tables.input.value = d ? d.tables : 1;
  };
  cancel.addEventListener('click', () => {
    setEditing(null);
    f.id.input.focus();
  });

  /* Whole numbers are sent as numbers; anything else as typed, so that the
     server's answer names the field. */
  const intOf = (input) => {
    const v = input.value.trim();
    if (v === '') return undefined;
    const n = Number(v);
    return Number.isInteger(n) ? n : v;
  };
  const form = h(
    'form',
    { class: 'card', id: 'department-form', 'aria-labelledby': 'dept-form-h', novalidate: true },
    legend,
    h('div', { class: 'grid-fields' }, Object.values(f).map((x) => x.wrap)),
    err,
    h('div', { class: 'actions' }, btn, cancel),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(f, err);
    const body = {
      name: f.name.input.value.trim(),
      employees: intOf(f.employees.input),
      tables: intOf(f.tables.input),
    };
    if (!editing) body.id = f.id.input.value.trim();
    /* Say what is missing before asking the server. */
    for (const k of editing ? ['name'] : ['id', 'name']) {
      if (!body[k]) {
        showApiError(f, { field: k, message: t('form.required') }, err);
        return;
      }
    }
    await busy(btn, async () => {
      try {
        const d = editing ? await put(`/departments/${seg(editing.id)}`, body) : await post('/departments', body);
        lastSaved = d.id;
        announce(editing ? t('dept.saved', { id: d.id }) : t('dept.created', { id: d.id }));
        go('departments');
      } catch (e) {
        showApiError(f, e, err);
      }
    });
  });

  const rows = items.map((d) =>
    h(
      'tr',
      { dataset: { dept: d.id }, class: d.id === lastSaved ? 'just-saved' : null },
      h('th', { scope: 'row' }, d.id),
      h('td', null, d.name || ''),
      h('td', { class: 'num' }, d.employees.toLocaleString(getLang() === 'sv' ? 'sv-SE' : 'en-GB')),
      h('td', { class: 'num' }, quotaOf.has(d.id) ? String(quotaOf.get(d.id)) : '–'),
      h('td', { class: 'num' }, String(d.tables)),
      h(
        'td',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            'aria-label': t('dept.editLabel', { name: d.name || d.id }),
            dataset: { edit: d.id },
            onclick: () => {
              setEditing(d);
              form.scrollIntoView({ block: 'nearest' });
              f.name.input.focus();
            },
          },
          t('common.edit'),
        ),
      ),
    ),
  );
  setEditing(null);
  clear(
    main,
    h('h1', { tabindex: '-1' }, t('dept.title')),
    h('p', { class: 'hint' }, t('dept.intro')),
    items.length === 0
      ? h('p', null, t('dept.none'))
      : h(
          'div',
          { class: 'scroll card' },
          h(
            'table',
            { class: 'list', id: 'department-list' },
            h('caption', { class: 'visually-hidden' }, t('dept.title')),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, t('dept.id')),
                h('th', { scope: 'col' }, t('dept.fullName')),
                h('th', { scope: 'col', class: 'num' }, t('dept.employees')),
                h('th', { scope: 'col', class: 'num' }, t('quota.quota')),
                h('th', { scope: 'col', class: 'num' }, t('dept.tables')),
                h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))),
              ),
            ),
            h('tbody', null, rows),
          ),
        ),
    form,
  );
  /* After a save the page reloads: put the keyboard back on that row's button. */
  if (lastSaved) {
    const b = main.querySelector(`button[data-edit="${CSS.escape(lastSaved)}"]`);
    lastSaved = null;
    if (b) b.focus();
  }
}
