// Browser tests of the steering group's report page (web/report.html)
// against a real `fairmatch serve` with the demo (run.sh): the headline with
// the women's share in every demo month, the cumulative chart drawing every
// shown point with a protected month as a gap (the server's answer is
// altered in the page to protect one month), codes shown as words in both
// languages, and the fairs' funnel and the 90-day status as tables and
// charts. Screenshots go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { env, openBrowser, closeBrowser, helpers } from './browser.mjs';

const BASE = env('FM_BASE_URL');
const ART = env('FM_ARTIFACTS');

let browser;
let page;
let cspErrors = [];
let pageErrors = [];
const { until, textOf, pageFetch } = helpers(() => page);

before(async () => {
  browser = await openBrowser('report');
  ({ page, cspErrors, pageErrors } = browser);
  await page.goto(`${BASE}/`);
  await page.locator('#username').waitFor();
  await page.locator('#username').fill(env('FM_STEER_USER'));
  await page.locator('#password').fill(env('FM_STEER_PASS'));
  await page.keyboard.press('Enter');
  await page.locator('#whoami').waitFor();
});

after(async () => {
  await closeBrowser(browser);
});

async function open(month) {
  await page.goto(`${BASE}/report.html?month=${month}`);
  await until(async () => (await textOf('#rp-title-month')) === month, `the report of ${month}`);
  await page.locator('#rp-chart-cum svg').waitFor();
}

/** The cumulative chart's line: how many points it draws and how many gaps it leaves. */
async function cumLine() {
  return page.locator('#rp-chart-cum g.series[data-series="line1"]').evaluate((g) => ({
    points: Number(g.dataset.points),
    gaps: Number(g.dataset.gaps),
    circles: g.querySelectorAll('circle').length,
    moves: (g.querySelector('path')?.getAttribute('d').match(/M/g) || []).length,
  }));
}

test('every demo month from the start shows the headline and the women\'s share', async () => {
  for (let i = 2; i < 24; i++) {
    const m = `${2017 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const r = (await pageFetch(`/api/reports/monthly?month=${m}&format=json`)).body;
    assert.equal(r.protection, 'steering');
    assert.equal(typeof r.hires.cumulative, 'number', `${m}: hires since start`);
    assert.equal(typeof r.gender.cumulative.women_share, 'number', `${m}: women's share since start`);
    if (r.hires.month >= 10) assert.equal(typeof r.gender.month.women_share, 'number', `${m}: month share`);
  }
  await open('2018-12');
  /* Other test files add hires to the same database: compare with the server's answer. */
  const dec = (await pageFetch('/api/reports/monthly?month=2018-12&format=json')).body;
  const cards = (await page.locator('#rp-cards').textContent()).replace(/\s/g, '');
  assert.ok(cards.includes(String(dec.hires.cumulative)), `${dec.hires.cumulative} in ${cards}`);
  assert.doesNotMatch(await textOf('#rp-gender tbody tr:nth-child(2) td:last-child'), /–/, 'cumulative share shown');
  const line = await cumLine();
  assert.deepEqual(line, { points: 24, gaps: 0, circles: 24, moves: 1 });
  await page.locator('#rp-chart-cum').screenshot({ path: join(ART, '20-report-cumulative.png') });
});

test('a protected month is a gap in the chart; the other months are still drawn', async () => {
  await page.route('**/api/reports/monthly?*format=json*', async (route) => {
    const res = await route.fetch();
    const j = await res.json();
    j.trend[5].hires = '<5';
    j.trend[5].women_share = null;
    j.trend_cumulative[5].hires = null;
    j.trend_cumulative[5].women_share = null;
    await route.fulfill({ response: res, json: j });
  });
  await open('2018-12');
  const line = await cumLine();
  assert.deepEqual(line, { points: 23, gaps: 1, circles: 23, moves: 2 }, 'drawn before and after the gap');
  const bars = await page.locator('#rp-chart-month rect.bar').count();
  assert.equal(bars, 23, 'every shown month has its bar');
  const women = await page.locator('#rp-chart-women g.series[data-series="line2"]').evaluate((g) => Number(g.dataset.points));
  assert.ok(women >= 15, `the women's share is drawn (${women} points)`);
  await page.locator('.rp-charts').screenshot({ path: join(ART, '21-report-protected-month-gap.png') });
  await page.unroute('**/api/reports/monthly?*format=json*');
});

test('codes read as words in Swedish and English; funnel and 90-day status are on the page', async () => {
  await open('2018-12');
  const ended = await textOf('#rp-ended');
  assert.doesNotMatch(ended, /to_work|substance_abuse|_/, `codes on the page: ${ended}`);
  const funnel = await page.locator('#rp-funnel tbody th').allTextContents();
  assert.deepEqual(funnel, ['Inbjudna', 'Kom till mässan', 'Intervjuade', 'Fick erbjudande', 'Tackade ja', 'Tackade nej', 'Anställda']);
  assert.equal(await page.locator('#rp-chart-funnel svg rect.bar').count() > 0, true, 'funnel chart');
  const occ = await textOf('#rp-occupation');
  assert.match(occ, /5312 Elevassistenter/);
  assert.match(await textOf('#rp-eligibility'), /Etableringsprogrammet|Jobb- och utvecklingsgarantin/);
  await page.locator('#rp-status90').waitFor();
  await page.locator('#rp-lang').click();
  await until(async () => /Invited/.test(await textOf('#rp-funnel')), 'English funnel');
  assert.doesNotMatch(await textOf('#rp-ended'), /_/);
  assert.match(await textOf('#rp-occupation'), /5312 Pupil assistants/);
  await page.screenshot({ path: join(ART, '22-report-extras-en.png'), fullPage: true });
  await page.locator('#rp-lang').click();
});

