//! HR's tuning of the detectors' minimums and significance levels. One set
//! for the whole organisation, read by every cycle's analysis, so that two
//! cycles' flags mean the same thing.

use crate::bias::analysis::tuning::{check_thresholds, ThresholdInput};
use crate::bias::analysis::Thresholds;
use crate::bias::model::BiasThresholds;
use crate::bias::repo::thresholds as repo;
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::person_rid;
use crate::server::CurrentUser;

/// The thresholds every cycle is analysed with: HR's, else the defaults.
pub async fn thresholds(db: &Db) -> Result<Thresholds, AppError> {
    Ok(repo::load(db).await?.map_or_else(Thresholds::default, |t| t.thresholds))
}

/// The tuning form's values, for HR only.
pub async fn current(db: &Db, user: &CurrentUser) -> Result<BiasThresholds, AppError> {
    if !user.is_hr {
        return Err(AppError::Forbidden);
    }
    let tuned = repo::load(db).await?;
    Ok(BiasThresholds {
        current: ThresholdInput::from(&tuned.as_ref().map_or_else(Thresholds::default, |t| t.thresholds)),
        defaults: ThresholdInput::from(&Thresholds::default()),
        changed: tuned.map(|t| format!("{}, {}", t.by, t.at)),
    })
}

/// Stores HR's thresholds after checking every field.
pub async fn tune(db: &Db, user: &CurrentUser, input: &ThresholdInput) -> Result<(), AppError> {
    if !user.is_hr {
        return Err(AppError::Forbidden);
    }
    let t = check_thresholds(input).map_err(AppError::InvalidFields)?;
    repo::save(db, &t, person_rid(&user.id)).await
}
