//! Ordering the home page: overdue and urgent first, then by due date,
//! then the undated in the order they were found.

use crate::today::model::Item;

/// Sorts items most pressing first (stable for equal keys).
pub fn order(items: &mut [Item]) {
    items.sort_by(|a, b| {
        b.urgent.cmp(&a.urgent).then_with(|| match (&a.due, &b.due) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::today::model::ItemKind;

    fn item(title: &str, due: Option<&str>, urgent: bool) -> Item {
        Item {
            kind: ItemKind::Review,
            title: title.into(),
            detail: String::new(),
            link: "/".into(),
            due: due.map(Into::into),
            urgent,
            subject: String::new(),
            reminded: None,
        }
    }

    #[test]
    fn urgent_first_then_earliest_due_then_undated() {
        let mut items = vec![
            item("undated", None, false),
            item("later", Some("2026-12-20"), false),
            item("urgent", Some("2026-12-03"), true),
            item("sooner", Some("2026-12-10"), false),
            item("undated 2", None, false),
        ];
        order(&mut items);
        let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["urgent", "sooner", "later", "undated", "undated 2"]);
    }
}
