import { expect } from '@playwright/test';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Where the run's SMTP server (smtp-sink.mjs, started by playwright.config.ts)
// writes each message it receives, as JSON.
const port = Number(process.env.TEND_E2E_PORT ?? 3199);
const dir = process.env.TEND_E2E_MAIL_DIR ?? `${tmpdir()}/tend-e2e-mail-${port}`;

export type Received = { messageId: string; from: string; to: string; subject: string; text: string; html: string };

/** Every message the SMTP server received for `to`, oldest first. */
export function mailTo(to: string): Received[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Received)
    .filter((m) => m.to.includes(to));
}

/** Waits for the `n`-th message to `to` and returns the sign-in link in it, as a path. */
export async function linkMailedTo(to: string, n = 1): Promise<{ path: string; mail: Received }> {
  // Only sign-in mail: the same person may also get notification emails.
  const links = () => mailTo(to).filter((m) => m.text.includes('/set-password?token='));
  await expect.poll(() => links().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(n);
  const mail = links()[n - 1];
  const m = mail.text.match(/https?:\/\/[^\s]+\/set-password\?token=[0-9a-f]{64}/);
  expect(m, mail.text).not.toBeNull();
  const url = new URL(m![0]);
  return { path: url.pathname + url.search, mail };
}
