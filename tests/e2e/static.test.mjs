// Static checks of web/ that need no browser: both dictionaries hold the
// same keys and every key the code asks for; no file builds markup from
// strings or carries inline script/style (the CSP forbids both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = process.env.FM_WEB_DIR || fileURLToPath(new URL('../../web', import.meta.url));

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(web);
/* The report page belongs to the report helper; it is checked the same way. */
const js = files.filter((f) => f.endsWith('.js'));
const html = files.filter((f) => f.endsWith('.html'));

async function loadI18n() {
  const src = readFileSync(join(web, 'js/i18n.js'), 'utf8');
  return import(`data:text/javascript,${encodeURIComponent(src)}`);
}

test('both languages have the same keys', async () => {
  const { DICTS, LANGS } = await loadI18n();
  assert.deepEqual(LANGS, ['sv', 'en']);
  const sv = Object.keys(DICTS.sv).sort();
  const en = Object.keys(DICTS.en).sort();
  assert.deepEqual(
    sv.filter((k) => !en.includes(k)),
    [],
    'keys only in Swedish',
  );
  assert.deepEqual(
    en.filter((k) => !sv.includes(k)),
    [],
    'keys only in English',
  );
  for (const k of sv) {
    assert.ok(DICTS.sv[k].trim() && DICTS.en[k].trim(), `empty text for ${k}`);
    const ph = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(ph(DICTS.sv[k]), ph(DICTS.en[k]), `placeholders differ for ${k}`);
  }
});

test('every literal key the UI asks for exists', async () => {
  const { DICTS } = await loadI18n();
  const missing = [];
  for (const f of js.filter((x) => !x.endsWith('i18n.js') && !x.includes('report'))) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      if (!(m[1] in DICTS.sv)) missing.push(`${relative(web, f)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every key the UI builds from a value exists', async () => {
  const { DICTS } = await loadI18n();
  const families = {
    role: ['organiser', 'manager', 'steering'],
    status: ['planned', 'matched', 'held'],
    att: ['invited', 'checked_in', 'no_show'],
    out: ['none', 'offer', 'reserve', 'no'],
    ans: ['accepted', 'declined'],
    gender: ['woman', 'man', 'other'],
    tab: ['plan', 'timetable', 'day', 'outcomes', 'print'],
    print: ['departments', 'seekers', 'rooms'],
    'mgr.answerLabel': ['accepted', 'declined'],
    elig: ['jobb_och_utveckling', 'etablering', 'eu_familj'],
    quota: ['dept', 'employees', 'quota', 'hired', 'remaining', 'share', 'over', 'met'],
  };
  const missing = [];
  for (const [f, values] of Object.entries(families)) {
    for (const v of values) if (!(`${f}.${v}` in DICTS.sv)) missing.push(`${f}.${v}`);
  }
  assert.deepEqual(missing, []);
});

test('the i18n lookup fills placeholders and falls back to the key', async () => {
  const { t, setLang } = await loadI18n();
  setLang('sv');
  assert.equal(t('fairs.created', { id: 'F1' }), 'Mässan F1 är skapad.');
  setLang('en');
  assert.equal(t('fairs.created', { id: 'F1' }), 'Fair F1 created.');
  assert.equal(t('no.such.key'), 'no.such.key');
});

test('no markup built from strings, no eval', () => {
  const bad = [];
  const banned = /\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*'style'/;
  for (const f of js) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (banned.test(line)) bad.push(`${relative(web, f)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(bad, []);
});

test('HTML has no inline script, style or event handler', () => {
  const bad = [];
  for (const f of html) {
    const src = readFileSync(f, 'utf8');
    if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(src)) bad.push(`${relative(web, f)}: inline <script>`);
    if (/<style\b/i.test(src)) bad.push(`${relative(web, f)}: <style>`);
    if (/\sstyle\s*=/i.test(src)) bad.push(`${relative(web, f)}: style attribute`);
    if (/\son[a-z]+\s*=/i.test(src)) bad.push(`${relative(web, f)}: event handler attribute`);
    if (/https?:\/\//i.test(src.replace(/<!--[\s\S]*?-->/g, ''))) bad.push(`${relative(web, f)}: external URL`);
  }
  assert.deepEqual(bad, []);
});
