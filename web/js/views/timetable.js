// views/timetable.js - the fair's grid of periods x department tables.
// An organiser moves an interview by dragging it onto another cell, or
// without a mouse: select it, then pick period and table (or tap an empty
// cell: the tablet way). Obvious clashes are shown before anything is sent;
// the server checks every rule again and its refusal is shown as it says it.
// Managers see the grid of their own department, read-only.
//
// One page's state is a `tt` object (the schedule, its index, the selected
// and the dragged interview, and the page's fixed elements) that the named
// functions below share; every change re-renders the grid and the panel.

import { h, clear } from '../dom.js';
import { put } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../ui.js';
import {
  fairHeader,
  loadSchedule,
  periodLabel,
  tableLabel,
  columns,
  indexInterviews,
  moveConflicts,
  outcomeText,
} from './common.js';

let escHandler = null;

function showProblems(tt, list, fromServer = false) {
  clear(
    tt.problems,
    list.length
      ? [
          h('p', { class: 'problems-title' }, fromServer ? t('tt.refused') : t('tt.conflicts')),
          h(
            'ul',
            null,
            list.map((m) => h('li', null, m)),
          ),
        ]
      : null,
  );
  tt.problems.classList.toggle('has-problems', list.length > 0);
}

function rerender(tt) {
  renderGrid(tt);
  renderPanel(tt);
}

/* Drop the selection and give the focus back to the interview's card. */
function deselect(tt) {
  const id = tt.selected.id;
  tt.selected = null;
  showProblems(tt, []);
  rerender(tt);
  const c = document.getElementById(`iv-${id}`);
  if (c) c.focus();
}

/* A refused move (409) often means someone else changed the day meanwhile:
   show the schedule as it is now; the caller then gives the server's reason. */
async function reloadAfterRefusal(tt, iv) {
  try {
    const fresh = await loadSchedule(tt.fairId);
    tt.sched.interviews = fresh.interviews;
    tt.idx = indexInterviews(tt.sched.interviews);
    tt.selected = tt.sched.interviews.find((x) => x.id === iv.id) || null;
    rerender(tt);
  } catch {
    /* Keep the old picture; the reason below still stands. */
  }
}

async function doMove(tt, iv, period, table) {
  const { sched } = tt;
  const found = moveConflicts(sched, tt.idx, iv, period, table);
  if (found.length) {
    showProblems(tt, found);
    /* The panel may be out of sight (tablet): say it in the status line too. */
    announce(found.join(' '), 'error');
    return false;
  }
  showProblems(tt, []);
  try {
    const updated = await put(`/interviews/${iv.id}`, { period, table });
    const i = sched.interviews.findIndex((x) => x.id === iv.id);
    sched.interviews[i] = { ...iv, ...updated };
    tt.idx = indexInterviews(sched.interviews);
    tt.selected = null;
    announce(
      t('tt.moved', {
        who: iv.seeker_name || iv.seeker_id,
        time: periodLabel(sched, period),
        table: tableLabel(iv.department_id, table),
      }),
    );
    rerender(tt);
    const card = document.getElementById(`iv-${iv.id}`);
    if (card) card.focus();
    return true;
  } catch (e) {
    if (e.status === 409) await reloadAfterRefusal(tt, iv);
    showProblems(tt, [e.message], true);
    announce(e.message, 'error');
    return false;
  }
}

function select(tt, iv) {
  tt.selected = tt.selected && tt.selected.id === iv.id ? null : iv;
  showProblems(tt, []);
  rerender(tt);
  if (tt.selected) {
    const p = document.getElementById('move-period');
    if (p) p.focus();
  }
}

/* Dragging a movable card: remember it, and clear the cells' hints when it ends. */
function makeDraggable(tt, el, iv) {
  el.addEventListener('dragstart', (ev) => {
    tt.dragged = iv;
    ev.dataTransfer.effectAllowed = 'move';
    ev.dataTransfer.setData('text/plain', String(iv.id));
    el.classList.add('dragging');
  });
  el.addEventListener('dragend', () => {
    tt.dragged = null;
    el.classList.remove('dragging');
    for (const c of tt.gridWrap.querySelectorAll('.drop-ok, .drop-bad')) c.classList.remove('drop-ok', 'drop-bad');
  });
}

