import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { EMPLOYEE, HR, LEADER, callServerFn, hydrated, signIn } from './helpers';

// An older period than the cycles other journeys import, so this one is
// never anyone's latest review there.
const CYCLE = '2024 H2 (calibration e2e)';
const bin = process.env.TEND_BIN ?? `${process.env.HOME}/.cache/tend/target/debug/tend`;

/** The demo cycle for the org the e2e server seeds (300 people, seed 42),
 * and the name of its planted lenient manager. */
function plantedCycle(): { csv: string; lenient: string } {
  const run = spawnSync(bin, ['demo-reviews', '--people', '300', '--seed', '42', '--cycle', CYCLE], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const lenient = /Planted a lenient manager: (.+) \(p\d+\)/.exec(run.stderr)![1];
  return { csv: run.stdout, lenient };
}

test('HR calibrates: a flagged rater with its explanation, an adjustment with a reason, both values in the export', async ({
  page,
}) => {
  test.setTimeout(120_000); // a 4,800-line import in a debug build
  const { csv, lenient } = plantedCycle();
  await signIn(page, HR);
  // The web import takes files under 64 KiB: send the cycle in parts, as
  // HR would split a big file (a person's lines stay together).
  const [header, ...lines] = csv.trimEnd().split('\n');
  for (let from = 0; from < lines.length; from += 320) {
    const part = [header, ...lines.slice(from, from + 320)].join('\n');
    const imported = await callServerFn(page, '/api/import_reviews', `csv=${encodeURIComponent(part)}`);
    expect(imported.status, imported.text).toBe(200);
  }

  await page.goto('/reviews/history');
  await page.getByRole('listitem').filter({ hasText: CYCLE }).getByRole('link', { name: 'Calibration and bias flags' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Calibration — ${CYCLE}` })).toBeVisible();
  await hydrated(page);

  // The planted manager is flagged, with the numbers in words.
  const flag = page.locator('.flag').filter({ hasText: lenient }).filter({ hasText: 'leniency' });
  await expect(flag).toContainText(`${lenient} rates`);
  await expect(flag).toContainText('points above other raters of the same people');
  await expect(flag).toContainText(/\(\d+ ratings, z = \d+\.\d\)/);
  const managerRow = page.locator('.calibration-managers tr').filter({ hasText: lenient });
  await expect(managerRow.locator('.chip', { hasText: 'leniency' })).toBeVisible();

  // Adjust one of that manager's ratings: the reason is required.
  const row = page.locator('.calibration-people tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: lenient }) }).first();
  const person = (await row.locator('td').nth(0).innerText()).trim();
  const original = (await row.locator('td').nth(2).innerText()).trim();
  await page.getByRole('combobox', { name: 'Person' }).selectOption({ label: `${person} (manager rating ${original})` });
  await page.getByRole('combobox', { name: 'Calibrated rating' }).selectOption('3');
  await page.getByRole('combobox', { name: 'Potential' }).selectOption('2');
  await page.getByRole('button', { name: 'Save calibration' }).click();
  await expect(page.getByRole('alert')).toContainText('Say why the rating changes');
  await page.getByRole('textbox', { name: 'Reason' }).fill('Peers and goals put this at 3');
  await page.getByRole('button', { name: 'Save calibration' }).click();
  await expect(page.getByText('Calibration saved.')).toBeVisible();
  const saved = page.locator('.calibration-people tbody tr').filter({ hasText: person }).first();
  await expect(saved.locator('td').nth(2)).toHaveText(original);
  await expect(saved.locator('td').nth(3)).toHaveText('3');
  await expect(saved.locator('td').nth(5)).toContainText('Peers and goals put this at 3 — ');
  await expect(page.locator('.nine-box')).toContainText(person);

  // The export carries the manager's rating and the calibrated one, with why and who.
  const file = await page.evaluate(async (cycle) => {
    const r = await fetch('/reviews/calibration.csv?cycle=' + encodeURIComponent('import:' + cycle));
    return `${r.status} ${r.headers.get('content-type')}\n${await r.text()}`;
  }, CYCLE);
  expect(file).toContain('200 text/csv');
  expect(file).toContain('ratee_email,ratee,manager,original_rating,calibrated_rating,potential,nine_box,reason,calibrated_by,calibrated_at');
  expect(file).toContain(`,${person},${lenient},${original},3,2,Core player,Peers and goals put this at 3,`);

  // Cut to one team (the narrowest units come last): fewer people, and the export follows the cut.
  const everyone = await page.locator('.calibration-people tbody tr').count();
  const unit = page.getByRole('combobox', { name: 'Org unit' });
  const team = (await unit.locator('option').last().innerText()).trim();
  await unit.selectOption({ label: team });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const teamName = team.replace(/ \(team\)$/, '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Calibration — ${CYCLE} — ${teamName}`);
  await expect(unit).toHaveValue(/.+/);
  const inTeam = await page.locator('.calibration-people tbody tr').count();
  expect(inTeam).toBeGreaterThan(0);
  expect(inTeam).toBeLessThan(everyone);
  const href = await page.getByRole('link', { name: /Download the calibration/ }).getAttribute('href');
  expect(href).toMatch(/&unit=.+/);
  const cut = await page.evaluate(async (h) => (await (await fetch(h)).text()).trimEnd().split('\n').length, href!);
  expect(cut).toBe(inTeam + 1);
});

test('a skip-level leader calibrates from their reviews page, only the people below them', async ({ page }) => {
  await signIn(page, LEADER);
  await page.goto('/reviews');
  await page.getByRole('link', { name: `Calibrate ${CYCLE}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Calibration — ${CYCLE}` })).toBeVisible();
  const rows = await page.locator('.calibration-people tbody tr').count();
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(299); // everyone but the CEO has a manager review
  await expect(page.getByRole('heading', { name: 'Bias flags' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Tune the detectors/ })).toHaveCount(0);
});

test('HR tunes a detector: out-of-bounds values are refused field by field, a stricter minimum removes the flag, the defaults bring it back', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { lenient } = plantedCycle();
  const calibration = '/reviews/calibration?cycle=' + encodeURIComponent('import:' + CYCLE);
  const lenientFlag = page.locator('.flag').filter({ hasText: lenient }).filter({ hasText: 'leniency' });
  await signIn(page, HR);
  await page.goto(calibration);
  await expect(lenientFlag).toBeVisible();
  await page.getByRole('link', { name: "Tune the detectors' minimums and significance levels" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bias detector thresholds' })).toBeVisible();
  await expect(page.getByText('The documented defaults apply.')).toBeVisible();
  await hydrated(page);

  const leniency = page.getByRole('group', { name: 'Leniency and severity' }).getByLabel('Minimum ratings');
  const groups = page.getByRole('group', { name: 'Group gaps' }).getByLabel('Minimum people in each group');
  await expect(leniency).toHaveValue('5');
  await leniency.fill('2');
  await groups.fill('3');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was saved.');
  await expect(alert).toContainText('The minimum for leniency and severity must be a whole number from 3 to 500.');
  await expect(alert).toContainText('The minimum for group gaps must be a whole number from 5 to 1000.');
  await expect(leniency).toHaveValue('2'); // what was typed stays to be fixed

  await leniency.fill('500');
  await groups.fill('10');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByText("Thresholds saved. Every cycle's flags now use them.")).toBeVisible();
  await expect(page.locator('.thresholds-changed')).toContainText('Tuned by ');
  await expect(leniency).toHaveValue('500');

  await page.goto(calibration);
  await expect(page.getByRole('heading', { name: 'Bias flags' })).toBeVisible();
  await expect(lenientFlag).toHaveCount(0);

  await page.goto('/reviews/bias-thresholds');
  await hydrated(page);
  await page.getByRole('button', { name: 'Restore the defaults' }).click();
  await expect(page.getByText("Thresholds saved. Every cycle's flags now use them.")).toBeVisible();
  await expect(page.getByRole('group', { name: 'Leniency and severity' }).getByLabel('Minimum ratings')).toHaveValue('5');
  await page.goto(calibration);
  await expect(lenientFlag).toBeVisible();
});

test('an employee cannot open calibration or its export', async ({ page }) => {
  await signIn(page, EMPLOYEE);
  await page.goto('/reviews');
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Calibration' })).toHaveCount(0);
  await page.goto('/reviews/calibration?cycle=' + encodeURIComponent('import:' + CYCLE));
  await expect(page.getByRole('heading', { name: '403 · Not yours to see' })).toBeVisible();
  const status = await page.evaluate(
    async (cycle) => (await fetch('/reviews/calibration.csv?cycle=' + encodeURIComponent('import:' + cycle))).status,
    CYCLE,
  );
  expect(status).toBe(403);
  await page.goto('/reviews/bias-thresholds');
  await expect(page.getByRole('heading', { name: '403 · Not yours to see' })).toBeVisible();
  const tune = await callServerFn(page, '/api/tune_bias_thresholds', 'input[leniency_min_n]=3');
  expect(tune.status).toBe(403);
});
