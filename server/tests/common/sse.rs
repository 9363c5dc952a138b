//! Reading a server-sent event stream (`/api/live`) in tests.

use super::*;

/// Opens `/api/live` with a session cookie and an optional `Last-Event-ID`.
pub async fn live(app: &TestApp, cookie: Option<&str>, last: Option<&str>) -> Response<Body> {
    let mut req = Request::get("/api/live")
        .header(header::HOST, HOST)
        .header(header::ACCEPT, "text/event-stream");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    if let Some(l) = last {
        req = req.header("last-event-id", l);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

/// Reads SSE frames until one holds `needle`, or fails after `secs`.
pub async fn sse_until(body: &mut Body, needle: &str, secs: u64) -> String {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(secs);
    while !seen.contains(needle) {
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .unwrap_or_else(|_| panic!("no {needle:?} within {secs} s; got {seen:?}"));
        let Some(Ok(frame)) = frame else {
            panic!("stream ended; got {seen:?}")
        };
        if let Some(data) = frame.data_ref() {
            seen.push_str(&String::from_utf8_lossy(data));
        }
    }
    seen
}

/// The next SSE frame's text, `None` once the stream has ended; fails after `secs`.
pub async fn sse_next(body: &mut Body, secs: u64) -> Option<String> {
    let frame = tokio::time::timeout(std::time::Duration::from_secs(secs), body.frame())
        .await
        .unwrap_or_else(|_| panic!("neither a frame nor the end within {secs} s"));
    match frame {
        Some(Ok(f)) => Some(
            f.data_ref()
                .map(|d| String::from_utf8_lossy(d).into_owned())
                .unwrap_or_default(),
        ),
        _ => None,
    }
}
