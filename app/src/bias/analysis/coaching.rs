//! A rater's own flags, said to the rater as private coaching: what the
//! pattern is and what to do about it, in the second person. The figures
//! are the flag's; HR and skip-level leaders read the flag's own
//! explanation instead.

use super::{percent, Flag, FlagKind};

pub fn coaching(f: &Flag) -> String {
    let n = f.n;
    match f.kind {
        FlagKind::Leniency | FlagKind::Severity => {
            let side = if f.effect > 0.0 { "above" } else { "below" };
            format!(
                "Your ratings sit {:.1} points {side} your peers' for the same people, and {side} what their evidence shows ({n} ratings). Before you submit, check each rating against the evidence panel.",
                f.effect.abs()
            )
        }
        FlagKind::CentralTendency => format!(
            "Your ratings use a narrower range than other raters' for the same people ({n} ratings): most sit in the middle of the scale. Use the whole scale where the evidence supports it."
        ),
        FlagKind::Halo => format!(
            "You gave every competency the same rating for {} of the {n} people you rated. Rate each competency on its own evidence.",
            percent(f.effect)
        ),
        FlagKind::Recency => format!(
            "For {} of the {n} people whose recent work differs from the rest of their period, your rating follows the last quarter. Look back over the whole period before you rate.",
            percent(f.effect)
        ),
        FlagKind::Affinity => {
            let side = if f.effect > 0.0 { "higher" } else { "lower" };
            format!(
                "You rate people who share one of your own attributes {:.1} points {side} than people who do not, beyond what other raters and the evidence say ({n} ratings). Check those ratings against the evidence.",
                f.effect.abs()
            )
        }
        // Group gaps are about a unit, never one rater's coaching.
        FlagKind::GroupGap => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bias::analysis::Subject;

    fn flag(kind: FlagKind, effect: f64) -> Flag {
        Flag {
            kind,
            subject: Subject::Rater {
                person: 0,
                name: "Dana Reyes".into(),
            },
            effect,
            p_value: 0.001,
            n: 14,
            min_n: 5,
            explanation: "Dana Reyes rates 1.1 points above …".into(),
        }
    }

    #[test]
    fn speaks_to_the_rater_with_the_figures_and_never_names_them() {
        let t = coaching(&flag(FlagKind::Leniency, 1.14));
        assert!(
            t.starts_with("Your ratings sit 1.1 points above your peers' for the same people"),
            "{t}"
        );
        assert!(t.contains("14 ratings"));
        assert!(!t.contains("Dana"));
        let t = coaching(&flag(FlagKind::Severity, -0.8));
        assert!(t.contains("0.8 points below"), "{t}");
        assert!(coaching(&flag(FlagKind::Halo, 0.75)).contains("75% of the 14 people"));
    }

    #[test]
    fn affinity_coaching_does_not_name_the_attribute() {
        let t = coaching(&flag(FlagKind::Affinity, -0.9));
        assert!(t.contains("0.9 points lower"), "{t}");
        for a in ["gender", "ethnicity", "age", "location"] {
            assert!(!t.contains(a), "{t}");
        }
    }

    #[test]
    fn every_rater_kind_has_coaching() {
        for k in [FlagKind::CentralTendency, FlagKind::Recency] {
            assert!(coaching(&flag(k, 0.6)).starts_with("Your") || coaching(&flag(k, 0.6)).starts_with("For"));
        }
    }
}
