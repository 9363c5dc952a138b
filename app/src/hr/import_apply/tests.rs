use super::*;
use crate::hr::import_check::{header, plan, row, Existing};

fn today() -> Day {
    Day::parse("2026-12-02").unwrap()
}

const COLS: &str = "employee_id,email,name,manager_employee_id,org_unit,title,end_date";

fn file(lines: &[&str]) -> Vec<PersonRow> {
    let head = header(&COLS.split(',').map(str::to_owned).collect::<Vec<_>>(), false).unwrap();
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| row(&head, i + 2, &l.split(',').map(str::to_owned).collect::<Vec<_>>()).unwrap())
        .collect()
}

/// A tiny stand-in for the database: applies writes to the stored people
/// and units the way `repo::import` does.
#[derive(Default, Clone)]
struct Org {
    units: Vec<UnitNode>,
    people: Vec<Stored>,
}

impl Org {
    fn existing(&self) -> Vec<Existing> {
        let path = |key: &str| -> Vec<String> {
            let mut parts = Vec::new();
            let mut at = Some(key.to_owned());
            while let Some(u) = at.and_then(|k| self.units.iter().find(|u| u.key == k)) {
                parts.push(u.name.clone());
                at = u.parent.clone();
            }
            parts.reverse();
            parts
        };
        self.people
            .iter()
            .map(|s| Existing {
                key: s.key.clone(),
                employee_id: s.fields.employee_id.clone(),
                email: s.fields.email.clone(),
                name: s.fields.name.clone(),
                manager: s.manager.clone(),
                unit: path(&s.fields.unit),
                left: s.left_on.is_some(),
            })
            .collect()
    }

    fn import(&mut self, lines: &[&str], full: bool) -> Writes {
        let p = plan(file(lines), &self.existing(), full, today()).expect("a valid file");
        let mut n = 0;
        let w = writes(&p, &self.units, &self.people, full, today(), &mut |t| {
            n += 1;
            format!("{t}{n}")
        });
        self.units.extend(w.units.iter().cloned());
        for (key, fields) in &w.new_people {
            self.people.push(Stored {
                key: key.clone(),
                fields: fields.clone(),
                manager: None,
                left_on: None,
            });
        }
        let at = |people: &mut Vec<Stored>, key: &str| people.iter().position(|s| s.key == key).unwrap();
        for (key, fields) in &w.updated {
            let i = at(&mut self.people, key);
            self.people[i].fields = fields.clone();
        }
        for key in &w.unlink {
            let i = at(&mut self.people, key);
            self.people[i].manager = None;
        }
        for (key, m) in &w.edges {
            let i = at(&mut self.people, key);
            assert!(self.people[i].manager.is_none(), "{key} would get a second manager");
            self.people[i].manager = Some(m.clone());
        }
        for (key, day) in &w.leaving {
            let i = at(&mut self.people, key);
            self.people[i].left_on = Some(day.clone());
        }
        for key in &w.returning {
            let i = at(&mut self.people, key);
            self.people[i].left_on = None;
        }
        w
    }

    fn by_email(&self, email: &str) -> &Stored {
        self.people.iter().find(|s| s.fields.email == email).unwrap()
    }
}

const ORG: [&str; 4] = [
    "e1,ceo@x.io,Cat,,Co,Chief,",
    "e2,vp@x.io,Vic,e1,Co/Eng,VP,",
    "e3,dev@x.io,Dev,e2,Co/Eng/Platform,Engineer,",
    "e4,ops@x.io,Ops,e1,Co/Ops,Lead,",
];

