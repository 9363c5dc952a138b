use super::*;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn schedule(calibration: bool) -> Schedule {
    Schedule {
        peers: true,
        nominate_due: day("2026-12-01"),
        write_due: day("2026-12-15"),
        calibration,
        share_due: Some(day("2027-01-15")),
    }
}

#[test]
fn the_dates_walk_the_cycle_through_its_phases() {
    let s = schedule(false);
    assert_eq!(
        s.by_date(day("2026-12-01")),
        Phase::Nomination,
        "the due day is still in"
    );
    assert_eq!(s.by_date(day("2026-12-02")), Phase::Writing);
    assert_eq!(s.by_date(day("2026-12-16")), Phase::Sharing);
    assert_eq!(s.by_date(day("2027-01-16")), Phase::Closed);
    let no_peers = Schedule { peers: false, ..s };
    assert_eq!(
        no_peers.by_date(day("2026-11-20")),
        Phase::Writing,
        "no peers, no nomination"
    );
}

#[test]
fn calibration_holds_results_until_hr_moves_the_cycle_on() {
    let s = schedule(true);
    assert_eq!(s.current(None, day("2026-12-16")), Phase::Calibration);
    assert_eq!(
        s.current(None, day("2027-02-01")),
        Phase::Calibration,
        "dates never end a calibration"
    );
    assert_eq!(
        s.current(Some(Phase::Calibration), day("2027-02-01")),
        Phase::Calibration
    );
    assert_eq!(s.current(Some(Phase::Sharing), day("2026-12-20")), Phase::Sharing);
    assert_eq!(
        s.current(Some(Phase::Sharing), day("2027-02-01")),
        Phase::Closed,
        "then the dates go on"
    );
}

#[test]
fn hr_may_move_a_cycle_on_early_but_never_back() {
    let s = schedule(false);
    assert_eq!(
        s.current(Some(Phase::Writing), day("2026-11-20")),
        Phase::Writing,
        "nomination ended early"
    );
    assert_eq!(
        s.current(Some(Phase::Nomination), day("2026-12-20")),
        Phase::Sharing,
        "an earlier phase is ignored"
    );
    assert_eq!(
        s.next(Phase::Writing),
        Some(Phase::Sharing),
        "no calibration to pass through"
    );
    assert_eq!(schedule(true).next(Phase::Writing), Some(Phase::Calibration));
    assert_eq!(s.next(Phase::Closed), None);
}

#[test]
fn each_phase_allows_its_own_work() {
    assert!(check_nominate(Phase::Nomination).is_ok());
    assert!(check_nominate(Phase::Writing)
        .unwrap_err()
        .contains("nomination is over"));
    assert!(check_write(Phase::Nomination, false).is_ok() && check_write(Phase::Writing, false).is_ok());
    assert!(check_write(Phase::Sharing, false)
        .unwrap_err()
        .contains("Writing is over"));
    assert!(
        check_write(Phase::Sharing, true).is_ok(),
        "an extension outlives the writing phase"
    );
    assert!(check_write(Phase::Closed, true).unwrap_err().contains("closed"));
    assert!(check_share(Phase::Sharing).is_ok());
    for early in [Phase::Nomination, Phase::Writing] {
        assert!(
            check_share(early).unwrap_err().contains("once writing is over"),
            "{early:?}"
        );
    }
    assert!(check_share(Phase::Calibration).unwrap_err().contains("calibration"));
    assert!(check_share(Phase::Closed).is_err());
}
