import { Browser, expect, Page, test } from '@playwright/test';
import { callServerFn, expectAccountClosed, hydrated, HR, signIn, watchConsole } from './helpers';

// HR loads 50 people from an HRIS export into the demo org, sees what the
// file changes before applying it, moves one of them, and lets someone go
// whose browser is open. At the end every imported person has left again,
// so the journeys after this one see the demo org they expect.

const HEADER = 'employee_id,email,name,manager_employee_id,org_unit,title,start_date,end_date,is_hr,time_zone';
const TOP = 'Tend Demo Co/Imported';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 50 people: a head reporting to the CEO (p0), four leads, 45 engineers. */
function people(opts: { endDate?: string; moveTen?: boolean } = {}): string {
  const end = opts.endDate ?? '';
  const rows = [HEADER];
  rows.push(`imp-00,imp00@import.example,Imported Head,p0,${TOP},Head of Imports,2026-01-05,${end},false,Europe/Berlin`);
  for (let i = 1; i < 50; i++) {
    const lead = i <= 4;
    let manager = lead ? 'imp-00' : `imp-0${1 + (i % 4)}`;
    let unit = lead ? `${TOP}/Team ${i}` : `${TOP}/Team ${1 + (i % 4)}`;
    if (opts.moveTen && i === 10) {
      manager = 'imp-01';
      unit = `${TOP}/Team 1`;
    }
    const title = lead ? 'Team Lead' : 'Engineer';
    rows.push(`imp-${pad(i)},imp${pad(i)}@import.example,Imported Person ${pad(i)},${manager},${unit},${title},2026-02-01,${end},false,UTC`);
  }
  return rows.join('\n') + '\n';
}

function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

async function openImport(page: Page) {
  await page.getByRole('link', { name: 'Import people' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import people' })).toBeVisible();
  await hydrated(page);
}

async function choose(page: Page, csv: string) {
  await page.getByLabel('Choose the file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByLabel('or paste it')).toHaveValue(csv);
}

async function checkAndApply(page: Page, summary: RegExp) {
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.locator('.import-summary')).toHaveText(summary);
  await page.getByRole('button', { name: 'Apply these changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied.' })).toBeVisible();
}

async function signedInElsewhere(browser: Browser, email: string): Promise<Page> {
  const other = await (await browser.newContext()).newPage();
  await signIn(other, email);
  return other;
}

test('HR imports 50 people after reading the dry run, moves one, and lets a signed-in person go', async ({ page, browser }) => {
  test.setTimeout(240_000); // each apply recounts the dashboards on the debug build
  const problems = watchConsole(page);
  await signIn(page, HR);
  await openImport(page);

  // A bad file first: every bad line is named and nothing is imported.
  const bad = people().replace('imp-07,imp07@import.example', 'imp-07,not-an-email');
  await choose(page, bad);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing was imported');
  await expect(page.getByRole('alert')).toContainText('Line 9: “not-an-email” is not an email address.');

  // The dry run: 50 new people in 5 new units, and no Apply until checked.
  await choose(page, people());
  await expect(page.getByRole('button', { name: 'Apply these changes' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.locator('.import-summary')).toHaveText(
    '50 people in the file: 50 new, 0 moved, 0 renamed, 0 leaving, 0 returning, 0 with other changes.',
  );
  await expect(page.getByRole('heading', { name: 'New org units (5)' })).toBeVisible();
  await expect(page.getByText('Imported Head (imp00@import.example)')).toBeVisible();
  // Changing the options after the check hides Apply until it is checked again.
  await page.getByLabel(/whole organisation/).check();
  await expect(page.getByRole('button', { name: 'Apply these changes' })).toHaveCount(0);
  await page.getByLabel(/whole organisation/).uncheck();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByRole('button', { name: 'Apply these changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied.' })).toBeVisible();

  // The same file again changes nothing.
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing to change' })).toBeVisible();

  // The org chart shows them: the head's page lists the four leads.
  await page.goto('/directory?q=Imported%20Head');
  await page.getByRole('link', { name: 'Imported Head' }).click();
  await expect(page.getByText('Imported Person 04')).toBeVisible();

  // A move: Person 10 goes to the first team.
  await openImport(page);
  await choose(page, people({ moveTen: true }));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.locator('.import-summary')).toHaveText(/: 0 new, 1 moved,/);
  await expect(page.getByText('Imported Person 10: manager Imported Person 03 → Imported Person 01')).toBeVisible();
  await page.getByRole('button', { name: 'Apply these changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied.' })).toBeVisible();
  await page.goto('/directory?q=Imported%20Person%2010');
  await page.getByRole('link', { name: 'Imported Person 10' }).click();
  await expect(page.getByRole('link', { name: 'Imported Person 01' })).toBeVisible();

  // A leaver with an open session: their next request is refused.
  const profile = await callServerFn(page, '/api/person', 'id=p260');
  expect(profile.status).toBe(200);
  const email: string = JSON.parse(profile.text).email;
  const leaver = await signedInElsewhere(browser, email);
  const exported = await page.evaluate(async () => (await fetch('/people/export.csv')).text());
  const line = exported.split('\n').find((l) => l.startsWith('p260,'));
  expect(line, 'p260 is in the export').toBeTruthy();
  const cells = line!.split(',');
  cells[7] = yesterday();
  await openImport(page);
  await choose(page, `${exported.split('\n')[0]}\n${cells.join(',')}\n`);
  await checkAndApply(page, /: 0 new, 0 moved, 0 renamed, 1 leaving,/);
  await expectAccountClosed(leaver, email);

  // The one refused check (the bad file) is a 400 the browser logs; nothing else may appear.
  expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
});

