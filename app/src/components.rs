//! Presentational pieces shared by pages.

mod capture_form;
pub mod charts;
mod colleague_picker;
mod error_page;
mod feedback_card;
mod feedback_form;
mod form_state;
mod goal_bits;
mod goal_form;
mod goal_tree;
mod kr_editor;
mod nav;
mod outbox_list;
mod person_list;
mod progress_chart;
mod role_badges;

pub use capture_form::CaptureForm;
pub use colleague_picker::ColleaguePicker;
pub use error_page::ErrorPage;
pub use feedback_card::{FeedbackCard, FeedbackText};
pub use feedback_form::FeedbackForm;
pub use form_state::FormState;
pub use goal_bits::{percent, GoalLine, ProgressBar, QuarterPicker, StatusChip};
pub use goal_form::GoalForm;
pub use goal_tree::GoalTreeItem;
pub use nav::Nav;
pub use outbox_list::{OutboxList, ServerNotes};
pub use person_list::PersonList;
pub use progress_chart::ProgressChart;
pub use role_badges::RoleBadges;
