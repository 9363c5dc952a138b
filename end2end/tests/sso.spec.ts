// Single sign-on through a real OpenID provider (npm oidc-provider, started
// by playwright.config.ts as `oidc-provider.mjs`): its sign-in page takes
// any email; `/__test/next-token?mode=…` spoils the next ID token.
import { test, expect, Page } from '@playwright/test';

const port = Number(process.env.TEND_E2E_PORT ?? 3199);
const provider = `http://127.0.0.1:${Number(process.env.TEND_E2E_OIDC_PORT ?? port + 2000)}`;

/** From Tend's sign-in page, through the provider's, as `email`. */
async function viaProvider(page: Page, email: string) {
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('anything');
  await page.getByRole('button', { name: 'Sign in at the provider' }).click();
}

test('a person signs in through the identity provider and lands where they were going', async ({ page }) => {
  await page.goto('/goals');
  await expect(page).toHaveURL(/\/login\?next=%2Fgoals|\/login\?next=\/goals/);
  // Both ways are offered: the provider's button and the password form.
  await expect(page.getByLabel('Work email')).toBeVisible();
  await viaProvider(page, 'employee@tend.example');
  await expect(page).toHaveURL(/\/goals$/);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
});

test('a tampered ID token is refused with a message, and nobody is signed in', async ({ page, request }) => {
  const spoil = await request.post(`${provider}/__test/next-token?mode=tamper`);
  expect(spoil.status()).toBe(204);
  await page.goto('/login');
  await viaProvider(page, 'employee@tend.example');
  await expect(page).toHaveURL(/\/login\?sso=token$/);
  await expect(page.getByRole('alert')).toContainText('could not verify the answer from your identity provider');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('someone Tend does not know is told to ask HR', async ({ page }) => {
  await page.goto('/login');
  await viaProvider(page, 'stranger@elsewhere.example');
  await expect(page.getByRole('alert')).toContainText('Ask HR to add you');
  // Trying again works once the right account is used (the provider
  // remembers who signed in there, so leave its session first).
  await page.context().clearCookies();
  await viaProvider(page, 'manager@tend.example');
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
});
