import { test, expect } from '@playwright/test';
import { EMPLOYEE, HR, MANAGER, PASSWORD, hydrated, signIn, watchConsole } from './helpers';

test('signed out, every page sends you to sign in', async ({ page }) => {
  await page.goto('/people/p1');
  await expect(page).toHaveURL(/\/login\?next=\/people\/p1$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Tend' })).toBeVisible();
});

test('a wrong password gets a clear message and no session', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Work email').fill(EMPLOYEE);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText("That email and password don't match. Check both and try again.");
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('an empty email is named at the field', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter your work email.');
});

test('employee signs in, sees their own profile and no manager links', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, EMPLOYEE);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  await expect(page.getByText(/You report to /)).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My profile' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'My team' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'People directory' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'My profile' }).click();
  await expect(page.getByRole('heading', { name: 'Direct reports' })).toBeVisible();
  await expect(page.getByText(/has no direct reports/)).toBeVisible();
  expect(problems, 'no hydration or console warnings').toEqual([]);
});

test('sign-out ends the session, and the old cookie stops working', async ({ page, context }) => {
  await signIn(page, MANAGER);
  await hydrated(page);
  const before = (await context.cookies()).find((c) => c.name === 'tend_session');
  expect(before?.httpOnly).toBe(true);
  expect(before?.sameSite).toBe('Lax');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  // Replaying the old cookie must not bring the session back.
  await context.addCookies([before!]);
  await page.goto('/team');
  await expect(page).toHaveURL(/\/login\?next=\/team$/);
});

test('sign-in works with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Work email').fill(HR);
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText("don't match");
  await page.getByLabel('Work email').fill(HR);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await context.close();
});
