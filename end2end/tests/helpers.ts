import { expect, Page } from '@playwright/test';

export const PASSWORD = 'tend-demo';
export const EMPLOYEE = 'employee@tend.example';
export const MANAGER = 'manager@tend.example';
export const LEADER = 'leader@tend.example';
export const HR = 'hr@tend.example';

/** Signs in through the form and waits for the home page. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
}

/** Waits until the wasm bundle has hydrated the page. */
export async function hydrated(page: Page) {
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

/** Collects console warnings and errors, and page errors, for hydration checks. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning' || msg.type() === 'error') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

/** Calls a server function from inside the page, as the wasm client would. */
export async function callServerFn(page: Page, path: string, body: string): Promise<{ status: number; text: string }> {
  return page.evaluate(
    async ([path, body]) => {
      const r = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body,
      });
      return { status: r.status, text: await r.text() };
    },
    [path, body],
  );
}

/** Tries to sign in with a password that must be refused; returns the form's alert. */
export async function expectSignInRefused(page: Page, email: string, password = PASSWORD) {
  if (!page.url().includes('/login')) await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  return alert;
}

/** A leaver's open browser: the next page is sign-in, and their password gets the closed-account message. */
export async function expectAccountClosed(page: Page, email: string) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(await expectSignInRefused(page, email)).toContainText('account is closed');
}
