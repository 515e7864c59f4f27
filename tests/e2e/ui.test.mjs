// Browser tests of the web UI against a real `fairmatch serve` (started by
// run.sh, which passes the address, users and departments in FM_* variables).
// One chromium with a fresh profile walks through a fair the way people use
// it: the organiser plans and matches a fair, moves interviews, prints and
// runs the fair day; the manager records outcomes and sees only their own
// department; the steering group sees the report. Screenshots (and one PDF)
// go to tests/e2e/artifacts/. The steps depend on each other and run in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { env, openBrowser, closeBrowser, helpers } from './browser.mjs';

const BASE = env('FM_BASE_URL');
const ART = env('FM_ARTIFACTS');
const DEPT_A = env('FM_DEPT_A');
const DEPT_B = env('FM_DEPT_B');
const FAIR = `E2E-${Date.now().toString(36)}`;
const FAIR_NAME = 'Testmässan <b>&amp;</b>'; /* markup in data must stay text */

let browser;
let page;
let cspErrors = [];
let pageErrors = [];
const facts = {}; /* what one step learns and a later one needs */
const { shot, until, textOf, status, pageFetch } = helpers(() => page);

before(async () => {
  browser = await openBrowser('profile');
  ({ page, cspErrors, pageErrors } = browser);
});

after(async () => {
  await closeBrowser(browser);
});

/** [width, height] in points of each page of a PDF Chromium wrote. */
function pdfPages(buf) {
  const text = buf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

async function login(user, pass) {
  await page.goto(`${BASE}/`);
  /* A step that failed half-way may have left someone logged in. */
  await page.locator('#username, #logout').first().waitFor();
  if (await page.locator('#logout').count()) await logout();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(pass);
  await page.keyboard.press('Enter'); /* the form submits from the keyboard */
  await page.locator('#whoami').waitFor();
}

async function logout() {
  await page.locator('#logout').click();
  await page.locator('#username').waitFor();
  const me = await pageFetch('/api/me');
  assert.equal(me.status, 401, 'after logout the session is gone');
}

async function navTexts() {
  return page.locator('#nav a').allTextContents();
}

test('login page: Swedish first, English switch, wrong password refused', async () => {
  await page.goto(`${BASE}/`);
  await page.locator('#username').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  assert.equal((await textOf('main h1')).trim(), 'Logga in');
  await page.locator('#username').fill(env('FM_ORG_USER'));
  await page.locator('#password').fill('not the password at all');
  await page.locator('#login-submit').click();
  await until(async () => /Fel användarnamn/.test(await textOf('#login-error')), 'the refusal');
  await page.locator('#lang').click();
  await until(async () => (await textOf('main h1')).trim() === 'Log in', 'English heading');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await textOf('label[for="password"]')).trim(), 'Password');
  await shot('01-login-en');
  await page.locator('#lang').click();
  await until(async () => (await textOf('main h1')).trim() === 'Logga in', 'Swedish again');
  /* The skip link moves the keyboard focus to the content without leaving the page. */
  await page.locator('#skip').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.equal((await textOf('main h1')).trim(), 'Logga in');
  /* The keyboard focus is visible. */
  await page.locator('#username').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    return { id: el.id, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
  });
  assert.equal(focused.id, 'login-submit');
  assert.ok(focused.outline !== 'none' && focused.width >= 2, `visible focus ring: ${JSON.stringify(focused)}`);
  await shot('01-login');
});

