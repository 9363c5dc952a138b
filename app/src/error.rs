//! The one error type Tend returns from server functions and shows to users.
//!
//! Every variant's message is a plain sentence meant for the person using Tend.
//! Internal details are logged on the server (see [`AppError::internal`]) and
//! never serialised to the client.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, phrased for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session.
    #[error("Please sign in to continue.")]
    Unauthorized,
    /// Signed in, but outside the actor's reach in the org chart or role.
    #[error("You don't have access to this page.")]
    Forbidden,
    /// The thing asked for does not exist.
    #[error("We couldn't find what you were looking for.")]
    NotFound,
    /// The input was rejected; the message says which field and why.
    #[error("{0}")]
    Invalid(String),
    /// Form fields were rejected; each names its field and says why.
    #[error("{}", .0.first().map(|e| e.message.as_str()).unwrap_or("Check the highlighted fields."))]
    InvalidFields(Vec<crate::error::FieldError>),
    /// Sign-in failed. Deliberately does not say whether the email exists.
    #[error("That email and password don't match. Check both and try again.")]
    BadCredentials,
    /// Too many sign-in attempts; the number is the minutes to wait.
    #[error("Too many sign-in attempts. Please wait {0} minute(s) and try again.")]
    RateLimited(u64),
    /// The browser could not reach the server.
    #[error("Tend couldn't be reached. Check your connection and try again.")]
    Network,
    /// Anything unexpected. The detail is in the server log, not here.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

impl AppError {
    /// The HTTP status this error is served with.
    pub fn status_code(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::Unauthorized | AppError::BadCredentials => S::UNAUTHORIZED,
            AppError::Forbidden => S::FORBIDDEN,
            AppError::NotFound => S::NOT_FOUND,
            AppError::Invalid(_) | AppError::InvalidFields(_) => S::BAD_REQUEST,
            AppError::RateLimited(_) => S::TOO_MANY_REQUESTS,
            AppError::Network => S::BAD_GATEWAY,
            AppError::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }

    /// One rejected field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::InvalidFields(vec![crate::error::FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }

    /// The message for one field, if this error names it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::InvalidFields(errors) => errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// Logs the detail server-side and returns the opaque [`AppError::Internal`].
    #[cfg(feature = "ssr")]
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "internal error");
        // Unit tests run without a tracing subscriber; show the detail there too.
        #[cfg(test)]
        eprintln!("internal error: {detail}");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::Invalid("The request was malformed.".into()),
            ServerFnErrorErr::Request(_) => AppError::Network,
            ServerFnErrorErr::MiddlewareError(msg) => {
                // Middleware errors are ours and already user-facing.
                serde_json::from_str(&msg).unwrap_or(AppError::Internal)
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_meaning() {
        assert_eq!(AppError::Forbidden.status_code(), 403);
        assert_eq!(AppError::NotFound.status_code(), 404);
        assert_eq!(AppError::Unauthorized.status_code(), 401);
        assert_eq!(AppError::RateLimited(5).status_code(), 429);
        assert_eq!(AppError::Invalid("x".into()).status_code(), 400);
    }

    #[test]
    fn malformed_arguments_become_a_plain_bad_request() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field `id` at line 1".into()));
        assert_eq!(e, AppError::Invalid("The request was malformed.".into()));
        assert!(!e.to_string().contains("line 1"));
    }

    #[test]
    fn round_trips_through_json() {
        let e = AppError::RateLimited(3);
        let s = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&s).unwrap(), e);
    }
}

/// A problem with one field. `field` names the input: `title`, `period`,
/// `kr.1.target`...
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}
