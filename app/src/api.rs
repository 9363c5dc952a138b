//! Server functions, one file per area. Each is thin: authenticate, authorise,
//! validate, call a repository, map the result.

pub mod auth;
pub mod goal_form;
pub mod goal_updates;
pub mod goals;
pub mod people;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use auth::{current_viewer, Login, Logout};
pub use goal_form::{
    create_goal, editable_goal, goal_form_options, parent_options, update_goal, FormOptions, GoalToEdit, OwnerOption,
};
pub use goal_updates::{check_in, review_goal, review_sheet, set_goal_status, ReviewBoard, ReviewGroup, ReviewItem};
pub use goals::{
    get_goal, goal_children, goal_tree, my_goals, search_goals, team_goals, GoalList, MemberGoals, TeamGoalsView,
    TreeNode, TreeView,
};
pub use people::{get_home, get_person, get_team, search_people, Home, TeamGroup};
