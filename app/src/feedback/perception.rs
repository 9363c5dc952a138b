//! The feedback perception gap: what managers say they do (claimed), what
//! Tend has on record (logged) and what their reports experience (perceived),
//! per two-week period. Perceived shares obey the anonymity rules.

use crate::anonymity;
use crate::shared::date::Day;
use serde::{Deserialize, Serialize};

/// A two-week check period, Monday to Sunday-week-after. Numbered from the
/// Monday 1970-01-05.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fortnight(pub i32);

const FIRST_MONDAY: i32 = 4;

impl Fortnight {
    pub fn of(day: Day) -> Fortnight {
        let epoch = Day::from_ymd(1970, 1, 5).expect("valid");
        Fortnight(epoch.days_until(day).div_euclid(14))
    }

    pub fn start(self) -> Day {
        Day::from_ymd(1970, 1, 1)
            .expect("valid")
            .plus_days(FIRST_MONDAY + self.0 * 14)
    }

    pub fn end(self) -> Day {
        self.start().plus_days(13)
    }

    pub fn prev(self) -> Fortnight {
        Fortnight(self.0 - 1)
    }

    /// "9 Nov – 22 Nov 2026".
    pub fn label(self) -> String {
        let (_, m1, d1) = self.start().ymd();
        let (y2, m2, d2) = self.end().ymd();
        format!("{d1} {} – {d2} {} {y2}", month(m1), month(m2))
    }
}

fn month(m: u32) -> &'static str {
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m as usize - 1).min(11)]
}

/// One team's raw figures for a period (a team is a manager's direct reports).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeamCounts {
    pub reports: usize,
    /// Reports the manager said they gave specific feedback to, if they answered.
    pub claimed: Option<usize>,
    /// Reports with a feedback or coaching record from the manager in the period.
    pub logged: usize,
    /// Anonymous answers from reports, and how many said yes.
    pub responses: usize,
    pub perceived_yes: usize,
}

/// What may be shown about one team's gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapView {
    pub reports: usize,
    /// Shares 0–1.
    pub claimed: Option<f64>,
    pub logged: Option<f64>,
    /// `None` while hidden (fewer than three responses, or to protect another group).
    pub perceived: Option<f64>,
    pub responses_shown: bool,
}

impl GapView {
    /// Claimed minus perceived, in percentage points, when both are known.
    pub fn gap_points(&self) -> Option<i32> {
        Some(((self.claimed? - self.perceived?) * 100.0).round() as i32)
    }

    /// The gap in words.
    pub fn summary(&self) -> String {
        match (self.claimed, self.perceived) {
            (Some(c), Some(p)) => format!(
                "Manager says {}%, reports say {}%: a gap of {} points.",
                pct(c),
                pct(p),
                ((c - p) * 100.0).round() as i32
            ),
            (Some(c), None) => format!(
                "Manager says {}%. Reports' answers show once at least {} have answered.",
                pct(c),
                anonymity::MIN_GROUP
            ),
            (None, Some(p)) => format!("Reports say {}%. The manager has not answered.", pct(p)),
            (None, None) => "Not enough answers yet.".into(),
        }
    }
}

pub fn pct(share: f64) -> i32 {
    (share * 100.0).round() as i32
}

fn share(n: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| n as f64 / of as f64)
}

/// Views of several teams and of all of them together, with perceived
/// shares hidden by the anonymity rules (`min` at least three).
pub fn gap_views(teams: &[TeamCounts], min: usize) -> (Vec<GapView>, GapView) {
    let counts: Vec<usize> = teams.iter().map(|t| t.responses).collect();
    let shown = anonymity::reveal(&counts, min);
    let view = |t: &TeamCounts, show: bool| GapView {
        reports: t.reports,
        claimed: t.claimed.and_then(|c| share(c, t.reports)),
        logged: share(t.logged, t.reports),
        perceived: if show {
            share(t.perceived_yes, t.responses)
        } else {
            None
        },
        responses_shown: show,
    };
    let rows = teams.iter().zip(&shown).map(|(t, s)| view(t, *s)).collect();
    let answered: Vec<&TeamCounts> = teams.iter().filter(|t| t.claimed.is_some()).collect();
    let total = TeamCounts {
        reports: teams.iter().map(|t| t.reports).sum(),
        claimed: None,
        logged: teams.iter().map(|t| t.logged).sum(),
        responses: counts.iter().sum(),
        perceived_yes: teams.iter().map(|t| t.perceived_yes).sum(),
    };
    let mut all = view(&total, anonymity::total_shown(&counts, min));
    // Claimed share over the teams whose manager answered.
    let claimed_reports: usize = answered.iter().map(|t| t.reports).sum();
    all.claimed = share(answered.iter().filter_map(|t| t.claimed).sum(), claimed_reports);
    (rows, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(reports: usize, claimed: Option<usize>, logged: usize, responses: usize, yes: usize) -> TeamCounts {
        TeamCounts {
            reports,
            claimed,
            logged,
            responses,
            perceived_yes: yes,
        }
    }

    #[test]
    fn fortnights_start_on_mondays_and_tile_the_calendar() {
        let f = Fortnight::of(Day::parse("2026-11-27").unwrap());
        assert_eq!(f.start().to_string(), "2026-11-23");
        assert_eq!(f.end().to_string(), "2026-12-06");
        assert_eq!(Fortnight::of(f.end().plus_days(1)), Fortnight(f.0 + 1));
        assert_eq!(Fortnight::of(f.start()), f);
        assert_eq!(f.prev().end().plus_days(1), f.start());
        assert_eq!(f.label(), "23 Nov – 6 Dec 2026");
    }

    #[test]
    fn the_gap_is_claimed_minus_perceived() {
        let (rows, _) = gap_views(&[team(5, Some(5), 2, 4, 1)], 3);
        let v = &rows[0];
        assert_eq!(v.claimed, Some(1.0));
        assert_eq!(v.logged, Some(0.4));
        assert_eq!(v.perceived, Some(0.25));
        assert_eq!(v.gap_points(), Some(75));
        assert!(v.summary().contains("gap of 75 points"), "{}", v.summary());
    }

    #[test]
    fn perceived_hides_below_three_responses() {
        let (rows, all) = gap_views(&[team(4, Some(4), 1, 2, 2)], 3);
        assert_eq!(rows[0].perceived, None);
        assert!(!rows[0].responses_shown);
        assert_eq!(all.perceived, None);
        assert_eq!(rows[0].gap_points(), None);
        assert!(rows[0].summary().contains("at least 3"));
    }

    #[test]
    fn a_small_team_is_not_revealed_by_subtracting_from_the_total() {
        // Team B has 2 answers; showing A and the total would give B as total - A.
        let teams = [
            team(6, Some(6), 3, 5, 1),
            team(3, Some(3), 1, 2, 0),
            team(4, None, 0, 0, 0),
        ];
        let (rows, all) = gap_views(&teams, 3);
        assert_eq!(all.perceived, Some(1.0 / 7.0));
        assert_eq!(rows[1].perceived, None);
        assert_eq!(rows[0].perceived, None, "A hides too, so B cannot be derived");
        // The empty team reveals nobody.
        assert!(!rows[2].responses_shown);
        // Claimed over the answering managers only: 9 of 9.
        assert_eq!(all.claimed, Some(1.0));
    }

    #[test]
    fn logged_share_needs_reports() {
        let (rows, _) = gap_views(&[team(0, None, 0, 0, 0)], 3);
        assert_eq!(rows[0].logged, None);
        assert_eq!(rows[0].claimed, None);
    }
}
