//! Record ids as they travel on the wire: validated strings, never raw SurrealQL.

use serde::{Deserialize, Serialize};

/// The key of a `person` record, e.g. `p42`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(String);

impl PersonId {
    /// Accepts 1–64 ASCII letters, digits, `-` or `_`. Anything else cannot be
    /// an id Tend issued, so callers answer it with 404 rather than querying.
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = !raw.is_empty()
            && raw.len() <= 64
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| PersonId(raw.to_owned()))
    }

    /// The key as text, for URLs and binding.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PersonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::PersonId;

    #[test]
    fn accepts_issued_shapes() {
        assert!(PersonId::parse("p42").is_some());
        assert!(PersonId::parse("a-b_C9").is_some());
    }

    #[test]
    fn rejects_anything_that_could_be_surrealql() {
        for bad in ["", "p1;DELETE person", "person:p1", "p 1", "⟨p1⟩", &"x".repeat(65)] {
            assert!(PersonId::parse(bad).is_none(), "{bad:?} should be rejected");
        }
    }
}
