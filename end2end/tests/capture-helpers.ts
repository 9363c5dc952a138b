import { expect, Page } from '@playwright/test';
import { hydrated } from './helpers';

/** Opens /capture and waits until the outbox has been read from storage. */
export async function openCapture(page: Page) {
  await page.goto('/capture');
  await ready(page);
}

export async function ready(page: Page) {
  await hydrated(page);
  await expect(page.getByTestId('outbox-status')).toHaveAttribute('data-ready', 'true');
}

/** Waits for the service worker to control the page (installs on first visit). */
export async function serviceWorkerReady(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await ready(page);
  }
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

export async function pending(page: Page): Promise<number> {
  return Number(await page.getByTestId('outbox-status').getAttribute('data-pending'));
}

export async function expectPending(page: Page, n: number, timeout = 20_000) {
  await expect(page.getByTestId('outbox-status')).toHaveAttribute('data-pending', String(n), { timeout });
}

/** Picks the first person offered and writes a note. */
export async function writeNote(page: Page, text: string) {
  const form = page.getByTestId('capture-form');
  const person = form.locator('select[name=person]');
  if ((await person.inputValue()) === '') {
    await person.selectOption({ index: 1 });
  }
  await form.locator('textarea[name=text]').fill(text);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('saved')).toContainText('Saved on this device');
  await expect(form.locator('textarea[name=text]')).toHaveValue('');
}

/** The signed-in person's notes on the server, read through the page's session. */
export async function serverNotes(page: Page): Promise<{ id: string; text: string }[]> {
  const r = await page.evaluate(async () => {
    const res = await fetch('/api/my_notes', { method: 'POST', headers: { Accept: 'application/json' } });
    return { status: res.status, body: await res.text() };
  });
  expect(r.status).toBe(200);
  return JSON.parse(r.body).map((n: any) => ({ id: n.item.id, text: n.item.payload.text }));
}

/** How many of `notes` start with `prefix`, and whether any id repeats. */
export function tally(notes: { id: string; text: string }[], prefix: string) {
  const mine = notes.filter((n) => n.text.startsWith(prefix));
  return { count: mine.length, unique: new Set(mine.map((n) => n.id)).size };
}
