import { expect, Page } from '@playwright/test';
import { test } from '@playwright/test';
import { callServerFn, EMPLOYEE, HR, hydrated, MANAGER, watchConsole } from './helpers';
import { mailTo } from './mail-helpers';
import { person, startCycle } from './review-helpers';

/** `asker` asks `colleague` (a person key) for feedback on `topic`, as the wasm client would. */
async function ask(asker: Page, colleague: string, topic: string) {
  const r = await asker.evaluate(
    async ([colleague, topic]) => {
      const res = await fetch('/api/ask_feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ draft: { topic, colleagues: [colleague] } }),
      });
      return { status: res.status, text: await res.text() };
    },
    [colleague, topic],
  );
  expect(r.status, r.text).toBe(200);
}

/** Waits until the page's live stream is open. */
async function live(page: Page) {
  await page.locator('body[data-live="on"]').waitFor({ state: 'attached' });
}

test('the employee home lists a review due and a feedback ask, and answering the ask removes it live', async ({ browser }) => {
  // Starting a whole-organisation cycle tells 300 people of their reviews (a debug build).
  test.setTimeout(90_000);
  const hr = await person(browser, HR);
  await startCycle(hr.page, `Today cycle ${Date.now()}`);
  const boss = await person(browser, MANAGER);
  const me = await person(browser, EMPLOYEE);
  const problems = watchConsole(me.page);
  const topic = `The launch demo ${Date.now()}`;
  await ask(boss.page, me.id, topic);

  await me.page.goto('/');
  await hydrated(me.page);
  await live(me.page);
  const items = me.page.getByTestId('today-items');
  await expect(items.getByRole('link', { name: 'Write your self-review' }).first()).toBeVisible();
  await expect(items.locator('li', { hasText: 'Write your self-review' }).first()).toContainText(/due \d{4}-\d{2}-\d{2}/);
  const askItem = items.locator('li', { hasText: topic });
  await expect(askItem).toContainText(`${boss.name} asked you for feedback`);

  // Answer it in a second tab; the first one drops the item without a reload.
  const tab = await me.page.context().newPage();
  const tabProblems = watchConsole(tab);
  await tab.goto((await askItem.getByRole('link').getAttribute('href'))!);
  await hydrated(tab);
  await tab.getByLabel('Situation').fill('At Friday\'s launch demo');
  await tab.getByLabel('Behaviour').fill('You walked the board through the rollback plan and answered each question with data.');
  await tab.getByLabel('Impact').fill('The board approved the launch on the spot.');
  await tab.getByLabel('Private: only you and them').check();
  await tab.getByRole('button', { name: 'Send feedback' }).click();
  await expect(tab.getByRole('button', { name: 'Delete' })).toBeVisible();
  await expect(askItem).toHaveCount(0, { timeout: 10_000 });
  await expect(items.getByRole('link', { name: 'Write your self-review' }).first()).toBeVisible();
  expect(problems).toEqual([]);
  expect(tabProblems).toEqual([]);
});

test('a manager gets an unread badge, live, when a report asks them for feedback', async ({ browser }) => {
  const boss = await person(browser, MANAGER);
  const me = await person(browser, EMPLOYEE);
  await boss.page.goto('/inbox');
  await hydrated(boss.page);
  await live(boss.page);
  // Start from nothing unread.
  const all = boss.page.getByRole('button', { name: 'Mark all read' });
  if (await all.isVisible()) await all.click();
  await expect(boss.page.getByTestId('unread-badge')).toHaveCount(0);
  const topic = `My first OKRs ${Date.now()}`;
  const asked = Date.now();
  await ask(me.page, boss.id, topic);
  await expect(boss.page.getByTestId('unread-badge')).toHaveText('1');
  const took = Date.now() - asked;
  console.log(`write to badge: ${took} ms`);
  const line = boss.page.locator('li.notice', { hasText: topic });
  await expect(line).toContainText(`${me.name} asked you for feedback`);
  await expect(line).toHaveClass(/unread/);
  // Opening it marks it read, and the badge goes.
  await line.getByRole('link').click();
  await expect(boss.page).toHaveURL(/\/feedback\/new\?ask=/);
  await expect(boss.page.getByTestId('unread-badge')).toHaveCount(0);
  // The report cannot read the manager's inbox through the API either.
  const theirs = await callServerFn(me.page, '/api/my_inbox', '');
  expect(theirs.text).not.toContain(topic.replace('My first', `${me.name} asked you for feedback: “My first`));
});

test('preferences change what is emailed', async ({ browser }) => {
  const boss = await person(browser, MANAGER);
  const me = await person(browser, EMPLOYEE);
  const myEmail = EMPLOYEE;
  await me.page.goto('/settings/notifications');
  await hydrated(me.page);
  await me.page.getByLabel('Someone asks you for feedback').selectOption('off');
  await me.page.getByRole('button', { name: 'Save settings' }).click();
  await expect(me.page.getByRole('status')).toContainText('Saved');

  const quiet = `Quiet ask ${Date.now()}`;
  await ask(boss.page, me.id, quiet);
  // It is in the inbox...
  await me.page.goto('/inbox');
  await expect(me.page.locator('li.notice', { hasText: quiet })).toBeVisible();
  // ...and, with email back on, the next ask is mailed while the first never is.
  await me.page.goto('/settings/notifications');
  await hydrated(me.page);
  await expect(me.page.getByLabel('Someone asks you for feedback')).toHaveValue('off');
  await me.page.getByLabel('Someone asks you for feedback').selectOption('now');
  await me.page.getByRole('button', { name: 'Save settings' }).click();
  await expect(me.page.getByRole('status')).toContainText('Saved');
  const loud = `Loud ask ${Date.now()}`;
  await ask(boss.page, me.id, loud);
  await expect.poll(() => mailTo(myEmail).filter((m) => m.text.includes(loud)).length, { timeout: 20_000 }).toBe(1);
  expect(mailTo(myEmail).filter((m) => m.text.includes(quiet))).toHaveLength(0);
  const mail = mailTo(myEmail).find((m) => m.text.includes(loud))!;
  // Its unsubscribe link works signed out, and asks before it stops anything.
  const link = mail.text.split('\n').find((l) => l.includes('/unsubscribe?token=') && l.includes('Someone asks you for feedback'))!;
  const url = new URL(link.slice(link.indexOf('http')));
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(url.pathname + url.search);
  await hydrated(stranger);
  await expect(stranger.getByText('Stop emails about “Someone asks you for feedback”?')).toBeVisible();
  await stranger.getByRole('button', { name: 'Stop these emails' }).click();
  await expect(stranger.getByRole('status')).toContainText('no longer emails you');
  await me.page.reload();
  await expect(me.page.getByLabel('Someone asks you for feedback')).toHaveValue('off');
});
