//! When may a group's answers be shown? Never for fewer than three people,
//! and never so that a hidden group could be worked out by subtracting the
//! shown groups from a shown total.

/// The smallest group whose aggregate Tend shows. Configuration may raise it,
/// never lower it.
pub const MIN_GROUP: usize = 3;

/// The threshold to use for a configured value.
pub fn threshold(configured: usize) -> usize {
    configured.max(MIN_GROUP)
}

/// Whether a total over `counts` may be shown at all.
pub fn total_shown(counts: &[usize], min: usize) -> bool {
    counts.iter().sum::<usize>() >= threshold(min)
}

/// Which groups may be shown beside their total (primary suppression below
/// the threshold, then complementary suppression).
///
/// Hiding one small group is not enough when the total is shown: total minus
/// the shown groups is the hidden group. So while the hidden groups together
/// hold fewer than `min` responses (but more than none), the smallest shown
/// group is hidden as well. A group of zero reveals nobody and never forces
/// more hiding. When the total itself is below `min`, every group is hidden.
pub fn reveal(counts: &[usize], min: usize) -> Vec<bool> {
    reveal_with(counts, &vec![false; counts.len()], min)
}

/// `reveal`, with some groups that are never shown on their own (`kept`),
/// such as the people directly in a group who belong to none of its
/// subgroups: they still count towards what subtraction would uncover.
fn reveal_with(counts: &[usize], kept: &[bool], min: usize) -> Vec<bool> {
    let min = threshold(min);
    let mut shown: Vec<bool> = counts.iter().zip(kept).map(|(&n, &k)| !k && n >= min).collect();
    loop {
        let hidden: usize = counts.iter().zip(&shown).filter(|(_, s)| !**s).map(|(n, _)| n).sum();
        if hidden == 0 || hidden >= min {
            return shown;
        }
        match (0..counts.len()).filter(|&i| shown[i]).min_by_key(|&i| counts[i]) {
            Some(i) => shown[i] = false,
            None => return shown,
        }
    }
}

/// A group of responses and the groups nested inside it (a department and
/// its teams, a team and its sub-teams). `count` may exceed the sum of the
/// subgroups: responses directly in the group, in none of its subgroups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub count: usize,
    pub subgroups: Vec<Group>,
}

impl Group {
    pub fn leaf(count: usize) -> Group {
        Group {
            count,
            subgroups: Vec::new(),
        }
    }

    pub fn of(count: usize, subgroups: Vec<Group>) -> Group {
        Group { count, subgroups }
    }
}

/// Which groups of a tree may be shown, in pre-order (the root first).
///
/// Within every shown group, its subgroups are suppressed as `reveal` does,
/// with the responses that sit directly in the group counted as a subgroup
/// that is never shown. A hidden group hides everything inside it: were
/// its subgroups shown, their sum would give the hidden group back, and the
/// group's total minus it would uncover what the suppression protected.
pub fn reveal_tree(root: &Group, min: usize) -> Vec<bool> {
    let mut out = Vec::new();
    let shown = root.count >= threshold(min);
    walk(root, shown, min, &mut out);
    out
}

