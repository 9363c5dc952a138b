//! One file per route.

mod directory;
mod goal;
mod goal_edit;
mod goal_review;
mod goal_tree;
mod home;
mod login;
mod my_goals;
mod person;
mod team;
mod team_goals;

pub use directory::DirectoryPage;
pub use goal::GoalPage;
pub use goal_edit::{EditGoalPage, NewGoalPage};
pub use goal_review::GoalReviewPage;
pub use goal_tree::GoalTreePage;
pub use home::HomePage;
pub use login::LoginPage;
pub use my_goals::MyGoalsPage;
pub use person::PersonPage;
pub use team::TeamPage;
pub use team_goals::TeamGoalsPage;
