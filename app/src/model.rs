//! Wire types shared by browser and server: serde only, with pure validation
//! beside each type. Database row types live in `ssr::repo` instead.

pub mod auth;
pub mod goal;
pub mod ids;
pub mod person;

pub use auth::{safe_next, Credentials};
pub use goal::{
    CheckIn, CheckInDraft, GoalDetail, GoalDraft, GoalEvent, GoalId, GoalSummary, KeyResult, KrChange, KrDraft, KrKind,
    KrUpdate, Level, OwnerRef, Period, ReviewDecision, ReviewRecord, Status, Visibility,
};
pub use ids::PersonId;
pub use person::{Demographics, OrgUnitRef, PersonProfile, PersonSummary, Role, Viewer};
