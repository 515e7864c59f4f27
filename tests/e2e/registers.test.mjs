// Browser tests of the quota table and the organiser's registers, against a
// real `fairmatch serve` started by run.sh (FM_* variables as for
// ui.test.mjs). The organiser sees the departments against their quota
// while planning a fair, adds and edits a department, searches the seeker
// register, edits a seeker, gets a bad value refused next to its field and
// sets a personal number that no page then shows; the manager is offered
// none of it; the steering group sees the quota table on the report page,
// with small counts protected. Screenshots go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { env, openBrowser, closeBrowser, helpers } from './browser.mjs';

const BASE = env('FM_BASE_URL');
const ART = env('FM_ARTIFACTS');
const DEPT_A = env('FM_DEPT_A');
const STAMP = Date.now().toString(36).toUpperCase();
const NEW_DEPT = `E2E${STAMP}`;
const FAIR = `REG-${STAMP}`;

let browser;
let page;
let cspErrors = [];
let pageErrors = [];
const apiBodies = []; /* every /api/ answer the pages got, to look for a personal number */
const facts = {};
const { shot, until, textOf, status, pageFetch, login } = helpers(() => page);

before(async () => {
  browser = await openBrowser('registers');
  ({ page, cspErrors, pageErrors } = browser);
  page.on('response', async (r) => {
    if (!r.url().includes('/api/')) return;
    try {
      apiBodies.push(await r.text());
    } catch {
      /* a body already gone (navigation) */
    }
  });
});

after(async () => {
  await closeBrowser(browser);
});

async function logout() {
  await page.locator('#logout').click();
  await page.locator('#username').waitFor();
}

/** The field wrapper of a register form, by the API's field name. */
const fieldOf = (form, name) => page.locator(`${form} [data-field="${name}"]`);

/** A valid Swedish personal number (YYYYMMDD-NNNC, Luhn check digit C). */
function personalNumber(ymd, nnn) {
  const nine = `${ymd.slice(2)}${nnn}`;
  let sum = 0;
  [...nine].forEach((ch, i) => {
    let d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  });
  return `${ymd}-${nnn}${(10 - (sum % 10)) % 10}`;
}

test('organiser sees the departments against their quota while planning, behind first', async () => {
  await login(env('FM_ORG_USER'), env('FM_ORG_PASS'));
  const nav = await page.locator('#nav a').allTextContents();
  assert.ok(nav.includes('Förvaltningar') && nav.includes('Arbetssökande'), `organiser nav: ${nav}`);
  /* A fair with one position of two places for department A. */
  const fair = await pageFetch('/api/fairs', 'POST', { id: FAIR, date: '2026-11-10', periods: 4, name: 'Kvotmässan' });
  assert.equal(fair.status, 201);
  const pos = await pageFetch(`/api/fairs/${FAIR}/positions`, 'POST', {
    id: `${FAIR}-P1`,
    department_id: DEPT_A,
    title: 'Kock',
    occupation: '5120',
    places: 2,
  });
  assert.equal(pos.status, 201);

  await page.goto(`${BASE}/#/fairs/${FAIR}`);
  await page.locator('#plan-quota').waitFor();
  const quota = (await pageFetch('/api/quota?month=2026-11')).body;
  const rows = page.locator('#plan-quota tbody tr');
  assert.equal(await rows.count(), quota.length, 'one row per department');
  /* Accessible: a caption, column headers, the department as row header. */
  assert.match(await textOf('#plan-quota caption'), /till och med 2026-11/);
  const heads = await page.locator('#plan-quota thead th').allTextContents();
  for (const hd of ['Förvaltning', 'Kvot', 'Tillsatta', 'Kvar till kvoten', 'Andel av kvoten', 'Bör ta med', 'Platser på mässan']) {
    assert.ok(heads.includes(hd), `column ${hd} in ${heads}`);
  }
  assert.equal(await page.locator('#plan-quota tbody th[scope="row"]').count(), quota.length);
  /* Behind first: the share of the quota done never falls down the table. */
  const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.dept));
  const share = new Map(quota.map((q) => [q.id, q.share_of_quota ?? Infinity]));
  for (let i = 1; i < order.length; i += 1) {
    assert.ok(share.get(order[i - 1]) <= share.get(order[i]), `order by share: ${order.join(',')}`);
  }
  /* The row shows the server's figures and this fair's places. */
  const a = quota.find((q) => q.id === DEPT_A);
  const cells = await page.locator(`#plan-quota tr[data-dept="${DEPT_A}"] td`).allTextContents();
  assert.equal(cells[1].trim(), String(a.quota));
  assert.equal(cells[2].trim().replace(/\s/g, ''), String(a.hired));
  /* cells are the td of the row; heads include the row header's th. */
  const col = (hd) => heads.indexOf(hd) - 1;
  assert.equal(cells[col('Platser på mässan')].trim(), '2', 'two places at this fair');
  /* "Bör ta med": the fair planner's places for the department. */
  const plan = (await pageFetch(`/api/quota?fair=${FAIR}`)).body;
  assert.equal(cells[col('Bör ta med')].trim().replace(/\s/g, ''), String(plan.find((q) => q.id === DEPT_A).places));
  /* "Ny tjänst" for a department fills in the position form for it. */
  const last = order[order.length - 1];
  await page.locator(`#plan-quota button[data-dept="${last}"]`).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#position-form select[name="department_id"]').inputValue(), last);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'id', 'the keyboard is in the new position form');
  await page.locator('#quota').screenshot({ path: join(ART, '14-plan-quota.png') });
});

