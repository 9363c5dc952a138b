//! A goal's progress over time as a small SVG, drawn by Tend: no chart library.

use crate::goals::model::CheckIn;
use crate::shared::date::Day;
use leptos::prelude::*;

const W: f64 = 560.0;
const H: f64 = 180.0;
const PAD_L: f64 = 40.0;
const PAD_R: f64 = 12.0;
const PAD_T: f64 = 12.0;
const PAD_B: f64 = 26.0;

/// Maps a check-in day and progress to chart coordinates.
pub fn point(start: Day, end: Day, day: Day, progress: f64) -> (f64, f64) {
    let span = start.days_until(end).max(1) as f64;
    let x = PAD_L + (W - PAD_L - PAD_R) * (start.days_until(day) as f64 / span).clamp(0.0, 1.0);
    let y = PAD_T + (H - PAD_T - PAD_B) * (1.0 - progress.clamp(0.0, 1.0));
    (x, y)
}

/// The SVG `points` for the check-in line, starting from zero at the period start.
pub fn polyline(start: Day, end: Day, checkins: &[CheckIn]) -> String {
    let mut pts = vec![point(start, end, start, 0.0)];
    pts.extend(checkins.iter().map(|c| point(start, end, c.day, c.progress)));
    pts.iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Progress at each check-in, with the even-pace line for comparison.
#[component]
pub fn ProgressChart(start: Day, end: Day, checkins: Vec<CheckIn>) -> impl IntoView {
    let (x0, y0) = point(start, end, start, 0.0);
    let (x1, y1) = point(start, end, end, 1.0);
    let line = polyline(start, end, &checkins);
    let summary = match checkins.last() {
        Some(c) => format!(
            "{} check-ins; latest {} on {}.",
            checkins.len(),
            crate::goals::components::bits::percent(c.progress),
            c.day
        ),
        None => "No check-ins yet.".into(),
    };
    let dots = checkins
        .iter()
        .map(|c| {
            let (x, y) = point(start, end, c.day, c.progress);
            let tip = format!("{}: {}", c.day, crate::goals::components::bits::percent(c.progress));
            view! {
                <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="4" class="dot">
                    <title>{tip}</title>
                </circle>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=format!("Progress over time. {summary}")>
                <line x1=PAD_L y1=y0 x2=W - PAD_R y2=y0 class="axis" />
                <line x1=PAD_L y1=PAD_T x2=PAD_L y2=y0 class="axis" />
                <text x=PAD_L - 6.0 y=y0 class="tick" text-anchor="end">"0%"</text>
                <text x=PAD_L - 6.0 y=PAD_T + 4.0 class="tick" text-anchor="end">"100%"</text>
                <text x=PAD_L y=H - 6.0 class="tick">{start.to_string()}</text>
                <text x=W - PAD_R y=H - 6.0 class="tick" text-anchor="end">{end.to_string()}</text>
                <line x1=x0 y1=y0 x2=x1 y2=y1 class="pace" />
                <polyline points=line class="line" />
                {dots}
            </svg>
            <figcaption class="muted">{summary} " The dashed line is an even pace."</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goals::model::Status;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn points_span_the_plot_area() {
        let (s, e) = (d("2026-10-01"), d("2026-12-31"));
        assert_eq!(point(s, e, s, 0.0), (PAD_L, H - PAD_B));
        assert_eq!(point(s, e, e, 1.0), (W - PAD_R, PAD_T));
        let (x, y) = point(s, e, d("2027-03-01"), 2.0);
        assert_eq!((x, y), (W - PAD_R, PAD_T), "clamped to the plot");
    }

    #[test]
    fn the_line_starts_at_zero_and_follows_check_ins() {
        let (s, e) = (d("2026-10-01"), d("2026-12-31"));
        let c = CheckIn {
            at: String::new(),
            day: d("2026-11-15"),
            author: String::new(),
            note: String::new(),
            confidence: 5,
            changes: vec![],
            progress: 0.5,
            status: Status::OnTrack,
        };
        let pts = polyline(s, e, &[c]);
        assert_eq!(pts.split(' ').count(), 2);
        assert!(pts.starts_with("40.0,154.0 "), "{pts}");
    }
}
