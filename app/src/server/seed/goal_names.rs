//! Titles, metrics and notes the demo goal seed draws from: real-sounding,
//! some deliberately vague so the SMART hints have something to say.

pub const COMPANY: &[&str] = &[
    "Grow ARR from $40m to $52m",
    "Raise customer NPS from 31 to 45",
    "Cut gross revenue churn from 9% to 6%",
    "Reach 99.95% platform uptime",
];
pub const DEPARTMENT: &[&str] = &[
    "Raise delivery predictability from 60% to 85%",
    "Cut time-to-hire from 48 to 30 days",
    "Grow qualified pipeline from $8m to $12m",
    "Lift activation from 35% to 50%",
    "Cut support backlog from 900 to 300 tickets",
];
pub const TEAM: &[&str] = &[
    "Ship 3 customer-facing improvements",
    "Cut cycle time from 9 to 5 days",
    "Raise test coverage from 55% to 75%",
    "Halve time to first response",
    "Close 20 enterprise deals",
    "Improve onboarding",
];
pub const PERSON: &[&str] = &[
    "Close 12 deals worth €40k or more",
    "Cut review turnaround from 3 days to 1",
    "Publish 4 customer case studies",
    "Mentor 2 new joiners through onboarding",
    "Automate 5 manual release steps",
    "Get AWS Solutions Architect certified",
    "Work on documentation",
    "Reduce flaky tests from 40 to 10",
    "Run 6 customer discovery interviews",
    "Improve code quality",
];
/// (title, unit, baseline, target); a zero target marks a milestone.
pub const METRICS: &[(&str, &str, f64, f64)] = &[
    ("Weekly active teams", "teams", 120.0, 180.0),
    ("Cycle time", "days", 9.0, 5.0),
    ("Customer NPS", "points", 31.0, 45.0),
    ("Qualified pipeline", "$k", 800.0, 1200.0),
    ("Open support tickets", "tickets", 900.0, 300.0),
    ("Activation rate", "%", 35.0, 50.0),
    ("Deals closed", "deals", 0.0, 12.0),
];
pub const MILESTONES: &[&str] = &[
    "Launch the partner portal",
    "Publish the hiring rubric",
    "Migrate billing to the new ledger",
    "Run the Q-end retrospective",
];
pub const NOTES: &[&str] = &[
    "Steady week.",
    "Blocked on a dependency, unblocked Friday.",
    "Good progress after the launch.",
    "Slower than planned; re-prioritised.",
    "",
];
