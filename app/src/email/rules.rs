//! When a message that failed to send is tried again, and when Tend stops
//! trying. Transient failures (the server is down, busy or says "try later")
//! back off; a permanent refusal (a 5xx reply such as "no such mailbox")
//! fails at once, as trying again would only repeat it.

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: u32 = 6;

/// How long a worker holds a claimed message before another may take it:
/// longer than any one send, so only a crashed worker's claims expire.
pub const LEASE_SECS: u64 = 120;

/// Seconds to wait after the `attempts`-th failed attempt, or `None` when
/// that was the last: 30 s, 2 min, 10 min, 30 min, 2 h, then give up
/// (about 2 h 45 min in all, long enough to ride out a mail server restart
/// or a short outage).
pub fn retry_after(attempts: u32) -> Option<u64> {
    const SCHEDULE: [u64; 5] = [30, 120, 600, 1_800, 7_200];
    if attempts == 0 || attempts >= MAX_ATTEMPTS {
        return None;
    }
    SCHEDULE.get(attempts as usize - 1).copied()
}

/// Where a message stands in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Queued,
    Sending,
    Sent,
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Sending => "sending",
            Status::Sent => "sent",
            Status::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [Status::Queued, Status::Sending, Status::Sent, Status::Failed]
            .into_iter()
            .find(|st| st.as_str() == s)
    }

    /// How HR reads it on the Emails page.
    pub fn label(self) -> &'static str {
        match self {
            Status::Queued => "Waiting to send",
            Status::Sending => "Sending",
            Status::Sent => "Sent",
            Status::Failed => "Failed",
        }
    }
}

/// What a failed attempt leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Queued again, to be tried after this many seconds.
    RetryIn(u64),
    Failed,
}

/// The next step after attempt number `attempts` failed.
pub fn after_failure(attempts: u32, permanent: bool) -> AfterFailure {
    match retry_after(attempts) {
        Some(s) if !permanent => AfterFailure::RetryIn(s),
        _ => AfterFailure::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stops_after_the_last_attempt() {
        let waits: Vec<_> = (1..=MAX_ATTEMPTS).map(retry_after).collect();
        assert_eq!(waits, [Some(30), Some(120), Some(600), Some(1_800), Some(7_200), None]);
        assert!(waits.windows(2).all(|w| w[1].is_none() || w[0] < w[1]));
        assert_eq!(retry_after(0), None, "attempt numbers start at 1");
        assert_eq!(retry_after(99), None);
    }

    #[test]
    fn a_permanent_refusal_fails_at_once_and_a_transient_one_retries() {
        assert_eq!(after_failure(1, true), AfterFailure::Failed);
        assert_eq!(after_failure(1, false), AfterFailure::RetryIn(30));
        assert_eq!(after_failure(MAX_ATTEMPTS, false), AfterFailure::Failed);
    }

    #[test]
    fn statuses_round_trip() {
        for s in [Status::Queued, Status::Sending, Status::Sent, Status::Failed] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("lost"), None);
    }
}