test('organiser plans a fair: details, tables, positions, invitations', async () => {
  await login(env('FM_ORG_USER'), env('FM_ORG_PASS'));
  assert.match(await textOf('#whoami'), /arrangör/);
  const nav = await navTexts();
  assert.ok(nav.includes('Mässor'), `organiser nav: ${nav}`);
  assert.ok(!nav.includes('Mina intervjuer'), `organiser nav: ${nav}`);
  await shot('02-fairs');

  const form = page.locator('#new-fair');
  await form.getByLabel('Id', { exact: true }).fill(FAIR);
  await form.getByLabel('Namn', { exact: true }).fill(FAIR_NAME);
  await form.getByLabel('Datum', { exact: true }).fill('2026-12-01');
  await form.getByLabel('Antal pass', { exact: true }).fill('8');
  await form.getByLabel('Plats', { exact: true }).fill('Fyrishov');
  await page.locator('#create-fair').click();
  await until(async () => (await textOf('main h1')).startsWith('Planering'), 'the planning page');
  /* The name with markup characters is shown as text, not parsed. */
  assert.ok((await textOf('main h1')).includes(FAIR_NAME));
  assert.equal(await page.locator('main h1 b').count(), 0);

  await page.locator(`[id="tables-${DEPT_A}"]`).fill('2');
  await page.locator(`[id="tables-${DEPT_B}"]`).fill('1');
  await page.locator('#save-tables').click();
  await until(
    async () =>
      (await page.locator(`[id="tables-${DEPT_A}"]`).inputValue()) === '2' && /Sparat/.test(await status()),
    'tables saved',
  );

  /* Only a seeker whose interests share an SSYK code (prefix) with a
     position can be matched to it: give the positions the codes most common
     among the seekers the test is about to invite (the first page). */
  const list = await pageFetch('/api/seekers?page=1&per_page=25');
  assert.equal(list.status, 200);
  const freq = new Map();
  for (const s of list.body.items) {
    const one = await pageFetch(`/api/seekers/${encodeURIComponent(s.id)}`);
    for (const code of (one.body.interests || '').split('|').filter((c) => /^\d{4}$/.test(c))) {
      freq.set(code, (freq.get(code) || 0) + 1);
    }
  }
  const codes = [...freq.entries()].sort((a, b) => b[1] - a[1]).map((e) => e[0]);
  assert.ok(codes.length >= 1, 'the seekers have interests');
  const code = (i) => codes[i % codes.length];
  const positions = [
    { id: `${FAIR}-A1`, dept: DEPT_A, title: 'Elevassistent', places: '2', occ: code(0) },
    { id: `${FAIR}-A2`, dept: DEPT_A, title: 'Kökshjälp', places: '1', occ: code(1) },
    { id: `${FAIR}-B1`, dept: DEPT_B, title: 'Parkarbetare', places: '1', occ: code(2) },
  ];
  for (const [i, p] of positions.entries()) {
    const pf = page.locator('#position-form');
    await pf.getByLabel('Id', { exact: true }).fill(p.id);
    await pf.getByLabel('Förvaltning', { exact: true }).selectOption(p.dept);
    await pf.getByLabel('Tjänst', { exact: true }).fill(p.title);
    await pf.getByLabel('Platser', { exact: true }).fill(p.places);
    await pf.getByLabel('Yrke (SSYK, 4 siffror)', { exact: true }).fill(p.occ);
    await page.locator('#save-position').click();
    await until(async () => (await page.locator('#position-list tbody tr').count()) === i + 1, `position ${p.id}`);
  }

  await page.locator('#seeker-search button[type="submit"]').click();
  await page.locator('#seeker-results tbody tr').first().waitFor();
  await page.locator('#select-page').click();
  /* The button says how many are selected: "Bjud in valda (25)". */
  const n = await until(async () => {
    const m = /\((\d+)\)/.exec(await textOf('#invite-selected'));
    return m && Number(m[1]) > 0 ? Number(m[1]) : null;
  }, 'seekers selected');
  assert.ok(n >= 6, `enough seekers to invite (${n})`);
  /* Some of the page may be in an extra job: inviting them needs a yes. */
  page.once('dialog', (d) => d.accept());
  await page.locator('#invite-selected').click();
  await until(async () => (await textOf('#invited-count')).trim() === String(n), `${n} invited`);
  facts.invited = n;
  await shot('02-plan');
});

