//! A real OpenID provider for tests and `tend bench --only oidc`:
//! `end2end/oidc-provider.mjs` (npm `oidc-provider`) in this checkout, on a
//! free port, with one confidential client that must use PKCE. This helper
//! starts it, plays the person at its sign-in page (any email signs in;
//! `unverified:EMAIL` is an unverified one), and asks it to spoil the next
//! ID token in one of the ways the script lists.

use openidconnect::reqwest;
use std::collections::BTreeMap;
use std::process::Child;

/// The client the provider knows.
pub const CLIENT_ID: &str = "tend";
pub const CLIENT_SECRET: &str = "oidc-pass";

/// A running provider; stopped when dropped.
pub struct OidcProvider {
    child: Child,
    pub port: u16,
    http: reqwest::Client,
}

impl OidcProvider {
    /// Starts a provider that sends people back to `redirect`. Panics with
    /// what to install when Node.js or the npm packages are missing.
    pub fn start(redirect: &str) -> OidcProvider {
        let args = [
            "--redirect",
            redirect,
            "--client-id",
            CLIENT_ID,
            "--client-secret",
            CLIENT_SECRET,
        ];
        let (child, port) = super::node_server::spawn("oidc-provider.mjs", &args, "the OpenID provider");
        let http = reqwest::ClientBuilder::new()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        OidcProvider { child, port, http }
    }

    /// The issuer address (`TEND_OIDC_ISSUER`).
    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Spoils the ID token of the next token response (`tamper`,
    /// `foreign-key`, `alg-none`, `wrong-aud`, `wrong-iss`, `expired`,
    /// `wrong-nonce`, `no-email`).
    pub async fn spoil_next_token(&self, mode: &str) {
        let res = self
            .http
            .post(format!("{}/__test/next-token?mode={mode}", self.issuer()))
            .send()
            .await
            .expect("the provider answers");
        assert_eq!(res.status().as_u16(), 204);
    }

    /// Follows Tend's redirect to the provider as a browser would, signs in
    /// there as `login` (an email), and returns the address the provider
    /// sends the browser back to (Tend's callback, with code and state).
    pub async fn sign_in(&self, authorize_url: &str, login: &str) -> String {
        let mut jar: BTreeMap<String, String> = BTreeMap::new();
        let mut url = authorize_url.to_owned();
        let mut form = None;
        for _ in 0..10 {
            if !url.starts_with(&self.issuer()) {
                return url;
            }
            let cookies: Vec<String> = jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let req = match form.take() {
                Some(body) => self
                    .http
                    .post(&url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body),
                None => self.http.get(&url),
            };
            let res = req
                .header("cookie", cookies.join("; "))
                .send()
                .await
                .expect("the provider answers");
            for c in res.headers().get_all("set-cookie") {
                let pair = c.to_str().unwrap_or_default().split(';').next().unwrap_or_default();
                if let Some((k, v)) = pair.split_once('=') {
                    jar.insert(k.trim().to_owned(), v.trim().to_owned());
                }
            }
            match res.headers().get("location").and_then(|l| l.to_str().ok()) {
                Some(next) if next.starts_with('/') => url = format!("{}{next}", self.issuer()),
                Some(next) => url = next.to_owned(),
                None => {
                    // The sign-in page: post the email to its form.
                    assert!(
                        res.status().is_success(),
                        "the provider refused: {}",
                        res.text().await.unwrap_or_default()
                    );
                    url = format!("{url}/login");
                    form = Some(format!(
                        "login={}&password=x",
                        crate::shared::url::percent_encode(login, b"@")
                    ));
                }
            }
        }
        panic!("the provider never sent the browser back to Tend");
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
