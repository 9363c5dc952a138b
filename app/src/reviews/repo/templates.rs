//! Review templates: versioned records `review_template:[name, version]`
//! that never change once written; a cycle keeps the version it started on.

use crate::error::AppError;
use crate::reviews::model::form::{CompetencyView, TemplateView};
use crate::server::db::Db;
use crate::server::repo::db_err;
use surrealdb::types::{RecordId, SurrealValue};

/// The template new cycles use: the newest version of this name.
pub const DEFAULT_TEMPLATE: &str = "Standard";

#[derive(SurrealValue)]
struct CompetencyRow {
    key: String,
    name: String,
    anchors: Vec<String>,
    manager_anchors: Option<Vec<String>>,
}

/// A template version as stored, anchors for both job levels; also how a
/// new version is written.
#[derive(SurrealValue)]
pub struct TemplateRow {
    id: RecordId,
    name: String,
    version: i64,
    competencies: Vec<CompetencyRow>,
    questions: Vec<String>,
    overall: bool,
    goals: bool,
}

impl TemplateRow {
    pub fn rid(&self) -> RecordId {
        self.id.clone()
    }

    /// This version as the editor starts a new one from it.
    pub fn draft(self) -> crate::reviews::model::template::TemplateDraft {
        crate::reviews::model::template::TemplateDraft {
            name: self.name,
            competencies: self
                .competencies
                .into_iter()
                .map(|c| crate::reviews::model::template::CompetencyDraft {
                    key: c.key,
                    name: c.name,
                    anchors: c.anchors,
                    manager_anchors: c.manager_anchors.unwrap_or_default(),
                })
                .collect(),
            questions: self.questions,
            overall: self.overall,
            goals: self.goals,
        }
    }

    /// The template as a reviewer of someone at this level reads it.
    pub fn view(self, ratee_manages: bool) -> TemplateView {
        TemplateView {
            name: self.name,
            version: self.version.max(1) as u32,
            competencies: self
                .competencies
                .into_iter()
                .map(|c| CompetencyView {
                    key: c.key,
                    name: c.name,
                    anchors: match (ratee_manages, c.manager_anchors) {
                        (true, Some(m)) => m,
                        _ => c.anchors,
                    },
                })
                .collect(),
            questions: self.questions,
            overall: self.overall,
            goals: self.goals,
        }
    }
}

macro_rules! template_fields {
    () => {
        "id, name, version, competencies, questions, overall, goals ?? false AS goals"
    };
}

/// The newest version of the template called `name`.
pub async fn latest_template(db: &Db, name: &str) -> Result<Option<TemplateRow>, AppError> {
    let mut res = db
        .query(concat!(
            "SELECT ",
            template_fields!(),
            " FROM review_template WHERE name = $n ORDER BY version DESC LIMIT 1"
        ))
        .bind(("n", name.to_owned()))
        .await
        .map_err(db_err)?;
    let rows: Vec<TemplateRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next())
}

/// One template version by name and version.
pub async fn template_version(db: &Db, name: &str, version: u32) -> Result<Option<TemplateRow>, AppError> {
    let mut res = db
        .query(concat!(
            "SELECT ",
            template_fields!(),
            " FROM review_template WHERE name = $n AND version = $v LIMIT 1"
        ))
        .bind(("n", name.to_owned()))
        .bind(("v", i64::from(version)))
        .await
        .map_err(db_err)?;
    let rows: Vec<TemplateRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next())
}

/// Every template version, newest first within a name, as ("name|version", label).
pub async fn templates(db: &Db) -> Result<Vec<(String, String)>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        name: String,
        version: i64,
        competencies: i64,
    }
    let mut res = db
        .query("SELECT name, version, array::len(competencies) AS competencies FROM review_template ORDER BY name, version DESC")
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                format!("{}|{}", r.name, r.version),
                format!("{} v{} ({} competencies)", r.name, r.version, r.competencies),
            )
        })
        .collect())
}

/// One template version by id.
pub async fn template(db: &Db, id: &RecordId) -> Result<Option<TemplateRow>, AppError> {
    let mut res = db
        .query(concat!("SELECT ", template_fields!(), " FROM ONLY $t"))
        .bind(("t", id.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Writes `d` (already checked) as the next version of its name; returns
/// that version. Two saves at once cannot both take the same number: the
/// record id is `[name, version]`, so the second is refused.
pub async fn create_version(db: &Db, d: &crate::reviews::model::template::TemplateDraft) -> Result<u32, AppError> {
    let latest = latest_template(db, &d.name).await?.map(|t| t.version).unwrap_or(0);
    let version = latest + 1;
    let row = TemplateRow {
        id: RecordId::new(
            "review_template",
            surrealdb::types::Array::from(vec![d.name.clone().into_value(), version.into_value()]),
        ),
        name: d.name.clone(),
        version,
        competencies: d
            .competencies
            .iter()
            .map(|c| CompetencyRow {
                key: c.key.clone(),
                name: c.name.clone(),
                anchors: c.anchors.clone(),
                manager_anchors: (!c.manager_anchors.is_empty()).then(|| c.manager_anchors.clone()),
            })
            .collect(),
        questions: d.questions.clone(),
        overall: d.overall,
        goals: d.goals,
    };
    match crate::server::repo::exec(
        db.query("CREATE review_template CONTENT $t RETURN NONE")
            .bind(("t", row)),
    )
    .await
    {
        Ok(()) => Ok(version.clamp(1, i64::from(u32::MAX)) as u32),
        Err(_) if latest_template(db, &d.name).await?.map(|t| t.version) != Some(latest) => Err(AppError::Invalid(
            "Someone saved a new version of this template at the same moment. Reload and make your changes again."
                .into(),
        )),
        Err(e) => Err(e),
    }
}
