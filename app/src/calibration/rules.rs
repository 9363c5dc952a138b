//! Calibration: the rating a manager review gives, the 9-box grid
//! (performance × potential), a manager's rating distribution, and the
//! checks on an adjustment. An adjustment never replaces the original: both
//! are kept and exported together.

use crate::error::FieldError;

/// Longest reason a calibrator may give.
pub const MAX_REASON: usize = 1000;

/// The rating a review gives on the 1–5 scale: its overall rating, else the
/// rounded mean of its competency ratings.
pub fn performance(overall: Option<u8>, competencies: &[u8]) -> Option<u8> {
    overall.filter(|o| (1..=5).contains(o)).or_else(|| {
        let given: Vec<f64> = competencies
            .iter()
            .filter(|c| (1..=5).contains(*c))
            .map(|&c| f64::from(c))
            .collect();
        (!given.is_empty()).then(|| (given.iter().sum::<f64>() / given.len() as f64).round() as u8)
    })
}

/// Low (1–2), middle (3) or high (4–5) performance: the grid's column.
pub fn performance_band(rating: u8) -> usize {
    match rating {
        0..=2 => 0,
        3 => 1,
        _ => 2,
    }
}

/// The 9-box cell's name, by potential (1–3, low to high) and rating.
pub fn nine_box(rating: u8, potential: u8) -> &'static str {
    const NAMES: [[&str; 3]; 3] = [
        ["Underperformer", "Effective", "Trusted professional"],
        ["Inconsistent", "Core player", "High performer"],
        ["Rough diamond", "High potential", "Star"],
    ];
    NAMES[usize::from(potential.clamp(1, 3) - 1)][performance_band(rating)]
}

/// How many ratings of each value 1–5.
pub fn distribution(ratings: impl IntoIterator<Item = u8>) -> [u32; 5] {
    let mut d = [0; 5];
    for r in ratings.into_iter().filter(|r| (1..=5).contains(r)) {
        d[usize::from(r - 1)] += 1;
    }
    d
}

/// An adjustment as typed: rating 1–5, potential empty or 1–3, a reason.
pub fn check_adjustment(
    rating: &str,
    potential: &str,
    reason: &str,
) -> Result<(u8, Option<u8>, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: &str| {
        errors.push(FieldError {
            field: field.into(),
            message: message.into(),
        })
    };
    let rating = rating.trim().parse::<u8>().ok().filter(|r| (1..=5).contains(r));
    if rating.is_none() {
        err("rating", "Choose a calibrated rating from 1 to 5.");
    }
    let potential = match potential.trim() {
        "" => Some(None),
        p => p.parse::<u8>().ok().filter(|p| (1..=3).contains(p)).map(Some),
    };
    if potential.is_none() {
        err(
            "potential",
            "Potential is 1 (low), 2 (medium) or 3 (high), or left empty.",
        );
    }
    let reason = reason.trim();
    if reason.is_empty() {
        err("reason", "Say why the rating changes: it is kept with both values.");
    } else if reason.chars().count() > MAX_REASON {
        err("reason", &format!("Keep the reason under {MAX_REASON} characters."));
    }
    match (rating, potential, errors.is_empty()) {
        (Some(r), Some(p), true) => Ok((r, p, reason.to_owned())),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn performance_is_the_overall_else_the_rounded_mean() {
        assert_eq!(performance(Some(4), &[1, 1]), Some(4));
        assert_eq!(performance(None, &[3, 4, 4, 4]), Some(4));
        assert_eq!(performance(None, &[2, 3]), Some(3));
        assert_eq!(performance(None, &[]), None);
        assert_eq!(performance(Some(9), &[2]), Some(2));
    }

    #[test]
    fn the_grid_reads_potential_up_and_performance_across() {
        assert_eq!(nine_box(5, 3), "Star");
        assert_eq!(nine_box(1, 1), "Underperformer");
        assert_eq!(nine_box(3, 2), "Core player");
        assert_eq!(nine_box(2, 3), "Rough diamond");
        assert_eq!(nine_box(4, 1), "Trusted professional");
    }

    #[test]
    fn distribution_counts_each_value_and_ignores_out_of_range() {
        assert_eq!(distribution([1, 3, 3, 5, 0, 6]), [1, 0, 2, 0, 1]);
    }

    #[test]
    fn an_adjustment_needs_a_rating_in_range_and_a_reason() {
        assert_eq!(
            check_adjustment(" 4 ", "", " Calibrated against peers "),
            Ok((4, None, "Calibrated against peers".into()))
        );
        assert_eq!(check_adjustment("2", "3", "why"), Ok((2, Some(3), "why".into())));
        let fields = |r: Result<_, Vec<FieldError>>| r.unwrap_err().into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(check_adjustment("6", "", "x")), ["rating"]);
        assert_eq!(fields(check_adjustment("3", "4", "x")), ["potential"]);
        assert_eq!(fields(check_adjustment("3", "", "  ")), ["reason"]);
        assert_eq!(
            fields(check_adjustment("", "x", &"y".repeat(MAX_REASON + 1))),
            ["rating", "potential", "reason"]
        );
    }
}
