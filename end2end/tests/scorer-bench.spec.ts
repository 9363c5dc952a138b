import { expect, test } from '@playwright/test';
import { MANAGER, hydrated, signIn } from './helpers';

// Prints the feedback scorer's time per 2,000-character entry in the real
// browser (wasm, as the form runs it). A figure for docs/benchmarks.md, not
// a timed assertion; the assertions check the scorer itself answers.
test('the feedback scorer runs in wasm on a 2,000-character entry', async ({ page }) => {
  await signIn(page, MANAGER);
  await page.goto('/feedback/new');
  await hydrated(page);
  const result = await page.evaluate(async () => {
    // The page's own (content-hashed) script, already initialised by hydration.
    const src = (document.querySelector('link[rel=modulepreload]') as HTMLLinkElement).href;
    const m: any = await import(src);
    const sentence = "In Tuesday's release review you interrupted Sam twice while he presented the 3 API options. ";
    const text = sentence.repeat(40).slice(0, 2000);
    const runs = 500;
    m.score_feedback(text, ''); // warm up
    const t0 = performance.now();
    let last = 0;
    for (let i = 0; i < runs; i++) last = m.score_feedback(text, '');
    const perEntryMs = (performance.now() - t0) / runs;
    return { perEntryMs, last, short: m.score_feedback('Great job!', ''), good: m.score_feedback(sentence, 'Next time, raise it after he finishes.'), length: text.length };
  });
  console.log(`feedback scorer in Chromium (wasm): ${result.perEntryMs.toFixed(3)} ms per ${result.length}-character entry`);
  expect(result.length).toBe(2000);
  expect(result.good).toBe(100);
  expect(result.short).toBeLessThan(60);
  expect(result.last).toBeLessThan(100); // too long, and no next step
});
