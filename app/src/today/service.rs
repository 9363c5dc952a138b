//! Gathers the home page from the features that own each kind of work,
//! read concurrently. Every read is the signed-in person's own (or their
//! team's, through the dashboard's access rules).

use crate::error::AppError;
use crate::people::model::Role;
use crate::reviews::model::ReviewKind;
use crate::reviews::phase::Phase;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid, short_time};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::url::percent_encode;
use crate::today::model::{Item, ItemKind, TeamItem, Today};
use crate::today::repo;

/// Reports listed under "your team".
pub const TEAM_SHOWN: usize = 8;

fn item(
    kind: ItemKind,
    title: String,
    detail: String,
    link: String,
    due: Option<Day>,
    today: Day,
    subject: String,
) -> Item {
    Item {
        kind,
        title,
        detail,
        link,
        urgent: due.is_some_and(|d| today.days_until(d) <= 1),
        due: due.map(|d| d.to_string()),
        subject,
        reminded: None,
    }
}

fn days_ago(n: i32) -> String {
    match n {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}

fn review_title(kind: ReviewKind, ratee: &str) -> String {
    match kind {
        ReviewKind::SelfReview => "Write your self-review".into(),
        ReviewKind::Manager => format!("Write your review of {ratee}"),
        ReviewKind::Peer => format!("Write a peer review of {ratee}"),
        ReviewKind::Upward => format!("Write an upward review of {ratee}"),
    }
}

/// The signed-in person's home page.
pub async fn today(db: &Db, user: &CurrentUser, today: Day, checkin_days: u32) -> Result<Today, AppError> {
    let me = person_rid(&user.id);
    let day = today.to_string();
    let manages = user.role.manages();
    let calibrates = user.is_hr || user.role == Role::SkipLevel;
    let (reviews, asks, own, meetings, check, cycles, team) = tokio::join!(
        crate::reviews::service::tasks(db, user),
        crate::feedback::repo::asks::open_for(db, &me, 20),
        repo::mine(db, &me, &day),
        crate::one_on_ones::service::list(db, user),
        crate::feedback::perception_service::questions(db, user, today),
        async {
            match calibrates || manages {
                true => crate::reviews::repo::progress::cycle_table(db, today).await.map(Some),
                false => Ok(None),
            }
        },
        async {
            match manages {
                true => crate::dashboards::service::attention(db, user, today).await.map(Some),
                false => Ok(None),
            }
        },
    );
    let mut items = Vec::new();
    for t in reviews?.into_iter().filter(|t| !t.submitted) {
        let link = format!(
            "/reviews/write?cycle={}&ratee={}&kind={}",
            t.review.cycle,
            t.review.ratee,
            t.review.kind.as_str()
        );
        let subject = format!(
            "review:{}:{}:{}",
            t.review.cycle,
            t.review.ratee,
            t.review.kind.as_str()
        );
        items.push(item(
            ItemKind::Review,
            review_title(t.review.kind, &t.ratee),
            t.cycle_name,
            link,
            Some(t.due),
            today,
            subject,
        ));
    }
    for a in asks? {
        let a = a.wire();
        let asked = today.days_until(a.asked_on).unsigned_abs() as i32;
        items.push(item(
            ItemKind::FeedbackAsk,
            format!("{} asked you for feedback", a.requester.name),
            format!("“{}” · asked {}", a.topic, days_ago(asked)),
            format!("/feedback/new?ask={}", a.id),
            None,
            today,
            format!("ask:{}", a.id),
        ));
    }
    let (goals, actions) = own?;
    for g in goals {
        let since = g
            .last_checkin
            .as_deref()
            .and_then(Day::parse)
            .or_else(|| Day::parse(short_time(&g.created_at).get(..10).unwrap_or_default()))
            .unwrap_or(today);
        let silent = since.days_until(today);
        if silent >= checkin_days as i32 {
            let detail = match g.last_checkin {
                Some(_) => format!("Last check-in {}", days_ago(silent)),
                None => "No check-in yet".to_owned(),
            };
            let id = key_of(&g.id);
            items.push(item(
                ItemKind::CheckIn,
                format!("Check in on “{}”", g.title),
                detail,
                format!("/goals/{id}"),
                None,
                today,
                format!("goal:{id}"),
            ));
        }
    }
    for a in actions {
        let due = Day::parse(&a.due);
        items.push(item(
            ItemKind::Action,
            a.text,
            "Action item from a 1:1, overdue".into(),
            format!("/one-on-ones/{}", key_of(&a.series)),
            due,
            today,
            String::new(),
        ));
    }
    for s in meetings?.series {
        let Some(on) = s.next_on.filter(|d| (0..=1).contains(&today.days_until(*d))) else {
            continue;
        };
        let other = if s.manager.id == user.id {
            &s.report.name
        } else {
            &s.manager.name
        };
        let when = if on == today { "today" } else { "tomorrow" };
        let view = crate::one_on_ones::service::view(db, user, &s.id).await?;
        let open: Vec<String> = view
            .current
            .agenda
            .iter()
            .filter(|a| !a.done)
            .map(|a| a.text.clone())
            .collect();
        let detail = if open.is_empty() {
            "The agenda is empty: add what you want to talk about.".to_owned()
        } else {
            format!("Agenda: {}", open.join(" · "))
        };
        items.push(item(
            ItemKind::OneOnOne,
            format!("1:1 with {other} {when}"),
            detail,
            format!("/one-on-ones/{}", s.id),
            Some(on),
            today,
            format!("oneonone:{}", s.id),
        ));
    }
    let check = check?;
    let owed_claims = check.reports.iter().any(|(_, said)| said.is_none());
    if (check.has_manager && !check.answered) || owed_claims {
        items.push(item(
            ItemKind::Perception,
            "Answer this fortnight's feedback check".into(),
            format!("{} · two quick questions, anonymous to your manager", check.label),
            "/feedback/check".into(),
            None,
            today,
            format!("perception:{}", check.label),
        ));
    }
    for c in cycles?.unwrap_or_default() {
        let key = percent_encode(&c.key, b"");
        if c.phase == Phase::Calibration && calibrates {
            items.push(item(
                ItemKind::Calibration,
                format!("Calibrate {}", c.name),
                "Ratings wait for calibration before results are shared.".into(),
                format!("/reviews/calibration?cycle={key}"),
                None,
                today,
                String::new(),
            ));
        }
        if c.phase == Phase::Sharing && manages {
            items.push(item(
                ItemKind::ShareResults,
                format!("Share {} results with your team", c.name),
                "Go through each report's results with them, then share.".into(),
                "/reviews".into(),
                None,
                today,
                String::new(),
            ));
        }
    }
    crate::today::rules::order(&mut items);
    let subjects: Vec<String> = items
        .iter()
        .filter(|i| !i.subject.is_empty())
        .map(|i| i.subject.clone())
        .collect();
    if !subjects.is_empty() {
        let sent = crate::notify::repo::reminded(db, &me, subjects).await?;
        for i in items.iter_mut() {
            i.reminded = sent
                .iter()
                .find(|(s, _)| *s == i.subject)
                .map(|(_, at)| short_time(at).get(..10).unwrap_or_default().to_owned());
        }
    }
    let team = team?
        .map(|attention| {
            attention
                .into_iter()
                .take(TEAM_SHOWN)
                .map(|a| TeamItem {
                    person: a.person.id.to_string(),
                    name: a.person.name,
                    reasons: a.reasons,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Today {
        first_name: user.name.split_whitespace().next().unwrap_or_default().to_owned(),
        items,
        team,
        manages,
        profile: format!("/people/{}", user.id),
    })
}
