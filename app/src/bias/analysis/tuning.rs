//! HR's tuning of the detectors: each minimum and significance level as a
//! form sends it, checked against bounds that keep the traps closed. A
//! rater detector never runs on fewer than 3 ratings (two ratings are never
//! a pattern), a group gap never on groups under 5 people, and no level is
//! looser than 0.1.

use super::{Limits, Thresholds};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// The form's fields as typed, one per input. A field the request leaves
/// out is empty, and so gets its own message rather than a decoding error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThresholdInput {
    pub leniency_min_n: String,
    pub leniency_alpha: String,
    pub min_offset: String,
    pub central_min_n: String,
    pub central_alpha: String,
    pub halo_min_n: String,
    pub halo_alpha: String,
    pub recency_min_n: String,
    pub recency_alpha: String,
    pub affinity_min_n: String,
    pub affinity_alpha: String,
    pub group_gap_min_n: String,
    pub group_gap_alpha: String,
    pub four_fifths: String,
}

pub const RATER_MIN_N: (usize, usize) = (3, 500);
pub const GROUP_MIN_N: (usize, usize) = (5, 1000);
pub const ALPHA: (f64, f64) = (0.0001, 0.1);
pub const MIN_OFFSET: (f64, f64) = (0.1, 2.0);
pub const FOUR_FIFTHS: (f64, f64) = (0.5, 0.95);

impl ThresholdInput {
    /// The form filled in with `t`, as the page shows it.
    pub fn from(t: &Thresholds) -> Self {
        let n = |l: &Limits| l.min_n.to_string();
        let a = |l: &Limits| l.alpha.to_string();
        ThresholdInput {
            leniency_min_n: n(&t.leniency),
            leniency_alpha: a(&t.leniency),
            min_offset: t.min_offset.to_string(),
            central_min_n: n(&t.central),
            central_alpha: a(&t.central),
            halo_min_n: n(&t.halo),
            halo_alpha: a(&t.halo),
            recency_min_n: n(&t.recency),
            recency_alpha: a(&t.recency),
            affinity_min_n: n(&t.affinity),
            affinity_alpha: a(&t.affinity),
            group_gap_min_n: n(&t.group_gap),
            group_gap_alpha: a(&t.group_gap),
            four_fifths: t.four_fifths.to_string(),
        }
    }
}

impl ThresholdInput {
    /// Each field with its name, in the form's order.
    pub fn fields(&self) -> [(&'static str, &str); 14] {
        [
            ("leniency_min_n", &self.leniency_min_n),
            ("leniency_alpha", &self.leniency_alpha),
            ("min_offset", &self.min_offset),
            ("central_min_n", &self.central_min_n),
            ("central_alpha", &self.central_alpha),
            ("halo_min_n", &self.halo_min_n),
            ("halo_alpha", &self.halo_alpha),
            ("recency_min_n", &self.recency_min_n),
            ("recency_alpha", &self.recency_alpha),
            ("affinity_min_n", &self.affinity_min_n),
            ("affinity_alpha", &self.affinity_alpha),
            ("group_gap_min_n", &self.group_gap_min_n),
            ("group_gap_alpha", &self.group_gap_alpha),
            ("four_fifths", &self.four_fifths),
        ]
    }
}

struct Check(Vec<FieldError>);

impl Check {
    fn fail(&mut self, field: &str, message: String) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message,
        });
    }

    fn whole(&mut self, field: &str, what: &str, raw: &str, (lo, hi): (usize, usize)) -> usize {
        match raw.trim().parse::<usize>() {
            Ok(n) if (lo..=hi).contains(&n) => n,
            _ => {
                self.fail(field, format!("{what} must be a whole number from {lo} to {hi}."));
                lo
            }
        }
    }

    fn decimal(&mut self, field: &str, what: &str, raw: &str, (lo, hi): (f64, f64)) -> f64 {
        match raw.trim().parse::<f64>() {
            Ok(x) if x.is_finite() && (lo..=hi).contains(&x) => x,
            _ => {
                self.fail(field, format!("{what} must be a number from {lo} to {hi}."));
                lo
            }
        }
    }

    fn limits(&mut self, input: (&str, &str), fields: (&str, &str), what: &str, min: (usize, usize)) -> Limits {
        Limits {
            min_n: self.whole(fields.0, &format!("The minimum for {what}"), input.0, min),
            alpha: self.decimal(fields.1, &format!("The significance level for {what}"), input.1, ALPHA),
        }
    }
}

