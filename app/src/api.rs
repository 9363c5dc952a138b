//! Server functions, one file per area. Each is thin: authenticate, authorise,
//! validate, call a repository, map the result.

pub mod auth;
pub mod bias;
pub mod calibration;
pub mod capture;
pub mod dashboards;
pub mod feedback;
pub mod goal_form;
pub mod goal_updates;
pub mod goals;
pub mod one_on_ones;
pub mod people;
pub mod review_cycles;
pub mod reviews;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use auth::{current_viewer, Login, Logout};
pub use bias::bias_report;
pub use calibration::{adjust_rating, calibration_cycles, calibration_view, AdjustRating};
pub use capture::{load_capture_context, my_notes, sync_capture};
pub use dashboards::{audit_dashboard, org_dashboard, record_hr_event, team_dashboard};
pub use feedback::{
    acknowledge_feedback, answer_perception, ask_feedback, claim_feedback, delete_feedback, edit_feedback,
    feedback_about, feedback_deletions, feedback_goal_options, feedback_overview, find_colleagues, get_feedback,
    give_feedback, new_feedback_context, perception_questions, rate_feedback, team_feedback_figures, team_praise,
};
pub use goal_form::{
    create_goal, editable_goal, goal_form_options, parent_options, update_goal, FormOptions, GoalToEdit, OwnerOption,
};
pub use goal_updates::{check_in, review_goal, review_sheet, set_goal_status, ReviewBoard, ReviewGroup, ReviewItem};
pub use goals::{
    get_goal, goal_children, goal_tree, my_goals, search_goals, team_goals, GoalList, MemberGoals, TeamGoalsView,
    TreeNode, TreeView,
};
pub use one_on_ones::{
    add_action_item, add_agenda_item, complete_meeting, one_on_one, one_on_ones, record_coaching, save_private_note,
    set_action_done, set_agenda_done, start_one_on_one,
};
pub use people::{get_home, get_person, get_team, search_people, Home, TeamGroup};
pub use review_cycles::{
    cycles_progress, my_reviews, open_review, peer_nominations, review_results, save_review, start_cycle, submit_review,
};
pub use reviews::{import_reviews, review_cycles};
