// Tend's service worker: keeps the capture page usable offline.
//
// The build replaces the two placeholders below with the content-hashed
// asset list and a version made from those hashes, so each deploy installs
// a new worker whose caches never mix old and new files.
//   - /pkg/* (hashed, immutable): cache first.
//   - /capture: network first; the last good copy serves offline. It is
//     cached with the assets of the same version, so the offline copy
//     always names files that are in the cache.
//   - everything else (pages, /api): the network; offline pages get a short
//     note pointing to /capture.
const VERSION = "__TEND_VERSION__";
const ASSETS = __TEND_ASSETS__;
const ASSET_CACHE = `tend-assets-${VERSION}`;
const PAGE_CACHE = `tend-pages-${VERSION}`;
const OFFLINE_PAGES = ["/capture"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const assets = await caches.open(ASSET_CACHE);
      await assets.addAll(ASSETS);
      const pages = await caches.open(PAGE_CACHE);
      for (const path of OFFLINE_PAGES) {
        try {
          const res = await fetch(path, { credentials: "same-origin" });
          if (res.ok && !res.redirected) await pages.put(path, res);
        } catch (_) {
          // Offline while installing: the page is cached on its next visit.
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("tend-") && name !== ASSET_CACHE && name !== PAGE_CACHE) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })(),
  );
});

const OFFLINE_HTML = `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Offline · Tend</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto"><h1>You're offline</h1>
<p>This page needs a connection. <a href="/capture">Capture</a> works offline: what you write there is kept on this device and synced later.</p></body></html>`;

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(
      caches.match(req).then((hit) => hit || fetch(req).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(ASSET_CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })),
    );
    return;
  }
  if (req.mode === "navigate") {
    const offlinePage = OFFLINE_PAGES.includes(url.pathname);
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (offlinePage && res.ok && !res.redirected) {
            const copy = res.clone();
            caches.open(PAGE_CACHE).then((c) => c.put(url.pathname, copy));
          }
          return res;
        })
        .catch(async () => {
          const hit = offlinePage ? await caches.match(url.pathname, { cacheName: PAGE_CACHE }) : undefined;
          return hit || new Response(OFFLINE_HTML, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
        }),
    );
  }
});
