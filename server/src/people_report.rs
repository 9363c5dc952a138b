//! What `tend import-people` prints: the preview of a people file as text,
//! the same groups the import page shows.

use app::hr::model::{ChangeGroup, ImportPreview};
use std::fmt::Write;

/// The preview as lines of text.
pub fn render(p: &ImportPreview) -> String {
    let mut out = format!(
        "{} people in the file: {} new, {} moved, {} renamed, {} leaving, {} returning, {} with other changes.",
        p.rows, p.new.count, p.moved.count, p.renamed.count, p.leaving.count, p.returning.count, p.updated.count
    );
    if !p.ignored_columns.is_empty() {
        let _ = write!(
            out,
            "\nNot imported (add --demographics to import): {}.",
            p.ignored_columns.join(", ")
        );
    }
    if !p.new_units.is_empty() {
        let _ = write!(out, "\nNew org units ({}):", p.new_units.len());
        for u in &p.new_units {
            let _ = write!(out, "\n  {u}");
        }
    }
    let groups: [(&str, &ChangeGroup); 6] = [
        ("New", &p.new),
        ("Moved", &p.moved),
        ("Renamed", &p.renamed),
        ("Leaving", &p.leaving),
        ("Returning", &p.returning),
        ("Other changes", &p.updated),
    ];
    for (title, g) in groups.into_iter().filter(|(_, g)| g.count > 0) {
        let _ = write!(out, "\n{title} ({}):", g.count);
        for e in &g.examples {
            let _ = write!(out, "\n  {e}");
        }
        let more = (g.count as usize).saturating_sub(g.examples.len());
        if more > 0 {
            let _ = write!(out, "\n  …and {more} more");
        }
    }
    if p.invited > 0 {
        let _ = write!(out, "\nInvitations queued: {} (sent by the running server).", p.invited);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_with_changes_are_listed_with_how_many_more() {
        let mut p = ImportPreview {
            rows: 20,
            ..Default::default()
        };
        p.moved = ChangeGroup {
            count: 17,
            examples: vec!["Dev Roe: manager Vic → Oz".into(); 15],
        };
        p.ignored_columns = vec!["gender".into()];
        let text = render(&p);
        assert!(text.starts_with("20 people in the file: 0 new, 17 moved"), "{text}");
        assert!(text.contains("\nMoved (17):\n  Dev Roe: manager Vic → Oz"));
        assert!(text.contains("…and 2 more"));
        assert!(text.contains("--demographics"));
        assert!(!text.contains("New ("), "empty groups are left out");
    }
}
