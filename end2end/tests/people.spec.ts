import { test, expect } from '@playwright/test';
import { EMPLOYEE, HR, LEADER, MANAGER, callServerFn, hydrated, signIn, watchConsole } from './helpers';

test('manager sees their team and can open a report', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, MANAGER);
  await hydrated(page);
  const reports = page.getByRole('region', { name: 'Your direct reports' }).getByRole('listitem');
  expect(await reports.count()).toBeGreaterThanOrEqual(3);
  await reports.first().getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Direct reports' })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: /^Manager$/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My team' }).click();
  await expect(page.getByRole('heading', { name: 'Your direct reports' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('skip-level leader sees their reports\u2019 teams', async ({ page }) => {
  await signIn(page, LEADER);
  await page.goto('/team');
  await expect(page.getByRole('heading', { name: /'s team$/ }).first()).toBeVisible();
  await page.goto('/');
  await expect(page.locator('.badge', { hasText: 'Skip-level leader' })).toBeVisible();
});

test('employee is refused another person\u2019s page, in the UI and through the server function', async ({ page }) => {
  await signIn(page, EMPLOYEE);
  const response = await page.goto('/people/p0');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
  await hydrated(page);
  const api = await callServerFn(page, '/api/person', 'id=p0');
  expect(api.status).toBe(403);
  expect(api.text).not.toContain('Tend Demo');
  const missing = await page.goto('/people/nobody-here');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: /404/ })).toBeVisible();
});

test('HR finds anyone in the directory and sees demographics', async ({ page }) => {
  await signIn(page, HR);
  await hydrated(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People directory' }).click();
  await expect(page.getByText('Search by name or email')).toBeVisible();
  await page.getByLabel('Name or email').fill('employee@');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('main').getByRole('listitem').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Demographics' })).toBeVisible();
});

test('managers do not see demographics', async ({ page }) => {
  await signIn(page, MANAGER);
  await page.getByRole('region', { name: 'Your direct reports' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Direct reports' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Demographics' })).toHaveCount(0);
  const dir = await page.goto('/directory');
  await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
  expect(dir?.status()).toBe(403);
});

test('the layout fits a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, MANAGER);
  await hydrated(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
