//! Review server functions, one file per part of a cycle. Each is thin:
//! authenticate, validate, call the reviews service, return a wire type.

pub mod cycles;
pub mod history;
pub mod peers;
pub mod progress;
pub mod results;
pub mod templates;
pub mod writing;

// Functions, and the action types the pages submit.
pub use cycles::{advance_cycle, cycle_units, cycles_progress, review_cycles, start_cycle, AdvanceCycle, StartCycle};
pub use history::{import_reviews, ImportReviews};
pub use peers::{approve_peers, peer_nominations, propose_peers, ApprovePeers, ProposePeers};
pub use progress::{
    cycle_overview, decline_extension, extend_missing, extend_review, grant_extension, reopen_review, team_reviews,
    DeclineExtension, ExtendMissing, ExtendReview, GrantExtension, ReopenReview,
};
pub use results::{acknowledge_results, review_results, share_results, AcknowledgeResults, ShareResults};
pub use templates::{cycle_templates, save_template, template_draft, SaveTemplate};
pub use writing::{
    my_reviews, open_review, request_extension, review_evidence, save_review, submit_review, RequestExtension,
    SaveReview, SubmitReview,
};
