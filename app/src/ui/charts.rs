//! Small SVG charts drawn by Tend (no chart library): a sparkline, a stacked
//! bar and a distribution. Each carries its numbers as text too — an
//! `aria-label` summary on the figure and a caption — so it reads without
//! the picture.

use leptos::prelude::*;

/// `points` for a sparkline of `values` in a `w`×`h` box (zero at the bottom).
pub fn spark_points(values: &[i64], w: f64, h: f64) -> String {
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = if values.len() > 1 {
        w / (values.len() - 1) as f64
    } else {
        0.0
    };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", i as f64 * step, h - 1.0 - (h - 2.0) * (*v as f64 / max)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A trend line with its text alternative.
#[component]
pub fn Sparkline(
    /// What the line shows, for the label: "Feedback given per week".
    label: String,
    values: Vec<i64>,
) -> impl IntoView {
    let (w, h) = (120.0, 28.0);
    let points = spark_points(&values, w, h);
    let total: i64 = values.iter().sum();
    let text = format!(
        "{label}: {} over {} weeks, latest {}.",
        total,
        values.len(),
        values.last().copied().unwrap_or(0)
    );
    view! {
        <svg class="spark" role="img" aria-label=text.clone() viewBox=format!("0 0 {w} {h}") width=w height=h>
            <title>{text.clone()}</title>
            <polyline points=points fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
    }
}

/// One segment of a stacked bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub label: &'static str,
    pub value: u32,
    /// A CSS class giving its colour.
    pub class: &'static str,
}

/// Widths (0–100) of each segment, in order; all zero when empty.
pub fn widths(segments: &[Segment]) -> Vec<f64> {
    let total: u32 = segments.iter().map(|s| s.value).sum();
    segments
        .iter()
        .map(|s| {
            if total == 0 {
                0.0
            } else {
                100.0 * s.value as f64 / total as f64
            }
        })
        .collect()
}

/// A horizontal bar split into parts, with a legend that states each count.
#[component]
pub fn StackedBar(label: String, segments: Vec<Segment>) -> impl IntoView {
    let w = widths(&segments);
    let text = format!(
        "{label}: {}.",
        segments
            .iter()
            .map(|s| format!("{} {}", s.value, s.label))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut x = 0.0;
    let rects: Vec<_> = segments
        .iter()
        .zip(&w)
        .filter(|(_, w)| **w > 0.0)
        .map(|(s, w)| {
            let at = x;
            x += w;
            view! { <rect x=format!("{at:.2}") y="0" width=format!("{w:.2}") height="10" class=s.class /> }
        })
        .collect();
    view! {
        <figure class="stacked">
            <svg role="img" aria-label=text.clone() viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="18">
                <title>{text.clone()}</title>
                {rects}
            </svg>
            <figcaption>
                {segments.into_iter().map(|s| view! {
                    <span class="legend"><span class=format!("swatch {}", s.class)></span>{format!("{} {}", s.value, s.label)}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}

/// Vertical bars for labelled counts (a distribution), each bar titled.
#[component]
pub fn Distribution(label: String, bars: Vec<(String, i64)>) -> impl IntoView {
    let (w, h) = (240.0, 60.0);
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let slot = w / bars.len().max(1) as f64;
    let text = format!(
        "{label}: {}.",
        bars.iter()
            .map(|(l, v)| format!("{l} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <svg class="distribution" role="img" aria-label=text.clone() viewBox=format!("0 0 {w} {h}") width=w height=h>
            <title>{text.clone()}</title>
            {bars.into_iter().enumerate().map(|(i, (l, v))| {
                let bh = (h - 2.0) * v as f64 / max;
                view! {
                    <rect x=format!("{:.1}", i as f64 * slot + 2.0) y=format!("{:.1}", h - bh) width=format!("{:.1}", slot - 4.0)
                        height=format!("{bh:.1}")><title>{format!("{l}: {v}")}</title></rect>
                }
            }).collect_view()}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_largest_value_and_survives_zeros() {
        assert_eq!(spark_points(&[0, 2, 1], 100.0, 12.0), "0.0,11.0 50.0,1.0 100.0,6.0");
        assert_eq!(spark_points(&[0, 0], 10.0, 10.0), "0.0,9.0 10.0,9.0");
        assert_eq!(spark_points(&[3], 10.0, 10.0), "0.0,1.0");
    }

    #[test]
    fn segment_widths_add_to_the_whole() {
        let s = |value| Segment {
            label: "x",
            value,
            class: "c",
        };
        assert_eq!(widths(&[s(1), s(3)]), vec![25.0, 75.0]);
        assert_eq!(widths(&[s(0), s(0)]), vec![0.0, 0.0]);
    }
}