/// The thresholds the form asks for, or a message for each field that is
/// out of bounds.
pub fn check_thresholds(i: &ThresholdInput) -> Result<Thresholds, Vec<FieldError>> {
    let mut c = Check(Vec::new());
    let t = Thresholds {
        leniency: c.limits(
            (&i.leniency_min_n, &i.leniency_alpha),
            ("leniency_min_n", "leniency_alpha"),
            "leniency and severity",
            RATER_MIN_N,
        ),
        min_offset: c.decimal(
            "min_offset",
            "The smallest offset worth a flag",
            &i.min_offset,
            MIN_OFFSET,
        ),
        central: c.limits(
            (&i.central_min_n, &i.central_alpha),
            ("central_min_n", "central_alpha"),
            "central tendency",
            RATER_MIN_N,
        ),
        halo: c.limits(
            (&i.halo_min_n, &i.halo_alpha),
            ("halo_min_n", "halo_alpha"),
            "halo",
            RATER_MIN_N,
        ),
        recency: c.limits(
            (&i.recency_min_n, &i.recency_alpha),
            ("recency_min_n", "recency_alpha"),
            "recency",
            RATER_MIN_N,
        ),
        affinity: c.limits(
            (&i.affinity_min_n, &i.affinity_alpha),
            ("affinity_min_n", "affinity_alpha"),
            "affinity",
            RATER_MIN_N,
        ),
        group_gap: c.limits(
            (&i.group_gap_min_n, &i.group_gap_alpha),
            ("group_gap_min_n", "group_gap_alpha"),
            "group gaps",
            GROUP_MIN_N,
        ),
        four_fifths: c.decimal("four_fifths", "The 4/5ths ratio", &i.four_fifths, FOUR_FIFTHS),
    };
    if c.0.is_empty() {
        Ok(t)
    } else {
        Err(c.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_as_the_form_shows_them() {
        let d = Thresholds::default();
        assert_eq!(check_thresholds(&ThresholdInput::from(&d)), Ok(d));
    }

    #[test]
    fn tuned_values_are_read_with_spaces_around_them() {
        let mut i = ThresholdInput::from(&Thresholds::default());
        i.leniency_min_n = " 12 ".into();
        i.halo_alpha = "0.05".into();
        i.four_fifths = "0.75".into();
        let t = check_thresholds(&i).unwrap();
        assert_eq!(t.leniency.min_n, 12);
        assert_eq!(t.halo.alpha, 0.05);
        assert_eq!(t.four_fifths, 0.75);
        assert_eq!(t.central, Thresholds::default().central);
    }

    #[test]
    fn each_bad_field_gets_its_own_message_and_the_traps_stay_closed() {
        let mut i = ThresholdInput::from(&Thresholds::default());
        i.leniency_min_n = "2".into(); // two ratings are never a pattern
        i.central_alpha = "0.5".into();
        i.group_gap_min_n = "4".into(); // groups under 5 are never shown
        i.min_offset = "NaN".into();
        i.recency_min_n = "5.5".into();
        i.affinity_alpha = "".into();
        i.four_fifths = "1".into();
        i.halo_min_n = "-3".into();
        let errs = check_thresholds(&i).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "leniency_min_n",
                "min_offset",
                "central_alpha",
                "halo_min_n",
                "recency_min_n",
                "affinity_alpha",
                "group_gap_min_n",
                "four_fifths"
            ]
        );
        assert_eq!(
            errs[0].message,
            "The minimum for leniency and severity must be a whole number from 3 to 500."
        );
        assert_eq!(
            errs[6].message,
            "The minimum for group gaps must be a whole number from 5 to 1000."
        );
        assert_eq!(
            errs[2].message,
            "The significance level for central tendency must be a number from 0.0001 to 0.1."
        );
    }
}
