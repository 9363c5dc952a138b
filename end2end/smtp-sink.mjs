// A real SMTP server for Tend's tests (npm `smtp-server`): it requires
// AUTH (user `tend`, password `sink-pass`), accepts every message, and
// writes each one, parsed by `mailparser`, as JSON into a folder:
// { messageId, from, to, subject, text, html }. It prints
// "listening PORT" once ready. With --fail-first N it answers the first N
// messages with "451 try again later" (a transient failure). With
// --exit-with-stdin it exits when its standard input closes, so a test
// process that dies (even by abort) never leaves it running.
//
//   node smtp-sink.mjs --dir DIR [--port 0] [--fail-first N] [--exit-with-stdin]
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = arg('dir');
if (!dir) {
  console.error('usage: node smtp-sink.mjs --dir DIR [--port 0] [--fail-first N]');
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
let failFirst = Number(arg('fail-first', '0'));
let n = 0;

const server = new SMTPServer({
  authOptional: false,
  allowInsecureAuth: true, // loopback only; the tests cover AUTH, not TLS
  disabledCommands: ['STARTTLS'],
  logger: false,
  disableReverseLookup: true, // no DNS on loopback: it only slowed every connection
  onAuth(auth, _session, cb) {
    if (auth.username === 'tend' && auth.password === 'sink-pass') return cb(null, { user: 'tend' });
    return cb(new Error('Invalid username or password'));
  },
  onData(stream, _session, cb) {
    simpleParser(stream)
      .then((mail) => {
        if (failFirst > 0) {
          failFirst -= 1;
          const e = new Error('Try again later');
          e.responseCode = 451;
          return cb(e);
        }
        n += 1;
        const out = {
          messageId: mail.messageId,
          from: mail.from?.text,
          to: mail.to?.text,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        };
        const file = path.join(dir, `${Date.now()}-${String(n).padStart(6, '0')}.json`);
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(out));
        fs.renameSync(`${file}.tmp`, file);
        cb();
      })
      .catch(cb);
  },
});

server.listen(Number(arg('port', '0')), '127.0.0.1', () => {
  console.log(`listening ${server.server.address().port}`);
});
if (args.includes('--exit-with-stdin')) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
