//! Turning a cycle's tallies into progress rows: one per org unit and one
//! per manager, each with its kinds in a fixed order, and the cycle's
//! totals. Rows with the most reviews missing come first, since that is
//! where HR follows up. A whole-company cycle has thousands of units and
//! managers, so HR sees the first [`SHOWN`] of each and finds the others by
//! name.

use crate::reviews::model::progress::{KindCount, ProgressRow};
use crate::reviews::model::ReviewKind;
use std::collections::HashMap;

/// Rows shown per list; the rest are found by name.
pub const SHOWN: usize = 50;

/// Longest name search accepted, in characters.
pub const MAX_FIND: usize = 100;

/// Whose count a tally is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyOf {
    Unit,
    Manager,
    /// The whole cycle.
    Cycle,
}

impl TallyOf {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "unit" => Some(Self::Unit),
            "manager" => Some(Self::Manager),
            "cycle" => Some(Self::Cycle),
            _ => None,
        }
    }
}

/// One tally as read: whose, their key and name, which kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub of: TallyOf,
    pub key: String,
    pub label: String,
    pub kind: ReviewKind,
    pub expected: u32,
    pub submitted: u32,
}

const ORDER: [ReviewKind; 4] = [
    ReviewKind::SelfReview,
    ReviewKind::Manager,
    ReviewKind::Peer,
    ReviewKind::Upward,
];

fn order(k: &KindCount) -> Option<usize> {
    ORDER.iter().position(|o| *o == k.kind)
}

fn count(t: &Tally) -> KindCount {
    KindCount {
        kind: t.kind,
        submitted: t.submitted.min(t.expected),
        expected: t.expected,
    }
}

fn rows(tallies: &[Tally], of: TallyOf) -> Vec<ProgressRow> {
    let mut out: Vec<ProgressRow> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for t in tallies.iter().filter(|t| t.of == of && t.expected > 0) {
        let i = *at.entry(t.key.as_str()).or_insert_with(|| {
            out.push(ProgressRow {
                key: t.key.clone(),
                label: t.label.clone(),
                kinds: Vec::new(),
            });
            out.len() - 1
        });
        out[i].kinds.push(count(t));
    }
    for r in &mut out {
        r.kinds.sort_by_key(order);
    }
    out.sort_by(|a, b| b.missing().cmp(&a.missing()).then_with(|| a.label.cmp(&b.label)));
    out
}

/// One list: the rows matching the search, at most [`SHOWN`] of them, and
/// how many matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub rows: Vec<ProgressRow>,
    pub matched: usize,
}

fn shown(rows: Vec<ProgressRow>, find: &str) -> Shown {
    let mut rows: Vec<ProgressRow> = if find.is_empty() {
        rows
    } else {
        rows.into_iter()
            .filter(|r| r.label.to_lowercase().contains(find))
            .collect()
    };
    let matched = rows.len();
    rows.truncate(SHOWN);
    Shown { rows, matched }
}

/// The cycle's progress: its totals per kind, and units and managers whose
/// name contains `find` (any case; empty finds all), most missing first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouped {
    pub totals: Vec<KindCount>,
    pub units: Shown,
    pub managers: Shown,
}

pub fn group(tallies: &[Tally], find: &str) -> Grouped {
    let find = find.trim().to_lowercase();
    let mut totals: Vec<KindCount> = tallies
        .iter()
        .filter(|t| t.of == TallyOf::Cycle && t.expected > 0)
        .map(count)
        .collect();
    totals.sort_by_key(order);
    Grouped {
        totals,
        units: shown(rows(tallies, TallyOf::Unit), &find),
        managers: shown(rows(tallies, TallyOf::Manager), &find),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(of: TallyOf, key: &str, kind: ReviewKind, expected: u32, submitted: u32) -> Tally {
        Tally {
            of,
            key: key.into(),
            label: key.to_uppercase(),
            kind,
            expected,
            submitted,
        }
    }

    fn keys(s: &Shown) -> Vec<&str> {
        s.rows.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn most_missing_come_first_kinds_keep_their_order_and_totals_are_the_cycle_rows() {
        let tallies = vec![
            t(TallyOf::Manager, "ann", ReviewKind::Manager, 3, 3),
            t(TallyOf::Manager, "ann", ReviewKind::SelfReview, 3, 2),
            t(TallyOf::Manager, "bob", ReviewKind::SelfReview, 4, 0),
            t(TallyOf::Unit, "sales", ReviewKind::SelfReview, 5, 1),
            t(TallyOf::Unit, "eng", ReviewKind::Upward, 2, 2),
            t(TallyOf::Unit, "eng", ReviewKind::SelfReview, 2, 1),
            t(TallyOf::Cycle, "c", ReviewKind::Upward, 2, 2),
            t(TallyOf::Cycle, "c", ReviewKind::SelfReview, 7, 2),
        ];
        let g = group(&tallies, "");
        assert_eq!(keys(&g.units), vec!["sales", "eng"], "4 missing before 1");
        assert_eq!(
            g.units.rows[1].kinds.iter().map(|k| k.kind).collect::<Vec<_>>(),
            vec![ReviewKind::SelfReview, ReviewKind::Upward]
        );
        assert_eq!(
            g.managers
                .rows
                .iter()
                .map(|m| (m.key.as_str(), m.missing()))
                .collect::<Vec<_>>(),
            vec![("bob", 4), ("ann", 1)]
        );
        assert_eq!(
            g.totals
                .iter()
                .map(|k| (k.kind, k.submitted, k.expected))
                .collect::<Vec<_>>(),
            vec![(ReviewKind::SelfReview, 2, 7), (ReviewKind::Upward, 2, 2)]
        );
        assert_eq!((g.units.matched, g.managers.matched), (2, 2));
    }

    #[test]
    fn emptied_tallies_are_left_out_and_counts_never_exceed_what_is_expected() {
        let g = group(
            &[
                t(TallyOf::Unit, "eng", ReviewKind::Peer, 0, 0),
                t(TallyOf::Manager, "ann", ReviewKind::Peer, 2, 3),
            ],
            "",
        );
        assert!(g.units.rows.is_empty(), "a peer list cut to nobody shows no row");
        assert_eq!(g.managers.rows[0].kinds[0].submitted, 2);
        assert_eq!(g.managers.rows[0].missing(), 0);
        assert!(g.totals.is_empty());
    }

    #[test]
    fn a_long_list_shows_the_most_missing_and_a_search_finds_the_rest_in_any_case() {
        let mut tallies: Vec<Tally> = (0..SHOWN as u32 + 20)
            .map(|i| t(TallyOf::Manager, &format!("m{i:03}"), ReviewKind::SelfReview, 100, i))
            .collect();
        tallies.push(t(TallyOf::Unit, "Sales north", ReviewKind::SelfReview, 1, 0));
        let g = group(&tallies, "");
        assert_eq!(g.managers.rows.len(), SHOWN);
        assert_eq!(g.managers.matched, SHOWN + 20);
        assert_eq!(g.managers.rows[0].key, "m000", "100 missing");
        assert!(
            g.managers.rows.iter().all(|r| r.key != "m069"),
            "the least missing is cut"
        );

        let found = group(&tallies, "  M069 ");
        assert_eq!(keys(&found.managers), vec!["m069"]);
        assert_eq!(found.managers.matched, 1);
        assert!(found.units.rows.is_empty());
        assert_eq!(found.units.matched, 0);
        assert_eq!(keys(&group(&tallies, "NORTH").units), vec!["Sales north"]);
    }
}
