//! A sliding-window count of requests per key, for "Forgot your password?":
//! per client address (past the limit the answer is "too many requests",
//! which says nothing about any account) and per email (past the limit no
//! further mail is sent, and the answer stays the same). In process memory,
//! like the sign-in limiter.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Above this many tracked keys, stale ones are swept on the next request.
const SWEEP_AT: usize = 10_000;

#[derive(Default)]
pub struct RequestLimit {
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RequestLimit {
    /// Counts one request for `key` and says whether it is within `limit`
    /// per `window`. A refused request is not counted.
    pub fn allow(&self, key: &str, limit: usize, window: Duration, now: Instant) -> bool {
        let mut map = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = |q: &mut VecDeque<Instant>| {
            while q.front().is_some_and(|t| now.duration_since(*t) >= window) {
                q.pop_front();
            }
        };
        if map.len() > SWEEP_AT {
            map.retain(|_, q| {
                fresh(q);
                !q.is_empty()
            });
        }
        let q = map.entry(key.to_owned()).or_default();
        fresh(q);
        if q.len() >= limit {
            return false;
        }
        q.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_limit_per_window_and_others_are_unaffected() {
        let l = RequestLimit::default();
        let t0 = Instant::now();
        let w = Duration::from_secs(60);
        assert!((0..3).all(|_| l.allow("a", 3, w, t0)));
        assert!(!l.allow("a", 3, w, t0 + Duration::from_secs(59)));
        assert!(l.allow("b", 3, w, t0), "another key has its own count");
        assert!(l.allow("a", 3, w, t0 + w), "the window slides");
    }
}
