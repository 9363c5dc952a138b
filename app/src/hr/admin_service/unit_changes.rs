//! Creating, renaming, moving and merging org units (HR only). Every unit
//! stays within five levels, sibling names stay distinct (paths name units
//! in the people file), and no unit ends up under itself. Moves and merges
//! recount headcounts and the dashboards' unit figures.

use super::{invalid, unit_in};
use crate::error::AppError;
use crate::hr::admin_rules::{check_unit_name, closes_loop, MAX_DEPTH};
use crate::hr::import_apply::unit_kind;
use crate::hr::repo::{self, admin};
use crate::hr::unit_tree::UnitTree;
use crate::server::authz::ensure_hr;
use crate::server::db::Db;
use crate::server::repo::{new_key, person_rid};
use crate::server::CurrentUser;

fn sibling_taken(tree: &UnitTree, parent: &str, name: &str, except: Option<&str>) -> bool {
    tree.children(parent)
        .iter()
        .any(|c| c.name == name && Some(c.key.as_str()) != except)
}

/// Creates a unit under `parent`; returns its key.
pub async fn create_unit(db: &Db, user: &CurrentUser, parent: &str, name: &str) -> Result<String, AppError> {
    ensure_hr(user)?;
    let name = check_unit_name(name)?;
    let units = repo::units(db).await?;
    let tree = UnitTree::new(&units);
    let parent = unit_in(&tree, parent, "parent")?;
    let depth = tree.depth(&parent.key) + 1;
    if depth >= MAX_DEPTH {
        return Err(invalid(
            "parent",
            format!("Units nest at most {MAX_DEPTH} levels deep."),
        ));
    }
    if sibling_taken(&tree, &parent.key, &name, None) {
        return Err(invalid(
            "name",
            format!("{} already has a unit named {name}.", parent.name),
        ));
    }
    let key = new_key("u");
    admin::create_unit(db, &key, &name, unit_kind(depth), &parent.key, &person_rid(&user.id)).await?;
    Ok(key)
}

/// Renames a unit.
pub async fn rename_unit(db: &Db, user: &CurrentUser, unit: &str, name: &str) -> Result<(), AppError> {
    ensure_hr(user)?;
    let name = check_unit_name(name)?;
    let units = repo::units(db).await?;
    let tree = UnitTree::new(&units);
    let u = unit_in(&tree, unit, "unit")?;
    if u.name == name {
        return Ok(());
    }
    if let Some(p) = &u.parent {
        if sibling_taken(&tree, p, &name, Some(&u.key)) {
            return Err(invalid(
                "name",
                format!("There is already a unit named {name} beside it."),
            ));
        }
    }
    admin::rename_unit(db, &u.key, &u.name, &name, &person_rid(&user.id)).await
}

/// Moves a unit (with everything below it) under another unit.
pub async fn move_unit(db: &Db, user: &CurrentUser, unit: &str, parent: &str) -> Result<(), AppError> {
    ensure_hr(user)?;
    let units = repo::units(db).await?;
    let tree = UnitTree::new(&units);
    let u = unit_in(&tree, unit, "unit")?;
    let p = unit_in(&tree, parent, "parent")?;
    if u.parent.is_none() {
        return Err(invalid("unit", "The top of the organisation stays the top."));
    }
    if u.parent.as_deref() == Some(p.key.as_str()) {
        return Err(invalid("parent", "It is already there."));
    }
    if closes_loop(&u.key, &p.key, &tree.ancestors(&p.key)) {
        return Err(invalid(
            "parent",
            "A unit cannot move under itself or a unit inside it.",
        ));
    }
    let base = tree.depth(&p.key) + 1;
    let subtree = tree.subtree(&u.key);
    let height = subtree.iter().map(|(_, d)| *d).max().unwrap_or(0);
    if base + height >= MAX_DEPTH {
        return Err(invalid(
            "parent",
            format!("There it would nest more than {MAX_DEPTH} levels deep."),
        ));
    }
    if sibling_taken(&tree, &p.key, &u.name, Some(&u.key)) {
        return Err(invalid(
            "parent",
            format!("{} already has a unit named {}.", p.name, u.name),
        ));
    }
    let kinds = kinds_from(&tree, &u.key, base, false);
    let was = tree.path(&u.key).join("/");
    let became = format!("{}/{}", tree.path(&p.key).join("/"), u.name);
    admin::move_unit(db, &u.key, &p.key, (was, became), kinds, &person_rid(&user.id)).await?;
    recount(db).await
}

/// Merges `from` into `into`: its people and sub-units move, and every
/// goal, feedback entry, review and HR event that named it names `into`.
pub async fn merge_units(db: &Db, user: &CurrentUser, from: &str, into: &str) -> Result<(), AppError> {
    ensure_hr(user)?;
    let units = repo::units(db).await?;
    let tree = UnitTree::new(&units);
    let f = unit_in(&tree, from, "unit")?;
    let i = unit_in(&tree, into, "into")?;
    if f.parent.is_none() {
        return Err(invalid("unit", "The top of the organisation cannot be merged away."));
    }
    if closes_loop(&f.key, &i.key, &tree.ancestors(&i.key)) {
        return Err(invalid("into", "Merge into a unit outside the one being merged."));
    }
    for c in tree.children(&f.key) {
        if sibling_taken(&tree, &i.key, &c.name, None) {
            return Err(invalid(
                "into",
                format!("Both have a unit named {}; rename one first.", c.name),
            ));
        }
    }
    let below = tree.subtree(&f.key).iter().map(|(_, d)| *d).max().unwrap_or(0);
    if tree.depth(&i.key) + below >= MAX_DEPTH {
        return Err(invalid(
            "into",
            format!("Its units would nest more than {MAX_DEPTH} levels deep."),
        ));
    }
    let paths = (tree.path(&f.key).join("/"), tree.path(&i.key).join("/"));
    let kinds = kinds_from(&tree, &f.key, tree.depth(&i.key), true);
    admin::merge_units(db, &f.key, &i.key, paths, kinds, &person_rid(&user.id)).await?;
    recount(db).await
}

/// Each unit's kind at its depth once `key`'s subtree sits at `base`
/// (`key` itself left out when it is merged away).
fn kinds_from(tree: &UnitTree, key: &str, base: usize, skip_top: bool) -> Vec<admin::KindRow> {
    tree.subtree(key)
        .iter()
        .filter(|(_, d)| !(skip_top && *d == 0))
        .map(|(n, d)| admin::KindRow {
            id: surrealdb::types::RecordId::new("org_unit", n.key.as_str()),
            kind: unit_kind(base + d).to_owned(),
        })
        .collect()
}

/// Headcounts and unit figures follow the tree: recount both.
async fn recount(db: &Db) -> Result<(), AppError> {
    crate::people::repo::units::rebuild_headcounts(db).await?;
    Box::pin(crate::stats::rebuild::run(db)).await?;
    Ok(())
}
