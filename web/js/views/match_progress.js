// views/match_progress.js - what the organiser sees while matching runs:
// the solver's progress (GET /api/fairs/{id}/match/progress, polled once a
// second) in words, and "Stop and keep the best plan" (POST .../match/stop),
// which ends the run with the best plan found so far. The match request
// itself stays plan.js's; this module only watches it.

import { h, clear } from '../dom.js';
import { get, post } from '../api.js';
import { t, getLang } from '../i18n.js';
import { announce } from '../ui.js';

function num(x, digits) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '–';
  return x.toLocaleString(getLang() === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function phaseText(p) {
  const key = `match.phase.${p}`;
  const s = t(key);
  return s === key ? p : s;
}

/** The progress facts of one poll's answer. */
function facts(r) {
  return h(
    'dl',
    { class: 'facts' },
    h('dt', null, t('match.pElapsed')),
    h('dd', null, `${num(r.elapsed_seconds, 0)} s`),
    h('dt', null, t('match.pBest')),
    h('dd', null, num(r.objective, 1)),
    h('dt', null, t('match.pBound')),
    h('dd', null, num(r.bound, 1)),
    h('dt', null, t('match.pGap')),
    h('dd', null, typeof r.gap === 'number' ? `${num(r.gap * 100, 2)} %` : '–'),
    h('dt', null, t('match.pPhase')),
    h('dd', null, phaseText(r.phase || 'starting')),
  );
}

/**
 * Watch the matching of the fair at `path` (e.g. /fairs/F1) into `box`
 * until the returned function is called. Adds the stop button to `box`.
 */
export function watchMatch(path, box) {
  let done = false;
  let timer = null;
  const status = h('div', { id: 'match-progress' }, h('p', { class: 'loading' }, t('match.running')));
  const stop = h('button', { type: 'button', id: 'stop-match' }, t('match.stop'));
  stop.addEventListener('click', async () => {
    stop.disabled = true;
    try {
      await post(`${path}/match/stop`);
      announce(t('match.stopping'));
    } catch (e) {
      /* 409: the run ended between the poll and the click; nothing to stop. */
      stop.disabled = false;
    }
  });
  clear(box, status, h('div', { class: 'actions' }, stop));
  async function poll() {
    if (done) return;
    try {
      const r = await get(`${path}/match/progress`);
      if (!done && r && r.running) {
        clear(status, h('p', { class: 'loading' }, r.stopping ? t('match.stopping') : t('match.running')), facts(r));
        if (r.stopping) stop.disabled = true;
      }
    } catch {
      /* A missed poll is harmless: the next one comes in a second. */
    }
    if (!done) timer = setTimeout(poll, 1000);
  }
  timer = setTimeout(poll, 1000);
  return () => {
    done = true;
    if (timer) clearTimeout(timer);
  };
}
