import { expect, test } from '@playwright/test';
import { callServerFn, expectSignInRefused, hydrated, HR, signIn, watchConsole } from './helpers';
import { linkMailedTo } from './mail-helpers';

// Mail through a real SMTP server: a forgotten password is reset from the
// link in the message the server received, and a person HR adds accepts
// the invitation and signs in. (Demo people no other journey uses.)

test('a forgotten password is reset from the emailed link, which then works no more', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, HR);
  const profile = await callServerFn(page, '/api/person', 'id=p271');
  const email: string = JSON.parse(profile.text).email;
  const name: string = JSON.parse(profile.text).name;

  const me = await (await browser.newContext()).newPage();
  const problems = watchConsole(me);
  await me.goto('/login');
  await me.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(me.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
  await hydrated(me);
  await me.getByLabel('Work email').fill(email);
  await me.getByRole('button', { name: 'Send me a link' }).click();
  await expect(me.getByRole('status')).toContainText(`If ${email} belongs to a Tend account, a link is on its way.`);
  // The same answer for an address nobody has.
  await me.getByLabel('Work email').fill('nobody.at.all@tend.example');
  await me.getByRole('button', { name: 'Send me a link' }).click();
  await expect(me.getByRole('status')).toContainText('If nobody.at.all@tend.example belongs to a Tend account');

  const { path, mail } = await linkMailedTo(email);
  expect(mail.subject).toBe('Reset your Tend password');
  expect(mail.html).toContain('Choose a new password');
  await me.goto(path);
  await expect(me.getByRole('heading', { level: 1, name: `Choose a new password, ${name}` })).toBeVisible();
  await hydrated(me);
  const fresh = 'harbour-walnut-signal-31';
  await me.getByLabel('Password (at least 12 characters)').fill('password1234');
  await expect(me.getByText(/guessed first/)).toBeVisible();
  await me.getByLabel('Password (at least 12 characters)').fill(fresh);
  await me.getByLabel('Password again').fill(fresh);
  await me.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(me.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();

  // Used once: the same link now says so, and the old password is gone.
  const later = await (await browser.newContext()).newPage();
  await later.goto(path);
  await expect(later.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible();
  await expect(later.getByText('already used')).toBeVisible();
  await expectSignInRefused(later, email);
  await signIn(later, email, fresh);
  expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
});

test('HR adds a person with an invitation, sees it sent, and the person chooses a password and signs in', async ({ page, browser }) => {
  test.setTimeout(180_000); // adding a person recounts the dashboards on the debug build
  await signIn(page, HR);
  // Someone to report to (the picker leaves out the person using it).
  const boss: string = JSON.parse((await callServerFn(page, '/api/person', 'id=p1')).text).name;
  await page.goto('/people/new');
  await hydrated(page);
  await page.getByLabel('Name', { exact: true }).fill('Ines Invited');
  await page.getByLabel('Work email').fill('ines.invited@tend.example');
  await page.getByLabel('Title', { exact: true }).fill('Engineer');
  await page.getByLabel('Org unit').selectOption({ index: 1 });
  await page.getByLabel('Reports to').fill(boss);
  await page.getByRole('button', { name: new RegExp(`^${boss} — `) }).first().click();
  await expect(page.getByLabel(/Mail them an invitation/)).toBeChecked();
  await page.getByRole('button', { name: 'Add the person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administer Ines Invited' })).toBeVisible();
  const adminPage = page.url();

  const { path, mail } = await linkMailedTo('ines.invited@tend.example');
  expect(mail.subject).toMatch(/^You're invited to Tend at /);
  expect(mail.text).toContain('invited you');
  await page.getByRole('link', { name: 'Emails' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Emails' })).toBeVisible();
  const line = page.locator('li.email').filter({ hasText: 'ines.invited@tend.example' });
  await expect(line).toContainText('Sent');
  await expect(page.getByText('the SMTP server 127.0.0.1:')).toBeVisible();

  const ines = await (await browser.newContext()).newPage();
  const problems = watchConsole(ines);
  await ines.goto(path);
  await expect(ines.getByRole('heading', { level: 1, name: 'Welcome to Tend, Ines Invited' })).toBeVisible();
  await hydrated(ines);
  const chosen = 'orchard-lantern-pebble-62';
  await ines.getByLabel('Password (at least 12 characters)').fill(chosen);
  await ines.getByLabel('Password again').fill(chosen);
  await ines.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(ines.getByRole('heading', { level: 1, name: /^Welcome, Ines/ })).toBeVisible();
  expect(problems).toEqual([]);

  // Ines leaves again, so later journeys see the demo org as it was.
  await page.goto(adminPage);
  await hydrated(page);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Last day').fill(yesterday);
  await page.getByRole('button', { name: 'Record that they left' }).click();
  await expect(page.getByText(`Left on ${yesterday}.`)).toBeVisible();
});

test('the Emails page and invitations are HR only', async ({ page }) => {
  await signIn(page, 'manager@tend.example');
  await expect(page.getByRole('link', { name: 'Emails' })).toHaveCount(0);
  await page.goto('/emails');
  await expect(page.getByRole('heading', { name: '403 · Not yours to see' })).toBeVisible();
  const r = await callServerFn(page, '/api/send_invitation', 'person=p10');
  expect(r.status).toBe(403);
});
