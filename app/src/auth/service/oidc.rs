//! Single sign-on with OpenID Connect: the authorisation-code flow with
//! PKCE, state and nonce (`openidconnect`), the ID token checked through
//! the issuer's published keys (signature, `iss`, `aud`, `exp`, nonce, and
//! the access-token hash when present), and the person found by their
//! verified email. Nobody is created here: a verified email nobody in Tend
//! has is refused unless the organisation turned on just-in-time creation
//! (`create_under`), which the route does through HR's rules
//! (`hr::admin_service::joiners`), so that `auth` never depends on `hr`.
//!
//! State that must survive the round trip lives in `oidc_login` (any Tend
//! process may receive the answer); a random browser token in a short-lived
//! cookie binds the answer to the browser that started it, so a link
//! carrying someone else's code cannot sign a victim in as the attacker.

use super::{hash_token, new_token};
use crate::auth::repo::oidc::{self as pending, Pending};
use crate::auth::sso::{identity_email, Refusal};
use crate::server::db::Db;
use openidconnect::core::{
    CoreClient, CoreIdTokenVerifier, CoreJwsSigningAlgorithm, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    reqwest, AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// The path the provider sends people back to (register it at the provider).
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";

/// How long discovered metadata and keys are trusted before a re-read.
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// A failed signature re-reads the keys (the issuer may have rotated them),
/// but not more often than this, so forged tokens cannot make Tend hammer it.
const REFRESH_AT_MOST_EVERY: Duration = Duration::from_secs(60);

/// Attempts one network address may start per window: each stores a row
/// until it lapses, and a person retrying needs only a few.
pub const STARTS_PER_ADDRESS: usize = 30;
const START_WINDOW: Duration = Duration::from_secs(600);

/// Asymmetric signatures only: an HMAC "signed" with the client secret would
/// be as good as the secret, and `none` is never accepted.
const ALGS: [CoreJwsSigningAlgorithm; 9] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha384,
    CoreJwsSigningAlgorithm::RsaSsaPssSha512,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    CoreJwsSigningAlgorithm::EcdsaP384Sha384,
    CoreJwsSigningAlgorithm::EdDsa,
];

/// What an organisation configures (`TEND_OIDC_*`).
#[derive(Debug, Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The button's words: "Sign in with {label}".
    pub label: String,
    /// Tend's own address, which the callback path is appended to.
    pub public_url: String,
    /// Just-in-time creation: people who sign in but are not in Tend yet
    /// are added reporting to the person with this email (in their unit),
    /// until HR places them. `None` (the default) refuses them.
    pub create_under: Option<String>,
}

/// A configured identity provider, with its metadata and keys cached.
pub struct Oidc {
    issuer: IssuerUrl,
    client_id: ClientId,
    client_secret: ClientSecret,
    redirect: RedirectUrl,
    label: String,
    create_under: Option<String>,
    http: reqwest::Client,
    cached: RwLock<Option<(CoreProviderMetadata, Instant)>>,
    starts: super::request_limit::RequestLimit,
    refresh_at_most_every: Duration,
}

/// Where to send the browser, and the token for its binding cookie.
pub struct Started {
    pub authorize_url: String,
    pub browser_token: String,
}

/// What the provider's answer carried.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// Who the provider vouched for, and where they were going.
pub struct Verified {
    /// Verified, lower-cased.
    pub email: String,
    /// Their name at the provider, if it gave one.
    pub name: Option<String>,
    pub next: String,
}

impl Oidc {
    /// Checks the settings; discovery waits for the first sign-in, so Tend
    /// starts even while the provider is down.
    pub fn new(s: OidcSettings) -> Result<Oidc, String> {
        let issuer = IssuerUrl::new(s.issuer.trim_end_matches('/').to_owned())
            .map_err(|_| "TEND_OIDC_ISSUER must be the provider's https:// address, as its documentation gives it.")?;
        if s.client_id.trim().is_empty() || s.client_secret.is_empty() {
            return Err(
                "Single sign-on needs TEND_OIDC_CLIENT_ID and TEND_OIDC_CLIENT_SECRET from the provider.".into(),
            );
        }
        let redirect = RedirectUrl::new(format!("{}{CALLBACK_PATH}", s.public_url.trim_end_matches('/')))
            .map_err(|_| "TEND_PUBLIC_URL must be an http(s):// address for single sign-on.")?;
        let http = reqwest::ClientBuilder::new()
            // Following redirects would let a provider's answer send Tend's
            // requests anywhere (the crate's own advice).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("Cannot prepare HTTP for single sign-on: {e}"))?;
        Ok(Oidc {
            issuer,
            client_id: ClientId::new(s.client_id.trim().to_owned()),
            client_secret: ClientSecret::new(s.client_secret),
            redirect,
            label: s.label,
            create_under: s
                .create_under
                .map(|e| e.trim().to_lowercase())
                .filter(|e| !e.is_empty()),
            http,
            cached: RwLock::new(None),
            starts: Default::default(),
            refresh_at_most_every: REFRESH_AT_MOST_EVERY,
        })
    }