test('organiser runs matching and sees candidates and the women share', async () => {
  await page.locator('#run-match').click();
  const done = await until(async () => {
    if ((await page.locator('#candidates table.candidates tbody tr').count()) > 0) return 'ok';
    const err = (await page.locator('#run-match ~ .error, #match-result ~ .error').first().textContent()) || '';
    return err.trim() ? `error: ${err}` : null;
  }, 'the matching', 120000);
  assert.equal(done, 'ok', 'the matching ran');
  assert.match(await textOf('#ws-invited'), /%/);
  assert.match(await textOf('#ws-pool'), /%/);
  for (const d of [DEPT_A, DEPT_B]) {
    const rows = await page.locator(`#candidates .dept-block[data-dept="${d}"] tbody tr`).count();
    assert.ok(rows > 0, `candidates for ${d}`);
  }
  const sched = await pageFetch(`/api/fairs/${encodeURIComponent(FAIR)}/schedule`);
  assert.equal(sched.status, 200);
  /* A seeker department A never interviewed, at this fair or any other (the demo's). */
  const inA = new Set();
  for (const f of (await pageFetch('/api/fairs')).body.items) {
    const sc = f.id === FAIR ? sched : await pageFetch(`/api/fairs/${encodeURIComponent(f.id)}/schedule`);
    for (const x of sc.body.interviews || []) if (x.department_id === DEPT_A) inA.add(x.seeker_id);
  }
  const onlyB = sched.body.interviews.find((x) => x.department_id === DEPT_B && !inA.has(x.seeker_id));
  facts.seekerOnlyB = onlyB ? onlyB.seeker_id : null;
  facts.interviewB = sched.body.interviews.find((x) => x.department_id === DEPT_B).id;
  await shot('03-matched');
});

/** Free cells of dept where the seeker of the card has no other interview. */
async function freeTargets(ivId, dept) {
  return page.evaluate(
    ([id, d]) => {
      const card = document.getElementById(`iv-${id}`);
      const seeker = card.dataset.seeker;
      const busy = new Set(
        [...document.querySelectorAll(`#timetable .iv[data-seeker="${CSS.escape(seeker)}"]`)].map(
          (c) => c.closest('td').dataset.period,
        ),
      );
      return [...document.querySelectorAll(`#timetable td.cell.empty[data-dept="${CSS.escape(d)}"]`)]
        .filter((td) => !busy.has(td.dataset.period))
        .map((td) => ({ period: td.dataset.period, table: td.dataset.table }));
    },
    [ivId, dept],
  );
}

/** Forget the last status and problem messages before the next attempt. */
async function resetMsgs() {
  await page.evaluate(() => {
    document.getElementById('status').textContent = '';
    const p = document.getElementById('move-problems');
    if (p) p.replaceChildren();
  });
}

async function cellOf(ivId) {
  return page.evaluate((id) => {
    const td = document.getElementById(`iv-${id}`).closest('td');
    return { period: td.dataset.period, table: td.dataset.table, dept: td.dataset.dept };
  }, ivId);
}

