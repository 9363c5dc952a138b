//! When a ratee's anonymous (peer and upward) answers are released, and
//! why a released group never moves by one answer.
//!
//! Reading a group twice and subtracting is the attack (issue 22): three
//! answers' mean, then four answers' mean, gives the fourth answer. So:
//! - nothing anonymous is shown until writing has closed for the ratee
//!   (`writing_closed`): no answer can still arrive in the normal course;
//! - what is shown then is frozen (`Frozen`): later submissions, extensions
//!   and reopens do not touch it;
//! - a new release replaces it only when it keeps every shown answer as it
//!   was and, together with every group ever shown for the ratee, splits
//!   nobody off into a set of fewer than the threshold (`atoms_ok`).
//!
//! Why the atoms: from the figures of several groups (sums, counts, comment
//! lists) a reader can work out at most the figures of each *atom*, the
//! answers that sit in exactly the same shown groups. Every linear
//! combination of group sums is constant on each atom, and set differences
//! of comment lists are unions of atoms. So if each atom holds at least the
//! threshold, no sequence of reads isolates one answer, or any set smaller
//! than a group Tend would show.

use crate::anonymity::threshold;
use crate::reviews::model::form::{CompetencyView, GroupResult};
use crate::reviews::model::ReviewKind;
use crate::reviews::phase::Phase;
use crate::reviews::results::{anonymous_groups, Answer};
use crate::shared::date::Day;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One anonymous answer with a key that names this version of it: a review
/// reopened and changed is a different member from the one first released.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub answer: Answer,
}

/// What was released for one ratee: the figures shown, and which answers
/// each group held, kept so that a later release can be checked against it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frozen {
    pub groups: Vec<GroupResult>,
    /// Per competency, each group's mean (as `anonymous_groups` gives them).
    pub means: Vec<Vec<Option<f64>>>,
    /// Per group, the member keys if the group is shown.
    pub shown: Vec<Option<BTreeSet<String>>>,
    /// Every member set ever shown for the ratee, this release's included.
    pub history: Vec<BTreeSet<String>>,
}

/// Whether writing is over for a ratee: the cycle is past writing, and no
/// anonymous review of them is still open on an extension. `open_dues`:
/// the deadlines of their unsubmitted peer and upward reviews. A review
/// stays writable after the cycle's writing only on a deadline later than
/// the cycle's (`phase::check_write`), and only until that day.
pub fn writing_closed(phase: Phase, write_due: Day, open_dues: &[Day], today: Day) -> bool {
    phase >= Phase::Calibration && !open_dues.iter().any(|d| *d > write_due && *d >= today)
}

/// Whether the member sets, read together, leave every atom (the members in
/// exactly the same sets) at least `min` strong.
pub fn atoms_ok(sets: &[BTreeSet<String>], min: usize) -> bool {
    let mut signature: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, set) in sets.iter().enumerate() {
        for m in set {
            signature.entry(m.as_str()).or_default().push(i);
        }
    }
    let mut atoms: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
    for sig in signature.into_values() {
        *atoms.entry(sig).or_default() += 1;
    }
    atoms.values().all(|&n| n >= threshold(min))
}

/// The figures for the current answers, and the member sets of the groups they show.
fn candidate(competencies: &[CompetencyView], current: &[Member], min: usize) -> Frozen {
    let answers: Vec<Answer> = current.iter().map(|m| m.answer.clone()).collect();
    let (groups, means) = anonymous_groups(competencies, &answers, min);
    let keys = |pick: &dyn Fn(ReviewKind) -> bool| -> BTreeSet<String> {
        current
            .iter()
            .filter(|m| pick(m.answer.kind))
            .map(|m| m.key.clone())
            .collect()
    };
    // The groups in `results::GROUP_LABELS` order: both kinds, peers, reports.
    let members = [
        keys(&|k| k.is_anonymous()),
        keys(&|k| k == ReviewKind::Peer),
        keys(&|k| k == ReviewKind::Upward),
    ];
    let shown: Vec<Option<BTreeSet<String>>> = groups.iter().zip(members).map(|(g, m)| g.shown.then_some(m)).collect();
    let history = shown.iter().flatten().cloned().collect();
    Frozen {
        groups,
        means,
        shown,
        history,
    }
}

/// The release to keep after this read: `None` keeps `prev` as it is;
/// `Some` is a new release to store (the first, or a re-release).
///
/// Call it only once `writing_closed`. A re-release happens when the
/// current answers show something new, every group shown before is still
/// shown with all its answers unchanged, and the atoms of all releases
/// together stay at least `min` strong. Otherwise the old figures stand:
/// a withdrawn or changed answer, or a late one on its own, moves nothing.
pub fn release(
    prev: Option<&Frozen>,
    current: &[Member],
    competencies: &[CompetencyView],
    min: usize,
) -> Option<Frozen> {
    let mut next = candidate(competencies, current, min);
    let Some(prev) = prev else {
        return Some(next);
    };
    if next.shown == prev.shown {
        return None;
    }
    let grows = prev
        .shown
        .iter()
        .zip(next.shown.iter().chain(std::iter::repeat(&None)))
        .all(|(old, new)| match (old, new) {
            (None, _) => true,
            (Some(o), Some(n)) => o.is_subset(n),
            (Some(_), None) => false,
        });
    let mut all = prev.history.clone();
    all.extend(next.history.iter().cloned());
    if !grows || !atoms_ok(&all, min) {
        return None;
    }
    next.history = all;
    Some(next)
}

#[cfg(test)]
mod tests;
