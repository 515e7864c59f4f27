// views/plan_positions.js - the planning page's positions: the fair's list
// and the form that adds one or edits one (the quota table's "new position
// for" fills it through hooks.newPositionFor).

import { h, field } from '../dom.js';
import { post, put, seg } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../ui.js';
import { errorBox, saveOnSubmit } from './plan_form.js';

/* The form that adds a position or edits one; hooks.newPositionFor(dept)
   starts a new one for dept. Returns {form, edit(p)}. */
function positionForm(depts, path, reload, hooks) {
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
  saveOnSubmit(form, btn, err, async () => {
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
    if (editing) {
      await put(`/positions/${seg(editing.id)}`, body);
    } else {
      await post(`${path}/positions`, { id: f.id.input.value.trim(), ...body });
    }
    announce(t('common.saved'));
    reload();
  });
  setEditing(null);
  return {
    form,
    edit: (p) => {
      setEditing(p);
      f.title.input.focus();
    },
  };
}

/* The fair's positions, each with an edit button that fills the form. */
function positionTable(positions, deptName, edit) {
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
            onclick: () => edit(p),
          },
          t('common.edit'),
        ),
      ),
    ),
  );
  return positions.length === 0
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
        );
}

export function positionsSection(fair, depts, positions, path, reload, hooks = {}) {
  const deptName = new Map(depts.map((d) => [d.id, d.name]));
  const { form, edit } = positionForm(depts, path, reload, hooks);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'pos-h' },
    h('h2', { id: 'pos-h' }, t('plan.positions'), h('span', { class: 'badge' }, positions.length)),
    positionTable(positions, deptName, edit),
    form,
  );
}