test('organiser moves interviews: clash shown before saving, pick with the keyboard, drag and drop', async () => {
  await page.locator('nav.tabs a', { hasText: 'Schema' }).click();
  await page.locator('#timetable').waitFor();
  await shot('04-timetable-before');
  const cards = page.locator(`#timetable td[data-dept="${DEPT_A}"] button.iv[draggable="true"]`);
  assert.ok((await cards.count()) >= 2, 'two movable interviews in department A');
  const first = await cards.nth(0).getAttribute('data-id');
  const second = await cards.nth(1).getAttribute('data-id');
  const secondCell = await cellOf(second);

  /* Select with the keyboard: focus the card, Enter. */
  await page.locator(`#iv-${first}`).focus();
  await page.keyboard.press('Enter');
  await until(async () => (await page.evaluate(() => document.activeElement.id)) === 'move-period', 'focus in the panel');
  assert.equal(await page.locator(`#iv-${first}`).getAttribute('aria-pressed'), 'true');

  /* A clash: the cell of another interview. Shown at once, save disabled. */
  await page.locator('#move-period').selectOption(secondCell.period);
  await page.locator('#move-table').selectOption(secondCell.table);
  await until(async () => /krockar/.test(await textOf('#move-problems')), 'the clash warning');
  assert.ok(await page.locator('#move-save').isDisabled());
  await shot('05-timetable-clash');

  /* A free cell: pick it and save from the keyboard. The server may still
     refuse (availability, minimum gap): then its reason is shown and we try
     the next free cell. */
  const targets = await freeTargets(first, DEPT_A);
  assert.ok(targets.length > 0, 'a free cell in department A');
  let moved = null;
  for (const tg of targets.slice(0, 8)) {
    await page.locator('#move-period').selectOption(tg.period);
    await page.locator('#move-table').selectOption(tg.table);
    if (await page.locator('#move-save').isDisabled()) continue;
    await resetMsgs();
    await page.locator('#move-save').focus();
    await page.keyboard.press('Enter');
    const outcome = await until(async () => {
      if (/flyttad/.test(await status())) return 'moved';
      if (/nekade/.test(await textOf('#move-problems'))) return 'refused';
      return null;
    }, 'the move to finish');
    if (outcome === 'moved') {
      moved = tg;
      break;
    }
    facts.refusal = await textOf('#move-problems');
  }
  assert.ok(moved, `the server accepted one of the free cells (last refusal: ${facts.refusal || 'none'})`);
  assert.deepEqual(await cellOf(first), { ...moved, dept: DEPT_A });

  /* Saved on the server: a reload shows it in the new cell. */
  await page.reload();
  await page.locator('#timetable').waitFor();
  assert.deepEqual(await cellOf(first), { ...moved, dept: DEPT_A });

  /* Drag and drop the second one. */
  const before2 = await cellOf(second);
  let dropped = false;
  for (const tg of (await freeTargets(second, DEPT_A)).slice(0, 8)) {
    const td = page.locator(`#timetable td[data-dept="${DEPT_A}"][data-period="${tg.period}"][data-table="${tg.table}"]`);
    await resetMsgs();
    await page.locator(`#iv-${second}`).dragTo(td);
    const outcome = await until(async () => {
      if (/flyttad/.test(await status())) return 'moved';
      if (/nekade/.test(await textOf('#move-problems'))) return 'refused';
      return null;
    }, 'the drop to finish');
    if (outcome === 'moved') {
      dropped = true;
      assert.deepEqual(await cellOf(second), { ...tg, dept: DEPT_A });
      break;
    }
  }
  assert.ok(dropped, 'the drag and drop moved the interview');
  assert.notDeepEqual(await cellOf(second), before2);
  await shot('06-timetable-after');

  /* Someone else moves an interview into a free cell meanwhile; this page
     does not know yet, so its own move there passes the local check and
     the server's refusal must be shown as the server gives it. */
  const cards2 = page.locator(`#timetable td[data-dept="${DEPT_A}"] button.iv[draggable="true"]`);
  const mover = await cards2.nth(0).getAttribute('data-id');
  const victim = await cards2.nth(1).getAttribute('data-id');
  const forMover = await freeTargets(mover, DEPT_A);
  const common = (await freeTargets(victim, DEPT_A)).find((c) =>
    forMover.some((m) => m.period === c.period && m.table === c.table),
  );
  assert.ok(common, 'a cell free for both interviews');
  const other = await page.evaluate(
    async ([id, period, table]) => {
      const me = await (await fetch('/api/me', { credentials: 'same-origin' })).json();
      const r = await fetch(`/api/interviews/${id}`, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ period, table }),
      });
      return r.status;
    },
    [Number(mover), Number(common.period), Number(common.table)],
  );
  assert.equal(other, 200, 'the other move went through');
  await resetMsgs();
  await page.locator(`#iv-${victim}`).click();
  await page.locator('#move-period').selectOption(common.period);
  await page.locator('#move-table').selectOption(common.table);
  assert.equal(await page.locator('#move-save').isDisabled(), false, 'the stale page sees no clash');
  await page.locator('#move-save').click();
  await until(async () => /nekade/.test(await textOf('#move-problems')), 'the server refusal');
  const reason = await textOf('#move-problems');
  assert.match(reason, /taken|upptaget|busy|period|table/i, `the reason: ${reason}`);
  /* ... and the page now shows the other move. */
  assert.deepEqual(await cellOf(mover), { ...common, dept: DEPT_A });
  await shot('06b-timetable-refused');
  /* Esc drops the selection and gives the focus back to the card. */
  await page.keyboard.press('Escape');
  await until(async () => (await page.locator(`#iv-${victim}`).getAttribute('aria-pressed')) === 'false', 'Esc');
  assert.equal(await page.evaluate(() => document.activeElement.id), `iv-${victim}`);
});

