//! The scorer against realistic feedback, each with the judgement a good
//! coach would make. Codes: too-short, too-long, vague, trait, absolute,
//! no-suggestion. An empty list means "specific, behavioural and actionable".

use super::*;
use FeedbackKind::{Coaching as C, Constructive as N, Praise as P};

/// (kind, main text, suggestion, expected hint codes)
const CASES: &[(FeedbackKind, &str, &str, &[&str])] = &[
    // Praise: specific and behavioural.
    (P, "In Tuesday's release review you walked the team through the rollback plan step by step; nobody had to ask a follow-up question.", "", &[]),
    (P, "Your summary of the 3 customer calls on Friday gave the sales team exactly what they needed for the Acme renewal.", "", &[]),
    (P, "Thanks for pairing with Priya on the flaky checkout tests yesterday. The suite went from 12 failures to 0.", "", &[]),
    (P, "The onboarding doc you wrote in March cut new-starter questions in Slack by half.", "", &[]),
    (P, "You stayed calm during the outage on Sunday night and kept the incident channel updated every 15 minutes.", "", &[]),
    (P, "In the Q3 planning workshop you asked the question that made us drop the Atlas migration from scope.", "", &[]),
    (P, "Your demo of the new dashboard this morning was clear: you started with the customer problem, then showed the fix.", "", &[]),
    (P, "You reviewed 9 pull requests this week and left comments that explained the why, not just the what.", "", &[]),
    (P, "When the Berlin client escalated on Wednesday you called them back within the hour and agreed a plan.", "", &[]),
    (P, "The \"Known issues\" section you added to the release notes saved support 20 tickets.", "", &[]),
    // Praise: vague or labels.
    (P, "Great job!", "", &["too-short", "vague"]),
    (P, "Thanks for everything you do, you are amazing and the team loves working with you.", "", &["vague"]),
    (P, "Really nice work lately, keep it up, it has been noticed by everyone around here.", "", &["vague"]),
    (P, "Good stuff.", "", &["too-short", "vague"]),
    (P, "You are a rockstar and always go above and beyond for all of us.", "", &["vague", "absolute"]),
    (P, "Awesome presentation.", "", &["too-short", "vague"]),
    (P, "Thank you for being such a positive presence on the team every single day.", "", &["vague"]),
    (P, "Loved your energy at the offsite workshop, it made the sessions fun.", "", &[]),
    // Praise that turns into criticism.
    (P, "Great demo on Monday, but the pricing slide was confusing and two customers asked about it afterwards.", "", &["no-suggestion"]),
    (P, "The launch on 4 June went well, however the handover to support was rushed.", "Next time, book the support walkthrough a week before launch.", &[]),
    (P, "Nice work on the report, though the numbers in section 2 were wrong.", "", &["no-suggestion"]),
    // Constructive: behavioural, with a next step.
    (N, "In Thursday's design review you interrupted Sam twice while he was presenting the API options.", "Next time, note your question and raise it when he finishes.", &[]),
    (N, "The migration PR on 12 May went out without the rollback script, and we lost 40 minutes in the incident.", "Please add the rollback step to the PR checklist.", &[]),
    (N, "Your status report for the board arrived 2 days after the deadline, so Finance presented old numbers.", "Could you flag a slip to me as soon as you see it coming?", &[]),
    (N, "During yesterday's client call you answered the pricing question before Maria could, and the client heard two prices.", "Let's agree before each call who owns pricing.", &[]),
    (N, "The spec for the search feature left out the error states, and QA found 6 gaps in the sprint review.", "Try writing the error cases first; I'm happy to review a draft.", &[]),
    (N, "In the retro on Friday your comments about the ops team came across as blaming them for the outage.", "Going forward, describe what happened and the effect, not who caused it.", &[]),
    (N, "You missed the last three standups without telling anyone, so we re-planned the sprint without your input.", "If you can't make it, post your update in the thread.", &[]),
    (N, "Your code review comments on the payments PR yesterday said only 'wrong' on 5 lines.", "Next time, say what you'd change and why, so the author can learn from it.", &[]),
    // Constructive: no next step.
    (N, "In Thursday's design review you interrupted Sam twice while he was presenting the API options.", "", &["no-suggestion"]),
    (N, "The report you sent on Monday had 4 wrong figures in the revenue table.", "", &["no-suggestion"]),
    (N, "The handover doc for the Orion project was missing the deployment steps last week.", "", &["no-suggestion"]),
    // Constructive: trait words.
    (N, "You are abrasive with the support team and people avoid asking you things.", "", &["vague", "trait", "no-suggestion"]),
    (N, "You're so lazy about testing.", "", &["too-short", "vague", "trait", "no-suggestion"]),
    (N, "Honestly you come across as arrogant in meetings and it puts people off.", "Try listening more.", &["vague", "trait"]),
    (N, "In yesterday's standup you were rude to Lee when he asked about the deadline.", "Next time, take the question offline if you're under pressure.", &["trait"]),
    (N, "You are very disorganised and it affects the whole team.", "Please get organised.", &["vague", "trait"]),
    (N, "Your work is sloppy.", "", &["too-short", "vague", "trait", "no-suggestion"]),
    (N, "You seem unmotivated lately and your output has dropped.", "", &["vague", "trait", "no-suggestion"]),
    (N, "You were defensive when Ana gave feedback on the Q2 roadmap in Monday's review.", "Try asking one clarifying question before answering.", &["trait"]),
    (N, "He is such a difficult person to work with.", "", &["vague", "trait", "no-suggestion"]),
    // Constructive: absolutes.
    (N, "You always join the Monday planning meeting late.", "Could you block 5 minutes before it in your calendar?", &["absolute"]),
    (N, "You never update the Jira tickets before the sprint review, so the board is 2 days stale.", "Let's make ticket updates part of your Friday routine.", &["absolute"]),
    (N, "You constantly change the requirements after the design review.", "", &["absolute", "no-suggestion"]),
    // Constructive: vague without specifics.
    (N, "Communication could be better and you need to be more proactive generally.", "", &["vague", "no-suggestion"]),
    (N, "Things have not been great recently and I think you know why.", "", &["vague", "no-suggestion"]),
    (N, "Your attitude needs work.", "", &["too-short", "vague", "no-suggestion"]),
    (N, "The quality of your work has slipped and it is noticeable to others.", "Please focus more.", &["vague"]),
    (N, "Please be more careful.", "", &["too-short", "vague"]),
    // Coaching: forward-looking.
    (C, "You want to lead the Q1 roadmap. In the last 2 planning meetings you let others present your analysis.", "Present the capacity numbers yourself at the next planning meeting; we'll rehearse on Wednesday.", &[]),
    (C, "When the release slipped on 3 October you told the client before I did, which was right.", "Next step: write the slip notice template so the team can do the same.", &[]),
    (C, "You asked how to get better at estimates. Your last 5 tickets ran 2x over.", "Try splitting anything over 3 days and compare estimates with actuals each Friday.", &[]),
    (C, "We talked about delegating more; this sprint you took 8 of the 11 tickets yourself.", "", &["no-suggestion"]),
    (C, "You should think about your career.", "", &["too-short", "vague", "no-suggestion"]),
    (C, "Work on confidence.", "", &["too-short", "vague", "no-suggestion"]),
    (C, "In the Friday 1:1 we agreed you would run the incident review for the payments outage.", "", &[]),
    (C, "Your questions in the architecture review were sharp; consider writing them up as a checklist for the team.", "", &["vague"]),
    (C, "You are stubborn about the tech choices.", "Be open.", &["vague", "trait", "no-suggestion"]),
    (C, "For the promotion case, collect 3 examples of cross-team impact from this quarter, like the Helios launch.", "", &[]),
    // Situation–Behaviour–Impact written across the fields (joined as main text).
    (N, "Monday's customer demo.\nYou skipped the setup slide and went straight to the API.\nThe customer's CTO lost the thread and asked to redo it.", "Start with the one-slide context next time.", &[]),
    (P, "Last sprint's incident review.\nYou wrote the timeline before the meeting.\nWe finished in 30 minutes instead of the usual hour.", "", &[]),
    // Length extremes.
    (P, "Thanks!", "", &["too-short", "vague"]),
    (N, "Late again.", "", &["too-short", "vague", "no-suggestion"]),
    (P, "ok", "", &["too-short", "vague"]),
    // Suggestion in the text rather than the suggestion field.
    (N, "The deck for Thursday's board meeting had 30 slides; the board only discussed 4. It would help to send a 5-slide version first.", "", &[]),
    (C, "You ran over time in 3 of the last 4 standups. How about a timer on the screen?", "", &[]),
];

