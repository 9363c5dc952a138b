import { expect, test } from '@playwright/test';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { MANAGER, signIn } from './helpers';
import { hydrated } from './helpers';
import { expectPending, openCapture, ready, serverNotes, serviceWorkerReady, tally, writeNote } from './capture-helpers';

// These run their own server on an on-disk store and a copy of the site, so
// the server can be killed and restarted with the data kept, and a deploy
// can be simulated (the shared test server runs on mem://).
const port = 3198;
const base = `http://127.0.0.1:${port}`;
const bin = process.env.TEND_BIN ?? `${process.env.HOME}/.cache/tend/target/debug/tend`;
const dir = mkdtempSync(join(tmpdir(), 'tend-e2e-restart-'));
const site = join(dir, 'site');
cpSync(process.env.LEPTOS_SITE_ROOT ?? '../target/site', site, { recursive: true });

const env = {
  ...process.env,
  TEND_DB: `surrealkv://${dir}/tend.db?sync=every`,
  LEPTOS_SITE_ROOT: site,
  TEND_LOG: 'warn',
};

const running = new Set<ChildProcess>();

async function start(): Promise<ChildProcess> {
  // A server left over from an interrupted run would answer instead.
  const busy = await fetch(`${base}/login`).then(() => true, () => false);
  if (busy) throw new Error(`port ${port} is already in use (a leftover tend serve?)`);
  const p = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--no-seed'], { env, stdio: 'ignore' });
  running.add(p);
  p.once('exit', () => running.delete(p));
  return p;
}

async function up() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not start');
}

async function stop(p: ChildProcess) {
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
}

test.afterAll(() => {
  for (const p of running) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

let seeded = false;
function seed() {
  if (!seeded) execFileSync(bin, ['seed', '--people', '300', '--seed', '42', '--no-goals'], { env, stdio: 'ignore' });
  seeded = true;
}

test('killing the server mid-sync and restarting it still leaves exactly twenty notes', async ({ browser }) => {
  test.setTimeout(240_000);
  seed();
  let server = await start();
  await up();
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await signIn(page, MANAGER);
  await openCapture(page);
  await context.setOffline(true);
  for (let i = 1; i <= 20; i++) await writeNote(page, `Restart note ${i}`);
  await expectPending(page, 20);

  // The server dies part-way through the batch: the first ten items are
  // stored, then the process is killed before the browser hears back.
  let sends = 0;
  let killed: Promise<void> | undefined;
  await page.route('**/api/sync_capture', async (route) => {
    sends += 1;
    if (sends === 1) {
      const body = JSON.parse(route.request().postData()!);
      expect(body.items.length).toBe(20);
      await route.fetch({ postData: JSON.stringify({ items: body.items.slice(0, 10) }) });
      killed = stop(server);
      await killed;
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  await context.setOffline(false);
  await expect.poll(() => sends, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await expect.poll(() => killed !== undefined, { timeout: 30_000 }).toBe(true);
  await killed;
  await expect(page.locator('.outbox-item .reason').first()).toContainText("Couldn't reach Tend", { timeout: 20_000 });
  await expectPending(page, 20);

  server = await start();
  await up();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expectPending(page, 0, 30_000);
  expect(tally(await serverNotes(page), 'Restart note ')).toEqual({ count: 20, unique: 20 });
  await context.close();
  await stop(server);
});

/** Writes a file with its precompressed twins, as `scripts/build.sh` does:
 * the server sends `f.br` when it exists, so a stale one would win. */
function ship(path: string, text: string) {
  writeFileSync(path, text);
  writeFileSync(`${path}.br`, brotliCompressSync(text));
  writeFileSync(`${path}.gz`, gzipSync(text));
}

/** Ships a new script (as a deploy would): a new content hash, hash.txt and
 * service worker naming it. Returns the new script's file name. */
function deploy(): string {
  const pkg = join(site, 'pkg');
  const h = Object.fromEntries(
    readFileSync(join(pkg, 'hash.txt'), 'utf8').trim().split('\n').map((l) => l.split(': ')),
  ) as Record<string, string>;
  const js = readFileSync(join(pkg, `tend.${h.js}.js`), 'utf8') + '\n// deploy 2\n';
  const next = createHash('sha256').update(js).digest('hex').slice(0, 16);
  ship(join(pkg, `tend.${next}.js`), js);
  ship(join(pkg, 'hash.txt'), `js: ${next}\nwasm: ${h.wasm}\ncss: ${h.css}\n`);
  const sw = readFileSync(join(site, 'sw.js'), 'utf8')
    .replace(`tend.${h.js}.js`, `tend.${next}.js`)
    .replace(/const VERSION = "([0-9a-f]+)"/, `const VERSION = "${next}"`);
  ship(join(site, 'sw.js'), sw);
  return `tend.${next}.js`;
}

const script = (page: import('@playwright/test').Page) =>
  page.locator('link[rel=modulepreload]').getAttribute('href');

test('after a deploy the page hydrates with the new files, online and offline', async ({ browser }) => {
  test.setTimeout(180_000);
  seed();
  const server = await start();
  await up();
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await signIn(page, MANAGER);
  await openCapture(page);
  await serviceWorkerReady(page);
  const before = await script(page);

  const shipped = deploy();
  await page.reload();
  await ready(page);
  expect(await script(page)).toContain(shipped);
  expect(await script(page)).not.toEqual(before);
  // The new worker installs, takes over and drops the old version's caches.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          await (await navigator.serviceWorker.getRegistration())?.update();
          return (await caches.keys()).filter((k) => k.startsWith('tend-assets-'));
        }),
      { timeout: 30_000 },
    )
    .toEqual([`tend-assets-${shipped.slice(5, 21)}`]);

  await context.setOffline(true);
  const offline = await page.reload();
  expect(offline?.fromServiceWorker()).toBe(true);
  await hydrated(page);
  await ready(page);
  expect(await script(page)).toContain(shipped);
  await writeNote(page, 'Written after the deploy');
  await context.setOffline(false);
  await expectPending(page, 0, 30_000);
  expect(tally(await serverNotes(page), 'Written after the deploy')).toEqual({ count: 1, unique: 1 });
  await context.close();
  await stop(server);
});
