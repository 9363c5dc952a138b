//! Login rate limiting per account and per client address.
//!
//! Failures are counted in a sliding window. This lives in process memory:
//! each node of a multi-node deployment limits on its own, which still bounds
//! guessing to (nodes x limit) per window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed per account in one window.
pub const ACCOUNT_LIMIT: usize = 5;
/// Failed attempts allowed per client address in one window.
pub const IP_LIMIT: usize = 20;
/// The sliding window.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Above this many tracked keys, stale ones are swept on the next write.
const SWEEP_AT: usize = 10_000;

/// Sliding-window failure counters.
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// `Err(minutes)` when either the account or the address is over its limit.
    pub fn check(&self, account: &str, ip: &str, now: Instant) -> Result<(), u64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let wait = [(format!("a:{account}"), ACCOUNT_LIMIT), (format!("i:{ip}"), IP_LIMIT)]
            .into_iter()
            .filter_map(|(key, limit)| {
                let q = map.get_mut(&key)?;
                prune(q, now);
                (q.len() >= limit).then(|| q.front().map(|t| WINDOW.saturating_sub(now - *t)).unwrap_or_default())
            })
            .max();
        match wait {
            Some(d) => Err(d.as_secs().div_ceil(60).max(1)),
            None => Ok(()),
        }
    }

    /// Counts a failed attempt against both the account and the address.
    pub fn record_failure(&self, account: &str, ip: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > SWEEP_AT {
            map.retain(|_, q| {
                prune(q, now);
                !q.is_empty()
            });
        }
        for key in [format!("a:{account}"), format!("i:{ip}")] {
            map.entry(key).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn record_success(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&format!("a:{account}"));
    }
}

fn prune(q: &mut VecDeque<Instant>, now: Instant) {
    while q.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
        q.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_an_account_after_its_limit_then_releases() {
        let l = LoginLimiter::default();
        let t0 = Instant::now();
        for _ in 0..ACCOUNT_LIMIT {
            assert!(l.check("ada", "1.1.1.1", t0).is_ok());
            l.record_failure("ada", "1.1.1.1", t0);
        }
        assert_eq!(l.check("ada", "2.2.2.2", t0), Err(15));
        assert!(l.check("bob", "2.2.2.2", t0).is_ok(), "other accounts are unaffected");
        assert!(l.check("ada", "2.2.2.2", t0 + WINDOW).is_ok(), "the window slides");
    }

    #[test]
    fn limits_an_address_across_accounts() {
        let l = LoginLimiter::default();
        let t0 = Instant::now();
        for i in 0..IP_LIMIT {
            l.record_failure(&format!("user{i}"), "9.9.9.9", t0);
        }
        assert!(l.check("fresh", "9.9.9.9", t0).is_err());
        assert!(l.check("fresh", "8.8.8.8", t0).is_ok());
    }

    #[test]
    fn success_clears_the_account() {
        let l = LoginLimiter::default();
        let t0 = Instant::now();
        for _ in 0..ACCOUNT_LIMIT {
            l.record_failure("ada", "1.1.1.1", t0);
        }
        l.record_success("ada");
        assert!(l.check("ada", "3.3.3.3", t0).is_ok());
    }
}
