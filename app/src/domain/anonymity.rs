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
    let min = threshold(min);
    let mut shown: Vec<bool> = counts.iter().map(|&n| n >= min).collect();
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
}
