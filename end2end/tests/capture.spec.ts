import { expect, test } from '@playwright/test';
import { EMPLOYEE, MANAGER, hydrated, signIn, watchConsole } from './helpers';
import {
  expectPending,
  openCapture,
  ready,
  serverNotes,
  serviceWorkerReady,
  tally,
  writeNote,
} from './capture-helpers';

// Each journey signs in and loads the dev wasm more than once (compressed on
// the fly by the dev server, several seconds each time).
test.describe.configure({ timeout: 90_000 });

test('twenty notes written offline survive a closed page and reach the server once each', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  let page = await context.newPage();
  const problems = watchConsole(page);
  await signIn(page, MANAGER);
  await openCapture(page);
  await serviceWorkerReady(page);

  await context.setOffline(true);
  const reload = await page.reload();
  expect(reload?.fromServiceWorker(), 'the offline page comes from the service worker').toBe(true);
  await ready(page);
  await expect(page.locator('.conn')).toContainText('Offline');
  for (let i = 1; i <= 20; i++) {
    await writeNote(page, `Offline note ${i}: handled the escalation call well`);
  }
  await expectPending(page, 20);
  await expect(page.locator('.outbox-item[data-status=local]')).toHaveCount(20);

  await page.close();
  page = await context.newPage();
  await page.goto('/capture');
  await ready(page);
  await expect(page.locator('.outbox-item[data-status=local]')).toHaveCount(20);

  await context.setOffline(false);
  await expectPending(page, 0, 30_000);
  await expect(page.locator('.outbox-item[data-status=synced]')).toHaveCount(20);
  await expect(page.locator('.last-sync')).toContainText('Last synced at');
  const t = tally(await serverNotes(page), 'Offline note ');
  expect(t).toEqual({ count: 20, unique: 20 });
  expect(problems.filter((p) => !p.includes('net::ERR_INTERNET_DISCONNECTED') && !p.includes('Failed to fetch') && !p.includes('Failed to load resource'))).toEqual([]);
  await context.close();
});

test('two open tabs send each item once', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const a = await context.newPage();
  await signIn(a, MANAGER);
  await openCapture(a);
  const b = await context.newPage();
  await openCapture(b);
  await context.setOffline(true);
  for (let i = 1; i <= 8; i++) await writeNote(a, `Two tabs ${i}`);
  await expectPending(a, 8);
  await expectPending(b, 8); // the other tab sees them too
  await context.setOffline(false);
  await expectPending(a, 0, 30_000);
  await expectPending(b, 0, 30_000);
  expect(tally(await serverNotes(a), 'Two tabs ')).toEqual({ count: 8, unique: 8 });
  await context.close();
});

test('a 500 or an unreadable answer keeps the item; a refusal asks for a fix', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, EMPLOYEE);
  await openCapture(page);

  await page.route('**/api/sync_capture', (r) => r.fulfill({ status: 500, body: 'boom' }));
  await writeNote(page, 'Server error note');
  await expect(page.locator('.outbox-item .reason').first()).toContainText("Couldn't reach Tend");
  await expectPending(page, 1);
  await page.unroute('**/api/sync_capture');
  await page.route('**/api/sync_capture', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"nonsense":' }));
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.locator('.outbox-item .reason').first()).toContainText('unreadable');
  await expectPending(page, 1);
  await page.unroute('**/api/sync_capture');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expectPending(page, 0);
  expect(tally(await serverNotes(page), 'Server error note')).toEqual({ count: 1, unique: 1 });

  // A check-in whose value makes no sense for its key result (neither a
  // number, nor done / not done): the server refuses it at sync time, and
  // the person fixes it.
  const form = page.getByTestId('capture-form');
  await form.locator('select[name=kind]').selectOption('checkin');
  const kr = form.locator('select[name=kr] option').nth(1);
  const milestone = /now (not )?done/.test(await kr.innerText());
  await form.locator('select[name=kr]').selectOption({ index: 1 });
  await form.locator('input[name=value]').fill('about half');
  await form.getByRole('button', { name: 'Save' }).click();
  const refused = page.locator('.outbox-item[data-status=attention]');
  await expect(refused).toHaveCount(1);
  await expect(refused.locator('.reason')).toContainText(
    milestone ? 'For a milestone, enter done or not done' : 'Enter the current value as a number',
  );
  await expect(page.locator('.attention')).toContainText('1 need attention');
  await refused.getByRole('button', { name: 'Edit' }).click();
  await expect(form.locator('input[name=value]')).toHaveValue('about half');
  await form.locator('input[name=value]').fill(milestone ? 'done' : '55');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.outbox-item[data-status=attention]')).toHaveCount(0);
  await expect(page.locator('.outbox-item[data-status=synced]')).toHaveCount(2);
  await context.close();
});