function card(tt, iv) {
  const { sched, canMove, selected } = tt;
  const movable = canMove && !iv.held && !iv.outcome;
  const label = [
    iv.seeker_name || iv.seeker_id,
    iv.position_title || iv.position_id,
    `${periodLabel(sched, iv.period)}, ${tableLabel(iv.department_id, iv.table)}`,
    iv.outcome ? outcomeText(iv.outcome) : null,
  ]
    .filter(Boolean)
    .join(', ');
  const el = h(
    canMove ? 'button' : 'div',
    {
      type: canMove ? 'button' : null,
      id: `iv-${iv.id}`,
      class: [
        'iv',
        iv.held || iv.outcome ? 'iv-held' : null,
        iv.attendance === 'no_show' ? 'iv-noshow' : null,
        selected && selected.id === iv.id ? 'iv-selected' : null,
      ],
      draggable: movable ? 'true' : null,
      'aria-pressed': canMove ? String(!!(selected && selected.id === iv.id)) : null,
      dataset: { id: String(iv.id), seeker: iv.seeker_id },
    },
    h('span', { class: 'iv-name' }, iv.seeker_name || iv.seeker_id),
    h('span', { class: 'iv-pos' }, ` ${iv.position_title || iv.position_id}`),
    iv.outcome ? h('span', { class: 'iv-out' }, ` ${outcomeText(iv.outcome)}`) : null,
    iv.attendance === 'no_show' ? h('span', { class: 'iv-out' }, ` ${t('att.no_show')}`) : null,
    /* The accessible name starts with what is seen (WCAG 2.5.3), then the rest. */
    canMove ? h('span', { class: 'visually-hidden' }, `, ${t('tt.selectLabel', { what: label })}`) : null,
  );
  if (canMove) {
    el.addEventListener('click', () => select(tt, iv));
    if (movable) makeDraggable(tt, el, iv);
  }
  return el;
}

/* An empty cell of the selected interview's department: a button to move it here. */
function moveHere(tt, period, col) {
  const { sched, selected } = tt;
  const bad = moveConflicts(sched, tt.idx, selected, period, col.table);
  return h(
    'button',
    {
      type: 'button',
      class: ['move-here', bad.length ? 'bad' : null],
      'aria-label': t('tt.moveHereLabel', {
        time: periodLabel(sched, period),
        table: tableLabel(col.dept, col.table),
      }),
      onclick: () => doMove(tt, tt.selected, period, col.table),
    },
    t('tt.moveHere'),
  );
}

/* A cell takes dropped cards; one of another department is refused with a reason. */
function acceptDrops(tt, td, period, col) {
  td.addEventListener('dragover', (ev) => {
    const { dragged } = tt;
    if (!dragged) return;
    /* A refused cell still takes the drop, so that the reason can be said. */
    ev.preventDefault();
    const bad =
      dragged.department_id !== col.dept || moveConflicts(tt.sched, tt.idx, dragged, period, col.table).length > 0;
    td.classList.toggle('drop-bad', bad);
    td.classList.toggle('drop-ok', !bad);
    ev.dataTransfer.dropEffect = 'move';
  });
  td.addEventListener('dragleave', () => td.classList.remove('drop-ok', 'drop-bad'));
  td.addEventListener('drop', (ev) => {
    ev.preventDefault();
    td.classList.remove('drop-ok', 'drop-bad');
    const id = Number(ev.dataTransfer.getData('text/plain'));
    const moving = tt.dragged || tt.sched.interviews.find((x) => x.id === id);
    tt.dragged = null;
    if (moving && moving.department_id !== col.dept) {
      const why = t('tt.otherDept', { dept: moving.department_id });
      showProblems(tt, [why]);
      announce(why, 'error');
    } else if (moving) doMove(tt, moving, period, col.table);
  });
}

function cell(tt, period, col) {
  const iv = tt.idx.byCell.get(`${period}|${col.dept}|${col.table}`);
  const td = h('td', {
    class: ['cell', iv ? 'filled' : 'empty'],
    dataset: { period: String(period), dept: col.dept, table: String(col.table) },
  });
  if (iv) td.append(card(tt, iv));
  else if (tt.canMove && tt.selected && tt.selected.department_id === col.dept) td.append(moveHere(tt, period, col));
  if (tt.canMove) acceptDrops(tt, td, period, col);
  return td;
}

/* Interviews the solver chose but could not seat: they can be placed with
   the panel like any other. */
function renderUnplaced(tt) {
  const list = tt.sched.interviews.filter((x) => x.period === null || x.table === null);
  tt.unplacedWrap.hidden = list.length === 0;
  clear(
    tt.unplacedWrap,
    h('h2', { id: 'up-h' }, t('tt.unplacedTitle'), h('span', { class: 'badge' }, list.length)),
    h(
      'div',
      { class: 'unplaced-list' },
      list.map((iv) => card(tt, iv)),
    ),
  );
}

function renderGrid(tt) {
  const { sched } = tt;
  renderUnplaced(tt);
  const cols = columns(sched);
  const deptNames = new Map(sched.departments.map((d) => [d.id, d.name]));
  clear(
    tt.gridWrap,
    h(
      'table',
      { class: 'timetable', id: 'timetable' },
      h('caption', { class: 'visually-hidden' }, t('tt.caption')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('tt.time')),
          cols.map((c) =>
            h(
              'th',
              { scope: 'col', title: deptNames.get(c.dept) || c.dept },
              h('span', { class: 'col-dept' }, c.dept),
              h('span', { class: 'col-table' }, `${t('tt.table')} ${c.table}`),
            ),
          ),
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
            cols.map((c) => cell(tt, p.index, c)),
          ),
        ),
      ),
    ),
  );
}

