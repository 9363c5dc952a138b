import { expect, test, Page } from '@playwright/test';
import { EMPLOYEE, HR, hydrated, LEADER, MANAGER } from './helpers';
import { isoDay, person, startCycle } from './review-helpers';

/** Constructive feedback shared with the manager line, dated today. */
async function constructive(page: Page, recipient: string, n: number) {
  await page.evaluate(
    async ([recipient, day, n]) => {
      for (let i = 0; i < Number(n); i++) {
        const draft = {
          recipient, kind: 'constructive', visibility: 'manager_line',
          situation: `Planning meeting ${i + 1}`,
          behaviour: 'You committed the team to a date before checking the on-call rota.',
          impact: 'Two people had to move their leave.',
          suggestion: 'Check the rota before agreeing a date.',
          body: '', happened_on: day, goal: null, skill: '', ask: null, corrects: null,
        };
        const r = await fetch('/api/give_feedback', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ draft }),
        });
        if (!r.ok) throw new Error(`give_feedback ${r.status}: ${await r.text()}`);
      }
    },
    [recipient, isoDay(0), String(n)],
  );
}

type Counts = { goals: number; behind: number; praise: number; constructive: number };

async function counts(page: Page): Promise<Counts> {
  const text = await page.locator('.evidence-summary').innerText();
  const m = text.match(/(\d+) goals \((\d+) at risk or off track\), (\d+) praise and (\d+) constructive/);
  expect(m, text).not.toBeNull();
  const [goals, behind, praise, c] = m!.slice(1).map(Number);
  return { goals, behind, praise, constructive: c };
}

test('a manager writes a review with the evidence panel open: the spread over the period, a rating against the evidence and citations bunched at the end are flagged', async ({ browser }) => {
  test.setTimeout(240_000);
  const cycle = `Evidence e2e ${Date.now()}`;

  const hr = await person(browser, HR);
  await startCycle(hr.page, cycle);

  const employee = await person(browser, EMPLOYEE);
  const manager = await person(browser, MANAGER);
  const leader = await person(browser, LEADER);
  const title = `Manager review of ${employee.name}`;
  const open = async () => {
    await manager.page.goto('/reviews');
    const line = manager.page.locator('ul.review-tasks li', { hasText: cycle }).filter({ hasText: title });
    await line.getByRole('link', { name: title, exact: true }).click();
    await expect(manager.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await hydrated(manager.page);
  };
  await open();
  const panel = manager.page.getByRole('complementary', { name: 'Evidence' });
  await expect(panel.locator('.evidence-summary')).toBeVisible();
  await expect(panel.getByRole('img', { name: /^Evidence over the period:/ })).toBeVisible();
  const before = await counts(manager.page);

  // Enough constructive feedback that the evidence leans clearly against a
  // high rating, and at least the three entries cited below. (What the
  // period already holds depends on the day the suite runs.)
  const good = before.goals - before.behind + before.praise;
  const bad = before.behind + before.constructive;
  const more = Math.max(2 * good - bad + 1, 4 - good - bad + 1, 3);
  await constructive(leader.page, employee.id, more);
  await open();
  await expect.poll(async () => (await counts(manager.page)).constructive).toBe(before.constructive + more);
  const items = panel.locator('li.evidence-item', { hasText: `Constructive feedback from ${leader.name}` });
  await expect(items.first()).toContainText('committed the team to a date');

  // The panel folds away and comes back.
  await panel.getByRole('button', { name: 'Hide evidence' }).click();
  await expect(panel.locator('.evidence-summary')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Show evidence' }).click();
  await expect(panel.locator('.evidence-summary')).toBeVisible();

  // Rating 5 everywhere goes against the evidence, and the panel says why in numbers.
  const page = manager.page;
  await expect(page.locator('section.competency')).toHaveCount(4);
  for (const section of await page.locator('section.competency').all()) {
    await section.getByRole('radio').nth(4).check();
  }
  const ratingWarning = panel.locator('[data-warning="rating"]');
  await expect(ratingWarning).toContainText('You rate 5 but the evidence points the other way');
  await expect(ratingWarning).toContainText(`${before.constructive + more} of`);
  for (const section of await page.locator('section.competency').all()) {
    await section.getByRole('radio').nth(2).check();
  }
  await page.getByRole('radiogroup', { name: 'Overall rating' }).getByRole('radio').nth(2).check();
  await expect(ratingWarning).toHaveCount(0);

  // Citing three items from this week: bunched at the end of the period.
  const recency = panel.locator('[data-warning="recency"]');
  for (let i = 0; i < 3; i++) await items.nth(i).getByRole('checkbox', { name: 'Cite' }).check();
  await expect(recency).toContainText('3 of the 3 items you cite are from the last 7 weeks');
  await items.nth(2).getByRole('checkbox', { name: 'Cite' }).uncheck();
  await expect(recency).toHaveCount(0);
  await items.nth(2).getByRole('checkbox', { name: 'Cite' }).check();
  await expect(recency).toBeVisible();
  // The newest template asks how far the goals were achieved.
  const goals = page.getByRole('radiogroup', { name: 'Goal achievement' });
  await goals.getByRole('radio').nth(2).check();
  await page.locator('section.goal-achievement').getByRole('textbox').fill('Met most goals; the migration slipped a sprint.');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  // The citations and the goal rating are part of the draft: kept over a reload.
  await open();
  await expect(panel.locator('li.evidence-item input[type=checkbox]:checked')).toHaveCount(3);
  await expect(page.getByRole('radiogroup', { name: 'Goal achievement' }).getByRole('radio').nth(2)).toBeChecked();
  await expect(recency).toBeVisible();

  await page.locator('section.competency[data-competency="delivery"]').getByRole('textbox')
    .fill('Delivered the quarter but committed dates before checking with the team; see the cited feedback.');
  await page.getByRole('button', { name: 'Submit review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted — this review is locked.' })).toBeVisible();
  await expect(items.first().getByRole('checkbox', { name: 'Cite' })).toBeDisabled();
});