#[test]
fn the_table_has_at_least_sixty_examples() {
    assert!(CASES.len() >= 60, "only {} examples", CASES.len());
}

#[test]
fn every_example_gets_the_expected_judgement() {
    let mut failures = Vec::new();
    for (kind, main, suggestion, expected) in CASES {
        let got = score(*kind, main, suggestion);
        if got.codes() != *expected {
            failures.push(format!(
                "{kind:?} {main:?} / {suggestion:?}\n   expected {expected:?}, got {:?}",
                got.codes()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} wrong:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn long_feedback_is_flagged_and_scores_drop() {
    let para = "In Tuesday's release review you walked the team through the rollback plan step by step. ";
    let long = para.repeat(20);
    let s = score(P, &long, "");
    assert_eq!(s.codes(), ["too-long"]);
    assert_eq!(s.score, 90);
}

#[test]
fn scores_order_good_above_bad() {
    let good = score(N, CASES[21].1, CASES[21].2);
    let bare = score(N, CASES[29].1, "");
    let label = score(N, "You are abrasive with the support team.", "");
    assert_eq!(good.score, 100);
    assert!(good.score > bare.score && bare.score > label.score);
    assert_eq!(good.label(), "Specific and useful");
    assert_eq!(label.label(), "Hard to act on yet");
}

#[test]
fn hint_messages_name_the_word() {
    let s = score(N, "You are abrasive in the Monday meeting.", "");
    let trait_hint = s.hints.iter().find(|h| h.code() == "trait").unwrap();
    assert!(trait_hint.message().contains("abrasive"), "{}", trait_hint.message());
}

#[test]
fn curly_apostrophes_count_like_straight_ones() {
    let a = score(N, "You\u{2019}re so lazy about testing.", "");
    assert!(a.codes().contains(&"trait"));
}