/* The selected interview's period and table as two selects, checked as they change. */
function moveForm(tt, iv) {
  const { sched } = tt;
  const dept = sched.departments.find((d) => d.id === iv.department_id);
  const periodSel = h(
    'select',
    { id: 'move-period' },
    sched.periods.map((p) => h('option', { value: String(p.index), selected: p.index === iv.period }, `${p.start}–${p.end}`)),
  );
  const tables = [];
  for (let tb = 1; tb <= (dept ? dept.tables : 0); tb += 1) tables.push(tb);
  const tableSel = h(
    'select',
    { id: 'move-table' },
    tables.map((tb) => h('option', { value: String(tb), selected: tb === iv.table }, tableLabel(iv.department_id, tb))),
  );
  const saveBtn = h('button', { type: 'submit', id: 'move-save', class: 'primary' }, t('tt.save'));
  const check = () => {
    const p = Number(periodSel.value);
    const tb = Number(tableSel.value);
    if (p === iv.period && tb === iv.table) {
      /* Nothing chosen yet: no warning, just nothing to save. */
      showProblems(tt, []);
      saveBtn.disabled = true;
      return;
    }
    const found = moveConflicts(sched, tt.idx, iv, p, tb);
    showProblems(tt, found);
    saveBtn.disabled = found.length > 0;
  };
  periodSel.addEventListener('change', check);
  tableSel.addEventListener('change', check);
  const form = h(
    'form',
    { id: 'move-form' },
    h('div', { class: 'field' }, h('label', { for: 'move-period' }, t('tt.period')), periodSel),
    h('div', { class: 'field' }, h('label', { for: 'move-table' }, t('tt.tableCol')), tableSel),
    h(
      'div',
      { class: 'actions' },
      saveBtn,
      h('button', { type: 'button', class: 'secondary', onclick: () => deselect(tt) }, t('common.cancel')),
    ),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    saveBtn.disabled = true;
    const ok = await doMove(tt, iv, Number(periodSel.value), Number(tableSel.value));
    if (!ok) saveBtn.disabled = false;
  });
  return { form, check };
}

function renderPanel(tt) {
  const { sched, panel, problems } = tt;
  if (!tt.canMove) {
    clear(panel, h('h2', { id: 'mp-h' }, t('tt.readonly')), h('p', null, t('tt.readonlyHint')));
    return;
  }
  if (!tt.selected) {
    clear(
      panel,
      h('h2', { id: 'mp-h' }, t('tt.move')),
      h('p', null, t('tt.moveHint')),
      h('p', { class: 'hint' }, t('tt.escHint')),
      problems,
    );
    return;
  }
  const iv = tt.selected;
  const { form, check } = moveForm(tt, iv);
  clear(
    panel,
    h('h2', { id: 'mp-h' }, t('tt.move')),
    h(
      'p',
      { id: 'move-what' },
      t('tt.selected', {
        who: iv.seeker_name || iv.seeker_id,
        pos: iv.position_title || iv.position_id,
        time: periodLabel(sched, iv.period),
        table: tableLabel(iv.department_id, iv.table),
      }),
    ),
    form,
    problems,
  );
  check();
}

export async function renderTimetable(main, ctx, fairId) {
  const sched = await loadSchedule(fairId);
  if (!ctx.isCurrent()) return;
  const tt = {
    fairId,
    sched,
    idx: indexInterviews(sched.interviews),
    canMove: ctx.me.role === 'organiser',
    selected: null,
    dragged: null,
    gridWrap: h('div', { class: 'scroll timetable-wrap' }),
    panel: h('section', { class: 'card move-panel no-print', id: 'move-panel', 'aria-labelledby': 'mp-h' }),
    problems: h('div', { id: 'move-problems', role: 'alert', class: 'problems' }),
    unplacedWrap: h('section', { class: 'card', id: 'unplaced', 'aria-labelledby': 'up-h' }),
  };
  /* On the document: after a re-render the focus may be on <body>. One
     handler at a time, and it does nothing once this grid has left the page. */
  if (escHandler) document.removeEventListener('keydown', escHandler);
  escHandler = (ev) => {
    if (ev.key !== 'Escape' || !tt.selected || !document.body.contains(tt.gridWrap)) return;
    deselect(tt);
  };
  document.addEventListener('keydown', escHandler);
  rerender(tt);
  clear(
    main,
    fairHeader(ctx, sched.fair, 'timetable'),
    sched.interviews.length === 0 ? h('p', null, t('cand.notMatched')) : null,
    h('div', { class: 'tt-layout' }, tt.panel, h('div', null, tt.gridWrap, tt.unplacedWrap)),
    h('p', { class: 'hint no-print' }, t('tt.legend')),
  );
}
