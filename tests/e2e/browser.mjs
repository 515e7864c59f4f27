// browser.mjs - what the browser test files share: their settings from
// run.sh (FM_* variables), one headless Debian chromium with a fresh profile
// whose page records CSP violations and script errors, and the small helpers
// every step uses. Each test file keeps its own login and steps.
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

let axeSource = null;
/** axe-core's script, read once (from npm, tests/e2e/node_modules). */
function AXE() {
  if (!axeSource) axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** The two screens every story is checked at. */
export const VIEWPORTS = [
  ['laptop', 1366, 768],
  ['tablet', 768, 1024],
];

/** One query on the test database (sqlite3's CLI): its output, trimmed. */
export function sql(q) {
  return execFileSync('sqlite3', ['-batch', '-noheader', env('FM_DB'), q]).toString().trim();
}

/** The n most common interest codes of the register: plenty of eligible seekers for a position. */
export function commonOccupations(n) {
  return sql(
    "WITH RECURSIVE split(code, rest) AS (SELECT '', interests || '|' FROM seekers UNION ALL " +
      "SELECT substr(rest, 1, instr(rest, '|') - 1), substr(rest, instr(rest, '|') + 1) FROM split WHERE rest <> '') " +
      `SELECT code FROM split WHERE length(code) = 4 GROUP BY code ORDER BY count(*) DESC LIMIT ${Number(n)}`,
  ).split('\n');
}

export function env(k) {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set: run tests/e2e/run.sh BINARY`);
  return v;
}

/**
 * Start chromium with a fresh profile named after prefix. Returns
 * {context, page, userDir, cspErrors, pageErrors}; close with closeBrowser.
 */
export async function openBrowser(prefix) {
  mkdirSync(env('FM_ARTIFACTS'), { recursive: true });
  const userDir = mkdtempSync(join(process.env.FM_E2E_TMP || tmpdir(), `chromium-${prefix}-`));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: env('FM_CHROMIUM'),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 900 },
    locale: 'sv-SE',
    timeout: 60000,
  });
  context.setDefaultTimeout(15000);
  const page = context.pages()[0] || (await context.newPage());
  const cspErrors = [];
  const pageErrors = [];
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (execute|apply|load)/i.test(text)) cspErrors.push(text);
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return { context, page, userDir, cspErrors, pageErrors };
}

export async function closeBrowser(b) {
  if (b && b.context) await b.context.close();
  if (b && b.userDir) rmSync(b.userDir, { recursive: true, force: true });
}

/** Helpers on the page getPage() returns (it exists only once before() ran). */
export function helpers(getPage) {
  const art = env('FM_ARTIFACTS');

  async function shot(name) {
    await getPage().screenshot({ path: join(art, `${name}.png`), fullPage: true });
  }

  /** Poll fn until it returns truthy; fail with what we waited for. */
  async function until(fn, what, ms = 15000) {
    const end = Date.now() + ms;
    let last = null;
    while (Date.now() < end) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      await getPage().waitForTimeout(100);
    }
    const said = typeof what === 'function' ? what() : what;
    throw new Error(`timed out waiting for ${said}${last ? `: ${last.message}` : ''}`);
  }

  async function textOf(sel) {
    return (await getPage().locator(sel).first().textContent()) || '';
  }

  async function status() {
    return (await getPage().locator('#status').textContent()) || '';
  }

  /** A call from inside the page with its session (and the CSRF token for a write): {status, body}. */
  async function pageFetch(path, method = 'GET', body) {
    return getPage().evaluate(
      async ([p, m, b]) => {
        const headers = {};
        if (m !== 'GET') {
          const me = await (await fetch('/api/me', { credentials: 'same-origin' })).json();
          headers['X-CSRF-Token'] = me.csrf_token;
        }
        if (b) headers['Content-Type'] = 'application/json';
        const r = await fetch(p, { method: m, credentials: 'same-origin', headers, body: b ? JSON.stringify(b) : undefined });
        let j = null;
        try {
          j = await r.json();
        } catch {
          j = null;
        }
        return { status: r.status, body: j };
      },
      [path, method, body],
    );
  }

  /** Log out whoever a half-finished step left logged in, then log in as user. */
  async function login(user, pass) {
    const page = getPage();
    await page.goto(`${env('FM_BASE_URL')}/`);
    await page.locator('#username, #logout').first().waitFor();
    if (await page.locator('#logout').count()) {
      await page.locator('#logout').click();
      await page.locator('#username').waitFor();
    }
    await page.locator('#username').fill(user);
    await page.locator('#password').fill(pass);
    await page.keyboard.press('Enter'); /* the form submits from the keyboard */
    await page.locator('#whoami').waitFor();
  }

  /** What the viewport shows (a full-page shot of a long list takes too long on a busy machine). */
  async function viewShot(name) {
    await getPage().screenshot({ path: join(art, `${name}.png`), timeout: 60000 });
  }

  /** axe-core's WCAG 2 A/AA and 2.1 AA rules on the page as it is: the violations, one line each. */
  async function axe(name) {
    const page = getPage();
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE());
    const r = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
    );
    return r.violations.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.length}× ${v.nodes[0].target.join(' ')}`);
  }

  return { shot, viewShot, until, textOf, status, pageFetch, login, axe };
}
