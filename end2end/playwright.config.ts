import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';

// Each run starts its own `tend serve` on an in-memory database seeded with a
// small deterministic org, so journeys never depend on leftover state.
const port = Number(process.env.TEND_E2E_PORT ?? 3199);
const bin = process.env.TEND_BIN ?? `${process.env.HOME}/.cache/tend/target/debug/tend`;
// A real SMTP server (npm smtp-server, `smtp-sink.mjs`) receives Tend's
// mail; journeys read the messages it writes to `mailDir`.
const smtpPort = Number(process.env.TEND_E2E_SMTP_PORT ?? port + 1000);
// (Outside test-results, which Playwright empties when the run starts.)
const mailDir = process.env.TEND_E2E_MAIL_DIR ?? `${tmpdir()}/tend-e2e-mail-${port}`;
// A real OpenID provider (npm oidc-provider, `oidc-provider.mjs`) for
// single sign-on; journeys may also ask it to spoil the next ID token.
const oidcPort = Number(process.env.TEND_E2E_OIDC_PORT ?? port + 2000);
const tend = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: tend,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: `rm -rf ${mailDir} && node smtp-sink.mjs --dir ${mailDir} --port ${smtpPort}`,
      port: smtpPort,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node oidc-provider.mjs --port ${oidcPort} --redirect ${tend}/auth/oidc/callback`,
      port: oidcPort,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `${bin} serve --addr 127.0.0.1:${port} --seed-people 300 --seed 42`,
      env: {
        // TEND_E2E_DB points the run at a disk store (for the capture benchmark).
        TEND_DB: process.env.TEND_E2E_DB ?? 'mem://',
        LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? '../target/site',
        TEND_LOG: 'warn',
        TEND_SMTP_URL: `smtp://tend:sink-pass@127.0.0.1:${smtpPort}`,
        TEND_MAIL_FROM: 'Tend <tend@tend.example>',
        TEND_PUBLIC_URL: tend,
        TEND_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        TEND_OIDC_CLIENT_ID: 'tend',
        TEND_OIDC_CLIENT_SECRET: 'oidc-pass',
        TEND_OIDC_NAME: 'Test IdP',
        // Notification email goes out within a second or two, not a minute.
        TEND_NOTIFY_GATHER_SECS: '0',
        TEND_NOTIFY_SETTLE_SECS: '0',
        TEND_MAILER_EVERY_SECS: '1',
      },
      url: `http://127.0.0.1:${port}/login`,
      timeout: 240_000, // the debug build seeds 300 people with goals, then counts them
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
