import { expect, test } from '@playwright/test';
import { HR, hydrated, signIn } from './helpers';

test('HR edits a review template: problems are named as they type, saving makes a new version that new cycles can pick', async ({ page }) => {
  test.setTimeout(120_000);
  // A new name, so the Standard template other journeys use is left alone.
  const name = `Engineering e2e ${Date.now()}`;
  await signIn(page, HR);
  await page.getByRole('link', { name: 'Review cycles' }).click();
  await page.getByRole('link', { name: 'Edit review templates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review templates' })).toBeVisible();
  await hydrated(page);

  // It starts from the newest Standard, with its words for each rating.
  await expect(page.getByLabel('Template name')).toHaveValue('Standard');
  await expect(page.getByLabel('Competency 1 name')).toHaveValue('Delivery');
  await expect(page.getByLabel('Competency 1 rating 3', { exact: true })).toHaveValue(/on time/);
  await page.getByLabel('Template name').fill(name);
  await page.getByLabel('Competency 1 rating 3', { exact: true }).fill('Delivers agreed work on time and says early when it will not.');

  // A new competency without its words is named as the problem, and refused on save.
  await page.getByRole('button', { name: 'Add a competency' }).click();
  await page.getByLabel('Competency 5 name').fill('Customer focus');
  await expect(page.locator('.template-problem')).toContainText('“Customer focus” needs a description for rating 1');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByRole('alert')).toContainText('“Customer focus” needs a description for rating 1 (individual contributors).');
  const words = ['Ignores customer signals.', 'Reacts when asked.', 'Checks work against what customers need.',
    'Brings customer evidence to decisions.', 'Shapes the roadmap from customer evidence.'];
  for (const [i, w] of words.entries()) {
    await page.getByLabel(`Competency 5 rating ${i + 1}`, { exact: true }).fill(w);
  }
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Questions: one added, one removed.
  await page.getByRole('button', { name: 'Add a question' }).click();
  await page.getByLabel('Question 3').fill('Which customer conversation changed your mind this period?');
  await page.getByRole('button', { name: 'Remove question 1' }).click();
  await expect(page.getByLabel('Question 2')).toHaveValue('Which customer conversation changed your mind this period?');

  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByRole('status')).toContainText(`Saved as ${name} v1.`);

  // Reloaded from the list, the version has what was typed.
  await page.locator('select').first().selectOption({ label: `${name} v1 (5 competencies)` });
  await expect(page.getByLabel('Template name')).toHaveValue(name);
  await expect(page.getByLabel('Competency 5 rating 5', { exact: true })).toHaveValue('Shapes the roadmap from customer evidence.');
  await expect(page.getByLabel('Competency 1 rating 3', { exact: true })).toHaveValue('Delivers agreed work on time and says early when it will not.');
  await expect(page.getByLabel('Question 2')).toHaveValue('Which customer conversation changed your mind this period?');
  await expect(page.getByLabel('Question 3')).toHaveCount(0);

  // New cycles can start on it.
  await page.goto('/reviews/cycles');
  await expect(page.getByLabel('Template').locator('option', { hasText: `${name} v1 (5 competencies)` })).toHaveCount(1);
});
