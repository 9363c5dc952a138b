//! Checks a template draft before it becomes a new version. Shared by the
//! editor (messages as HR types) and the server (which refuses the same).

use crate::reviews::model::template::{CompetencyDraft, TemplateDraft};

pub const MAX_NAME: usize = 80;
pub const MAX_COMPETENCIES: usize = 12;
pub const MAX_COMPETENCY_NAME: usize = 60;
pub const MAX_ANCHOR: usize = 300;
/// The review schema keeps at most 20 answers; ten questions is already long.
pub const MAX_QUESTIONS: usize = 10;
pub const MAX_QUESTION: usize = 300;
pub const LEVELS: usize = 5;

/// The key a new competency gets from its name: lower case, words joined by `_`.
pub fn key_for(name: &str) -> String {
    let mut key = String::new();
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push('_');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

fn too_long(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

fn check_competency(i: usize, c: &CompetencyDraft) -> Result<CompetencyDraft, String> {
    let name = c.name.trim().to_owned();
    if name.is_empty() {
        return Err(format!("Competency {} needs a name.", i + 1));
    }
    if too_long(&name, MAX_COMPETENCY_NAME) {
        return Err(format!(
            "The name of competency {} is longer than {MAX_COMPETENCY_NAME} characters.",
            i + 1
        ));
    }
    let levels = |list: &[String], who: &str| -> Result<Vec<String>, String> {
        let list: Vec<String> = list.iter().map(|a| a.trim().to_owned()).collect();
        if list.len() != LEVELS {
            return Err(format!(
                "“{name}” needs a description for each of the {LEVELS} ratings {who}."
            ));
        }
        for (level, a) in list.iter().enumerate() {
            if a.is_empty() {
                return Err(format!("“{name}” needs a description for rating {} {who}.", level + 1));
            }
            if too_long(a, MAX_ANCHOR) {
                return Err(format!(
                    "The description of rating {} for “{name}” {who} is longer than {MAX_ANCHOR} characters.",
                    level + 1
                ));
            }
        }
        Ok(list)
    };
    let anchors = levels(&c.anchors, "(individual contributors)")?;
    let manager_anchors = if c.manager_anchors.iter().all(|a| a.trim().is_empty()) {
        Vec::new()
    } else {
        levels(
            &c.manager_anchors,
            "for managers (or leave all five empty to use the same words)",
        )?
    };
    let key = match c.key.trim() {
        "" => key_for(&name),
        k => k.to_owned(),
    };
    if key.is_empty() {
        return Err(format!("Competency {} needs a name with letters or digits.", i + 1));
    }
    Ok(CompetencyDraft {
        key,
        name,
        anchors,
        manager_anchors,
    })
}

/// The draft as it will be stored (trimmed, keys filled in, empty questions
/// dropped), or the first thing to fix, in words.
pub fn check_template(d: &TemplateDraft) -> Result<TemplateDraft, String> {
    let name = d.name.trim().to_owned();
    if name.is_empty() {
        return Err("Give the template a name.".into());
    }
    if too_long(&name, MAX_NAME) {
        return Err(format!("The template name is longer than {MAX_NAME} characters."));
    }
    if name.contains('|') {
        return Err("The template name cannot contain “|”.".into());
    }
    if d.competencies.is_empty() {
        return Err("Add at least one competency.".into());
    }
    if d.competencies.len() > MAX_COMPETENCIES {
        return Err(format!("A template has at most {MAX_COMPETENCIES} competencies."));
    }
    let mut competencies: Vec<CompetencyDraft> = Vec::new();
    for (i, c) in d.competencies.iter().enumerate() {
        let c = check_competency(i, c)?;
        if competencies
            .iter()
            .any(|o| o.name.to_lowercase() == c.name.to_lowercase())
        {
            return Err(format!("Two competencies are called “{}”.", c.name));
        }
        if competencies.iter().any(|o| o.key == c.key) {
            return Err(format!(
                "“{}” would be stored under the same key as another competency; rename one of them.",
                c.name
            ));
        }
        competencies.push(c);
    }
    let questions: Vec<String> = d
        .questions
        .iter()
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty())
        .collect();
    if questions.len() > MAX_QUESTIONS {
        return Err(format!("A template has at most {MAX_QUESTIONS} open questions."));
    }
    if let Some(i) = questions.iter().position(|q| too_long(q, MAX_QUESTION)) {
        return Err(format!("Question {} is longer than {MAX_QUESTION} characters.", i + 1));
    }
    Ok(TemplateDraft {
        name,
        competencies,
        questions,
        overall: d.overall,
        goals: d.goals,
    })
}

#[cfg(test)]
mod tests;
