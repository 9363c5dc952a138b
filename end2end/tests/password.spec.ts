import { expect, test } from '@playwright/test';
import { callServerFn, expectSignInRefused, hydrated, HR, PASSWORD, signIn, watchConsole } from './helpers';

// Someone changes their password: the form says why a weak one will not
// do as they type, the wrong current password is refused, and afterwards
// only the new password signs in. (A demo person no other journey uses.)
test('a person changes their password and only the new one signs in', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, HR);
  const profile = await callServerFn(page, '/api/person', 'id=p270');
  expect(profile.status).toBe(200);
  const email: string = JSON.parse(profile.text).email;

  const me = await (await browser.newContext()).newPage();
  const problems = watchConsole(me);
  await signIn(me, email);
  await me.getByRole('link', { name: 'Password' }).click();
  await expect(me.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible();
  await hydrated(me);
  await me.getByLabel('New password (at least 12 characters)').fill('short');
  await expect(me.getByText('Use at least 12 characters')).toBeVisible();
  const fresh = 'walnut-harbour-lantern-7';
  await me.getByLabel('Current password').fill('not my password');
  await me.getByLabel('New password (at least 12 characters)').fill(fresh);
  await me.getByLabel('New password again').fill(fresh);
  await me.getByRole('button', { name: 'Change password' }).click();
  await expect(me.getByText('That is not your current password.')).toBeVisible();
  await me.getByLabel('Current password').fill(PASSWORD);
  await me.getByRole('button', { name: 'Change password' }).click();
  await expect(me.getByRole('status')).toContainText('Your password is changed');

  const other = await (await browser.newContext()).newPage();
  await expectSignInRefused(other, email);
  await signIn(other, email, fresh);
  // The refused current password is a 400 the browser logs; nothing else.
  expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
});
