// views/timetable.js - the fair's grid of periods x department tables.
// An organiser moves an interview by dragging it onto another cell, or
// without a mouse: select it, then pick period and table (or tap an empty
// cell: the tablet way). Obvious clashes are shown before anything is sent;
// the server checks every rule again and its refusal is shown as it says it.
// Managers see the grid of their own department, read-only.

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

export async function renderTimetable(main, ctx, fairId) {
  const sched = await loadSchedule(fairId);
  if (!ctx.isCurrent()) return;
  const canMove = ctx.me.role === 'organiser';
  let idx = indexInterviews(sched.interviews);
  let selected = null;
  let dragged = null;

  const gridWrap = h('div', { class: 'scroll timetable-wrap' });
  const panel = h('section', { class: 'card move-panel no-print', id: 'move-panel', 'aria-labelledby': 'mp-h' });
  const problems = h('div', { id: 'move-problems', role: 'alert', class: 'problems' });

  const byId = (id) => sched.interviews.find((x) => x.id === id);

  function showProblems(list, fromServer = false) {
    clear(
      problems,
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
    problems.classList.toggle('has-problems', list.length > 0);
  }

  async function doMove(iv, period, table) {
    const found = moveConflicts(sched, idx, iv, period, table);
    if (found.length) {
      showProblems(found);
      /* The panel may be out of sight (tablet): say it in the status line too. */
      announce(found.join(' '), 'error');
      return false;
    }
    showProblems([]);
    try {
      const updated = await put(`/interviews/${iv.id}`, { period, table });
      const i = sched.interviews.findIndex((x) => x.id === iv.id);
      sched.interviews[i] = { ...iv, ...updated };
      idx = indexInterviews(sched.interviews);
      selected = null;
      announce(
        t('tt.moved', {
          who: iv.seeker_name || iv.seeker_id,
          time: periodLabel(sched, period),
          table: tableLabel(iv.department_id, table),
        }),
      );
      renderGrid();
      renderPanel();
      const card = document.getElementById(`iv-${iv.id}`);
      if (card) card.focus();
      return true;
    } catch (e) {
      if (e.status === 409) {
        /* Often someone else changed the day meanwhile: show the schedule as
           it is now, then the server's reason. */
        try {
          const fresh = await loadSchedule(fairId);
          sched.interviews = fresh.interviews;
          idx = indexInterviews(sched.interviews);
          selected = sched.interviews.find((x) => x.id === iv.id) || null;
          renderGrid();
          renderPanel();
        } catch {
          /* Keep the old picture; the reason below still stands. */
        }
      }
      showProblems([e.message], true);
      announce(e.message, 'error');
      return false;
    }
  }

  function select(iv) {
    selected = selected && selected.id === iv.id ? null : iv;
    showProblems([]);
    renderGrid();
    renderPanel();
    if (selected) {
      const p = document.getElementById('move-period');
      if (p) p.focus();
    }
  }

  function card(iv) {
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
      el.addEventListener('click', () => select(iv));
      if (movable) {
        el.addEventListener('dragstart', (ev) => {
          dragged = iv;
          ev.dataTransfer.effectAllowed = 'move';
          ev.dataTransfer.setData('text/plain', String(iv.id));
          el.classList.add('dragging');
        });
        el.addEventListener('dragend', () => {
          dragged = null;
          el.classList.remove('dragging');
          for (const c of gridWrap.querySelectorAll('.drop-ok, .drop-bad')) c.classList.remove('drop-ok', 'drop-bad');
        });
      }
    }
    return el;
  }

  function cell(period, col) {
    const iv = idx.byCell.get(`${period}|${col.dept}|${col.table}`);
    const td = h('td', {
      class: ['cell', iv ? 'filled' : 'empty'],
      dataset: { period: String(period), dept: col.dept, table: String(col.table) },
    });
    if (iv) td.append(card(iv));
    else if (canMove && selected && selected.department_id === col.dept) {
      const bad = moveConflicts(sched, idx, selected, period, col.table);
      td.append(
        h(
          'button',
          {
            type: 'button',
            class: ['move-here', bad.length ? 'bad' : null],
            'aria-label': t('tt.moveHereLabel', {
              time: periodLabel(sched, period),
              table: tableLabel(col.dept, col.table),
            }),
            onclick: () => doMove(selected, period, col.table),
          },
          t('tt.moveHere'),
        ),
      );
    }
    if (canMove) {
      td.addEventListener('dragover', (ev) => {
        if (!dragged) return;
        /* A refused cell still takes the drop, so that the reason can be said. */
        ev.preventDefault();
        const bad = dragged.department_id !== col.dept || moveConflicts(sched, idx, dragged, period, col.table).length > 0;
        td.classList.toggle('drop-bad', bad);
        td.classList.toggle('drop-ok', !bad);
        ev.dataTransfer.dropEffect = 'move';
      });
      td.addEventListener('dragleave', () => td.classList.remove('drop-ok', 'drop-bad'));
      td.addEventListener('drop', (ev) => {
        ev.preventDefault();
        td.classList.remove('drop-ok', 'drop-bad');
        const id = Number(ev.dataTransfer.getData('text/plain'));
        const moving = dragged || byId(id);
        dragged = null;
        if (moving && moving.department_id !== col.dept) {
          const why = t('tt.otherDept', { dept: moving.department_id });
          showProblems([why]);
          announce(why, 'error');
        } else if (moving) doMove(moving, period, col.table);
      });
    }
    return td;
  }

  const unplacedWrap = h('section', { class: 'card', id: 'unplaced', 'aria-labelledby': 'up-h' });

  /* Interviews the solver chose but could not seat: they can be placed with
     the panel like any other. */
  function renderUnplaced() {
    const list = sched.interviews.filter((x) => x.period === null || x.table === null);
    unplacedWrap.hidden = list.length === 0;
    clear(
      unplacedWrap,
      h('h2', { id: 'up-h' }, t('tt.unplacedTitle'), h('span', { class: 'badge' }, list.length)),
      h('div', { class: 'unplaced-list' }, list.map(card)),
    );
  }

  function renderGrid() {
    renderUnplaced();
    const cols = columns(sched);
    const deptNames = new Map(sched.departments.map((d) => [d.id, d.name]));
    clear(
      gridWrap,
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
              cols.map((c) => cell(p.index, c)),
            ),
          ),
        ),
      ),
    );
  }

  function renderPanel() {
    if (!canMove) {
      clear(panel, h('h2', { id: 'mp-h' }, t('tt.readonly')), h('p', null, t('tt.readonlyHint')));
      return;
    }
    if (!selected) {
      clear(
        panel,
        h('h2', { id: 'mp-h' }, t('tt.move')),
        h('p', null, t('tt.moveHint')),
        h('p', { class: 'hint' }, t('tt.escHint')),
        problems,
      );
      return;
    }
    const iv = selected;
    const dept = sched.departments.find((d) => d.id === iv.department_id);
    const periodSel = h(
      'select',
      { id: 'move-period' },
      sched.periods.map((p) =>
        h('option', { value: String(p.index), selected: p.index === iv.period }, `${p.start}–${p.end}`),
      ),
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
        showProblems([]);
        saveBtn.disabled = true;
        return;
      }
      const found = moveConflicts(sched, idx, iv, p, tb);
      showProblems(found);
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
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              const id = iv.id;
              selected = null;
              showProblems([]);
              renderGrid();
              renderPanel();
              const c = document.getElementById(`iv-${id}`);
              if (c) c.focus();
            },
          },
          t('common.cancel'),
        ),
      ),
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      saveBtn.disabled = true;
      const ok = await doMove(iv, Number(periodSel.value), Number(tableSel.value));
      if (!ok) saveBtn.disabled = false;
    });
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

  /* On the document: after a re-render the focus may be on <body>. One
     handler at a time, and it does nothing once this grid has left the page. */
  if (escHandler) document.removeEventListener('keydown', escHandler);
  escHandler = (ev) => {
    if (ev.key !== 'Escape' || !selected || !document.body.contains(gridWrap)) return;
    const id = selected.id;
    selected = null;
    showProblems([]);
    renderGrid();
    renderPanel();
    const c = document.getElementById(`iv-${id}`);
    if (c) c.focus();
  };
  document.addEventListener('keydown', escHandler);
  renderGrid();
  renderPanel();
  clear(
    main,
    fairHeader(ctx, sched.fair, 'timetable'),
    sched.interviews.length === 0 ? h('p', null, t('cand.notMatched')) : null,
    h('div', { class: 'tt-layout' }, panel, h('div', null, gridWrap, unplacedWrap)),
    h('p', { class: 'hint no-print' }, t('tt.legend')),
  );
}