test('a draft survives a reload; bad input is named before saving', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, EMPLOYEE);
  await openCapture(page);
  const form = page.getByTestId('capture-form');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.locator('.field-error[data-field=text]')).toHaveText('Write something first.');
  await expect(form.locator('.field-error[data-field=subject]')).toHaveText('Choose a person.');
  await form.locator('select[name=person]').selectOption({ index: 1 });
  await form.locator('textarea[name=text]').fill('Half-written thought about the planning meeting');
  await page.waitForTimeout(600); // the draft saves 300 ms after the last keystroke
  await page.reload();
  await ready(page);
  await expect(form.locator('textarea[name=text]')).toHaveValue('Half-written thought about the planning meeting');
  await form.locator('input[name=happened_on]').fill('2020-01-01');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.locator('.field-error[data-field=happened_on]')).toContainText('too long ago');
  await context.close();
});

test('without IndexedDB capture warns and keeps notes in the tab until they sync', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined });
  });
  const page = await context.newPage();
  await signIn(page, EMPLOYEE);
  await openCapture(page);
  await expect(page.getByTestId('storage-warning')).toContainText("won't let Tend store anything");
  await writeNote(page, 'Memory-only note');
  await expectPending(page, 0);
  expect(tally(await serverNotes(page), 'Memory-only note')).toEqual({ count: 1, unique: 1 });
  await context.close();
});

test('a damaged outbox entry is quarantined and shown, not dropped', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, EMPLOYEE);
  await openCapture(page);
  await page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name!).find((n) => n.startsWith('tend-outbox:'))!;
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name, 1);
      open.onsuccess = () => {
        const tx = open.result.transaction('items', 'readwrite');
        tx.objectStore('items').put('{"item": broken json about Sam', 'broken-entry');
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
  });
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('quarantined')).toContainText('broken json about Sam');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('quarantined').getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('quarantined')).toHaveCount(0);
  await context.close();
});

test('sign-out warns about unsynced items; the next person never sees them', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, MANAGER);
  await openCapture(page);
  await page.route('**/api/sync_capture', (r) => r.fulfill({ status: 503, body: '' }));
  await writeNote(page, 'Left behind at sign-out');
  await expectPending(page, 1);
  let warned = '';
  page.once('dialog', async (d) => {
    warned = d.message();
    await d.dismiss();
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => warned).toContain('1 item(s) you captured have not reached Tend');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible(); // still signed in
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
  await page.unroute('**/api/sync_capture');

  await signIn(page, EMPLOYEE);
  await openCapture(page);
  await expect(page.locator('.outbox-item', { hasText: 'Left behind at sign-out' })).toHaveCount(0);
  expect(tally(await serverNotes(page), 'Left behind')).toEqual({ count: 0, unique: 0 });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);

  await signIn(page, MANAGER);
  await openCapture(page);
  await expectPending(page, 0);
  expect(tally(await serverNotes(page), 'Left behind at sign-out')).toEqual({ count: 1, unique: 1 });
  await context.close();
});

test('a synced note edited on two devices keeps the later edit and the earlier in history', async ({ browser }) => {
  test.setTimeout(90_000);
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const l = await laptop.newPage();
  const p = await phone.newPage();
  await signIn(l, EMPLOYEE);
  await signIn(p, EMPLOYEE);
  await openCapture(l);
  await writeNote(l, 'Two devices original');
  await expectPending(l, 0);
  await openCapture(p);
  const noteOn = (page: typeof p) => page.locator('.server-note', { hasText: 'Two devices original' });
  await expect(noteOn(p)).toHaveCount(1);
  // The phone edits first but is offline; the laptop edits later, online.
  await phone.setOffline(true);
  await noteOn(p).getByRole('button', { name: 'Edit' }).click();
  await p.getByTestId('capture-form').locator('textarea[name=text]').fill('Two devices phone edit');
  await p.getByTestId('capture-form').getByRole('button', { name: 'Save changes' }).click();
  await expectPending(p, 1);
  await l.getByRole('button', { name: 'Refresh' }).click();
  await noteOn(l).getByRole('button', { name: 'Edit' }).click();
  await l.getByTestId('capture-form').locator('textarea[name=text]').fill('Two devices laptop edit');
  await l.getByTestId('capture-form').getByRole('button', { name: 'Save changes' }).click();
  await expectPending(l, 0);
  await phone.setOffline(false);
  await expectPending(p, 0, 30_000);
  const notes = await serverNotes(p);
  expect(notes.filter((n) => n.text.startsWith('Two devices')).map((n) => n.text)).toEqual(['Two devices laptop edit']);
  await p.getByRole('button', { name: 'Refresh' }).click();
  const kept = p.locator('.server-note', { hasText: 'Two devices laptop edit' });
  await kept.locator('summary').click();
  await expect(kept.locator('details')).toContainText('Two devices phone edit');
  await expect(kept.locator('details')).toContainText('Two devices original');
  await laptop.close();
  await phone.close();
});
