// views/plan_match.js - the planning page's matching and what it chose:
// run the matching (progress from match_progress.js, the answer kept across
// the reload that follows), the women's share of the invited against the
// pool, and each department's candidates.

import { h, clear, append, field, pct, decimal } from '../dom.js';
import { post } from '../api.js';
import { t } from '../i18n.js';
import { announce, busy } from '../ui.js';
import { periodLabel, tableLabel } from './common.js';
import { watchMatch } from './match_progress.js';
import { errorBox, showError } from './plan_form.js';

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

export function matchSection(fair, path, reload) {
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

/* One department's interviews in time order, with the women's share of the
   people it meets (of those whose gender the page knows). */
function deptBlock(sched, id, name, ivs, genderOf) {
  ivs.sort((a, b) => a.period - b.period || a.table - b.table);
  const people = [...new Set(ivs.map((x) => x.seeker_id))];
  const known = people.filter((p) => genderOf.has(p));
  const women = known.filter((p) => genderOf.get(p) === 'woman').length;
  return h(
    'div',
    { class: 'dept-block', dataset: { dept: id } },
    h('h3', null, `${name} (${id})`, h('span', { class: 'badge' }, ivs.length)),
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
  );
}

export function candidatesSection(sched, genderOf = new Map()) {
  const byDept = new Map(sched.departments.map((d) => [d.id, []]));
  for (const iv of sched.interviews) {
    if (!byDept.has(iv.department_id)) byDept.set(iv.department_id, []);
    byDept.get(iv.department_id).push(iv);
  }
  const names = new Map(sched.departments.map((d) => [d.id, d.name]));
  const blocks = [...byDept].map(([id, ivs]) => deptBlock(sched, id, names.get(id) || id, ivs, genderOf));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'cand-h', id: 'candidates' },
    h('h2', { id: 'cand-h' }, t('cand.title'), h('span', { class: 'badge' }, sched.interviews.length)),
    sched.interviews.length === 0 ? h('p', null, t('cand.notMatched')) : blocks,
  );
}
