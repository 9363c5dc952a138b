//! Goal progress: from key results to their objective, and from aligned goals
//! up to the goal they align to.
//!
//! - A metric key result's progress is how far `current` has moved from
//!   `baseline` toward `target`, clamped to 0–1. It works for targets below
//!   the baseline (cut churn from 5% to 3%), and because each result is a
//!   fraction, key results in different units mix freely.
//! - A milestone is 0 until done, then 1.
//! - A goal's own progress is the weighted mean of its key results. If every
//!   weight is zero the results count equally.
//! - A goal with aligned goals blends in their (rolled-up) progress, each
//!   weighted by its alignment weight: half from its own key results and half
//!   from its aligned goals when it has both. Abandoned goals drop out.

use crate::goals::model::KrKind;

/// Share of a goal's progress taken from its aligned goals when it also has key results.
pub const CHILD_SHARE: f64 = 0.5;

/// Progress of one key result, 0.0–1.0.
pub fn kr_progress(kind: KrKind, baseline: f64, target: f64, current: f64, done: bool) -> f64 {
    match kind {
        KrKind::Milestone => {
            if done {
                1.0
            } else {
                0.0
            }
        }
        KrKind::Metric => {
            let span = target - baseline;
            if span == 0.0 || !span.is_finite() || !current.is_finite() {
                return 0.0;
            }
            ((current - baseline) / span).clamp(0.0, 1.0)
        }
    }
}

/// Weighted mean of `(weight, progress)` pairs; equal weights if all are zero;
/// `None` when there are no items.
pub fn weighted_mean(items: &[(f64, f64)]) -> Option<f64> {
    if items.is_empty() {
        return None;
    }
    let total: f64 = items.iter().map(|(w, _)| w.max(0.0)).sum();
    let mean = if total > 0.0 {
        items.iter().map(|(w, p)| w.max(0.0) * p).sum::<f64>() / total
    } else {
        items.iter().map(|(_, p)| p).sum::<f64>() / items.len() as f64
    };
    Some(mean.clamp(0.0, 1.0))
}

/// A goal's rolled-up progress from its key results' `(weight, progress)` and
/// its live aligned goals' `(alignment weight, progress)`.
pub fn goal_progress(key_results: &[(f64, f64)], children: &[(f64, f64)]) -> f64 {
    match (weighted_mean(key_results), weighted_mean(children)) {
        (Some(own), Some(kids)) => (1.0 - CHILD_SHARE) * own + CHILD_SHARE * kids,
        (Some(own), None) => own,
        (None, Some(kids)) => kids,
        (None, None) => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn metric_progress_moves_from_baseline_to_target() {
        assert!(close(kr_progress(KrKind::Metric, 30.0, 45.0, 30.0, false), 0.0));
        assert!(close(kr_progress(KrKind::Metric, 30.0, 45.0, 39.0, false), 0.6));
        assert!(
            close(kr_progress(KrKind::Metric, 30.0, 45.0, 60.0, false), 1.0),
            "clamped above"
        );
        assert!(
            close(kr_progress(KrKind::Metric, 30.0, 45.0, 10.0, false), 0.0),
            "clamped below"
        );
    }

    #[test]
    fn decreasing_targets_count_downwards() {
        // Cut churn from 5% to 3%: at 4% we are halfway.
        assert!(close(kr_progress(KrKind::Metric, 5.0, 3.0, 4.0, false), 0.5));
        assert!(close(kr_progress(KrKind::Metric, 5.0, 3.0, 6.0, false), 0.0));
    }

    #[test]
    fn degenerate_metrics_are_zero_not_nan() {
        assert_eq!(kr_progress(KrKind::Metric, 3.0, 3.0, 3.0, false), 0.0);
        assert_eq!(kr_progress(KrKind::Metric, 0.0, f64::INFINITY, 1.0, false), 0.0);
        assert_eq!(kr_progress(KrKind::Metric, 0.0, 1.0, f64::NAN, false), 0.0);
    }

    #[test]
    fn milestones_are_all_or_nothing() {
        assert_eq!(kr_progress(KrKind::Milestone, 0.0, 0.0, 0.0, false), 0.0);
        assert_eq!(kr_progress(KrKind::Milestone, 0.0, 0.0, 0.0, true), 1.0);
    }

    #[test]
    fn weights_decide_the_objective() {
        // 3:1 weights, progress 1.0 and 0.0 -> 0.75.
        assert!(close(weighted_mean(&[(3.0, 1.0), (1.0, 0.0)]).unwrap(), 0.75));
        // All-zero weights count equally.
        assert!(close(weighted_mean(&[(0.0, 1.0), (0.0, 0.0)]).unwrap(), 0.5));
        // A zero weight among positive ones counts for nothing.
        assert!(close(weighted_mean(&[(1.0, 0.2), (0.0, 1.0)]).unwrap(), 0.2));
        assert_eq!(weighted_mean(&[]), None);
    }

    #[test]
    fn mixed_units_and_milestones_blend_as_fractions() {
        let nps = kr_progress(KrKind::Metric, 30.0, 50.0, 40.0, false); // points: 0.5
        let revenue = kr_progress(KrKind::Metric, 1_000_000.0, 2_000_000.0, 1_250_000.0, false); // €: 0.25
        let launch = kr_progress(KrKind::Milestone, 0.0, 0.0, 0.0, true); // 1.0
        let p = weighted_mean(&[(2.0, nps), (1.0, revenue), (1.0, launch)]).unwrap();
        assert!(close(p, (2.0 * 0.5 + 0.25 + 1.0) / 4.0));
    }

    #[test]
    fn parents_blend_their_own_results_with_aligned_goals() {
        assert!(close(goal_progress(&[(1.0, 0.4)], &[]), 0.4));
        assert!(close(goal_progress(&[], &[(1.0, 0.2), (1.0, 0.6)]), 0.4));
        assert!(close(goal_progress(&[(1.0, 0.4)], &[(1.0, 0.8)]), 0.6));
        // Alignment weights: a child weighted 3 counts three times.
        assert!(close(goal_progress(&[], &[(3.0, 1.0), (1.0, 0.0)]), 0.75));
        assert_eq!(goal_progress(&[], &[]), 0.0);
    }

    #[test]
    fn roll_up_through_three_levels() {
        let person = goal_progress(&[(1.0, kr_progress(KrKind::Metric, 10.0, 5.0, 7.5, false))], &[]);
        let team = goal_progress(&[(1.0, 0.0), (1.0, 1.0)], &[(1.0, person)]);
        let dept = goal_progress(&[], &[(1.0, team), (1.0, 0.0)]);
        assert!(close(person, 0.5));
        assert!(close(team, 0.5 * 0.5 + 0.5 * 0.5));
        assert!(close(dept, 0.25));
    }
}
