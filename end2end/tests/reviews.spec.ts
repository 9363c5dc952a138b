import { expect, test, Page } from '@playwright/test';
import { EMPLOYEE, HR, hydrated, signIn } from './helpers';

const HEADER = 'cycle,period_start,period_end,ratee_email,reviewer_email,kind,competency,rating,comment,submitted_on';

/** A person's email and their manager's, read from the profile pages HR can open. */
async function emails(page: Page, id: string): Promise<[string, string]> {
  await page.goto(`/people/${id}`);
  const facts = page.locator('dl.facts').first();
  const email = (await facts.locator('dd').first().textContent())!.trim();
  const href = (await facts.locator('dd a').first().getAttribute('href'))!;
  await page.goto(href);
  const manager = (await page.locator('dl.facts').first().locator('dd').first().textContent())!.trim();
  return [email, manager];
}

test('HR imports review history: bad rows are listed and nothing lands, then the corrected file lands once and marks a top-performing leaver', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, HR);
  const [ratee, manager] = await emails(page, 'p251');
  const good = [
    HEADER,
    `2025 H1 (e2e),2025-01-01,2025-06-30,${ratee},${manager},manager,Delivery,5,"Shipped the billing rewrite, on time",2025-07-08`,
    `2025 H1 (e2e),2025-01-01,2025-06-30,${ratee},${manager},manager,overall,5,,2025-07-08`,
    `2025 H1 (e2e),2025-01-01,2025-06-30,${ratee},${ratee},self,Delivery,4,,2025-07-02`,
  ];
  const bad = [...good, `2025 H1 (e2e),2025-01-01,2025-06-30,nobody@nowhere.example,${manager},peer,Delivery,6,,2025-07-08`];

  await page.getByRole('link', { name: 'Review history' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review history' })).toBeVisible();
  await hydrated(page);
  const box = page.getByLabel('CSV');
  await box.fill(bad.join('\n'));
  await page.getByRole('button', { name: 'Import' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was imported: 1 row(s) need fixing.');
  await expect(alert).toContainText('Line 5:');
  await expect(alert).toContainText('nobody@nowhere.example is not anyone in Tend');
  await expect(alert).toContainText('rating "6" is not a whole number from 1 to 5');
  // The refused file is still in the box to be corrected.
  await expect(box).toHaveValue(bad.join('\n'));
  await expect(page.getByText('2025 H1 (e2e)')).toHaveCount(0);

  await box.fill(good.join('\n'));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 1 cycle(s), 2 review(s) and 3 rating(s).');
  await expect(page.locator('ul.cycles li', { hasText: '2025 H1 (e2e)' })).toHaveCount(1);
  // A second run adds nothing.
  await box.fill(good.join('\n'));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 1 cycle(s), 2 review(s)');
  await expect(page.locator('ul.cycles li', { hasText: '2025 H1 (e2e)' })).toHaveCount(1);

  // The export has the named reviews in the same format.
  const csv = await page.evaluate(async () => {
    const r = await fetch('/reviews/export.csv?cycle=' + encodeURIComponent('2025 H1 (e2e)'));
    return `${r.status} ${r.headers.get('content-type')}\n${await r.text()}`;
  });
  expect(csv).toContain('200 text/csv');
  expect(csv).toContain(HEADER);
  expect(csv).toContain('"Shipped the billing rewrite, on time"');

  // The person leaves; the organisation view marks them as a top performer.
  await page.goto('/dashboard/org');
  await hydrated(page);
  await page.getByLabel('Person id').fill('p251');
  await page.getByLabel('What happened').selectOption('left_voluntary');
  await page.getByLabel('Day').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('Reason').fill('Joined a start-up');
  await page.getByRole('button', { name: 'Record' }).click();
  const line = page.locator('li', { hasText: 'Joined a start-up' });
  await expect(line).toContainText('last review 5.0/5');
  await expect(line.locator('.badge.top')).toHaveText('top performer');
});

test('only HR can open review history or export a cycle', async ({ page }) => {
  await signIn(page, EMPLOYEE);
  await expect(page.getByRole('link', { name: 'Review history' })).toHaveCount(0);
  await page.goto('/reviews/history');
  await expect(page.getByText("You don't have access to this page.")).toBeVisible();
  await expect(page.getByLabel('CSV')).toHaveCount(0);
  const status = await page.evaluate(async () => (await fetch('/reviews/export.csv?cycle=x')).status);
  expect(status).toBe(403);
});