test('HR adds a person, moves them to another manager from a past day, records that they left, and shapes the units', async ({ page }) => {
  test.setTimeout(240_000); // each apply recounts the dashboards on the debug build
  const problems = watchConsole(page);
  await signIn(page, HR);
  await page.goto('/directory');
  await page.getByRole('link', { name: 'Add a person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a person' })).toBeVisible();
  await hydrated(page);
  // The browser checks what it can before anything is sent.
  await page.getByRole('button', { name: 'Add the person' }).click();
  await expect(page.getByText('The name is 1 to 120 characters.')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Ada Added');
  await page.getByLabel('Work email').fill('ada.added@import.example');
  await page.getByLabel('Title', { exact: true }).fill('Engineer');
  await page.getByLabel('Org unit').selectOption({ label: `${TOP}/Team 1` });
  await page.getByLabel('Reports to').fill('Imported Person 01');
  await page.getByRole('button', { name: /^Imported Person 01 — / }).click();
  await page.getByRole('button', { name: 'Add the person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administer Ada Added' })).toBeVisible();
  await expect(page.locator('table.history')).toContainText('joined');
  await hydrated(page);

  // A move that counted from a week ago, kept in the history.
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('New manager').fill('Imported Person 02');
  await page.getByRole('button', { name: /^Imported Person 02 — / }).click();
  await page.getByLabel(/Counts from/).fill(weekAgo);
  await page.getByRole('button', { name: 'Move to this manager' }).click();
  const moved = page.locator('table.history tbody tr').filter({ hasText: 'manager' });
  await expect(moved).toContainText('Imported Person 01');
  await expect(moved).toContainText('Imported Person 02');
  await expect(moved).toContainText(weekAgo);
  await expect(page.getByText('Reports to Imported Person 02')).toBeVisible();

  // Leaving: the record stays, read-only, marked with the day.
  await page.getByLabel('Last day').fill(yesterday());
  await page.getByRole('button', { name: 'Record that they left' }).click();
  await expect(page.getByText(`Left on ${yesterday()}.`)).toBeVisible();
  await expect(page.locator('table.history')).toContainText('left');

  // Units: create one under Imported, then rename it; a clash is refused.
  await page.getByRole('link', { name: 'Org units' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Org units' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Under').selectOption({ label: TOP });
  await page.getByLabel('Name', { exact: true }).fill('Team 1');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert')).toContainText('already has a unit named Team 1');
  await page.getByLabel('Name', { exact: true }).fill('Lab');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('table.units')).toContainText('Lab');
  await page.getByLabel('Change', { exact: true }).selectOption('rename');
  await page.getByLabel('Unit to rename').selectOption({ label: `${TOP}/Lab` });
  await page.getByLabel('Name', { exact: true }).fill('Research Lab');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('table.units')).toContainText('Research Lab');
  // The refused unit name is a 4xx the browser logs; nothing else may appear.
  expect(problems.filter((p) => !/status of 4(00|22)/.test(p))).toEqual([]);
});

test('everyone imported leaves again, so later journeys see the demo org', async ({ page }) => {
  await signIn(page, HR);
  await openImport(page);
  await choose(page, people({ endDate: yesterday(), moveTen: true }));
  await checkAndApply(page, /: 0 new, 0 moved, 0 renamed, 50 leaving,/);
});

test('the import page and its server functions are HR only', async ({ page }) => {
  await signIn(page, 'manager@tend.example');
  await expect(page.getByRole('link', { name: 'Import people' })).toHaveCount(0);
  await page.goto('/people/import');
  await expect(page.getByRole('heading', { name: '403 · Not yours to see' })).toBeVisible();
  const r = await page.evaluate(async () => {
    const res = await fetch('/api/check_people_import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ csv: 'employee_id\n', options: { demographics: false, full: false } }),
    });
    return res.status;
  });
  expect(r).toBe(403);
});