test('a full-size fair (the demo data) renders its timetable', async () => {
  const fairs = (await pageFetch('/api/fairs')).body.items.filter((f) => f.id !== FAIR);
  if (fairs.length === 0) return; /* fixtures without fairs: nothing to show */
  let best = null;
  for (const f of fairs.slice(-6)) {
    const sch = (await pageFetch(`/api/fairs/${encodeURIComponent(f.id)}/schedule`)).body;
    if (!best || sch.interviews.length > best.sch.interviews.length) best = { f, sch };
  }
  const placed = best.sch.interviews.filter((x) => x.period !== null && x.table !== null).length;
  const cols = best.sch.departments.reduce((n, d) => n + d.tables, 0);
  const t0 = Date.now();
  await page.goto(`${BASE}/#/fairs/${encodeURIComponent(best.f.id)}/timetable`);
  await page.locator('#timetable').waitFor();
  /* The previous page's timetable (the test fair's) may still be shown for a moment:
     a hash-only navigation keeps the document until the new one is rendered. */
  let shown = -1;
  await until(
    async () => (shown = await page.locator('#timetable .iv').count()) === placed,
    () => `one card per placed interview of ${best.f.id} (${placed} placed, ${shown} shown)`,
    30000,
  );
  const ms = Date.now() - t0;
  assert.equal(await page.locator('#timetable thead th').count(), cols + 1, 'one column per table');
  console.log(`# timetable of ${best.f.id}: ${placed} interviews, ${cols} tables, page shown in ${ms} ms`);
  await shot('06c-timetable-demo-fair');
});

