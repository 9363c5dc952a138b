//! Turning a person's submitted reviews into results: named self and
//! manager reviews side by side with anonymous peer and upward answers,
//! which are shown only as group means and unnamed comments, and only for
//! groups the anonymity rules allow (`anonymity::reveal_tree`).

use crate::anonymity::{reveal_tree, Group};
use crate::reviews::model::form::{CompetencyResult, CompetencyView, GroupResult};
use crate::reviews::model::ReviewKind;

/// One submitted review, reduced to what the results use.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub kind: ReviewKind,
    /// (competency key, rating, comment).
    pub ratings: Vec<(String, u8, String)>,
    pub answers: Vec<String>,
}

/// The anonymous groups: both kinds together, then peers, then reports.
pub const GROUP_LABELS: [&str; 3] = ["Peers and reports together", "Peers", "Reports (upward)"];

/// Group figures and per-competency means for the shown groups. Comments
/// come sorted by their text: the same order on every read, and one that
/// says nothing of who answered first or last (a random order per read let
/// two reads be compared; submission order would date each answer).
pub fn anonymous_groups(
    competencies: &[CompetencyView],
    answers: &[Answer],
    min: usize,
) -> (Vec<GroupResult>, Vec<Vec<Option<f64>>>) {
    let peers: Vec<&Answer> = answers.iter().filter(|a| a.kind == ReviewKind::Peer).collect();
    let reports: Vec<&Answer> = answers.iter().filter(|a| a.kind == ReviewKind::Upward).collect();
    let all: Vec<&Answer> = peers.iter().chain(&reports).copied().collect();
    let tree = Group::of(all.len(), vec![Group::leaf(peers.len()), Group::leaf(reports.len())]);
    let shown = reveal_tree(&tree, min);
    let members = [&all, &peers, &reports];
    // A comment appears once, in the smallest shown group holding it: the
    // total's list holds only answers of kinds whose own group is hidden
    // (the anonymity rules leave none of those once a kind is shown, or
    // three or more).
    let unshown: Vec<&Answer> = all
        .iter()
        .filter(|a| {
            let own_group_shown = match a.kind {
                ReviewKind::Peer => shown[1],
                _ => shown[2],
            };
            !own_group_shown
        })
        .copied()
        .collect();
    let mut groups = Vec::new();
    let mut means = vec![Vec::new(); competencies.len()];
    for (i, label) in GROUP_LABELS.iter().enumerate() {
        let show = shown[i];
        let group = members[i];
        let mut comments = Vec::new();
        if show {
            let source = if i == 0 { &unshown } else { group };
            for a in source {
                comments.extend(
                    a.ratings
                        .iter()
                        .map(|(_, _, c)| c.trim())
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned),
                );
                comments.extend(
                    a.answers
                        .iter()
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned),
                );
            }
            comments.sort();
        }
        for (c, out) in competencies.iter().zip(means.iter_mut()) {
            out.push(show.then(|| mean(group, &c.key)).flatten());
        }
        groups.push(GroupResult {
            label: (*label).to_owned(),
            shown: show,
            responses: show.then_some(group.len() as u32),
            comments,
        });
    }
    (groups, means)
}

fn mean(group: &[&Answer], key: &str) -> Option<f64> {
    let xs: Vec<f64> = group
        .iter()
        .flat_map(|a| {
            a.ratings
                .iter()
                .filter(|(k, _, _)| k == key)
                .map(|(_, r, _)| f64::from(*r))
        })
        .collect();
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// The table of competencies: self, manager and each group's mean.
pub fn competency_rows(
    competencies: &[CompetencyView],
    self_review: Option<&Answer>,
    manager: Option<&Answer>,
    means: Vec<Vec<Option<f64>>>,
) -> Vec<CompetencyResult> {
    let rating =
        |a: Option<&Answer>, key: &str| a.and_then(|a| a.ratings.iter().find(|(k, _, _)| k == key).map(|(_, r, _)| *r));
    competencies
        .iter()
        .zip(means)
        .map(|(c, groups)| CompetencyResult {
            name: c.name.clone(),
            self_rating: rating(self_review, &c.key),
            manager: rating(manager, &c.key),
            groups,
        })
        .collect()
}

#[cfg(test)]
mod tests;
