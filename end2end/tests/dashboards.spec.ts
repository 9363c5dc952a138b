import { expect, test, Browser, Page } from '@playwright/test';
import { callServerFn, EMPLOYEE, expectAccountClosed, HR, LEADER, MANAGER, hydrated, signIn, watchConsole } from './helpers';

async function session(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The signed-in person's id, from the "My profile" link. */
async function myId(page: Page): Promise<string> {
  const href = await page.getByRole('link', { name: 'My profile' }).getAttribute('href');
  return (href ?? '').split('/').pop() ?? '';
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Gives praise through the server function, as the feedback form does. */
async function praise(page: Page, recipient: string): Promise<number> {
  return page.evaluate(async ([recipient, day]) => {
    const draft = {
      recipient, kind: 'praise', visibility: 'private', situation: '', behaviour: '', impact: '', suggestion: '',
      body: 'You kept the incident review calm and wrote up every follow-up the same afternoon.',
      happened_on: day, goal: null, skill: '', ask: null, corrects: null,
    };
    const r = await fetch('/api/give_feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ draft }),
    });
    if (!r.ok) throw new Error(`give_feedback ${r.status}: ${await r.text()}`);
    return Date.now();
  }, [recipient, today()]);
}

test("a report's feedback shows on the manager's open dashboard without a reload", async ({ browser }) => {
  test.setTimeout(90_000); // two people sign in on the debug build
  const report = await session(browser, EMPLOYEE);
  const reportId = await myId(report);
  const manager = await session(browser, MANAGER);
  const managerId = await myId(manager);
  const problems = watchConsole(manager);

  await manager.goto('/dashboard');
  await hydrated(manager);
  await manager.locator('body[data-live="on"]').waitFor({ state: 'attached' });
  await expect(manager.getByRole('heading', { name: 'Needs attention' })).toBeVisible();
  await expect(manager.getByRole('img', { name: /^Current goals:/ })).toBeVisible();
  const given = manager.locator(`tr[data-person="${reportId}"] td.given`);
  const before = (await given.innerText()).split(' / ').map(Number);
  // A marker that a reload would wipe.
  await manager.evaluate(() => ((window as any).__noReload = true));

  const sent = await praise(report, managerId);
  await expect(given).toHaveText(`${before[0] + 1} / ${before[1] + 1}`, { timeout: 10_000 });
  const seen = Date.now();
  console.log(`write to screen: ${seen - sent} ms`);
  expect(await manager.evaluate(() => (window as any).__noReload)).toBe(true);
  expect(problems, 'no console errors').toEqual([]);
});

test('a skip-level leader drills down from their organisation to one team', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, LEADER);
  await page.getByRole('link', { name: 'Quality audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quality audit' })).toBeVisible();
  await hydrated(page);
  const rows = page.locator('.audit-table tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  // The second row is the first manager below the leader: open their team.
  const next = rows.nth(1).locator('th a');
  const name = (await next.innerText()).trim();
  await next.click();
  await expect(page).toHaveURL(/\/dashboard\/audit\?manager=p\d+/);
  await expect(page.locator('.crumbs')).toContainText(name);
  await expect(page.locator('.audit-table tbody tr').first()).toContainText(name);
  await expect(page.getByRole('heading', { name: 'Vague goals in this team' })).toBeVisible();
  // A period that ends before it starts is explained, not failed.
  await page.getByLabel('From').fill('2026-10-01');
  await page.getByLabel('To').fill('2026-09-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('alert')).toContainText('ends before it starts');
});

test('an employee cannot open any dashboard, in the UI or through the server', async ({ page }) => {
  await signIn(page, EMPLOYEE);
  await expect(page.getByRole('link', { name: 'Dashboard' })).toHaveCount(0);
  for (const path of ['/dashboard', '/dashboard/audit', '/dashboard/org']) {
    await page.goto(path);
    await expect(page.getByText("You don't have access to this page.")).toBeVisible();
  }
  for (const fn of ['manager_dashboard', 'audit_dashboard', 'hr_dashboard']) {
    const status = await page.evaluate(async (fn) => {
      const r = await fetch(`/api/${fn}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: fn === 'manager_dashboard' ? '' : 'manager=&unit=&from=&to=',
      });
      return r.status;
    }, fn);
    expect(status, fn).toBe(403);
  }
});

test('HR sees adoption by unit and records a leaver, with a clear error for a future date; the leaver is signed out at once', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, HR);
  await page.getByRole('link', { name: 'Organisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeVisible();
  await hydrated(page);
  await expect(page.locator('.org-table tbody tr').first()).toBeVisible();
  await expect(page.getByRole('img', { name: /feedback per week/ }).first()).toBeVisible();
  const person = 'p250';
  // The person is signed in elsewhere while HR records that they left.
  const profile = await callServerFn(page, '/api/person', `id=${person}`);
  expect(profile.status).toBe(200);
  const email: string = JSON.parse(profile.text).email;
  const leaver = await (await browser.newContext()).newPage();
  await signIn(leaver, email);
  await page.getByLabel('Person id').fill(person);
  await page.getByLabel('What happened').selectOption('left_voluntary');
  await page.getByLabel('Day').fill('2099-01-01');
  await page.getByRole('button', { name: 'Record' }).click();
  await expect(page.getByRole('alert')).toContainText('future');
  await page.getByLabel('Day').fill(today());
  await page.getByLabel('Reason').fill('Moved abroad');
  await page.getByRole('button', { name: 'Record' }).click();
  await expect(page.getByText('Recorded.')).toBeVisible();
  await expect(page.getByText(/Moved abroad/)).toBeVisible();

  // Their open session is over: the next page is the sign-in page, and their password no longer works.
  await expectAccountClosed(leaver, email);
});
