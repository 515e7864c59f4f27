// views/import.js - the organiser's spreadsheet import: the file as people
// have it (CSV, Excel .xlsx or OpenDocument .ods; a workbook's first sheet
// or a named one) into departments, seekers, fairs, positions or
// employments. All or nothing: the server's problems are listed as
// "FILE:LINE: COLUMN: problem", exactly as `fairmatch import` prints them.

import { h, clear } from '../dom.js';
import { upload, seg } from '../api.js';
import { t } from '../i18n.js';
import { announce, busy } from '../ui.js';

const KINDS = ['departments', 'seekers', 'fairs', 'positions', 'employments'];

export function renderImport(main) {
  const kind = h(
    'select',
    { id: 'imp-kind', required: true },
    KINDS.map((k) => h('option', { value: k }, t(`imp.kind.${k}`))),
  );
  const file = h('input', {
    id: 'imp-file',
    type: 'file',
    required: true,
    accept: '.csv,.txt,.xlsx,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet',
    'aria-describedby': 'imp-file-hint',
  });
  const sheet = h('input', { id: 'imp-sheet', type: 'text', autocomplete: 'off', 'aria-describedby': 'imp-sheet-hint' });
  const result = h('div', { id: 'imp-result', 'aria-live': 'polite' });
  const go = h('button', { type: 'submit', id: 'imp-go', class: 'primary' }, t('imp.go'));
  const form = h(
    'form',
    { id: 'imp-form', class: 'card' },
    h('div', { class: 'field' }, h('label', { for: 'imp-kind' }, t('imp.kind')), kind),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'imp-file' }, t('imp.file')),
      file,
      h('p', { id: 'imp-file-hint', class: 'hint' }, t('imp.fileHint')),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'imp-sheet' }, t('imp.sheet')),
      sheet,
      h('p', { id: 'imp-sheet-hint', class: 'hint' }, t('imp.sheetHint')),
    ),
    h('div', { class: 'actions' }, go),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = file.files && file.files[0];
    clear(result);
    if (!f) return;
    await busy(go, async () => {
      const q = new URLSearchParams({ name: f.name });
      if (sheet.value.trim()) q.set('sheet', sheet.value.trim());
      try {
        const r = await upload(`/import/${seg(kind.value)}?${q}`, f);
        const msg = t('imp.done', { kind: t(`imp.kind.${r.kind}`), rows: r.rows, added: r.added, updated: r.updated, unchanged: r.unchanged });
        clear(result, h('p', { id: 'imp-ok', class: 'ok' }, msg));
        announce(msg);
      } catch (e) {
        const problems = (e.body && e.body.problems) || [];
        clear(
          result,
          h('p', { class: 'error', role: 'alert' }, problems.length ? t('imp.problems', { n: e.body.count }) : e.message),
          problems.length ? h('ul', { id: 'imp-problems', class: 'problems' }, problems.map((p) => h('li', null, h('code', null, p)))) : null,
        );
      }
    });
  });
  clear(
    main,
    h('h1', null, t('imp.title')),
    h('p', { class: 'hint' }, t('imp.intro')),
    form,
    result,
  );
}