test('organiser adds a department, is told about a bad value next to the field, and edits it', async () => {
  await page.locator('#nav a', { hasText: 'Förvaltningar' }).click();
  await page.locator('#department-list').waitFor();
  const form = '#department-form';
  const before = await page.locator('#department-list tbody tr').count();

  /* An id that exists: the server's 409 is shown by the id field. */
  await fieldOf(form, 'id').locator('input').fill(DEPT_A);
  await fieldOf(form, 'name').locator('input').fill('Dubblett');
  await page.locator('#save-department').click();
  const idErr = fieldOf(form, 'id').locator('.field-error');
  await until(async () => /finns|exists/.test((await idErr.textContent()) || ''), 'the duplicate refused');
  assert.equal(await fieldOf(form, 'id').locator('input').getAttribute('aria-invalid'), 'true');

  await fieldOf(form, 'id').locator('input').fill(NEW_DEPT);
  await fieldOf(form, 'name').locator('input').fill('E2E-förvaltningen');
  await fieldOf(form, 'employees').locator('input').fill('120');
  await fieldOf(form, 'tables').locator('input').fill('2');
  await fieldOf(form, 'tables').locator('input').press('Enter');
  await until(async () => (await page.locator('#department-list tbody tr').count()) === before + 1, 'the new row');
  assert.match(await status(), new RegExp(`${NEW_DEPT} är tillagd`));
  const row = page.locator(`#department-list tr[data-dept="${NEW_DEPT}"]`);
  assert.match((await row.textContent()) || '', /E2E-förvaltningen/);
  /* After the save the keyboard is on the new row's edit button. */
  assert.equal(await page.evaluate(() => document.activeElement.dataset.edit), NEW_DEPT);
  await shot('15-departments');

  /* Edit: the id is fixed; a bad table count is refused by the tables field. */
  await row.getByRole('button', { name: 'Ändra E2E-förvaltningen' }).click();
  assert.match(await textOf('#dept-form-h'), new RegExp(`Ändra förvaltning ${NEW_DEPT}`));
  assert.ok(await fieldOf(form, 'id').locator('input').isDisabled());
  await fieldOf(form, 'name').locator('input').fill('E2E-förvaltningen, ändrad');
  await fieldOf(form, 'employees').locator('input').fill('340');
  await fieldOf(form, 'tables').locator('input').fill('101');
  await page.locator('#save-department').click();
  const tablesErr = fieldOf(form, 'tables').locator('.field-error');
  await until(async () => /0–100/.test((await tablesErr.textContent()) || ''), 'the tables error');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'tables', 'focus on the bad field');
  /* The error is read with the field: it is in the input's description. */
  const described = await fieldOf(form, 'tables').locator('input').getAttribute('aria-describedby');
  assert.ok(described.split(' ').includes(await tablesErr.getAttribute('id')));
  await shot('15b-department-error');
  await fieldOf(form, 'tables').locator('input').fill('3');
  await page.locator('#save-department').click();
  await until(async () => /sparad/.test(await status()), 'saved');
  const saved = await pageFetch(`/api/departments/${NEW_DEPT}`);
  assert.deepEqual(saved.body, { id: NEW_DEPT, name: 'E2E-förvaltningen, ändrad', employees: 340, tables: 3 });
  assert.match((await page.locator(`#department-list tr[data-dept="${NEW_DEPT}"]`).textContent()) || '', /ändrad.*340/);
});