    /// The same, re-reading the keys after a failed signature whenever the
    /// cached ones are older than `after` (tests use zero).
    pub fn refreshing_keys_after(mut self, after: Duration) -> Self {
        self.refresh_at_most_every = after;
        self
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn issuer(&self) -> &str {
        self.issuer.as_str()
    }

    pub fn redirect_url(&self) -> &str {
        self.redirect.as_str()
    }

    /// Whose team newcomers join, when just-in-time creation is on.
    pub fn create_under(&self) -> Option<&str> {
        self.create_under.as_deref()
    }

    /// The provider's metadata and keys: cached, re-read after an hour, or
    /// sooner when `stale_after` says the cached copy is too old to trust.
    async fn metadata(&self, stale_after: Duration) -> Result<CoreProviderMetadata, Refusal> {
        if let Some((m, at)) = self.cached.read().await.as_ref() {
            if at.elapsed() < stale_after {
                return Ok(m.clone());
            }
        }
        let mut slot = self.cached.write().await;
        if let Some((m, at)) = slot.as_ref() {
            if at.elapsed() < stale_after {
                return Ok(m.clone()); // another request just read it
            }
        }
        let m = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| {
                tracing::warn!(issuer = %self.issuer.as_str(), error = %error_chain(&e), "single sign-on: discovery failed");
                Refusal::Unavailable
            })?;
        *slot = Some((m.clone(), Instant::now()));
        Ok(m)
    }

    /// Tend as this provider's client: discovered endpoints, our id, secret
    /// and redirect address.
    fn client(
        &self,
        meta: CoreProviderMetadata,
    ) -> CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>
    {
        CoreClient::from_provider_metadata(meta, self.client_id.clone(), Some(self.client_secret.clone()))
            .set_redirect_uri(self.redirect.clone())
    }

