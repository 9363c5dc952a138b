import { expect, test } from '@playwright/test';
import { EMPLOYEE, HR, hydrated, MANAGER } from './helpers';
import { isoDay, person, startCycle } from './review-helpers';

test('a reviewer asks for more time, HR grants it from the progress page, sees who is missing what per manager, and reopens a submitted review', async ({ browser }) => {
  test.setTimeout(240_000);
  const cycle = `Progress e2e ${Date.now()}`;
  const hr = await person(browser, HR);
  await startCycle(hr.page, cycle);

  // The employee asks for more time from their self review.
  const employee = await person(browser, EMPLOYEE);
  const manager = await person(browser, MANAGER);
  const openSelf = async () => {
    await employee.page.goto('/reviews');
    await employee.page.locator('ul.review-tasks li', { hasText: cycle }).getByRole('link', { name: 'Your self review' }).click();
    await expect(employee.page.getByRole('heading', { level: 1, name: 'Your self review' })).toBeVisible();
    await hydrated(employee.page);
  };
  await openSelf();
  const ask = employee.page.locator('details#extension');
  await ask.locator('summary').click();
  await ask.getByLabel('Until').fill(isoDay(100));
  await ask.getByLabel('Why').fill('On leave the week of the deadline.');
  await ask.getByRole('button', { name: 'Ask for more time' }).click();
  await expect(ask.getByRole('alert')).toContainText('at most 60 days');
  await ask.getByLabel('Until').fill(isoDay(20));
  await ask.getByRole('button', { name: 'Ask for more time' }).click();
  await expect(ask.getByRole('status')).toContainText(`Asked until ${isoDay(20)}`);

  // HR sees the request on the cycle's progress page and grants it.
  await hr.page.reload();
  await hr.page.locator('table.cycles tr', { hasText: cycle }).getByRole('link', { name: 'Progress by unit and manager' }).click();
  await expect(hr.page.getByRole('heading', { level: 1, name: `Progress: ${cycle}` })).toBeVisible();
  await hydrated(hr.page);
  await expect(hr.page.locator('table.by-unit tbody tr').first()).toBeVisible();
  const request = hr.page.locator('ul.requests li', { hasText: employee.name });
  await expect(request).toContainText(`asks until ${isoDay(20)}`);
  await expect(request).toContainText('On leave the week of the deadline.');
  await request.getByRole('button', { name: 'Grant' }).click();
  await expect(hr.page.locator('section.requests')).toContainText('No open requests');

  // The whole cycle's totals, then the employee's manager found by name
  // (a big cycle shows only the managers with most missing).
  await expect(hr.page.locator('p.cycle-totals')).toContainText(/Whole cycle: self 0\/\d+/);
  await hr.page.getByRole('searchbox', { name: 'Find a unit or manager' }).fill('zz no such name');
  await hr.page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(hr.page.locator('p.shown-managers')).toHaveText('No managers match “zz no such name”.');
  await hr.page.getByRole('searchbox', { name: 'Find a unit or manager' }).fill(manager.name.toUpperCase());
  await hr.page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(hr.page.locator('p.shown-managers')).toContainText(`match “${manager.name.toUpperCase()}”`);
  await hydrated(hr.page);

  // Who is missing what, for the employee's manager.
  const row = hr.page.locator(`tr[data-manager="${manager.id}"]`);
  const missingBefore = Number(await row.locator('td.missing').innerText());
  expect(missingBefore).toBeGreaterThanOrEqual(2);
  await row.getByRole('button', { name: 'Who is missing what' }).click();
  const lines = hr.page.locator('ul.team-reviews li');
  const selfLine = lines.filter({ hasText: employee.name }).filter({ hasText: `Self review of ${employee.name}` });
  await expect(selfLine).toContainText(`missing, due ${isoDay(20)}`);
  const managerLine = lines.filter({ hasText: `Manager review of ${employee.name}` });
  await expect(managerLine).toContainText(`missing, due ${isoDay(14)}`);
  await managerLine.getByLabel(`New deadline for ${manager.name}`).fill(isoDay(21));
  await managerLine.getByRole('button', { name: 'Extend' }).click();
  await expect(hr.page.locator('ul.team-reviews li').filter({ hasText: `Manager review of ${employee.name}` })).toContainText(`missing, due ${isoDay(21)}`);

  // The employee sees the new deadline, writes and submits.
  await openSelf();
  await expect(employee.page.locator('p.hint').first()).toContainText(`due ${isoDay(20)}`);
  await expect(employee.page.locator('section.competency')).toHaveCount(4);
  for (const section of await employee.page.locator('section.competency').all()) {
    await section.getByRole('radio').nth(2).check();
  }
  await employee.page.getByRole('radiogroup', { name: 'Overall rating' }).getByRole('radio').nth(2).check();
  await employee.page.getByRole('button', { name: 'Submit review' }).click();
  await expect(employee.page.getByRole('status').filter({ hasText: 'Submitted — this review is locked.' })).toBeVisible();

  // HR sees it submitted, one fewer missing, and reopens it with a reason.
  await hr.page.reload();
  await hydrated(hr.page);
  await expect(row.locator('td.missing')).toHaveText(String(missingBefore - 1));
  await row.getByRole('button', { name: 'Who is missing what' }).click();
  const submitted = hr.page.locator('ul.team-reviews li').filter({ hasText: employee.name }).filter({ hasText: `Self review of ${employee.name}` });
  await expect(submitted).toContainText('submitted');
  await submitted.getByRole('button', { name: 'Reopen' }).click();
  await expect(submitted.getByRole('alert')).toContainText('Say why');
  await submitted.getByLabel(`Why reopen ${employee.name}'s review`).fill('The period quoted is the wrong quarter.');
  await submitted.getByRole('button', { name: 'Reopen' }).click();
  await expect(row.locator('td.missing')).toHaveText(String(missingBefore));
  await openSelf();
  await expect(employee.page.getByRole('button', { name: 'Submit review' })).toBeVisible();

  // HR moves the cycle on by hand: writing → sharing → closed; a closed cycle takes no more reviews.
  await hr.page.goto('/reviews/cycles');
  await hydrated(hr.page);
  const phase = hr.page.locator('table.cycles tr', { hasText: cycle }).locator('td.phase');
  await expect(phase).toContainText('Writing');
  await phase.getByRole('button', { name: 'Move on to sharing results' }).click();
  await expect(phase).toContainText('Sharing results');
  await phase.getByRole('button', { name: 'Move on to closed' }).click();
  await expect(phase).toHaveText('Closed');
  await employee.page.getByRole('button', { name: 'Submit review' }).click();
  await expect(employee.page.getByRole('alert')).toContainText('This cycle is closed');
});
