import { expect, test } from '@playwright/test';
import { MANAGER, signIn } from './helpers';
import { expectPending, openCapture, ready, serverNotes, serviceWorkerReady, tally } from './capture-helpers';

// Figures for docs/benchmarks.md, printed rather than asserted: the time
// from pressing Save to "saved" (durable in IndexedDB), the time to sync
// 1,000 queued items after reconnecting, and the service worker's cache size.
test('capture benchmarks: save latency, 1,000-item sync, cache size', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, MANAGER);
  await openCapture(page);
  await serviceWorkerReady(page);
  await page.locator('select[name=person]').selectOption({ index: 1 });
  await context.setOffline(true);

  const saves = await page.evaluate(async () => {
    const text = document.querySelector('textarea[name=text]') as HTMLTextAreaElement;
    const button = document.querySelector('[data-testid=capture-form] button[type=submit]') as HTMLButtonElement;
    const saved = document.querySelector('[data-testid=saved]') as HTMLElement;
    const status = document.querySelector('[data-testid=outbox-status]') as HTMLElement;
    const total: number[] = [];
    const store: number[] = [];
    for (let i = 0; i < 50; i++) {
      text.value = `Bench note ${i}: ran the incident review and named the follow-ups`;
      text.dispatchEvent(new Event('input', { bubbles: true }));
      const t0 = performance.now();
      button.click();
      while (status.dataset.pending !== String(i + 1) || text.value !== '') {
        await new Promise((r) => requestAnimationFrame(r));
      }
      total.push(performance.now() - t0);
      store.push(Number(saved.dataset.saveMs));
    }
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)];
    return { totalP50: q(total, 0.5), totalP95: q(total, 0.95), storeP50: q(store, 0.5), storeP95: q(store, 0.95) };
  });
  console.log(
    `capture save, click to durable in IndexedDB: p50 ${saves.storeP50.toFixed(2)} ms, p95 ${saves.storeP95.toFixed(2)} ms; ` +
      `click to "saved" on screen (next frame): p50 ${saves.totalP50.toFixed(1)} ms, p95 ${saves.totalP95.toFixed(1)} ms`,
  );
  await expectPending(page, 50);

  // 1,000 more, written straight into the outbox as the page would.
  const queued = await page.evaluate(async () => {
    const about = (document.querySelector('select[name=person] option:nth-child(2)') as HTMLOptionElement).value;
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name!).find((n) => n.startsWith('tend-outbox:'))!;
    const author = name.slice('tend-outbox:'.length);
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open(name, 1);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction('items', 'readwrite');
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
    const now = Date.now();
    for (let i = 0; i < 1000; i++) {
      const ms = hex(now + i, 12);
      const rand = hex(i, 12);
      const id = `${ms.slice(0, 8)}-${ms.slice(8)}-7000-8000-${rand}`;
      const item = { id, author, created_at: now + i, edited_at: now + i, happened_on: new Date().toISOString().slice(0, 10), payload: { kind: 'note', about, text: `Queued note ${i}` } };
      tx.objectStore('items').put(JSON.stringify({ item, status: 'local', attempts: 0, next_try: 0, reason: null, sending: null, synced_at: null, link: null }), id);
    }
    await new Promise((res) => (tx.oncomplete = res));
    db.close();
    return 1000;
  });
  expect(queued).toBe(1000);
  await page.reload();
  await ready(page);
  await expectPending(page, 1050);

  await page.evaluate(() => performance.clearResourceTimings());
  const t0 = Date.now();
  await context.setOffline(false);
  await expectPending(page, 0, 240_000);
  const seconds = (Date.now() - t0) / 1000;
  const requests = await page.evaluate(() => {
    const rs = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/sync_capture'));
    return { n: rs.length, ms: rs.reduce((a, e) => a + e.duration, 0) };
  });
  console.log(
    `sync after reconnecting: 1,050 queued items in ${seconds.toFixed(2)} s (${((seconds * 1000) / 1050).toFixed(2)} ms per item); ` +
      `${requests.n} requests took ${(requests.ms / 1000).toFixed(2)} s of it on the wire and server`,
  );
  const t = tally(await serverNotes(page), 'Queued note ');
  console.log(`server holds ${t.count} queued notes (${t.unique} distinct)`);

  const cache = await page.evaluate(async () => {
    let bytes = 0;
    const entries: string[] = [];
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      for (const req of await c.keys()) {
        const body = await (await c.match(req))!.arrayBuffer();
        bytes += body.byteLength;
        entries.push(`${name} ${new URL(req.url).pathname} ${body.byteLength}`);
      }
    }
    return { bytes, entries };
  });
  console.log(`service worker caches: ${(cache.bytes / 1024 / 1024).toFixed(2)} MiB\n  ${cache.entries.join('\n  ')}`);
  await context.close();
});
