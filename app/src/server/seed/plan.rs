//! The demo organisation as a pure, deterministic plan: the same people count
//! and seed always give the same org, which tests and benchmarks rely on.

use super::names::{self, DEPARTMENTS, TEAMS};
use super::rng::Rng;

/// Email domain of every demo account.
pub const DEMO_DOMAIN: &str = "tend.example";

/// One planned org unit; `parent` indexes [`OrgPlan::units`].
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub key: String,
    pub name: String,
    pub kind: &'static str,
    pub parent: Option<usize>,
}

/// One planned person; `unit` and `manager` index the plan's vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub key: String,
    pub name: String,
    pub email: String,
    pub title: String,
    pub unit: usize,
    pub manager: Option<usize>,
    pub level: u8,
    pub is_hr: bool,
    pub gender: &'static str,
    pub ethnicity: &'static str,
    pub age_band: &'static str,
    pub location: &'static str,
}

/// Indices of the well-known demo sign-ins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoAccounts {
    pub ceo: usize,
    pub leader: usize,
    pub manager: usize,
    pub employee: usize,
    pub hr: usize,
}

/// A whole organisation, people in breadth-first order (managers before their reports).
#[derive(Debug, Clone, PartialEq)]
pub struct OrgPlan {
    pub units: Vec<Unit>,
    pub people: Vec<Person>,
    pub demo: DemoAccounts,
}

/// Plans an org of `n` people (at least 5): spans of 3–12, departments under
/// the CEO, teams under each manager below department heads.
pub fn plan(n: usize, seed: u64) -> OrgPlan {
    assert!(n >= 5, "a demo org needs at least 5 people");
    let mut rng = Rng::new(seed);
    let manager = assign_managers(n, &mut rng);
    let mut level = vec![1u8; n];
    let mut reports = vec![0usize; n];
    for p in 1..n {
        let m = manager[p].expect("everyone but the CEO has a manager");
        level[p] = level[m] + 1;
        reports[m] += 1;
    }

    let mut units = vec![Unit {
        key: "u0".into(),
        name: "Tend Demo Co".into(),
        kind: "company",
        parent: None,
    }];
    // dept[p]: index into `units` of p's department (the CEO has none).
    let mut dept = vec![0usize; n];
    let mut team_counts: Vec<usize> = Vec::new();
    let mut team_of = vec![None; n];
    for p in 1..n {
        if level[p] == 2 {
            let i = units.len() - 1;
            let base = DEPARTMENTS[i % DEPARTMENTS.len()];
            let name = numbered(base, i / DEPARTMENTS.len());
            dept[p] = push_unit(&mut units, name, "department", Some(0));
            team_counts.push(0);
        } else {
            dept[p] = dept[manager[p].unwrap_or(0)];
        }
        if level[p] >= 3 && reports[p] > 0 {
            let d = dept[p];
            let k = &mut team_counts[d - 1];
            let stem = numbered(TEAMS[*k % TEAMS.len()], *k / TEAMS.len());
            *k += 1;
            let name = format!("{} · {stem}", units[d].name);
            team_of[p] = Some(push_unit(&mut units, name, "team", Some(d)));
        }
    }

    let mut people = Vec::with_capacity(n);
    for p in 0..n {
        let dept_name = if p == 0 { "" } else { base_name(&units[dept[p]].name) };
        let unit = match (team_of[p], manager[p].and_then(|m| team_of[m])) {
            (Some(own), _) => own,
            (None, Some(managers)) => managers,
            _ if p == 0 => 0,
            _ => dept[p],
        };
        let first = rng.pick(names::FIRST);
        let last = rng.pick(names::LAST);
        let title = match level[p] {
            1 => "Chief Executive Officer".to_owned(),
            2 => format!("VP of {dept_name}"),
            _ if reports[p] > 0 && team_of[p].is_some() => format!("{dept_name} Manager"),
            _ => names::ic_title(dept_name, rng.range(0, 2) == 0),
        };
        people.push(Person {
            key: format!("p{p}"),
            name: format!("{first} {last}"),
            email: format!("{}.{}.{p}@{DEMO_DOMAIN}", first.to_lowercase(), last.to_lowercase()),
            title,
            unit,
            manager: manager[p],
            level: level[p],
            is_hr: dept_name == "People",
            gender: rng.weighted(names::GENDERS),
            ethnicity: rng.weighted(names::ETHNICITIES),
            age_band: rng.weighted(names::AGE_BANDS),
            location: rng.weighted(names::LOCATIONS),
        });
    }
    let demo = pick_demo_accounts(&mut people, &reports);
    OrgPlan { units, people, demo }
}

/// Breadth-first: each manager in turn takes the next 3–12 unassigned people
/// (the CEO 5–9, one per department), never leaving a remainder of 1 or 2
/// that would make a manager of fewer than three.
fn assign_managers(n: usize, rng: &mut Rng) -> Vec<Option<usize>> {
    let mut manager = vec![None; n];
    let mut next = 1;
    for m in 0..n {
        if next >= n {
            break;
        }
        let left = n - next;
        let mut span = if m == 0 { rng.range(5, 9) } else { rng.range(3, 12) }.min(left);
        if (1..3).contains(&(left - span)) {
            span = if left <= 12 { left } else { left - 3 };
        }
        for slot in manager.iter_mut().skip(next).take(span) {
            *slot = Some(m);
        }
        next += span;
    }
    manager
}

fn push_unit(units: &mut Vec<Unit>, name: String, kind: &'static str, parent: Option<usize>) -> usize {
    units.push(Unit {
        key: format!("u{}", units.len()),
        name,
        kind,
        parent,
    });
    units.len() - 1
}

