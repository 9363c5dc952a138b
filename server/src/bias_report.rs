//! `tend bias-report --cycle C [--json] [--as EMAIL]`: every flag of a
//! cycle with its numbers, for scripts and for checking the analysis. The
//! operator sees everything; `--as` applies the same cut a signed-in person
//! gets in the app (HR all, a skip-level leader their subtree, anyone else
//! their own patterns).

use app::bias::model::{BiasReport, BiasScope};
use app::bias::service as bias_service;
use app::error::AppError;
use app::people::repo as people;
use app::server::db::Db;
use std::fmt::Write;

pub async fn run(db: &Db, cycle: &str, json: bool, as_email: Option<&str>) -> Result<String, String> {
    let viewer = match as_email {
        None => None,
        Some(email) => {
            let email = email.trim().to_lowercase();
            let fail = |_| "Reading the person failed; the log has the detail.".to_owned();
            let id = people::credentials(db, &email)
                .await
                .map_err(fail)?
                .ok_or_else(|| format!("No one in Tend has the email \"{email}\"."))?
                .id;
            Some(
                people::viewer(db, &id)
                    .await
                    .map_err(fail)?
                    .ok_or("That person has left.")?,
            )
        }
    };
    let report = match bias_service::report_named(db, viewer.as_ref(), cycle).await {
        Ok(r) => r,
        Err(AppError::NotFound) => return Err(format!("There is no review cycle named \"{cycle}\".")),
        Err(e) => return Err(e.to_string()),
    };
    if json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())
    } else {
        Ok(text(&report))
    }
}

/// One line per flag, tab-separated: kind, subject, effect, p-value, data
/// (have/needed), explanation.
pub fn text(r: &BiasReport) -> String {
    let scope = match r.scope {
        BiasScope::Everyone => "everyone",
        BiasScope::Subtree => "their part of the organisation",
        BiasScope::Own => "their own ratings",
    };
    let mut out = format!(
        "Bias report for {}: {} raters analysed ({scope}), {} flags.\n",
        r.cycle,
        r.raters,
        r.flags.len()
    );
    if let Some(why) = &r.not_enough_data {
        let _ = writeln!(out, "{why}");
        return out;
    }
    out.push_str("kind\tsubject\teffect\tp\tdata\texplanation\n");
    for f in &r.flags {
        let subject = match (&f.rater, &f.group) {
            (Some(o), _) => format!("{} ({})", o.name, o.id),
            (None, Some(g)) => g.clone(),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "{}\t{subject}\t{:.2}\t{:.4}\t{}/{}\t{}",
            f.kind, f.effect, f.p_value, f.n, f.min_n, f.explanation
        );
    }
    out
}