test('print views: department schedules, personal cards, room overview on A4', async () => {
  await page.goto(`${BASE}/#/fairs/${encodeURIComponent(FAIR)}/print/departments`);
  await page.locator('.dept-page').first().waitFor();
  const depts = await page.locator('.dept-page').evaluateAll((els) => els.map((e) => e.dataset.dept));
  assert.deepEqual(depts.sort(), [DEPT_A, DEPT_B].sort());
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.topbar').isVisible(), false, 'no navigation on paper');
  await shot('07-print-departments');
  const pdf = await page.pdf({ path: join(ART, 'department-schedules.pdf'), preferCSSPageSize: true });
  const pages = pdfPages(pdf);
  assert.equal(pages.length, 2, 'one A4 page per department');
  for (const [w, hgt] of pages) assert.ok(Math.abs(w - 595.9) < 2 && Math.abs(hgt - 842.9) < 2, `A4 portrait: ${w}x${hgt}`);
  await page.emulateMedia({ media: 'screen' });

  await page.locator('.print-toolbar a', { hasText: 'Personliga kort' }).click();
  await page.locator('.seeker-card').first().waitFor();
  assert.ok((await page.locator('.seeker-card').count()) > 0);
  await shot('08-print-cards');
  await page.locator('.print-toolbar a', { hasText: 'Lokalöversikt' }).click();
  await page.locator('table.rooms').waitFor();
  const cols = await page.locator('table.rooms thead th').count();
  assert.equal(cols, 1 + 2 + 1, 'one column per table (2 for A, 1 for B) plus time');
  await shot('09-print-rooms');
  await page.emulateMedia({ media: 'print' });
  const rooms = pdfPages(await page.pdf({ path: join(ART, 'room-overview.pdf'), preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  assert.ok(rooms.length >= 1);
  assert.ok(rooms[0][0] > rooms[0][1], `the room overview is A4 landscape: ${rooms[0]}`);
});

test('fair day on a tablet: check in, no-show, walk-in, re-plan', async () => {
  await page.setViewportSize({ width: 820, height: 1180 });
  try {
    await fairDay();
  } finally {
    await page.setViewportSize({ width: 1366, height: 900 });
  }
  await logout();
});

async function fairDay() {
  /* The session ends (cookie gone): the next page asks for a new login with
     a message, and after it the user is back on the page they wanted. */
  const cookies = await browser.context.cookies();
  assert.ok(
    cookies.some((c) => c.name === 'fm_session' && c.httpOnly && c.sameSite === 'Strict'),
    'the session cookie is HttpOnly and SameSite=Strict',
  );
  await browser.context.clearCookies();
  await page.locator('nav.tabs a', { hasText: 'Mässdagen' }).click();
  await until(async () => /gått ut/.test(await textOf('#login-error')), 'the expired-session message');
  await page.locator('#username').fill(env('FM_ORG_USER'));
  await page.locator('#password').fill(env('FM_ORG_PASS'));
  await page.keyboard.press('Enter');
  await until(async () => (await textOf('main h1')).startsWith('Mässdagen'), 'back on the fair day page');
  await page.locator('#checkin-list tbody tr').first().waitFor();
  const rows = page.locator('#checkin-list tbody tr');
  await rows.nth(0).locator('button[data-att="checked_in"]').click();
  await until(async () => /incheckad/.test((await rows.nth(0).textContent()) || ''), 'checked in');
  await rows.nth(1).locator('button[data-att="no_show"]').click();
  await until(async () => /uteblev/.test((await rows.nth(1).textContent()) || ''), 'no-show');
  assert.match(await textOf('#day-summary'), /1 incheckade, 1 uteblev/);

  /* Someone from beyond the invited first page walks in. */
  const later = await pageFetch('/api/seekers?page=2&per_page=25');
  const walker = later.body.items[0];
  await page.locator('#walkin-q').fill(walker.id);
  await page.locator('#walkin-q').press('Enter');
  const add = page.locator('#walkin-results li', { hasText: walker.id }).locator('button:not([disabled])');
  await add.waitFor();
  await add.click();
  await until(async () => /1 walk-ins/.test(await textOf('#day-summary')), 'walk-in counted');
  assert.equal(await page.locator('#checkin-list tbody tr').count(), facts.invited + 1);

  await page.locator('#replan-from').selectOption('2');
  await page.locator('#replan').click();
  await page.locator('#replan-confirm').waitFor({ timeout: 120000 });
  await page.locator('#replan-confirm').click();
  await until(async () => /Den nya planen är sparad/.test(await status()), 're-planned', 60000);
  await page.locator('#checkin-list').waitFor();
  await shot('10-fairday-tablet');
  /* Nothing in the page is wider than the tablet's screen except inside scroll boxes. */
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows the tablet width by ${overflow}px`);
  /* The manager's outcomes page on the same tablet comes later; here the
     organiser's view of it must fit too. */
  await page.locator('nav.tabs a', { hasText: 'Intervjuer och utfall' }).click();
  await page.locator('#outcomes').waitFor();
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('#outcomes .scroll')].some((el) => el.scrollWidth > el.clientWidth + 1),
  );
  assert.equal(wide, false, 'the outcomes table fits the tablet without scrolling sideways');
  await shot('11-outcomes-tablet');
}

test('manager sees only their own department and records outcomes', async () => {
  await login(env('FM_MGR_USER'), env('FM_MGR_PASS'));
  assert.match(await textOf('#whoami'), /chef/);
  const nav = await navTexts();
  assert.ok(nav.includes('Mina intervjuer') && !nav.includes('Mässor'), `manager nav: ${nav}`);
  await page.locator('#manager-fairs a', { hasText: FAIR_NAME }).click();
  await page.locator('#outcomes').waitFor();
  const depts = await page.locator('#outcomes tr[data-dept]').evaluateAll((els) => els.map((e) => e.dataset.dept));
  assert.ok(depts.length > 0, 'the manager has interviews');
  assert.deepEqual([...new Set(depts)], [DEPT_A], 'only department A');
  await shot('11-manager');

  /* A hire needs a seeker without an extra job on the decision day: the
     first such row (some invited seekers are in a job already). */
  const employed = new Set(
    execFileSync('sqlite3', ['-batch', '-noheader', env('FM_DB'), 'SELECT seeker_id FROM employments WHERE end_date IS NULL OR end_date >= date()'])
      .toString()
      .split('\n'),
  );
  const mine = (await pageFetch(`/api/fairs/${encodeURIComponent(FAIR)}/schedule`)).body.interviews;
  const pick = mine.find((iv) => !employed.has(iv.seeker_id));
  assert.ok(pick, 'an interview with a seeker who is not in a job');
  const sel = `#outcomes tbody tr[data-id="${pick.id}"]`;
  const row = page.locator(sel);
  await row.locator('select').selectOption('offer');
  await row.locator('button[data-action="outcome"]').click();
  await until(async () => /Utfall för/.test(await status()), 'outcome saved');
  await page.locator(sel).locator('button[data-action="accepted"]').click();
  await until(async () => (await page.locator(sel).locator('.ans-accepted').count()) === 1, 'accepted');
  assert.match((await page.locator(sel).textContent()) || '', /anställning \d+/);

  const row2 = page.locator(`#outcomes tbody tr:not([data-id="${pick.id}"])`).first();
  await row2.locator('select').selectOption('reserve');
  await row2.locator('button[data-action="outcome"]').click();
  await until(async () => /reserv/.test(await status()), 'reserve saved');

  await page.locator('#outcomes tbody tr').first().getByRole('button', { name: /Visa kontakt för/ }).click();
  await until(async () => ((await page.locator('#outcomes tbody tr').first().locator('.contact').textContent()) || '').length > 0, 'contact shown');
  await shot('12-manager-outcomes');

  /* After a reload the outcomes are still there (saved on the server). */
  await page.reload();
  await page.locator('#outcomes').waitFor();
  assert.equal(await page.locator('#outcomes .ans-accepted').count(), 1);

  /* The timetable shows only department A's tables, read-only. */
  await page.locator('nav.tabs a', { hasText: 'Schema' }).click();
  await page.locator('#timetable').waitFor();
  const colDepts = await page.locator('#timetable .col-dept').allTextContents();
  assert.deepEqual([...new Set(colDepts)], [DEPT_A]);
  assert.equal(await page.locator('#timetable button.iv').count(), 0, 'no move buttons for a manager');

  /* The planning page is not shown, and the server refuses what is not theirs. */
  await page.goto(`${BASE}/#/fairs/${encodeURIComponent(FAIR)}`);
  await until(async () => /Inte tillgängligt/.test(await textOf('main h1')), 'planning hidden');
  /* A seeker department A has never interviewed, as the database stands now:
   * the re-plans and walk-ins above may have given the one found after the
   * match an interview in A. */
  const onlyB = execFileSync('sqlite3', ['-batch', '-noheader', env('FM_DB'),
    `SELECT i.seeker_id FROM interviews i JOIN positions p ON p.id = i.position_id WHERE p.department_id = '${DEPT_B}' AND i.seeker_id NOT IN (SELECT i2.seeker_id FROM interviews i2 JOIN positions p2 ON p2.id = i2.position_id WHERE p2.department_id = '${DEPT_A}') ORDER BY i.seeker_id LIMIT 1`]).toString().trim();
  if (onlyB) {
    assert.equal((await pageFetch(`/api/seekers/${encodeURIComponent(onlyB)}`)).status, 404);
  }
  assert.equal((await pageFetch(`/api/fairs/${encodeURIComponent(FAIR)}/invitations`)).status, 403);
  const sched = await pageFetch(`/api/fairs/${encodeURIComponent(FAIR)}/schedule`);
  assert.ok(sched.body.interviews.every((x) => x.department_id === DEPT_A));
  assert.ok(!sched.body.interviews.some((x) => x.id === facts.interviewB));
  await logout();
});

test('steering sees the report and nothing with a person in it', async () => {
  await login(env('FM_STEER_USER'), env('FM_STEER_PASS'));
  assert.match(await textOf('#whoami'), /styrgrupp/);
  const nav = await navTexts();
  assert.ok(!nav.includes('Mässor') && !nav.includes('Mina intervjuer'), `steering nav: ${nav}`);
  assert.equal((await pageFetch('/api/seekers')).status, 403);
  assert.equal((await pageFetch('/api/fairs')).status, 403);
  /* The report page (web/report.html, the report helper's) loads and asks
     the server for the monthly report, which the steering role may read. */
  const reportCall = page.waitForResponse((r) => r.url().includes('/api/reports/monthly'), { timeout: 15000 });
  const [reportNav] = await Promise.all([page.waitForNavigation(), page.locator('#open-report').click()]);
  assert.equal(reportNav.status(), 200, 'report.html is served');
  assert.match(reportNav.headers()['content-type'] || '', /text\/html/);
  assert.equal((await reportCall).status(), 200, 'the monthly report is given to steering');
  await page.waitForLoadState('networkidle');
  /* The demo programme ended in 2018: the page opens on its last month. */
  assert.equal(await page.locator('#rp-month').inputValue(), '2018-12', 'opens on the end month');
  const text = (await page.locator('body').innerText()) || '';
  assert.ok(text.trim().length > 0, 'the report page shows something');
  await shot('13-steering-report');
  /* The page reports its own failures in its status line (role=status). */
  const said = (await page.locator('[role="status"]').allTextContents()).join(' ');
  assert.doesNotMatch(said, /kunde inte|could not|failed|fel:/i, `the report page says: ${said}`);
  await shot('13-steering-report');
  await page.goto(`${BASE}/`);
  await page.locator('#logout').waitFor();
  await logout();
});

test('no CSP violation and no script error on any page', () => {
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
