//! Review history at scale: builds a CSV of one cycle in which every person
//! has a manager review, a self review and three peer reviews (four
//! competencies and an overall rating each), then times its import and a
//! second, idempotent import.

use app::server::db::Db;
use std::fmt::Write;
use std::time::Instant;
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct Who {
    email: String,
    manager: Option<String>,
}

const COMPETENCIES: [&str; 4] = ["Delivery", "Collaboration", "Craft", "Ownership"];

/// One cycle's file for everyone who has a manager.
async fn history(db: &Db) -> Result<(String, usize), String> {
    let mut res = db
        .query("SELECT email, (->reports_to->person.email)[0] AS manager FROM person ORDER BY email")
        .await
        .map_err(|e| e.to_string())?;
    let people: Vec<Who> = res.take(0).map_err(|e| e.to_string())?;
    let mut csv = app::reviews::import_check::COLUMNS.join(",");
    csv.push('\n');
    let mut reviews = 0;
    let n = people.len();
    for (i, p) in people.iter().enumerate() {
        let Some(manager) = &p.manager else { continue };
        let peers = (1..=3).map(|k| people[(i + k * 7) % n].email.as_str());
        let writers = [(manager.as_str(), "manager"), (p.email.as_str(), "self")]
            .into_iter()
            .chain(peers.map(|e| (e, "peer")));
        for (j, (reviewer, kind)) in writers.enumerate() {
            if kind == "peer" && reviewer == p.email {
                continue;
            }
            reviews += 1;
            for (c, name) in COMPETENCIES.iter().enumerate() {
                let rating = 1 + (i + j + c) % 5;
                let _ = writeln!(
                    csv,
                    "2025 H2,2025-07-01,2025-12-31,{},{reviewer},{kind},{name},{rating},\"Clear example, with impact\",2026-01-10",
                    p.email
                );
            }
            let _ = writeln!(
                csv,
                "2025 H2,2025-07-01,2025-12-31,{},{reviewer},{kind},overall,{},,2026-01-10",
                p.email,
                1 + (i + j) % 5
            );
        }
    }
    Ok((csv, reviews))
}

/// Imports one cycle twice and prints the times.
pub async fn measure(db: &Db) -> Result<(), String> {
    let (csv, reviews) = history(db).await?;
    let today = app::shared::date::Day::today();
    for pass in ["import", "re-import (no change)"] {
        let started = Instant::now();
        let done = app::reviews::import_service::import(db, &csv, today)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "review history {pass}: {} reviews, {} ratings, {:.1} MiB CSV: {:>8.1} s",
            done.reviews,
            done.ratings,
            csv.len() as f64 / 1024.0 / 1024.0,
            started.elapsed().as_secs_f64()
        );
        debug_assert_eq!(done.reviews, reviews);
    }
    Ok(())
}
