import { expect, test } from '@playwright/test';
import { callServerFn, EMPLOYEE, HR, hydrated, signIn } from './helpers';

function isoDay(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test('HR starts a cycle; the employee writes a self review, reloads midway with the draft intact, and submits it locked', async ({ browser }) => {
  test.setTimeout(120_000);
  const name = `Self review e2e ${Date.now()}`;

  const hrPage = await (await browser.newContext()).newPage();
  await signIn(hrPage, HR);
  await hrPage.getByRole('link', { name: 'Review cycles' }).click();
  await expect(hrPage.getByRole('heading', { level: 1, name: 'Review cycles' })).toBeVisible();
  await hydrated(hrPage);
  // Who takes part: the whole organisation by default, or any unit by name.
  const who = hrPage.getByLabel('Who takes part');
  await expect(who).toHaveValue('');
  await expect.poll(() => who.locator('option').count()).toBeGreaterThan(2);
  // The template version and the anonymity threshold are HR's to choose.
  await expect(hrPage.getByLabel('Template')).toHaveValue('');
  await expect(hrPage.getByLabel('Template').locator('option', { hasText: 'Standard v1 (4 competencies)' })).toHaveCount(1);
  await hrPage.getByLabel('Template').selectOption({ label: 'Standard v1 (4 competencies)' });
  await expect(hrPage.getByLabel('Anonymity threshold')).toHaveValue('3');
  await expect(hrPage.getByLabel('Of them')).toHaveValue('');
  await hrPage.getByLabel('Name').fill(name);
  await hrPage.getByLabel('Period from').fill(isoDay(-150));
  await hrPage.getByLabel('Period to').fill(isoDay(30));
  // A deadline in the past is refused with a reason.
  await hrPage.getByLabel('Reviews due').fill(isoDay(-1));
  await hrPage.getByRole('button', { name: 'Start cycle' }).click();
  await expect(hrPage.getByRole('alert')).toContainText('The deadline has already passed');
  await hrPage.getByLabel('Reviews due').fill(isoDay(14));
  await hrPage.getByRole('button', { name: 'Start cycle' }).click();
  await expect(hrPage.getByRole('status')).toContainText('Cycle started');
  const row = hrPage.locator('table.cycles tr', { hasText: name });
  await expect(row).toContainText('Standard v1');
  await expect(row.locator('td.progress')).toContainText(/self 0\/\d+/);

  const page = await (await browser.newContext()).newPage();
  await signIn(page, EMPLOYEE);
  expect((await callServerFn(page, '/api/cycle_units', '')).status).toBe(403);
  await page.getByRole('link', { name: 'Reviews', exact: true }).click();
  const task = page.locator('ul.review-tasks li', { hasText: name });
  await expect(task).toContainText('Due');
  await task.getByRole('link', { name: 'Your self review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your self review' })).toBeVisible();
  await hydrated(page);

  const delivery = page.locator('section.competency[data-competency="delivery"]');
  await delivery.getByRole('radio').nth(4).check();
  await expect(page.locator('ul.missing')).toContainText('“Delivery” is rated 5: say why');
  await expect(delivery).toContainText('Comment (required for a rating of 1 or 5)');
  // Submitting now is refused with the reason, and nothing written is lost.
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByRole('alert')).toContainText('rated 5: say why');

  const comment = 'Shipped the billing migration two weeks early and wrote the runbook the on-call team now uses.';
  await delivery.getByRole('textbox').fill(comment);
  await page.getByLabel('What did they do best this period? Give an example.').fill('The billing migration.');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  await page.reload();
  await hydrated(page);
  const again = page.locator('section.competency[data-competency="delivery"]');
  await expect(again.getByRole('radio').nth(4)).toBeChecked();
  await expect(again.getByRole('textbox')).toHaveValue(comment);
  await expect(page.getByLabel('What did they do best this period? Give an example.')).toHaveValue('The billing migration.');
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();

  for (const key of ['collaboration', 'craft', 'growth']) {
    await page.locator(`section.competency[data-competency="${key}"]`).getByRole('radio').nth(2).check();
  }
  await page.getByRole('radiogroup', { name: 'Overall rating' }).getByRole('radio').nth(3).check();
  await expect(page.locator('ul.missing li')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted — this review is locked.' })).toBeVisible();

  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('status').filter({ hasText: 'Submitted' })).toBeVisible();
  await expect(page.locator('section.competency[data-competency="delivery"]').getByRole('textbox')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Submit review' })).toHaveCount(0);

  await hrPage.reload();
  await expect(hrPage.locator('table.cycles tr', { hasText: name }).locator('td.progress')).toContainText(/self 1\/\d+/);
});
