// Browser test of the organisers' users page (issue 15): the list, disable
// and enable, a new password and removal, each ending the user's sessions
// at once; labelled controls (every input has a label, every button a
// name). The spare user it changes is created by run.sh for this file only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, openBrowser, closeBrowser, helpers } from './browser.mjs';

const BASE = env('FM_BASE_URL');
const SPARE = env('FM_SPARE_USER');
const SPARE_PASS = env('FM_SPARE_PASS');

let browser;
let page;
let cspErrors = [];
let pageErrors = [];
const { shot, until, status, pageFetch } = helpers(() => page);

before(async () => {
  browser = await openBrowser('users');
  ({ page, cspErrors, pageErrors } = browser);
});

after(async () => {
  await closeBrowser(browser);
});

/** Log in from outside the browser (the spare user's own session): its cookie, or null. */
async function loginCookie(user, pass) {
  const r = await fetch(`${BASE}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: pass }),
  });
  if (r.status !== 200) return null;
  return r.headers.get('set-cookie').split(';')[0];
}

async function meStatus(cookie) {
  return (await fetch(`${BASE}/api/me`, { headers: { Cookie: cookie } })).status;
}

test('organiser disables, re-enables, resets and removes a user; their sessions end', async () => {
  await page.goto(`${BASE}/`);
  await page.locator('#username').fill(env('FM_ORG_USER'));
  await page.locator('#password').fill(env('FM_ORG_PASS'));
  await page.keyboard.press('Enter');
  await page.locator('#whoami').waitFor();
  const nav = await page.locator('#nav a').allTextContents();
  assert.ok(nav.includes('Användare'), `organiser nav: ${nav}`);
  await page.goto(`${BASE}/#/users`);
  const row = page.locator(`#user-list tr[data-user="${SPARE}"]`);
  await row.waitFor();

  /* Markup a screen reader can use: labels for inputs, names for buttons. */
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('#main input, #main select')]
      .filter((el) => !el.labels || el.labels.length === 0)
      .map((el) => el.name),
  );
  assert.deepEqual(unlabelled, []);
  const nameless = await page.evaluate(() =>
    [...document.querySelectorAll('#main button')].filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim())).length,
  );
  assert.equal(nameless, 0);
  /* The organiser's own row cannot be disabled or removed here. */
  assert.ok(await page.locator(`button[data-toggle="${env('FM_ORG_USER')}"]`).isDisabled());
  await shot('users-list');

  let cookie = await loginCookie(SPARE, SPARE_PASS);
  assert.ok(cookie, 'the spare user logs in');
  await page.locator(`button[data-toggle="${SPARE}"]`).click();
  await until(async () => (await status()).includes(SPARE), 'the disable message');
  await until(async () => (await row.textContent()).includes('avstängd'), 'the row says disabled');
  assert.equal(await meStatus(cookie), 401, 'the session ended when the user was disabled');
  assert.equal(await loginCookie(SPARE, SPARE_PASS), null, 'a disabled user cannot log in');

  await page.locator(`button[data-toggle="${SPARE}"]`).click();
  await until(async () => (await row.textContent()).includes('aktiv'), 'the row says active');
  cookie = await loginCookie(SPARE, SPARE_PASS);
  assert.ok(cookie, 'enabled again');

  const form = page.locator('#password-form');
  await form.locator('select[name="username"]').selectOption(SPARE);
  await form.locator('input[name="password"]').fill('short');
  await page.locator('#set-password').click();
  await until(async () => (await form.locator('.field-error').allTextContents()).join('').length > 0, 'a field error');
  const newPass = `${SPARE_PASS}-new`;
  await form.locator('input[name="password"]').fill(newPass);
  await page.locator('#set-password').click();
  await until(async () => (await status()).includes('Lösenordet för'), 'the password message');
  assert.equal(await meStatus(cookie), 401, 'the session ended with the new password');
  assert.ok(await loginCookie(SPARE, newPass), 'the new password works');

  page.once('dialog', (d) => d.accept());
  await page.locator(`button[data-remove="${SPARE}"]`).click();
  await until(async () => (await page.locator(`#user-list tr[data-user="${SPARE}"]`).count()) === 0, 'the row to go');
  assert.equal(await loginCookie(SPARE, newPass), null, 'a removed user cannot log in');
  const audit = await pageFetch('/api/users');
  assert.equal(audit.status, 200);
  assert.ok(!JSON.stringify(audit.body).includes(SPARE));
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