test('departments month by month against the quota pace, with lights', async () => {
  await open('2018-12');
  const api = (await pageFetch('/api/reports/monthly?month=2018-12&format=json')).body.departments_over_time;
  const rows = page.locator('#rp-dept-months tbody tr');
  assert.equal(await rows.count(), api.departments.length);
  assert.equal(await page.locator('#rp-dept-months thead th').count(), 2 + api.months.length);
  const lights = await page.locator('#rp-dept-months .rp-light').count();
  const want = api.departments.flatMap((d) => d.months).filter((c) => c.light).length;
  assert.equal(lights, want, 'one light per shown count');
  assert.ok(lights > 0);
  const ubf = await page.locator('#rp-dept-months tr[data-dept="UBF"] td').last().textContent();
  const ubfLast = api.departments.find((d) => d.id === 'UBF').months.at(-1).hires;
  assert.match(ubf.replace(/\s/g, ''), new RegExp(`^${typeof ubfLast === 'number' ? ubfLast : '(<5|–)'}`));
  await page.locator('#rp-dept-months').screenshot({ path: join(ART, '24-report-departments-over-time.png') });
});

test('a forecast with its interval, its light and what each fair left needs', async () => {
  await open('2018-09');
  const f = (await pageFetch('/api/reports/monthly?month=2018-09&format=json')).body.forecast;
  assert.equal(typeof f.end.median, 'number');
  assert.ok(f.end.low <= f.end.median && f.end.median <= f.end.high);
  assert.equal(await page.locator('#rp-forecast table').first().locator('tbody tr').count(), 2);
  assert.equal(await page.locator('#rp-chart-forecast rect.fc-band').count(), 2, 'end and year intervals');
  const text = await textOf('#rp-forecast');
  assert.match(text, /platser och \d+ inbjudningar/);
  assert.match(text, /Programmets slut 2018-12/);
  await page.locator('#rp-forecast').screenshot({ path: join(ART, '25-report-forecast.png') });
});

test("the women's share against the agency's target group and the 40% target", async () => {
  /* Seed 003: about 40% women in the target group at the start, 50% at the end of 2018. */
  const rows = [];
  for (let i = 0; i < 24; i++) {
    const m = `${2017 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const total = 2400 + 10 * i;
    const women = Math.round(total * (0.4 + (0.1 * i) / 23));
    rows.push(`('${m}', ${women}, ${total - women}, ${total})`);
  }
  execFileSync('sqlite3', [env('FM_DB'),
    `DELETE FROM target_group; INSERT INTO target_group VALUES ${rows.join(',')};
     INSERT OR REPLACE INTO steering_target VALUES (1, 0.4);`]);
  await open('2018-12');
  const agency = await page.locator('#rp-chart-women g.series[data-series="agency"]').evaluate((g) => Number(g.dataset.points));
  assert.equal(agency, 24, "the agency's share in every month");
  assert.equal(await page.locator('#rp-chart-women line.target').count(), 1, 'the target line');
  assert.match(await textOf('#rp-chart-women'), /mål 40,0/);
  await page.locator('#rp-chart-women').screenshot({ path: join(ART, '23-report-target-group.png') });
  execFileSync('sqlite3', [env('FM_DB'), 'DELETE FROM target_group; DELETE FROM steering_target;']);
});

test('every code the report can send has a Swedish and an English label', async () => {
  const { label, codes } = await import(pathToFileURL(join(env('FM_WEB_DIR'), 'js', 'report_labels.js')).href);
  /* The codes of src/report/report.c (reasons, stages, eligibility, extent, status, milestones). */
  const want = {
    reason: ['to_work', 'to_studies', 'own_business', 'completed', 'other_programme', 'illness',
      'other_authority', 'not_reachable', 'moved', 'disability_pension', 'parental_leave',
      'change_provider', 'dissatisfied', 'substance_abuse', 'social_services', 'not_target_group',
      'temporary_end', 'prison_service', 'other', 'unknown'],
    stage: ['invited', 'attended', 'interviewed', 'offered', 'accepted', 'declined', 'hired'],
    eligibility: ['jobb_och_utveckling', 'etablering', 'eu_familj', 'unknown'],
    extent: ['50', '75', '100', 'unknown'],
    status: ['work', 'studies', 'unemployed', 'other', 'unknown', 'not_recorded'],
    milestone: ['3', '6', '12'],
  };
  for (const [kind, list] of Object.entries(want)) {
    for (const code of list) {
      const sv = label(kind, code, 'sv'), en = label(kind, code, 'en');
      assert.ok(sv && en && sv !== code && en !== code && sv !== en, `${kind} ${code}: "${sv}" / "${en}"`);
    }
    assert.deepEqual(codes(kind).sort(), [...list].sort(), `${kind}: no label for a code the report never sends`);
  }
  /* The SSYK codes of the demo's positions. */
  const occ = (await pageFetch('/api/reports/monthly?month=2018-12&format=json')).body.hires_by_occupation.rows;
  for (const r of occ) assert.notEqual(label('ssyk', r.key, 'en'), r.key, `SSYK ${r.key} has a title`);
});

test('no CSP violation and no script error on the report page', () => {
  assert.deepEqual(cspErrors, []);
  assert.deepEqual(pageErrors, []);
});
