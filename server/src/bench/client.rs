//! A minimal HTTP/1.1 client over loopback TCP, so the benchmark measures the
//! real server without pulling an HTTP client into the build.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Talks to one server address; one connection per request.
#[derive(Clone)]
pub struct Client {
    addr: String,
    /// The loopback address to connect from (127.0.0.x), so the server sees
    /// different clients; the OS picks when `None`.
    from: Option<std::net::IpAddr>,
}

impl Client {
    pub fn new(addr: &str) -> Self {
        Client {
            addr: addr.to_owned(),
            from: None,
        }
    }

    /// A client whose connections come from `from` (a loopback address).
    pub fn from(addr: &str, from: std::net::IpAddr) -> Self {
        Client {
            addr: addr.to_owned(),
            from: Some(from),
        }
    }

    /// POSTs a sign-in; returns the status without requiring a cookie.
    pub async fn try_login(&self, email: &str, password: &str) -> Result<u16, String> {
        let body = format!("email={}&password={}", email.replace('@', "%40"), password);
        let req = format!(
            "POST /api/login HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\nContent-Length: {1}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        Ok(self.send(&req).await?.0)
    }

    /// GET `path`; returns the status and the raw response.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Result<(u16, String), String> {
        let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\n{cookie}Connection: close\r\n\r\n",
            self.addr
        );
        self.send(&req).await
    }

    /// POST `body` as `content_type` with a session cookie; returns the status and raw response.
    pub async fn post(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
        cookie: &str,
    ) -> Result<(u16, String), String> {
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nCookie: {cookie}\r\nContent-Type: {content_type}\r\nAccept: application/json\r\nContent-Length: {1}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        self.send(&req).await
    }

    /// Signs in and returns the session cookie (`name=value`).
    pub async fn login(&self, email: &str, password: &str) -> Result<String, String> {
        let body = format!("email={}&password={}", email.replace('@', "%40"), password);
        let req = format!(
            "POST /api/login HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {1}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        let (status, raw) = self.send(&req).await?;
        raw.lines()
            .find_map(|l| {
                l.strip_prefix("set-cookie: ")
                    .or_else(|| l.strip_prefix("Set-Cookie: "))
            })
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
            .ok_or_else(|| format!("sign-in answered {status} without a cookie"))
    }

    async fn send(&self, req: &str) -> Result<(u16, String), String> {
        let mut stream = match self.from {
            None => TcpStream::connect(&self.addr).await.map_err(|e| e.to_string())?,
            Some(ip) => {
                let socket = tokio::net::TcpSocket::new_v4().map_err(|e| e.to_string())?;
                socket
                    .bind(std::net::SocketAddr::new(ip, 0))
                    .map_err(|e| e.to_string())?;
                let to: std::net::SocketAddr = self.addr.parse().map_err(|e| format!("{e}"))?;
                socket.connect(to).await.map_err(|e| e.to_string())?
            }
        };
        stream.write_all(req.as_bytes()).await.map_err(|e| e.to_string())?;
        let mut buf = Vec::new();
        stream.read_to_end(&mut buf).await.map_err(|e| e.to_string())?;
        let raw = String::from_utf8_lossy(&buf).into_owned();
        let status = raw
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or("no HTTP status line")?;
        Ok((status, raw))
    }
}
