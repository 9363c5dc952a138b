//! Turning a cycle's tallies into progress rows: one per org unit and one
//! per manager, each with its kinds in a fixed order; managers with the most
//! reviews missing come first, since that is where HR follows up.

use crate::model::{KindCount, ProgressRow, ReviewKind};

/// One tally as read: by unit or by manager, whose key and name, which kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub by_manager: bool,
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

fn rows(tallies: &[Tally], by_manager: bool) -> Vec<ProgressRow> {
    let mut out: Vec<ProgressRow> = Vec::new();
    for t in tallies.iter().filter(|t| t.by_manager == by_manager && t.expected > 0) {
        let i = match out.iter().position(|r| r.key == t.key) {
            Some(i) => i,
            None => {
                out.push(ProgressRow {
                    key: t.key.clone(),
                    label: t.label.clone(),
                    kinds: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[i].kinds.push(KindCount {
            kind: t.kind,
            submitted: t.submitted.min(t.expected),
            expected: t.expected,
        });
    }
    for r in &mut out {
        r.kinds.sort_by_key(|k| ORDER.iter().position(|o| *o == k.kind));
    }
    out
}

/// Units by name; managers by most missing, then by name.
pub fn group(tallies: &[Tally]) -> (Vec<ProgressRow>, Vec<ProgressRow>) {
    let mut units = rows(tallies, false);
    units.sort_by(|a, b| a.label.cmp(&b.label));
    let mut managers = rows(tallies, true);
    managers.sort_by(|a, b| b.missing().cmp(&a.missing()).then_with(|| a.label.cmp(&b.label)));
    (units, managers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(by_manager: bool, key: &str, kind: ReviewKind, expected: u32, submitted: u32) -> Tally {
        Tally {
            by_manager,
            key: key.into(),
            label: key.to_uppercase(),
            kind,
            expected,
            submitted,
        }
    }

    #[test]
    fn managers_with_most_missing_come_first_and_kinds_keep_their_order() {
        let tallies = vec![
            t(true, "ann", ReviewKind::Manager, 3, 3),
            t(true, "ann", ReviewKind::SelfReview, 3, 2),
            t(true, "bob", ReviewKind::SelfReview, 4, 0),
            t(false, "sales", ReviewKind::SelfReview, 5, 1),
            t(false, "eng", ReviewKind::Upward, 2, 2),
            t(false, "eng", ReviewKind::SelfReview, 2, 1),
        ];
        let (units, managers) = group(&tallies);
        assert_eq!(
            units.iter().map(|u| u.key.as_str()).collect::<Vec<_>>(),
            vec!["eng", "sales"]
        );
        assert_eq!(
            units[0].kinds.iter().map(|k| k.kind).collect::<Vec<_>>(),
            vec![ReviewKind::SelfReview, ReviewKind::Upward]
        );
        assert_eq!(
            managers
                .iter()
                .map(|m| (m.key.as_str(), m.missing()))
                .collect::<Vec<_>>(),
            vec![("bob", 4), ("ann", 1)]
        );
    }

    #[test]
    fn emptied_tallies_are_left_out_and_counts_never_exceed_what_is_expected() {
        let (units, managers) = group(&[
            t(false, "eng", ReviewKind::Peer, 0, 0),
            t(true, "ann", ReviewKind::Peer, 2, 3),
        ]);
        assert!(units.is_empty(), "a peer list cut to nobody shows no row");
        assert_eq!(managers[0].kinds[0].submitted, 2);
        assert_eq!(managers[0].missing(), 0);
    }
}