#[test]
fn a_first_import_creates_units_by_depth_people_and_edges() {
    let mut org = Org::default();
    let w = org.import(&ORG, false);
    let kinds: Vec<(&str, &str)> = w.units.iter().map(|u| (u.name.as_str(), u.kind.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("Co", "company"),
            ("Eng", "department"),
            ("Platform", "team"),
            ("Ops", "department")
        ]
    );
    assert_eq!(w.new_people.len(), 4);
    let dev = org.by_email("dev@x.io");
    assert_eq!(dev.manager.as_deref(), Some(org.by_email("vp@x.io").key.as_str()));
    assert_eq!(dev.fields.title, "Engineer");
    assert!(org.by_email("ceo@x.io").manager.is_none());
    assert_eq!(w.changes.iter().filter(|c| c.what == "joined").count(), 4);
}

#[test]
fn importing_the_same_file_again_writes_nothing() {
    let mut org = Org::default();
    org.import(&ORG, false);
    let again = org.import(&ORG, true);
    assert!(again.is_empty(), "{again:?}");
    assert!(again.changes.is_empty());
}

#[test]
fn a_move_redraws_one_edge_and_is_audited_with_names_and_paths() {
    let mut org = Org::default();
    org.import(&ORG, false);
    let w = org.import(&["e3,dev@x.io,Dev,e4,Co/Ops,Engineer,"], false);
    let dev = org.by_email("dev@x.io").clone();
    assert_eq!(w.unlink, vec![dev.key.clone()]);
    assert_eq!(w.edges, vec![(dev.key.clone(), org.by_email("ops@x.io").key.clone())]);
    assert!(w.units.is_empty(), "Co/Ops exists already");
    let lines: Vec<(&str, Option<&str>, Option<&str>)> = w
        .changes
        .iter()
        .map(|c| (c.what, c.from.as_deref(), c.to.as_deref()))
        .collect();
    assert!(lines.contains(&("manager", Some("Vic"), Some("Ops"))), "{lines:?}");
    assert!(
        lines.contains(&("org_unit", Some("Co/Eng/Platform"), Some("Co/Ops"))),
        "{lines:?}"
    );
    // The other three are untouched.
    assert_eq!(w.updated.len(), 1);
}

#[test]
fn an_empty_optional_cell_keeps_what_tend_holds() {
    let mut org = Org::default();
    org.import(&ORG, false);
    let w = org.import(&["e3,dev@x.io,Dev,e2,Co/Eng/Platform,,"], false);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(org.by_email("dev@x.io").fields.title, "Engineer");
}

#[test]
fn leavers_lose_their_edge_and_a_returner_is_the_same_person_again() {
    let mut org = Org::default();
    org.import(&ORG, false);
    let dev_key = org.by_email("dev@x.io").key.clone();
    let w = org.import(&["e3,dev@x.io,Dev,e2,Co/Eng/Platform,Engineer,2026-11-30"], false);
    assert_eq!(w.leaving, vec![(dev_key.clone(), "2026-11-30".to_owned())]);
    assert_eq!(w.unlink, vec![dev_key.clone()]);
    assert!(org.by_email("dev@x.io").manager.is_none());
    // Back, without an end date: reactivated under the same key.
    let w = org.import(&["e3,dev@x.io,Dev,e2,Co/Eng/Platform,Engineer,"], false);
    assert_eq!(w.returning, vec![dev_key.clone()]);
    assert!(w.new_people.is_empty());
    assert_eq!(
        org.by_email("dev@x.io").manager.as_deref(),
        Some(org.by_email("vp@x.io").key.as_str())
    );
    assert_eq!(org.people.len(), 4);
}

#[test]
fn a_full_sync_lets_everyone_absent_leave_today() {
    let mut org = Org::default();
    org.import(&ORG, false);
    let w = org.import(&ORG[..3], true);
    let ops = org.by_email("ops@x.io");
    assert_eq!(w.leaving, vec![(ops.key.clone(), today().to_string())]);
    assert_eq!(ops.left_on.as_deref(), Some("2026-12-02"));
    // A partial file leaves the absent alone.
    let mut org = Org::default();
    org.import(&ORG, false);
    assert!(org.import(&ORG[..3], false).leaving.is_empty());
}
