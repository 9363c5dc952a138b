import { test, expect, type APIRequestContext } from '@playwright/test';

// Static files are compressed once at build time (scripts/build.sh) and sent
// as they are: `content-encoding: br` with a `content-length`, never chunked
// compression on the fly, and the same bytes as the original once decoded.

async function assetPaths(request: APIRequestContext): Promise<string[]> {
  const html = await (await request.get('/login')).text();
  const pkg = [...html.matchAll(/\/pkg\/tend\.[0-9a-f]{16}\.(?:js|wasm|css)/g)].map((m) => m[0]);
  return [...new Set([...pkg, '/sw.js', '/robots.txt'])];
}

test('every static asset is served brotli-precompressed with a length', async ({ request }) => {
  const paths = await assetPaths(request);
  // The page names its script, module and stylesheet: a change that stops
  // naming them would otherwise pass this test by checking nothing.
  expect(paths.filter((p) => p.startsWith('/pkg/')).map((p) => p.split('.').pop()).sort()).toEqual([
    'css',
    'js',
    'wasm',
  ]);
  for (const path of paths) {
    const br = await request.get(path, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status(), path).toBe(200);
    const headers = br.headers();
    expect(headers['content-encoding'], path).toBe('br');
    expect(headers['transfer-encoding'], path).toBeUndefined();
    const length = Number(headers['content-length']);
    expect(length, path).toBeGreaterThan(0);

    const plain = await request.get(path, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers()['content-encoding'], path).toBeUndefined();
    const original = await plain.body();
    // Playwright decodes the brotli body: it must be the file itself, and
    // the compressed length smaller than the original.
    expect(Buffer.compare(await br.body(), original), path).toBe(0);
    if (original.length > 512) expect(length, path).toBeLessThan(original.length);

    const gz = await request.get(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers()['content-encoding'], path).toBe('gzip');
    expect(gz.headers()['content-length'], path).toBeDefined();
  }
});

test('hashed assets are cached for a year, the service worker revalidated', async ({ request }) => {
  const paths = await assetPaths(request);
  for (const path of paths.filter((p) => p.startsWith('/pkg/'))) {
    const res = await request.get(path, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers()['cache-control'], path).toBe('public, max-age=31536000, immutable');
  }
  const sw = await request.get('/sw.js', { headers: { 'accept-encoding': 'br' } });
  expect(sw.headers()['cache-control']).toBe('no-cache');
});
