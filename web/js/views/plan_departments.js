// views/plan_departments.js - the planning page's departments: how many
// tables each brings to the fair, and where each stands against its quota
// (furthest behind first) with the places it offers here and a shortcut to
// a new position for it (plan_positions.js listens through hooks).

import { h } from '../dom.js';
import { put } from '../api.js';
import { t, getLang } from '../i18n.js';
import { announce } from '../ui.js';
import { quotaTable, behindFirst } from '../quota.js';
import { errorBox, saveOnSubmit } from './plan_form.js';

export function tablesSection(fair, depts, positions, path, reload) {
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
  const read = () => {
    const departments = [];
    for (const i of inputs) {
      const n = Number(i.value);
      if (!Number.isInteger(n) || n < 0 || n > 100) {
        err.textContent = t('plan.badTables', { dept: i.dataset.dept });
        i.focus();
        return null;
      }
      if (n > 0) departments.push({ id: i.dataset.dept, tables: n });
    }
    return departments;
  };
  saveOnSubmit(
    form,
    btn,
    err,
    async (departments) => {
      await put(path, { departments });
      announce(t('common.saved'));
      reload();
    },
    read,
  );
  return form;
}

/* The departments against their quota, furthest behind first (the matching
   favours them too), with the places each already offers at this fair and a
   shortcut to a new position for it. */
export function quotaSection(fair, quota, plan, positions, hooks) {
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