fn numbered(base: &str, round: usize) -> String {
    if round == 0 {
        base.to_owned()
    } else {
        format!("{base} {}", round + 1)
    }
}

/// "Engineering 2" -> "Engineering", for titles.
fn base_name(name: &str) -> &str {
    name.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
}

/// Chooses an employee outside HR from the deepest level, so that their
/// manager's manager is a skip-level leader rather than the CEO wherever the
/// org is deep enough, then names the five demo sign-ins.
fn pick_demo_accounts(people: &mut [Person], reports: &[usize]) -> DemoAccounts {
    let is_leaf = |p: usize| reports[p] == 0;
    let deepest = people.iter().map(|p| p.level).max().unwrap_or(1);
    let employee = (1..people.len())
        .find(|&p| is_leaf(p) && !people[p].is_hr && people[p].level == deepest)
        .or_else(|| (1..people.len()).find(|&p| is_leaf(p) && !people[p].is_hr))
        .unwrap_or(people.len() - 1);
    let manager = people[employee].manager.unwrap_or(0);
    let leader = people[manager].manager.unwrap_or(manager);
    let taken = [0, leader, manager, employee];
    let hr = (1..people.len())
        .find(|&p| people[p].is_hr && is_leaf(p) && !taken.contains(&p))
        .or_else(|| (1..people.len()).rev().find(|p| !taken.contains(p)))
        .unwrap_or(0);
    people[hr].is_hr = true;
    let demo = DemoAccounts {
        ceo: 0,
        leader,
        manager,
        employee,
        hr,
    };
    for (idx, local) in [
        (0, "ceo"),
        (leader, "leader"),
        (manager, "manager"),
        (employee, "employee"),
        (hr, "hr"),
    ] {
        let unique = [0, leader, manager, employee, hr].iter().filter(|&&i| i == idx).count() == 1;
        if unique {
            people[idx].email = format!("{local}@{DEMO_DOMAIN}");
        }
    }
    demo
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn depth(plan: &OrgPlan) -> u8 {
        plan.people.iter().map(|p| p.level).max().unwrap()
    }

    fn spans(plan: &OrgPlan) -> Vec<usize> {
        let mut spans = vec![0; plan.people.len()];
        for p in &plan.people {
            if let Some(m) = p.manager {
                spans[m] += 1;
            }
        }
        spans.into_iter().filter(|&s| s > 0).collect()
    }

    #[test]
    fn same_seed_same_org_different_seed_different_org() {
        assert_eq!(plan(300, 7), plan(300, 7));
        assert_ne!(plan(300, 7).people, plan(300, 8).people);
    }

    #[test]
    fn spans_and_depth_are_plausible_at_scale() {
        for (n, seed) in [(2_000, 42), (2_000, 1), (10_000, 42), (10_000, 9)] {
            let p = plan(n, seed);
            assert_eq!(p.people.len(), n);
            assert!(spans(&p).iter().all(|s| (3..=12).contains(s)), "spans 3-12 for n={n}");
            assert!(
                (4..=6).contains(&depth(&p)),
                "depth {} for n={n} seed={seed}",
                depth(&p)
            );
        }
    }

    #[test]
    fn one_root_and_managers_come_first() {
        let p = plan(500, 3);
        assert_eq!(p.people.iter().filter(|x| x.manager.is_none()).count(), 1);
        for (i, x) in p.people.iter().enumerate() {
            if let Some(m) = x.manager {
                assert!(m < i, "manager {m} of {i} is planned earlier");
            }
        }
    }

    #[test]
    fn emails_are_unique_and_demo_accounts_fit_their_roles() {
        let p = plan(2_000, 42);
        let emails: HashSet<_> = p.people.iter().map(|x| &x.email).collect();
        assert_eq!(emails.len(), p.people.len());
        let d = p.demo;
        assert_eq!(p.people[d.employee].email, "employee@tend.example");
        assert_eq!(p.people[d.employee].manager, Some(d.manager));
        assert_eq!(p.people[d.manager].manager, Some(d.leader));
        assert!(p.people[d.hr].is_hr && !p.people[d.employee].is_hr);
        assert_eq!(p.people[d.hr].email, "hr@tend.example");
    }

    #[test]
    fn every_demo_sign_in_exists_once_the_org_has_four_levels() {
        for n in [300, 2_000, 10_000] {
            let p = plan(n, 42);
            for local in ["ceo", "leader", "manager", "employee", "hr"] {
                let email = format!("{local}@{DEMO_DOMAIN}");
                assert_eq!(
                    p.people.iter().filter(|x| x.email == email).count(),
                    1,
                    "{email} in n={n}"
                );
            }
            assert_ne!(p.demo.leader, p.demo.ceo, "the leader is not the CEO for n={n}");
        }
    }

    #[test]
    fn units_form_company_department_team() {
        let p = plan(2_000, 42);
        assert_eq!(p.units[0].kind, "company");
        for u in &p.units[1..] {
            let parent = &p.units[u.parent.expect("only the company is a root")];
            match u.kind {
                "department" => assert_eq!(parent.kind, "company"),
                "team" => assert_eq!(parent.kind, "department"),
                k => panic!("unexpected kind {k}"),
            }
        }
        assert!(p.units.iter().any(|u| u.name == "People"));
    }

    #[test]
    fn tiny_orgs_still_have_every_demo_role() {
        for n in [5, 6, 13, 20, 40] {
            let p = plan(n, 1);
            assert!(p.people.iter().any(|x| x.is_hr), "n={n} has HR");
            assert!(
                spans(&p).iter().all(|s| (3..=12).contains(s)),
                "spans for n={n}: {:?}",
                spans(&p)
            );
        }
    }
}