fn walk(g: &Group, shown: bool, min: usize, out: &mut Vec<bool>) {
    out.push(shown);
    if g.subgroups.is_empty() {
        return;
    }
    let inner: usize = g.subgroups.iter().map(|s| s.count).sum();
    let mut counts: Vec<usize> = g.subgroups.iter().map(|s| s.count).collect();
    counts.push(g.count.saturating_sub(inner));
    let mut kept = vec![false; g.subgroups.len()];
    kept.push(true);
    let subs = if shown {
        reveal_with(&counts, &kept, min)
    } else {
        vec![false; counts.len()]
    };
    for (s, show) in g.subgroups.iter().zip(subs) {
        walk(s, show, min, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What someone could learn from the shown groups and total: the sum of
    /// every hidden group taken together.
    fn inferable_hidden_sum(counts: &[usize], shown: &[bool], min: usize) -> Option<usize> {
        total_shown(counts, min).then(|| counts.iter().zip(shown).filter(|(_, s)| !**s).map(|(n, _)| n).sum())
    }

    #[test]
    fn the_threshold_is_never_below_three() {
        assert_eq!(threshold(0), 3);
        assert_eq!(threshold(2), 3);
        assert_eq!(threshold(5), 5);
    }

    #[test]
    fn groups_of_three_or_more_show() {
        assert_eq!(reveal(&[3, 5, 4], 3), [true, true, true]);
    }

    #[test]
    fn a_small_group_hides_and_takes_the_next_smallest_with_it() {
        // Total 10 shown; hiding only the 2 would reveal it as 10 - 8.
        assert_eq!(reveal(&[2, 5, 3], 3), [false, true, false]);
    }

    #[test]
    fn two_small_groups_that_together_reach_three_hide_alone() {
        // 10 - 6 = 3: the pair is revealed together, neither on its own.
        assert_eq!(reveal(&[1, 2, 6, 4], 3), [false, false, true, true]);
    }

    #[test]
    fn empty_groups_do_not_force_hiding() {
        assert_eq!(reveal(&[0, 4, 3], 3), [false, true, true]);
    }

    #[test]
    fn a_small_total_hides_everything() {
        assert_eq!(reveal(&[1, 1], 3), [false, false]);
        assert!(!total_shown(&[1, 1], 3));
    }

    #[test]
    fn one_group_is_its_own_total() {
        assert_eq!(reveal(&[2], 3), [false]);
        assert_eq!(reveal(&[3], 3), [true]);
    }

    #[test]
    fn a_raised_threshold_applies() {
        // The 4 hides, and the 5 with it, or 15 - 11 would reveal the 4.
        assert_eq!(reveal(&[4, 5, 6], 5), [false, false, true]);
    }

    #[test]
    fn no_hidden_group_is_ever_inferable_below_the_threshold() {
        // Every combination of up to four groups of 0..=6 responses.
        for a in 0..=6 {
            for b in 0..=6 {
                for c in 0..=6 {
                    for d in 0..=6 {
                        let counts = [a, b, c, d];
                        let shown = reveal(&counts, 3);
                        for (n, s) in counts.iter().zip(&shown) {
                            assert!(!s || *n >= 3, "{counts:?} shows a group below 3");
                        }
                        if let Some(h) = inferable_hidden_sum(&counts, &shown, 3) {
                            assert!(h == 0 || h >= 3, "{counts:?} -> {shown:?} lets {h} be subtracted out");
                        }
                    }
                }
            }
        }
    }

    use super::Group as G;

    #[test]
    fn nested_groups_of_three_or_more_show_and_small_sub_teams_hide_together() {
        // A department of 12: teams of 5, 4 and 3; the 3 splits into 2 + 1.
        let t = G::of(12, vec![G::leaf(5), G::leaf(4), G::of(3, vec![G::leaf(2), G::leaf(1)])]);
        assert_eq!(reveal_tree(&t, 3), [true, true, true, true, false, false]);
    }

    #[test]
    fn a_hidden_group_hides_its_subgroups_or_they_would_add_up_to_it() {
        // 9 = 2 + 7: the 2 hides, so the 7 hides too (9 - 7 = 2). Showing the
        // 7's sub-teams of 4 and 3 would give the 7 back, and with it the 2.
        let t = G::of(9, vec![G::leaf(2), G::of(7, vec![G::leaf(4), G::leaf(3)])]);
        assert_eq!(reveal_tree(&t, 3), [true, false, false, false, false]);
    }

    #[test]
    fn people_directly_in_a_group_count_towards_what_subtraction_uncovers() {
        // 10 = 4 + 4 + 2 in no team: showing both teams would give away the 2.
        let t = G::of(10, vec![G::leaf(4), G::leaf(4)]);
        assert_eq!(reveal_tree(&t, 3), [true, false, true]);
        // With 3 outside any team, both teams show.
        let t = G::of(11, vec![G::leaf(4), G::leaf(4)]);
        assert_eq!(reveal_tree(&t, 3), [true, true, true]);
    }

    #[test]
    fn a_group_that_shrinks_after_a_late_withdrawal_hides_and_takes_its_complement_with_it() {
        let before = G::of(7, vec![G::leaf(3), G::leaf(4)]);
        assert_eq!(reveal_tree(&before, 3), [true, true, true]);
        // One of the three withdraws: the 2 hides, and the 4 with it (6 - 4).
        let after = G::of(6, vec![G::leaf(2), G::leaf(4)]);
        assert_eq!(reveal_tree(&after, 3), [true, false, false]);
        // Two withdraw from a group of three in a group of three: nothing shows.
        assert_eq!(
            reveal_tree(&G::of(2, vec![G::leaf(1), G::leaf(1)]), 3),
            [false, false, false]
        );
    }

    /// Pre-order list of (count, parent index) for checking invariants.
    fn flatten(g: &G, parent: Option<usize>, out: &mut Vec<(usize, Option<usize>)>) {
        let me = out.len();
        out.push((g.count, parent));
        for s in &g.subgroups {
            flatten(s, Some(me), out);
        }
    }

    #[test]
    fn in_every_small_tree_nothing_below_three_is_shown_or_subtractable() {
        // A root with two groups, each with up to two sub-groups of 0..=4,
        // and 0..=2 responses directly in each group.
        let sizes = 0..=4usize;
        for a1 in sizes.clone() {
            for a2 in sizes.clone() {
                for b1 in sizes.clone() {
                    for b2 in sizes.clone() {
                        for extra in 0..=2usize {
                            let a = G::of(a1 + a2 + extra, vec![G::leaf(a1), G::leaf(a2)]);
                            let b = G::of(b1 + b2, vec![G::leaf(b1), G::leaf(b2)]);
                            let t = G::of(a.count + b.count + extra, vec![a, b]);
                            let shown = reveal_tree(&t, 3);
                            let mut flat = Vec::new();
                            flatten(&t, None, &mut flat);
                            for (i, (n, parent)) in flat.iter().enumerate() {
                                assert!(!shown[i] || *n >= 3, "{t:?}: group {i} of {n} shown");
                                if let Some(p) = parent {
                                    assert!(shown[*p] || !shown[i], "{t:?}: group {i} shown inside a hidden one");
                                }
                            }
                            for (p, (n, _)) in flat.iter().enumerate() {
                                if !shown[p] {
                                    continue;
                                }
                                let kids: Vec<usize> = (0..flat.len()).filter(|&i| flat[i].1 == Some(p)).collect();
                                if kids.is_empty() {
                                    continue;
                                }
                                let shown_sum: usize = kids.iter().filter(|&&i| shown[i]).map(|&i| flat[i].0).sum();
                                let uncovered = n - shown_sum;
                                assert!(
                                    uncovered == 0 || uncovered >= 3,
                                    "{t:?}: {n} minus the shown groups inside it uncovers {uncovered}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
