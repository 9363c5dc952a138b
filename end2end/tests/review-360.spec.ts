import { expect, test, Browser, Page } from '@playwright/test';
import { callServerFn, EMPLOYEE, HR, hydrated, LEADER, MANAGER, signIn } from './helpers';

function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

async function as(browser: Browser, email: string): Promise<{ page: Page; name: string }> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  const r = await callServerFn(page, '/api/me', '');
  expect(r.status).toBe(200);
  return { page, name: JSON.parse(r.text).name };
}

/** Opens the review in the signed-in person's list whose line names `cycle` and `label`. */
async function openTask(page: Page, cycle: string, label: string, link: string) {
  await page.goto('/reviews');
  const line = page.locator('ul.review-tasks li', { hasText: cycle }).filter({ hasText: label });
  await line.getByRole('link', { name: link, exact: true }).click();
}

/** Rates every competency 3, the overall 3, comments on delivery, submits;
 *  with `goals`, also rates goal achievement 4 with that comment. */
async function writeAndSubmit(page: Page, comment: string, goals?: string) {
  await hydrated(page);
  // all() does not wait: the form must be on screen first.
  await expect(page.locator('section.competency')).toHaveCount(4);
  for (const section of await page.locator('section.competency').all()) {
    await section.getByRole('radio').nth(2).check();
  }
  await page.locator('section.competency[data-competency="delivery"]').getByRole('textbox').fill(comment);
  await page.getByRole('radiogroup', { name: 'Overall rating' }).getByRole('radio').nth(2).check();
  if (goals) {
    await page.getByRole('radiogroup', { name: 'Goal achievement' }).getByRole('radio').nth(3).check();
    await page.locator('section.goal-achievement').getByRole('textbox').fill(goals);
  }
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted — this review is locked.' })).toBeVisible();
}

