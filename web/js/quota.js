// quota.js - the departments-against-quota table (GET /api/quota, the JSON
// of `fairmatch quota`), shared by the steering report page and the
// organiser's fair planning. It builds DOM only; the caller fetches, picks
// the texts (label) and the order. Counts may come protected for steering:
// "<5" is shown as given, null (hidden) as "–".

import { h } from './dom.js';

/* label(key, vars) must know: dept, employees, quota, hired, remaining,
   share, over ({n}) and met. */

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export function formatters(locale) {
  const count = (v) => (v === null || v === undefined ? '–' : typeof v === 'string' ? v : v.toLocaleString(locale));
  const share = (v) =>
    isNum(v) ? `${(v * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %` : '–';
  return { count, share };
}

/** Departments furthest behind their quota first: lowest share done, then
    most remaining; departments without a quota (or a hidden share) last. */
export function behindFirst(items) {
  const key = (d) => (isNum(d.share_of_quota) ? d.share_of_quota : Infinity);
  return items.slice().sort(
    (a, b) =>
      key(a) - key(b) ||
      (isNum(b.remaining) ? b.remaining : -1) - (isNum(a.remaining) ? a.remaining : -1) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * items: the /api/quota answer. opts: {label(key, vars), locale, caption,
 * id, extra: [{head, cell(d) -> node|string, num}]}. One row a department,
 * the department a row header; the share done as text and a bar (the bar is
 * decoration: hidden from screen readers).
 */
export function quotaTable(items, opts) {
  const { label, caption, id } = opts;
  const f = formatters(opts.locale);
  const extra = opts.extra || [];
  const remainingCell = (d) => {
    if (!isNum(d.remaining)) return f.count(d.remaining);
    if (d.remaining === 0 && isNum(d.hired) && isNum(d.quota) && d.quota > 0) {
      const over = d.hired - d.quota;
      const note = over > 0 ? label('over', { n: f.count(over) }) : label('met');
      return [f.count(0), h('span', { class: 'quota-note' }, note)];
    }
    return f.count(d.remaining);
  };
  const shareCell = (d) => {
    const s = d.share_of_quota;
    const fill = h('span', { class: 'quota-fill' });
    fill.style.width = `${isNum(s) ? Math.min(1, Math.max(0, s)) * 100 : 0}%`;
    return [
      h('span', { class: 'quota-pct' }, f.share(s)),
      isNum(s) ? h('span', { class: 'quota-bar', 'aria-hidden': 'true' }, fill) : null,
    ];
  };
  const num = (c) => h('td', { class: 'num' }, c);
  return h(
    'table',
    { class: 'list quota-table', id },
    caption ? h('caption', null, caption) : null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, label('dept')),
        ['employees', 'quota', 'hired', 'remaining', 'share'].map((k) =>
          h('th', { scope: 'col', class: 'num' }, label(k)),
        ),
        extra.map((x) => h('th', { scope: 'col', class: x.num ? 'num' : null }, x.head)),
      ),
    ),
    h(
      'tbody',
      null,
      items.map((d) =>
        h(
          'tr',
          { dataset: { dept: d.id }, class: isNum(d.remaining) && d.remaining > 0 ? 'behind' : null },
          h('th', { scope: 'row' }, `${d.name || d.id} (${d.id})`),
          num(f.count(d.employees)),
          num(f.count(d.quota)),
          num(f.count(d.hired)),
          num(remainingCell(d)),
          h('td', { class: 'num share' }, shareCell(d)),
          extra.map((x) => h('td', { class: x.num ? 'num' : null }, x.cell(d))),
        ),
      ),
    ),
  );
}
