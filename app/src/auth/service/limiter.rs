//! Login rate limiting: per account and client address together, per
//! address, and a progressive delay per account.
//!
//! An attempt is reserved before its password is checked, in one step under
//! the lock: it counts as a failure from that moment, and only a success
//! takes it back. So a burst of parallel guesses cannot slip more attempts
//! past the limit than it allows (checking first and counting after the slow
//! Argon2 check let 53 of 100 through).
//!
//! There is no hard lockout of an account: a guesser elsewhere would lock the
//! owner out. Instead the account's failures from every address slow each
//! further attempt down (doubling, up to a few seconds), while the hard limits
//! apply to the account *from one address* and to the address.
//!
//! This lives in process memory: each process of a multi-process
//! deployment limits on its own, which still bounds guessing to
//! (processes × limit) per window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed for one account from one address in a window.
pub const ACCOUNT_IP_LIMIT: usize = 5;
/// Failed attempts allowed per client address in one window.
pub const IP_LIMIT: usize = 20;
/// Failures of an account (from anywhere) before its attempts slow down.
pub const ACCOUNT_FREE: usize = 5;
/// The first delay once an account is past `ACCOUNT_FREE`; it doubles with
/// each further failure up to `MAX_DELAY`.
pub const FIRST_DELAY: Duration = Duration::from_millis(250);
/// The longest delay an attempt waits.
pub const MAX_DELAY: Duration = Duration::from_secs(4);
/// The sliding window.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Above this many tracked keys, stale ones are swept on the next write.
const SWEEP_AT: usize = 10_000;

/// Sliding-window failure counters.
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

fn keys(account: &str, ip: &str) -> [String; 3] {
    [format!("p:{ip} {account}"), format!("i:{ip}"), format!("a:{account}")]
}

impl LoginLimiter {
    /// Reserves one attempt. `Err(minutes)` when the account from this
    /// address, or the address, is at its limit; otherwise the delay the
    /// attempt must wait before its password is checked (zero at first).
    pub fn reserve(&self, account: &str, ip: &str, now: Instant) -> Result<Duration, u64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > SWEEP_AT {
            map.retain(|_, q| {
                prune(q, now);
                !q.is_empty()
            });
        }
        let [pair, addr, acct] = keys(account, ip);
        let wait = [(&pair, ACCOUNT_IP_LIMIT), (&addr, IP_LIMIT)]
            .into_iter()
            .filter_map(|(key, limit)| {
                let q = map.get_mut(key)?;
                prune(q, now);
                (q.len() >= limit).then(|| q.front().map(|t| WINDOW.saturating_sub(now - *t)).unwrap_or_default())
            })
            .max();
        if let Some(d) = wait {
            return Err(d.as_secs().div_ceil(60).max(1));
        }
        let earlier = map.get_mut(&acct).map_or(0, |q| {
            prune(q, now);
            q.len()
        });
        for key in [pair, addr, acct] {
            map.entry(key).or_default().push_back(now);
        }
        Ok(delay(earlier))
    }

    /// The reserved attempt was right: it no longer counts, and the
    /// account's failures are forgiven (those of the address are not).
    pub fn succeeded(&self, account: &str, ip: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let [pair, addr, acct] = keys(account, ip);
        map.remove(&pair);
        map.remove(&acct);
        if let Some(q) = map.get_mut(&addr) {
            q.pop_back();
        }
    }
}

/// How long an attempt waits after `failures` earlier failures of its account.
fn delay(failures: usize) -> Duration {
    match failures.checked_sub(ACCOUNT_FREE) {
        None => Duration::ZERO,
        Some(extra) => FIRST_DELAY.saturating_mul(1 << extra.min(16)).min(MAX_DELAY),
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
    use std::sync::Arc;

    #[test]
    fn limits_an_account_from_one_address_then_releases() {
        let l = LoginLimiter::default();
        let t0 = Instant::now();
        for _ in 0..ACCOUNT_IP_LIMIT {
            assert!(l.reserve("ada", "1.1.1.1", t0).is_ok());
        }
        assert_eq!(l.reserve("ada", "1.1.1.1", t0), Err(15));
        assert!(l.reserve("bob", "1.1.1.1", t0).is_ok(), "other accounts are unaffected");
        assert!(l.reserve("ada", "1.1.1.1", t0 + WINDOW).is_ok(), "the window slides");
    }

    #[test]
    fn a_guesser_elsewhere_slows_the_account_but_never_locks_the_owner_out() {
        let l = LoginLimiter::default();
        let t0 = Instant::now();
        // Guesses from many addresses, each within its own limit.
        for i in 0..40 {
            let _ = l.reserve("ada", &format!("10.0.0.{}", i / ACCOUNT_IP_LIMIT), t0);
        }
        let wait = l
            .reserve("ada", "2.2.2.2", t0)
            .expect("the owner's address is not refused");
        assert_eq!(wait, MAX_DELAY, "but the attempt waits");
        l.succeeded("ada", "2.2.2.2");
        assert_eq!(
            l.reserve("ada", "2.2.2.2", t0),
            Ok(Duration::ZERO),
            "a success forgives"
        );
    }

    #[test]
    fn the_delay_starts_after_the_free_attempts_and_doubles_to_a_ceiling() {
        assert_eq!(delay(0), Duration::ZERO);
        assert_eq!(delay(ACCOUNT_FREE - 1), Duration::ZERO);
        assert_eq!(delay(ACCOUNT_FREE), FIRST_DELAY);
        assert_eq!(delay(ACCOUNT_FREE + 1), FIRST_DELAY * 2);
        assert_eq!(delay(ACCOUNT_FREE + 60), MAX_DELAY);
        assert_eq!(delay(usize::MAX), MAX_DELAY);
    }

    #[test]
    fn limits_an_address_across_accounts() {
        let l = LoginLimiter::default();
        let t0 = Instant::now();
        for i in 0..IP_LIMIT {
            assert!(l.reserve(&format!("user{i}"), "9.9.9.9", t0).is_ok());
        }
        assert!(l.reserve("fresh", "9.9.9.9", t0).is_err());
        assert!(l.reserve("fresh", "8.8.8.8", t0).is_ok());
    }

    #[test]
    fn a_success_takes_back_its_reservation() {
        let l = LoginLimiter::default();
        let t0 = Instant::now();
        for _ in 0..ACCOUNT_IP_LIMIT - 1 {
            l.reserve("ada", "1.1.1.1", t0).unwrap();
        }
        l.reserve("ada", "1.1.1.1", t0).unwrap();
        l.succeeded("ada", "1.1.1.1");
        assert!(l.reserve("ada", "1.1.1.1", t0).is_ok());
    }

    #[test]
    fn parallel_reservations_never_exceed_the_limit() {
        let l = Arc::new(LoginLimiter::default());
        let t0 = Instant::now();
        let granted: usize = (0..50)
            .map(|_| {
                let l = Arc::clone(&l);
                std::thread::spawn(move || l.reserve("ada", "6.6.6.6", t0).is_ok())
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| usize::from(h.join().unwrap()))
            .sum();
        assert_eq!(granted, ACCOUNT_IP_LIMIT);
    }
}