test('peers are proposed and approved; the 360 stays hidden while writing is open and appears, with three answers, once HR moves the cycle on; the employee acknowledges the shared results', async ({ browser }) => {
  test.setTimeout(300_000);
  const cycle = `360 e2e ${Date.now()}`;

  const hr = await as(browser, HR);
  await hr.page.goto('/reviews/cycles');
  await hydrated(hr.page);
  await hr.page.getByLabel('Name').fill(cycle);
  await hr.page.getByLabel('Period from').fill(isoDay(-150));
  await hr.page.getByLabel('Period to').fill(isoDay(30));
  await hr.page.getByLabel('Reviews due').fill(isoDay(14));
  await hr.page.getByRole('checkbox', { name: /Peer reviews/ }).check();
  await hr.page.getByRole('button', { name: 'Start cycle' }).click();
  await expect(hr.page.getByRole('status')).toContainText('Cycle started');

  const leader = await as(browser, LEADER);
  const ceo = await as(browser, 'ceo@tend.example');
  const employee = await as(browser, EMPLOYEE);
  const manager = await as(browser, MANAGER);

  // The employee proposes three peers (the picker never offers themselves).
  await openTask(employee.page, cycle, 'Your self review', 'Choose your peer reviewers');
  await expect(employee.page.getByRole('heading', { level: 1, name: 'Peer reviewers' })).toBeVisible();
  await hydrated(employee.page);
  for (const who of [hr.name, leader.name, ceo.name]) {
    await employee.page.getByLabel('Add a peer').fill(who);
    await employee.page.locator('ul.picks button', { hasText: who }).first().click();
    await expect(employee.page.locator('ul.peers li', { hasText: who })).toBeVisible();
  }
  await employee.page.getByRole('button', { name: 'Propose these peers' }).click();
  await expect(employee.page.getByRole('status').filter({ hasText: 'Proposed' })).toBeVisible();

  // The manager approves them.
  await openTask(manager.page, cycle, `Manager review of ${employee.name}`, 'Approve peer reviewers');
  await hydrated(manager.page);
  await expect(manager.page.locator('ul.peers li')).toHaveCount(3);
  await manager.page.getByRole('button', { name: 'Approve these peers' }).click();
  await expect(manager.page.getByRole('status').filter({ hasText: 'Approved' })).toBeVisible();

  await openTask(manager.page, cycle, `Manager review of ${employee.name}`, `Manager review of ${employee.name}`);
  await writeAndSubmit(manager.page, 'Ran the migration calmly and documented every step.', 'Four of five goals met; the fifth moved to Q1 by agreement.');

  for (const [peer, words] of [[hr, 'Peer answer alpha: clear handovers.'], [leader, 'Peer answer beta: strong reviews.']] as const) {
    await openTask(peer.page, cycle, `Peer review of ${employee.name}`, `Peer review of ${employee.name}`);
    await writeAndSubmit(peer.page, words);
  }

  // Two peer answers: nothing anonymous is shown, not even to the manager.
  await openTask(manager.page, cycle, `Manager review of ${employee.name}`, 'Results');
  await expect(manager.page.getByRole('heading', { level: 1 })).toContainText(employee.name);
  await expect(manager.page.locator('section.group[data-shown="true"]')).toHaveCount(0);
  await expect(manager.page.getByText('Peer answer alpha')).toHaveCount(0);

  await openTask(ceo.page, cycle, `Peer review of ${employee.name}`, `Peer review of ${employee.name}`);
  await writeAndSubmit(ceo.page, 'Peer answer gamma: generous with time.');

  // Three answers in, but writing is still open: still nothing, and no sharing yet.
  await manager.page.reload();
  await expect(manager.page.locator('p.anonymous-waiting')).toBeVisible();
  await expect(manager.page.locator('section.group[data-shown="true"]')).toHaveCount(0);
  await expect(manager.page.getByText('Peer answer gamma')).toHaveCount(0);
  await expect(manager.page.locator('p.share-note')).toContainText('once writing is over');
  await expect(manager.page.getByRole('button', { name: 'Share results with them' })).toHaveCount(0);

  // HR moves the cycle on to sharing: writing has closed, the answers are released.
  await hr.page.goto('/reviews/cycles');
  await hydrated(hr.page);
  const phase = hr.page.locator('table.cycles tr', { hasText: cycle }).locator('td.phase');
  await phase.getByRole('button', { name: 'Move on to writing' }).click();
  await expect(phase).toContainText('Writing');
  await phase.getByRole('button', { name: 'Move on to sharing results' }).click();
  await expect(phase).toContainText('Sharing results');

  await manager.page.reload();
  const peers = manager.page.locator('section.group[data-shown="true"]', { hasText: 'Peers' }).first();
  await expect(peers).toContainText('3 answers');
  for (const words of ['Peer answer alpha', 'Peer answer beta', 'Peer answer gamma']) {
    await expect(manager.page.getByText(words)).toBeVisible();
  }
  const body = await manager.page.locator('main').textContent();
  for (const name of [hr.name, leader.name, ceo.name]) {
    expect(body).not.toContain(name);
  }

  // Not visible to the employee until shared.
  await employee.page.goto('/reviews');
  await employee.page.locator('ul.review-tasks li', { hasText: cycle }).getByRole('link', { name: 'Your results' }).click();
  await expect(employee.page.getByText('Your results are not shared yet.')).toBeVisible();

  await hydrated(manager.page);
  await manager.page.getByRole('button', { name: 'Share results with them' }).click();
  await expect(manager.page.getByRole('status').filter({ hasText: 'Shared on' })).toBeVisible();

  await employee.page.reload();
  await hydrated(employee.page);
  await expect(employee.page.locator('table.results')).toContainText(`Manager (${manager.name})`);
  await expect(employee.page.getByText('Peer answer beta')).toBeVisible();
  // The manager's goal-achievement rating beside the competencies, with its comment.
  const goalRow = employee.page.locator('table.results tr', { hasText: 'Goal achievement' });
  await expect(goalRow.locator('td').nth(1)).toHaveText('4');
  await expect(employee.page.getByText('Four of five goals met; the fifth moved to Q1 by agreement.')).toBeVisible();
  await employee.page.getByLabel('Your response (optional)').fill('Thanks. I will keep the handover notes going.');
  await employee.page.getByRole('button', { name: 'Acknowledge results' }).click();
  await expect(employee.page.getByRole('status').filter({ hasText: 'acknowledged on' })).toBeVisible();
  await employee.page.reload();
  await expect(employee.page.getByLabel('Your response (optional)')).toHaveValue('Thanks. I will keep the handover notes going.');
});
