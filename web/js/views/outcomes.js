// views/outcomes.js - interviews and their results: a manager's start page
// (the fairs of their department) and, per fair, each interview with its
// candidate, the outcome (offer, reserve, no) and the seeker's answer to an
// offer (accepted with the agency's decision date makes a hire; without one
// the decision is recorded later on the employment, views/employments.js).
// The server limits a manager to their own department; this page just shows
// what it is given.

import { h, clear } from '../dom.js';
import { get, put, seg } from '../api.js';
import { t } from '../i18n.js';
import { href, announce, busy } from '../ui.js';
import { fairHeader, loadSchedule, periodLabel, tableLabel, attendanceText, outcomeText } from './common.js';

export async function renderManagerHome(main, ctx) {
  const [{ items }, dept] = await Promise.all([
    get('/fairs'),
    ctx.me.department ? get(`/departments/${seg(ctx.me.department)}`).catch(() => null) : null,
  ]);
  if (!ctx.isCurrent()) return;
  clear(
    main,
    h('h1', { tabindex: '-1' }, t('mgr.title')),
    h('p', null, t('mgr.intro', { dept: dept ? `${dept.name} (${dept.id})` : ctx.me.department || '' })),
    items.length === 0
      ? h('p', null, t('fairs.none'))
      : h(
          'ul',
          { class: 'fair-links', id: 'manager-fairs' },
          items.slice().reverse().map((f) =>
            h(
              'li',
              null,
              h('a', { href: href('fairs', f.id, 'outcomes') }, f.name || f.id),
              ` · ${f.date}${f.place ? ` · ${f.place}` : ''} · ${t(`status.${f.status}`)}`,
            ),
          ),
        ),
  );
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export async function renderOutcomes(main, ctx, fairId) {
  const sched = await loadSchedule(fairId);
  if (!ctx.isCurrent()) return;
  const deptName = new Map(sched.departments.map((d) => [d.id, d.name]));

  const contactCell = (iv) => {
    const out = h('span', { class: 'contact' });
    const b = h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        'aria-label': t('mgr.contactLabel', { who: iv.seeker_name || iv.seeker_id }),
      },
      t('mgr.contact'),
    );
    b.addEventListener('click', async () => {
      try {
        const s = await get(`/seekers/${seg(iv.seeker_id)}`);
        clear(
          out,
          [s.phone, s.email].filter(Boolean).length
            ? [s.phone ? h('span', null, s.phone) : null, s.email ? h('span', null, s.email) : null]
            : t('mgr.noContact'),
        );
        b.remove();
      } catch (e) {
        announce(e.message, 'error');
      }
    });
    return h('div', { class: 'contact-wrap' }, b, out);
  };

  const rowFor = (iv) => {
    const name = iv.seeker_name || iv.seeker_id;
    const selId = `out-${iv.id}`;
    const sel = h(
      'select',
      { id: selId, 'aria-label': t('mgr.outcomeFor', { who: name }) },
      h('option', { value: '', selected: !iv.outcome }, t('out.none')),
      ['offer', 'reserve', 'no'].map((o) => h('option', { value: o, selected: iv.outcome === o }, t(`out.${o}`))),
    );
    const save = h(
      'button',
      { type: 'button', class: 'small', 'aria-label': t('mgr.saveOutcomeFor', { who: name }), dataset: { action: 'outcome' } },
      t('common.save'),
    );
    let row;
    const replace = (fresh, focusSel) => {
      const i = sched.interviews.findIndex((x) => x.id === fresh.id);
      if (i >= 0) sched.interviews[i] = { ...sched.interviews[i], ...fresh };
      const nr = rowFor(sched.interviews[i] || fresh);
      row.replaceWith(nr);
      updateCounts(fresh.department_id || iv.department_id);
      const f = nr.querySelector(focusSel);
      if (f) f.focus();
    };
    save.addEventListener('click', async () => {
      if (!sel.value) {
        announce(t('mgr.pickOutcome'), 'error');
        sel.focus();
        return;
      }
      await busy(save, async () => {
        try {
          const r = await put(`/interviews/${iv.id}/outcome`, { outcome: sel.value });
          announce(t('mgr.outcomeSaved', { who: name, out: outcomeText(r.outcome) }));
          replace(r, `#${selId}`);
        } catch (e) {
          /* Show what is stored, not the value the server refused. */
          sel.value = iv.outcome || '';
          announce(e.message, 'error');
        }
      });
    });

    let answerCell;
    if (iv.answer) {
      answerCell = h(
        'span',
        { class: `ans ans-${iv.answer}` },
        t(`ans.${iv.answer}`),
        iv.employment_id ? ` · ${t('mgr.hired', { id: iv.employment_id })}` : '',
      );
    } else if (iv.outcome === 'offer') {
      const dateId = `dd-${iv.id}`;
      /* A decision lies between the fair's day and today (the server checks it too). */
      const date = h('input', { id: dateId, type: 'date', value: today(), min: sched.fair.date, max: today(), class: 'narrow' });
      const startId = `sd-${iv.id}`;
      const start = h('input', { id: startId, type: 'date', class: 'narrow' });
      const ans = (a) => {
        const b = h(
          'button',
          {
            type: 'button',
            class: ['small', a === 'accepted' ? 'primary' : 'secondary'],
            'aria-label': t(`mgr.answerLabel.${a}`, { who: name }),
            dataset: { action: a },
          },
          t(`ans.${a}`),
        );
        b.addEventListener('click', async () => {
          await busy(b, async () => {
            try {
              const r = await put(`/interviews/${iv.id}/answer`, {
                answer: a,
                decision_date: date.value || undefined,
                start_date: (a === 'accepted' && start.value) || undefined,
              });
              announce(
                a === 'accepted' ? t('mgr.hiredSaid', { who: name }) : t('mgr.declinedSaid', { who: name }),
              );
              replace({ ...r.interview, employment_id: r.employment_id }, `#${selId}`);
            } catch (e) {
              announce(e.message, 'error');
              if (e.field === 'decision_date') date.focus();
            }
          });
        });
        return b;
      };
      answerCell = h(
        'div',
        { class: 'answer' },
        h('label', { for: dateId, class: 'small-text' }, t('mgr.decisionDate')),
        date,
        h('label', { for: startId, class: 'small-text' }, t('mgr.startDate')),
        start,
        ans('accepted'),
        ans('declined'),
      );
    } else {
      answerCell = h('span', { class: 'muted' }, '–');
    }

    /* Four columns so that the table fits a tablet held upright. */
    row = h(
      'tr',
      { dataset: { id: String(iv.id), dept: iv.department_id } },
      h(
        'td',
        { class: 'when' },
        h('span', { class: 'nowrap' }, periodLabel(sched, iv.period)),
        h('br'),
        h('span', { class: 'small-text' }, tableLabel(iv.department_id, iv.table)),
      ),
      h(
        'th',
        { scope: 'row', class: 'who' },
        h('span', { class: 'who-name' }, name),
        h('span', { class: 'who-pos' }, iv.position_title || iv.position_id),
        h('span', { class: `att att-${iv.attendance || 'invited'}` }, attendanceText(iv.attendance)),
        contactCell(iv),
      ),
      h('td', null, h('div', { class: 'outcome' }, sel, save)),
      h('td', { class: 'answer-cell' }, answerCell),
    );
    return row;
  };

  const updateCounts = (d) => {
    const ivs = sched.interviews.filter((x) => x.department_id === d);
    const el = main.querySelector(`p.counts[data-dept="${CSS.escape(d)}"]`);
    if (el) {
      el.textContent = t('mgr.counts', {
        n: ivs.length,
        seekers: new Set(ivs.map((x) => x.seeker_id)).size,
        offers: ivs.filter((x) => x.outcome === 'offer').length,
      });
    }
  };

  const byDept = new Map();
  for (const iv of sched.interviews) {
    if (!byDept.has(iv.department_id)) byDept.set(iv.department_id, []);
    byDept.get(iv.department_id).push(iv);
  }
  const sections = [...byDept.entries()].map(([d, ivs]) => {
    ivs.sort((a, b) => a.period - b.period || a.table - b.table);
    const seekers = new Set(ivs.map((x) => x.seeker_id));
    const offers = ivs.filter((x) => x.outcome === 'offer').length;
    return h(
      'section',
      { class: 'card', 'aria-labelledby': `od-${d}`, dataset: { dept: d } },
      h('h2', { id: `od-${d}` }, `${deptName.get(d) || d} (${d})`),
      h('p', { class: 'counts', dataset: { dept: d } }, t('mgr.counts', { n: ivs.length, seekers: seekers.size, offers })),
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { class: 'list outcomes' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['mgr.when', 'mgr.candidate', 'mgr.outcome', 'mgr.answer'].map(
                (k) => h('th', { scope: 'col' }, t(k)),
              ),
            ),
          ),
          h('tbody', null, ivs.map(rowFor)),
        ),
      ),
    );
  });
  clear(
    main,
    fairHeader(ctx, sched.fair, 'outcomes'),
    sections.length === 0 ? h('p', null, t('cand.notMatched')) : h('div', { id: 'outcomes' }, sections),
  );
}
