//! Starting the real test servers that run on Node.js from `end2end/` (the
//! SMTP sink, the OpenID provider): each prints "listening PORT" on its
//! first line and exits when its standard input closes, so a test process
//! that dies, however it dies, never leaves one running.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// Starts `end2end/SCRIPT` with `args` (plus `--port 0 --exit-with-stdin`)
/// and returns it with the port it chose. Panics with what to install when
/// Node.js or the npm packages are missing; `what` names it in that message.
pub fn spawn(script: &str, args: &[&str], what: &str) -> (Child, u16) {
    let end2end = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end");
    let mut child = Command::new("node")
        .arg(end2end.join(script))
        .args(args)
        .args(["--port", "0", "--exit-with-stdin"])
        .current_dir(&end2end)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("node runs {what} (install Node.js, then `scripts/setup.sh --with-browser`): {e}"));
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout is piped"))
        .read_line(&mut line)
        .unwrap_or_else(|e| panic!("{what} did not print its port: {e}"));
    let port = line
        .trim()
        .strip_prefix("listening ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| {
            panic!("{what} did not start (run `scripts/setup.sh --with-browser` for its npm packages): {line:?}")
        });
    (child, port)
}
