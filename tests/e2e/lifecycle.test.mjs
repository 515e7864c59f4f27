// Browser tests of the life cycle after the yes (views/employments.js)
// against a real `fairmatch serve` started by run.sh (FM_* variables as for
// ui.test.mjs): the organiser records an extension and an end on the forms,
// gets a bad date refused next to its field, and finds the employment on
// the follow-up page; the manager sees only their department's employments,
// cannot open or change another department's, and after the end records
// only the status. Screenshots go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, openBrowser, closeBrowser, helpers } from './browser.mjs';

const BASE = env('FM_BASE_URL');
const DEPT_A = env('FM_DEPT_A');
const DEPT_B = env('FM_DEPT_B');

let browser;
let page;
let cspErrors = [];
let pageErrors = [];
const facts = {};
const { shot, until, textOf, status, pageFetch, login } = helpers(() => page);

before(async () => {
  browser = await openBrowser('lifecycle');
  ({ page, cspErrors, pageErrors } = browser);
});

after(async () => {
  await closeBrowser(browser);
});

async function open(hash, sel) {
  await page.goto(`${BASE}/${hash}`);
  await page.locator(sel).first().waitFor();
}

/** The error line of a form field, by the API's field name. */
const fieldErr = (form, name) => page.locator(`${form} [data-field="${name}"] .field-error`);

test('organiser records an extension and an end on the forms; a bad date stays by its field', async () => {
  await login(env('FM_ORG_USER'), env('FM_ORG_PASS'));
  /* Two seekers never employed get one each, in department A and B. */
  const emps = await pageFetch('/api/employments');
  assert.equal(emps.status, 200);
  const busy = new Set(emps.body.items.map((e) => e.seeker_id));
  const seekers = await pageFetch('/api/seekers?per_page=500');
  const free = seekers.body.items.map((s) => s.id).filter((id) => !busy.has(id));
  assert.ok(free.length >= 2, 'two seekers never employed');
  for (const [k, seeker, dept] of [['a', free[0], DEPT_A], ['b', free[1], DEPT_B]]) {
    const r = await pageFetch('/api/employments', 'POST', {
      seeker_id: seeker,
      department_id: dept,
      decision_date: '2018-10-01',
      start_date: '2018-10-15',
      planned_end: '2019-10-14',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    facts[k] = r.body.id;
  }

  await open(`#/employments/${facts.a}`, '#ev-extend');
  await page.locator('#ev-extend [data-field="decision_date"] input').fill('2019-09-20');
  await page.locator('#ev-extend [data-field="planned_end"] input').fill('2020-10-14');
  await page.locator('#ev-extend-save').click();
  await page.locator('#emp-extensions li').waitFor();
  assert.match(await textOf('#emp-extensions'), /2019-09-20.*2020-10-14/);

  /* An end before the start is refused next to the end date; nothing is written. */
  await page.locator('#ev-end [data-field="end_date"] input').fill('2018-10-01');
  await page.locator('#ev-end [data-field="end_reason"] select').selectOption('to_work');
  await page.locator('#ev-end-save').click();
  await until(async () => ((await fieldErr('#ev-end', 'end_date').textContent()) || '').length > 0, 'end date error');
  assert.match(await fieldErr('#ev-end', 'end_date').textContent(), /before start_date 2018-10-15/);
  assert.equal(await page.locator('#ev-end [data-field="end_date"] input').getAttribute('aria-invalid'), 'true');
  const still = await pageFetch(`/api/employments/${facts.a}`);
  assert.equal(still.body.end_date, null);
  await shot('lc-01-end-refused');

  await page.locator('#ev-end [data-field="end_date"] input').fill('2020-03-31');
  await page.locator('#ev-end-save').click();
  await until(async () => /2020-03-31/.test(await textOf('#emp-facts')), 'end recorded');
  assert.match(await textOf('#emp-facts'), /till arbete \(lyckat\)/);
  /* Ended: the extension form is gone, the status form is there. */
  assert.equal(await page.locator('#ev-extend').count(), 0);
  await page.locator('#ev-status').waitFor();
  await shot('lc-02-ended');

  /* The follow-up page lists B's 3-month follow-up on 2019-02-01, with a link to it. */
  await open('#/followup?date=2019-02-01', '#followup, #fu-none');
  const row = page.locator(`#followup tr[data-employment="${facts.b}"][data-item="follow_up_3m"]`);
  assert.equal(await row.count(), 1, 'B is due its 3-month follow-up');
});

test('a manager sees only their department and records only the status after the end', async () => {
  await login(env('FM_MGR_USER'), env('FM_MGR_PASS'));
  await open('#/employments', '#employments, #emp-none');
  const depts = await page.locator('#employments tbody tr td:nth-child(2)').evaluateAll((els) => els.map((e) => e.textContent));
  assert.ok(depts.length > 0, 'the manager has employments');
  assert.deepEqual([...new Set(depts)], [DEPT_A], 'only department A');

  /* Department B's employment: the page says not found, the API refuses every change. */
  await page.goto(`${BASE}/#/employments/${facts.b}`);
  await until(async () => /finns inte/.test(await textOf('main')), 'not found');
  for (const [m, p, b] of [
    ['GET', `/api/employments/${facts.b}`, undefined],
    ['PUT', `/api/employments/${facts.b}`, { end_date: '2019-01-31', end_reason: 'moved' }],
    ['POST', `/api/employments/${facts.b}/extensions`, { decision_date: '2019-09-01' }],
    ['POST', `/api/employments/${facts.b}/follow_ups`, { milestone: '3m', date: '2019-01-20' }],
  ]) {
    const r = await pageFetch(p, m, b);
    assert.equal(r.status, 404, `${m} ${p}: ${r.status}`);
  }
  const b = await pageFetch(`/api/followup?date=2019-02-01`);
  assert.ok(b.body.items.every((w) => w.department_id === DEPT_A), 'worklist of department A only');

  /* Department A's ended employment: only the status form. */
  await open(`#/employments/${facts.a}`, '#ev-status');
  assert.equal(await page.locator('#emp-status-only').count(), 1);
  assert.equal(await page.locator('#ev-end, #ev-start, #ev-extend').count(), 0);
  const r = await pageFetch(`/api/employments/${facts.a}`, 'PUT', { end_reason: 'moved' });
  assert.equal(r.status, 409);
  await page.locator('#ev-status [data-field="status_90"] select').selectOption('subsidised_work');
  await page.locator('#ev-status-save').click();
  await until(async () => /subventionerat arbete/.test(await textOf('#emp-facts')), 'status 90 recorded');
  /* announce() writes its text 30 ms later, so that screen readers repeat it. */
  await until(async () => /Sparat/.test(await status()), 'the saved notice');
  await shot('lc-04-manager-status');
});

test('no CSP violation and no script error on these pages', () => {
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