    /// The ID token check for this issuer's keys: the algorithms the issuer
    /// says it signs with, but only asymmetric ones ([`ALGS`]).
    fn verifier(&self, meta: &CoreProviderMetadata) -> CoreIdTokenVerifier<'static> {
        let algs: Vec<CoreJwsSigningAlgorithm> = meta
            .id_token_signing_alg_values_supported()
            .iter()
            .filter(|a| ALGS.contains(a))
            .cloned()
            .collect();
        CoreIdTokenVerifier::new_confidential_client(
            self.client_id.clone(),
            self.client_secret.clone(),
            meta.issuer().clone(),
            meta.jwks().clone(),
        )
        .set_allowed_algs(if algs.is_empty() { ALGS.to_vec() } else { algs })
    }

    /// Stores a new attempt and returns the provider's address for it.
    pub async fn start(&self, db: &Db, next: &str, ip: &str) -> Result<Started, Refusal> {
        if !self.starts.allow(ip, STARTS_PER_ADDRESS, START_WINDOW, Instant::now()) {
            return Err(Refusal::TooMany);
        }
        let meta = self.metadata(METADATA_TTL).await?;
        let client = self.client(meta);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                openidconnect::core::CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let (browser_token, browser_hash) = new_token().map_err(|_| Refusal::Unavailable)?;
        let row = Pending {
            browser_hash,
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
            next: next.to_owned(),
        };
        pending::save(db, &hash_token(state.secret()), row)
            .await
            .map_err(|_| Refusal::Unavailable)?;
        Ok(Started {
            authorize_url: url.to_string(),
            browser_token,
        })
    }

    /// Checks the provider's answer and returns whom it vouches for; no
    /// session yet ([`sign_in_as`] opens one).
    pub async fn finish(&self, db: &Db, cb: Callback, browser_token: Option<&str>) -> Result<Verified, Refusal> {
        // The attempt is used up whatever happens next: a state is good once.
        let state = cb.state.as_deref().filter(|s| !s.is_empty() && s.len() <= 512);
        let found = match state {
            Some(s) => pending::take(db, &hash_token(s))
                .await
                .map_err(|_| Refusal::Unavailable)?,
            None => None,
        };
        if let Some(error) = cb.error.as_deref() {
            tracing::info!(error = %error.chars().take(64).collect::<String>(), "single sign-on: the provider answered with an error");
            return Err(Refusal::from_provider_error(error));
        }
        let p = found.ok_or(Refusal::State)?;
        if browser_token.map(hash_token).as_deref() != Some(p.browser_hash.as_str()) {
            return Err(Refusal::State);
        }
        let code = cb
            .code
            .filter(|c| !c.is_empty() && c.len() <= 2048)
            .ok_or(Refusal::Provider)?;
        let (email, name) = self.verified_email(code, &p).await?;
        Ok(Verified {
            email,
            name,
            next: p.next,
        })
    }

    /// Exchanges the code (with the PKCE verifier), checks the ID token, and
    /// reads the verified email from it, or from userinfo when the token
    /// leaves it out (the subject must then match).
    async fn verified_email(&self, code: String, p: &Pending) -> Result<(String, Option<String>), Refusal> {
        let meta = self.metadata(METADATA_TTL).await?;
        let client = self.client(meta.clone());
        let token = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|_| Refusal::Provider)?
            .set_pkce_verifier(PkceCodeVerifier::new(p.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| {
                tracing::warn!(error = %error_chain(&e), "single sign-on: the code exchange failed");
                Refusal::Token
            })?;
        let id_token = token.id_token().ok_or(Refusal::Token)?;
        let nonce = Nonce::new(p.nonce.clone());
        let mut verifier = self.verifier(&meta);
        let claims = match id_token.claims(&verifier, &nonce) {
            Ok(c) => c.clone(),
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(e)) => {
                // Perhaps the issuer rotated its keys: read them again (at
                // most once a minute) and check once more, with the new keys
                // for the access-token hash below too.
                tracing::info!(error = %e, "single sign-on: signature did not verify; re-reading the issuer's keys");
                verifier = self.verifier(&self.metadata(self.refresh_at_most_every).await?);
                id_token
                    .claims(&verifier, &nonce)
                    .cloned()
                    .map_err(|e| refused_token(&e))?
            }
            Err(e) => return Err(refused_token(&e)),
        };
        if let Some(expected) = claims.access_token_hash() {
            let alg = id_token.signing_alg().map_err(|e| refused_token(&e))?;
            let key = id_token.signing_key(&verifier).map_err(|e| refused_token(&e))?;
            let actual = AccessTokenHash::from_token(token.access_token(), alg, key).map_err(|e| refused_token(&e))?;
            if actual != *expected {
                return Err(refused_token(
                    &"the access token does not match its hash in the ID token",
                ));
            }
        }
        let name = claims.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_owned());
        if claims.email().is_some() {
            let email = identity_email(claims.email().map(|e| e.as_str()), claims.email_verified())?;
            return Ok((email, name));
        }
        let info: CoreUserInfoClaims = client
            .user_info(token.access_token().clone(), Some(claims.subject().clone()))
            .map_err(|_| Refusal::Unverified)?
            .request_async(&self.http)
            .await
            .map_err(|e| {
                tracing::warn!(error = %error_chain(&e), "single sign-on: userinfo failed");
                Refusal::Token
            })?;
        let email = identity_email(info.email().map(|e| e.as_str()), info.email_verified())?;
        let name = name.or_else(|| info.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_owned()));
        Ok((email, name))
    }
}

/// Opens a session for the active person with this verified email:
/// `Ok(None)` when nobody has it, [`Refusal::Left`] for a leaver.
pub async fn sign_in_as(db: &Db, email: &str) -> Result<Option<String>, Refusal> {
    let Some(account) = crate::people::repo::credentials(db, email)
        .await
        .map_err(|_| Refusal::Unavailable)?
    else {
        return Ok(None);
    };
    if account.left {
        return Err(Refusal::Left);
    }
    let token = super::open_session(db, &account.id)
        .await
        .map_err(|_| Refusal::Unavailable)?;
    Ok(Some(token))
}

/// Logs why a token was refused (for the administrator) and returns the
/// refusal the person sees (which says nothing of the reason).
fn refused_token(e: &dyn std::fmt::Display) -> Refusal {
    tracing::warn!(error = %e, "single sign-on: ID token refused");
    Refusal::Token
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cur = c.source();
    }
    out
}