test('organiser searches the seeker register page by page and opens a record', async () => {
  const pick = (await pageFetch('/api/seekers?page=3&per_page=25')).body.items[4];
  facts.seeker = pick;
  await page.locator('#nav a', { hasText: 'Arbetssökande' }).click();
  await page.locator('#register-list').waitFor();
  const all = (await pageFetch('/api/seekers?per_page=25')).body.total;
  const pages = Math.ceil(all / 25);
  assert.equal((await textOf('#register-summary')).trim(), `${all} träffar, sida 1 av ${pages}.`);
  await page.locator('#register-next').click();
  await until(async () => /sida 2 av/.test(await textOf('#register-summary')), 'page 2');
  assert.match(page.url(), /#\/seekers\?page=2$/, 'the page is kept in the address');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tbody') !== null), true, 'focus on the new results');
  await page.locator('#register-prev').click();
  await until(async () => /sida 1 av/.test(await textOf('#register-summary')), 'back to page 1');

  await page.locator('#register-q').fill(pick.last_name);
  await page.locator('#register-q').press('Enter');
  const link = page.locator(`#register-list tr[data-seeker="${pick.id}"] a`);
  await link.waitFor();
  const found = await page.locator('#register-list tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent));
  const needle = pick.last_name.toLowerCase();
  assert.ok(found.every((x) => x.toLowerCase().includes(needle)), 'every hit has the name searched');
  await shot('16-seeker-search');
  await link.click();
  await page.locator('#seeker-form').waitFor();
  assert.equal((await textOf('main h1')).trim(), `${pick.first_name} ${pick.last_name} (${pick.id})`);
  /* The way back returns to the same search. */
  await page.locator('#back-to-search').click();
  await page.locator('#register-list').waitFor();
  assert.equal(await page.locator('#register-q').inputValue(), pick.last_name);
  await link.click();
  await page.locator('#seeker-form').waitFor();
});

test('organiser edits a seeker: saved, a bad value refused by its field, the personal number write-only', async () => {
  const form = '#seeker-form';
  const id = facts.seeker.id;
  const before = (await pageFetch(`/api/seekers/${id}`)).body;

  await fieldOf(form, 'phone').locator('input').fill('018-727 00 00');
  await fieldOf(form, 'phone').locator('input').press('Enter');
  await until(async () => /sparade/.test(await status()), 'saved');
  assert.equal((await pageFetch(`/api/seekers/${id}`)).body.phone, '018-727 00 00');

  /* A birth year out of range: the server's 400 shown by that field. */
  const year = fieldOf(form, 'birth_year');
  await year.locator('input').fill('1800');
  await page.locator('#save-seeker').click();
  await until(async () => /1900–2100/.test((await year.locator('.field-error').textContent()) || ''), 'the birth year error');
  assert.equal(await year.locator('input').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'birth_year');
  assert.equal((await pageFetch(`/api/seekers/${id}`)).body.birth_year, before.birth_year, 'nothing saved');
  await shot('17-seeker-error');
  await year.locator('input').fill(before.birth_year === null ? '' : String(before.birth_year));

  /* A personal number with a wrong check digit, then a right one. */
  const pnrField = fieldOf(form, 'personal_number');
  const good = personalNumber('19850312', String(100 + (Date.now() % 900)));
  const bad = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
  await pnrField.locator('input').fill(bad);
  await page.locator('#save-seeker').click();
  await until(async () => /personnummer/i.test((await pnrField.locator('.field-error').textContent()) || ''), 'the pnr error');
  assert.equal(await year.locator('.field-error').textContent(), '', 'the old error is gone');
  await pnrField.locator('input').fill(good);
  await page.locator('#save-seeker').click();
  await until(async () => /nytt personnummer/.test(await status()), 'pnr saved');
  assert.equal(await pnrField.locator('input').inputValue(), '', 'the field is emptied after saving');

  /* Stored (as 12 digits) ... */
  const digits = good.replace('-', '');
  const sql = `SELECT personal_number FROM seekers WHERE id = '${id.replace(/'/g, "''")}'`;
  const stored = execFileSync('sqlite3', ['-batch', '-noheader', env('FM_DB'), sql]).toString().trim();
  assert.equal(stored, digits);
  /* ... and shown nowhere: not in the record reopened, not in any answer. */
  await page.reload();
  await page.locator('#seeker-form').waitFor();
  const html = await page.content();
  const values = await page.locator('#seeker-form input').evaluateAll((els) => els.map((e) => e.value).join(' '));
  for (const shape of [digits, digits.slice(2), good, good.slice(2)]) {
    assert.ok(!html.includes(shape) && !values.includes(shape), `personal number shown: ${shape}`);
    assert.ok(!apiBodies.some((b) => b.includes(shape)), `personal number in an API answer: ${shape}`);
  }

  /* On a tablet held upright the form fits the screen. */
  await page.setViewportSize({ width: 820, height: 1180 });
  try {
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the record overflows the tablet by ${overflow}px`);
    await shot('18-seeker-tablet');
  } finally {
    await page.setViewportSize({ width: 1366, height: 900 });
  }
  await logout();
});

test('a manager is offered neither register', async () => {
  await login(env('FM_MGR_USER'), env('FM_MGR_PASS'));
  const nav = await page.locator('#nav a').allTextContents();
  assert.ok(!nav.includes('Förvaltningar') && !nav.includes('Arbetssökande'), `manager nav: ${nav}`);
  for (const route of ['departments', 'seekers', `seekers/${facts.seeker.id}`]) {
    await page.goto(`${BASE}/#/${route}`);
    await until(async () => /Inte tillgängligt/.test(await textOf('main h1')), `#/${route} refused`);
  }
  /* The server refuses the writes whatever the UI shows. */
  assert.equal((await pageFetch(`/api/departments/${NEW_DEPT}`, 'PUT', { name: 'x' })).status, 403);
  assert.equal((await pageFetch(`/api/seekers/${facts.seeker.id}`, 'PUT', { phone: '1' })).status, 403);
  await logout();
});

test('steering sees the quota table on the report page, small counts protected', async () => {
  await login(env('FM_STEER_USER'), env('FM_STEER_PASS'));
  const month = '2018-06';
  const api = await pageFetch(`/api/quota?month=${month}`);
  assert.equal(api.status, 200);
  await page.goto(`${BASE}/report.html?month=${month}`);
  await page.locator('#rp-quota-table tbody tr').first().waitFor();
  const rows = page.locator('#rp-quota-table tbody tr');
  assert.equal(await rows.count(), api.body.length, 'one row per department (the new one included)');
  assert.match(await textOf('#rp-quota-table caption'), new RegExp(`till och med ${month}`));
  const heads = await page.locator('#rp-quota-table thead th').allTextContents();
  assert.deepEqual(heads, ['Förvaltning', 'Anställda (personal)', 'Kvot', 'Tillsatta', 'Kvar till kvoten', 'Andel av kvoten']);
  /* What the server gave, as given: "<5" and hidden ("–") included, never 1–4. */
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({ id: tr.dataset.dept, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })),
  );
  for (const q of api.body) {
    const r = shown.find((x) => x.id === q.id);
    assert.ok(r, `row for ${q.id}`);
    const hired = r.cells[2].replace(/\s/g, '');
    const want = q.hired === null ? '–' : String(q.hired);
    assert.equal(hired, want, `hired of ${q.id}`);
    assert.ok(!['1', '2', '3', '4'].includes(hired), `an unprotected small count for ${q.id}`);
    if (q.share_of_quota === null) assert.match(r.cells[4], /–/);
  }
  const isProtected = (q) => q.hired === '<5' || q.hired === null || q.share_of_quota === null;
  assert.ok(api.body.some(isProtected), 'the month has protected cells');
  await page.locator('#rp-quota').screenshot({ path: join(ART, '19-report-quota.png') });
  /* The other month: the table follows the month chosen. */
  await page.locator('#rp-month').fill('2018-12');
  await page.locator('#rp-form button[type="submit"]').click();
  await until(async () => /2018-12/.test(await textOf('#rp-quota-table caption')), 'the December quotas');
  /* English. */
  await page.locator('#rp-lang').click();
  await until(async () => /Quotas and extra jobs filled up to 2018-12/.test(await textOf('#rp-quota-table caption')), 'English');
  assert.equal((await textOf('#rp-quota-h')).trim(), "Departments' quotas");
  await page.locator('#rp-lang').click();
  await page.goto(`${BASE}/`);
  await page.locator('#logout').waitFor();
  await logout();
});

test('no CSP violation and no script error on these pages', () => {
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
