import { expect, Browser, Page } from '@playwright/test';
import { callServerFn, hydrated, signIn } from './helpers';

/** The day `offset` days from today, as YYYY-MM-DD. */
export function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A signed-in person in a context of their own, with their id and name. */
export async function person(browser: Browser, email: string): Promise<{ page: Page; id: string; name: string }> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  const r = await callServerFn(page, '/api/me', '');
  expect(r.status).toBe(200);
  const me = JSON.parse(r.text);
  return { page, id: me.id, name: me.name };
}

/** HR starts a whole-organisation self and manager cycle over the last five months, due in two weeks. */
export async function startCycle(hr: Page, name: string) {
  await hr.goto('/reviews/cycles');
  await hydrated(hr);
  await hr.getByLabel('Name').fill(name);
  await hr.getByLabel('Period from').fill(isoDay(-150));
  await hr.getByLabel('Period to').fill(isoDay(30));
  await hr.getByLabel('Reviews due').fill(isoDay(14));
  await hr.getByRole('button', { name: 'Start cycle' }).click();
  await expect(hr.getByRole('status')).toContainText('Cycle started');
}
