import { expect, test, Browser, Page } from '@playwright/test';
import { EMPLOYEE, MANAGER, hydrated, signIn, watchConsole } from './helpers';

/** A signed-in page in its own browser context. */
async function session(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function nameOf(page: Page): Promise<string> {
  return (await page.locator('.topbar .who .name').innerText()).trim();
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

test('a manager writes SBI feedback guided by hints; the report acknowledges and rates it', async ({ browser }) => {
  test.setTimeout(60_000); // two people sign in
  const report = await session(browser, EMPLOYEE);
  const reportName = await nameOf(report);
  const manager = await session(browser, MANAGER);
  const problems = watchConsole(manager);

  await manager.goto('/feedback/new');
  await hydrated(manager);
  // Sending with nothing chosen explains what is missing, at the field.
  await manager.getByRole('button', { name: 'Send feedback' }).click();
  await expect(manager.getByText('Choose who the feedback is for.')).toBeVisible();

  await manager.getByLabel('Who is it for?').fill(reportName.split(' ')[0]);
  await manager.getByRole('button', { name: new RegExp(`^${reportName} — `) }).click();
  await expect(manager.locator('.chosen')).toContainText(reportName);
  await manager.getByLabel('Kind').selectOption('constructive');

  const quality = manager.locator('#fb-quality');
  await manager.getByLabel('Situation').fill("In Thursday's design review");
  await manager.getByLabel('Behaviour').fill('You are abrasive with Sam.');
  await expect(quality.locator('[data-hint="trait"]')).toContainText('abrasive');
  await expect(quality.locator('[data-hint="no-suggestion"]')).toBeVisible();

  await manager.getByLabel('Behaviour').fill('You interrupted Sam twice while he presented the API options.');
  await manager.getByLabel('Impact').fill('He skipped the last two options and we decided without them.');
  await expect(quality.locator('[data-hint="trait"]')).toHaveCount(0);
  await manager.getByLabel('Suggestion or next step').fill('Next time, note your question and raise it when he finishes.');
  await expect(quality.locator('[data-hint]')).toHaveCount(0);
  await expect(quality).toContainText('Quality 100/100');

  await manager.getByLabel('Shared with their manager line').check();
  await manager.getByRole('button', { name: 'Send feedback' }).click();
  await expect(manager).toHaveURL(/\/feedback\/f[0-9a-f]+$/);
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText(`Constructive for ${reportName}`);
  await expect(manager.getByRole('button', { name: 'Delete' })).toBeVisible();
  await expect(manager.getByRole('link', { name: 'Edit' })).toBeVisible();

  // The report finds it, acknowledges it and rates it.
  await report.goto('/feedback');
  const card = report.locator('.feedback-card', { hasText: 'You interrupted Sam twice' });
  await expect(card).toContainText('Not acknowledged yet');
  await card.getByRole('link', { name: 'Open' }).click();
  await hydrated(report);
  await report.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(report.getByText('✓ You acknowledged this.')).toBeVisible();
  await report.getByLabel('How useful was it?').selectOption('4');
  await report.getByLabel('Why? (optional)').fill('A concrete thing to try');
  await report.getByRole('button', { name: 'Save rating' }).click();
  await expect(report.getByText('Your rating: 4/5')).toBeVisible();
  await report.reload();
  await expect(report.getByLabel('How useful was it?')).toHaveValue('4');
  await expect(report.locator('.feedback-card')).toContainText('Acknowledged');

  // The manager sees the acknowledgement, but one rating stays private.
  await manager.goto('/feedback/team');
  await expect(manager.getByText('Your feedback acknowledged (90 days): 100%')).toBeVisible();
  // Usefulness covers the last quarter that ended, so today's rating is not in it,
  // and no count below 3 is shown.
  await expect(
    manager.getByText(/Usefulness (of your feedback in \d{4}-Q\d: [\d.]+\/5 over \d+ ratings|covers a quarter once it has ended)/),
  ).toBeVisible();
  await expect(manager.getByText(/so far/)).toHaveCount(0);
  await manager.goto(manager.url());
  expect(problems).toEqual([]);
});

test('a 1:1 agenda item carries over and private notes stay private', async ({ browser }) => {
  test.setTimeout(90_000); // two people sign in and take turns
  const report = await session(browser, EMPLOYEE);
  const reportName = await nameOf(report);
  const manager = await session(browser, MANAGER);

  await manager.goto('/one-on-ones');
  await hydrated(manager);
  await manager.getByLabel('Report').selectOption({ label: reportName });
  const first = isoDay(1);
  await manager.getByLabel('First meeting').fill(first);
  await manager.getByRole('button', { name: 'Start 1:1s' }).click();
  await expect(manager).toHaveURL(/\/one-on-ones\/o[0-9a-f]+$/);
  const url = manager.url();
  await hydrated(manager);
  await expect(manager.getByText('Nothing on the agenda yet.')).toBeVisible();
  await manager.getByLabel('Add a topic').fill('Promotion timeline');
  await manager.getByRole('button', { name: 'Add to agenda' }).click();
  await expect(manager.locator('.agenda')).toContainText('Promotion timeline');
  await manager.locator('#private-note').fill('Ask about workload before the promotion talk');
  await manager.getByRole('button', { name: 'Save note' }).click();
  await expect(manager.getByText('Note saved.')).toBeVisible();

  // The report shares the agenda but not the manager's note.
  await report.goto(url);
  await hydrated(report);
  await expect(report.locator('.agenda')).toContainText('Promotion timeline');
  await expect(report.locator('#private-note')).toHaveValue('');
  await expect(report.locator('body')).not.toContainText('Ask about workload');
  // Each change fetches the 1:1 again and renders it anew. A topic appears
  // only in that new render, and words already typed in the note, and the
  // note's "saved" line, must survive it.
  await report.locator('#private-note').fill('Mention the on-call load');
  await report.getByLabel('Add a topic').fill('Conference budget');
  await report.getByRole('button', { name: 'Add to agenda' }).click();
  await expect(report.getByLabel('Conference budget')).toBeVisible();
  await expect(report.locator('#private-note')).toHaveValue('Mention the on-call load');
  await report.getByLabel('Conference budget').check();
  await expect(report.getByLabel('Conference budget')).toBeChecked();
  await report.getByRole('button', { name: 'Save note' }).click();
  await expect(report.getByText('Note saved.')).toBeVisible();
  await report.getByLabel('Add a topic').fill('Team offsite');
  await report.getByRole('button', { name: 'Add to agenda' }).click();
  await expect(report.getByLabel('Team offsite')).toBeVisible();
  await expect(report.getByText('Note saved.')).toBeVisible();
  await expect(report.locator('#private-note')).toHaveValue('Mention the on-call load');
  // Typing again means the box holds words that are not saved yet.
  await report.locator('#private-note').press('End');
  await report.locator('#private-note').pressSequentially(' and rota');
  await expect(report.getByText('Note saved.')).toBeHidden();
  await report.getByRole('button', { name: 'Save note' }).click();
  await expect(report.getByText('Note saved.')).toBeVisible();

  // The manager agrees an action for the report and records the coaching.
  await manager.reload();
  await hydrated(manager);
  await expect(manager.getByText('No action items.')).toBeVisible();
  await manager.getByLabel('New action').fill('Draft the on-call rota');
  await manager.getByRole('button', { name: 'Add action' }).click();
  await expect(manager.getByLabel(/Draft the on-call rota — .* by \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await manager.getByLabel('Topic', { exact: true }).fill('Workload');
  await manager.getByRole('button', { name: 'Save record' }).click();
  await expect(manager.getByRole('alert')).toContainText('Enter the date of the conversation.');
  await manager.getByLabel('What you agreed').fill('Share the on-call load with the new hire');
  await manager.getByLabel('When', { exact: true }).fill(isoDay(0));
  await manager.getByRole('button', { name: 'Save record' }).click();
  await expect(manager.getByText('Recorded.')).toBeVisible();
  await expect(manager.locator('section', { hasText: 'Coaching records' })).toContainText(
    'Workload: Share the on-call load with the new hire',
  );
  await expect(manager.getByLabel('Topic', { exact: true })).toHaveValue('');

  // Holding the meeting moves the open item on, and the done one into history.
  await manager.reload();
  await hydrated(manager);
  await expect(manager.locator('#private-note')).toHaveValue('Ask about workload before the promotion talk');
  await expect(manager.locator('body')).not.toContainText('Mention the on-call load');
  await manager.getByRole('button', { name: 'Mark meeting as held' }).click();
  const next = new Date(Date.parse(first) + 14 * 86_400_000).toISOString().slice(0, 10);
  await expect(manager.getByRole('heading', { name: `Next meeting: ${next}` })).toBeVisible();
  const agenda = manager.locator('.agenda');
  await expect(agenda).toContainText('Promotion timeline');
  await expect(agenda).toContainText('carried over ×1');
  await expect(agenda).not.toContainText('Conference budget');
  await expect(manager.locator('#private-note')).toHaveValue('');
  await expect(manager.locator('section', { hasText: 'Earlier meetings' })).toContainText('✓ Conference budget');

  await report.reload();
  await expect(report.locator('.agenda')).toContainText('carried over ×1');
  await expect(report.locator('body')).not.toContainText('Ask about workload');
});
