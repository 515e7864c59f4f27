// Browser test of the organiser's spreadsheet import page (issue 16,
// "workbooks as they come ... fairmatch import and the UI"): a workbook
// (.ods) and a CSV are read as they are, a file with problems is refused
// whole with the CLI's "FILE:LINE: COLUMN: problem" lines, at a laptop and a
// tablet, with axe-core's WCAG 2 A/AA and 2.1 AA rules. Screenshots go to
// tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, openBrowser, closeBrowser, helpers, VIEWPORTS, sql } from './browser.mjs';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
let browser;
let page;
const { until, status, login, axe, viewShot: shot } = helpers(() => page);

before(async () => {
  browser = await openBrowser('import');
  ({ page } = browser);
});

after(async () => {
  await closeBrowser(browser);
});

async function importFile(kind, name, buffer, mimeType) {
  await page.goto(`${env('FM_BASE_URL')}/#/import`);
  await page.reload();
  await page.locator('#imp-form').waitFor();
  await page.locator('#imp-kind').selectOption(kind);
  await page.locator('#imp-file').setInputFiles({ name, mimeType, buffer });
  await page.locator('#imp-go').click();
  await page.locator('#imp-ok, #imp-result .error').first().waitFor({ timeout: 30000 });
}

test('an organiser imports a workbook and a CSV from the page, and a bad file is refused whole', async () => {
  await login(env('FM_ORG_USER'), env('FM_ORG_PASS'));
  assert.equal(await page.locator('nav a[href="#/import"]').count(), 1, 'the import page is in the menu');
  for (const [name, w, hgt] of VIEWPORTS) {
    await page.setViewportSize({ width: w, height: hgt });
    await importFile('departments', 'förvaltningar.ods', readFileSync(join(FIX, 'departments.ods')), 'application/vnd.oasis.opendocument.spreadsheet');
    assert.match(await page.locator('#imp-ok').textContent(), /Förvaltningar: \d+ rader lästa/);
    await until(async () => /rader lästa/.test(await status()), 'the status line');
    await shot(`import-ok-${name}`);
    assert.deepEqual(await axe(`import ok ${name}`), []);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= w + 1, `the import page is ${wide} px wide at ${w}`);
  }
  const csv = Buffer.from('id;namn;anställda;bord\nE2EIMP;Importförvaltningen;1200;3\n');
  await importFile('departments', 'ny.csv', csv, 'text/csv');
  assert.match(await page.locator('#imp-ok').textContent(), /1 nya/);
  assert.equal(sql("SELECT tables FROM departments WHERE id = 'E2EIMP'"), '3');

  const before1 = sql('SELECT count(*) FROM positions');
  await importFile('positions', 'unknown_department.csv', readFileSync(join(FIX, 'unknown_department.csv')), 'text/csv');
  const lines = await page.locator('#imp-problems li').allTextContents();
  assert.ok(lines.length >= 1);
  assert.match(lines[0], /^unknown_department\.csv:2: /);
  assert.match(await page.locator('#imp-result .error').textContent(), /ingenting har sparats/);
  assert.equal(sql('SELECT count(*) FROM positions'), before1, 'nothing half-written');
  await shot('import-problems-laptop');
  assert.deepEqual(await axe('import problems'), []);
});
