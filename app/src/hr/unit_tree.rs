//! The org unit tree as HR changes it: each unit's path, depth, the units
//! below it, and how deep its subtree goes. Pure, shared by the import's
//! preview and the unit pages' checks.

use crate::hr::import_apply::UnitNode;
use std::collections::HashMap;

/// Units by key, with their children.
pub struct UnitTree<'a> {
    by_key: HashMap<&'a str, &'a UnitNode>,
    children: HashMap<&'a str, Vec<&'a UnitNode>>,
}

/// Deeper than any real chart: a guard against a corrupt parent loop.
const GUARD: usize = 64;

impl<'a> UnitTree<'a> {
    pub fn new(units: &'a [UnitNode]) -> Self {
        let mut children: HashMap<&str, Vec<&UnitNode>> = HashMap::new();
        for u in units {
            if let Some(p) = &u.parent {
                children.entry(p.as_str()).or_default().push(u);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| a.name.cmp(&b.name));
        }
        UnitTree {
            by_key: units.iter().map(|u| (u.key.as_str(), u)).collect(),
            children,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a UnitNode> {
        self.by_key.get(key).copied()
    }

    /// The keys above a unit, nearest first.
    pub fn ancestors(&self, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = self.get(key).and_then(|u| u.parent.as_deref());
        while let Some(k) = at.filter(|_| out.len() < GUARD) {
            out.push(k.to_owned());
            at = self.get(k).and_then(|u| u.parent.as_deref());
        }
        out
    }

    /// Names from the top down to the unit.
    pub fn path(&self, key: &str) -> Vec<String> {
        let mut parts: Vec<String> = self
            .ancestors(key)
            .iter()
            .rev()
            .filter_map(|k| self.get(k).map(|u| u.name.clone()))
            .collect();
        if let Some(u) = self.get(key) {
            parts.push(u.name.clone());
        }
        parts
    }

    /// 0 for the top.
    pub fn depth(&self, key: &str) -> usize {
        self.ancestors(key).len()
    }

    /// The unit's children, by name.
    pub fn children(&self, key: &str) -> &[&'a UnitNode] {
        self.children.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The unit and everything below it, each with its depth below the unit
    /// (0 for the unit itself), parents before children.
    pub fn subtree(&self, key: &str) -> Vec<(&'a UnitNode, usize)> {
        let mut out = Vec::new();
        let mut stack: Vec<(&str, usize)> = vec![(key, 0)];
        while let Some((k, d)) = stack.pop() {
            let Some(u) = self.get(k) else { continue };
            if d > GUARD {
                continue;
            }
            out.push((u, d));
            for c in self.children(k).iter().rev() {
                stack.push((c.key.as_str(), d + 1));
            }
        }
        out
    }

    /// Every unit, depth first from the tops, children by name.
    pub fn ordered(&self) -> Vec<(&'a UnitNode, usize)> {
        let mut tops: Vec<&UnitNode> = self.by_key.values().copied().filter(|u| u.parent.is_none()).collect();
        tops.sort_by(|a, b| a.name.cmp(&b.name));
        tops.iter().flat_map(|t| self.subtree(&t.key)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(key: &str, name: &str, parent: Option<&str>) -> UnitNode {
        UnitNode {
            key: key.into(),
            name: name.into(),
            kind: String::new(),
            parent: parent.map(str::to_owned),
        }
    }

    #[test]
    fn paths_depths_and_subtrees() {
        let units = vec![
            u("c", "Co", None),
            u("e", "Eng", Some("c")),
            u("p", "Platform", Some("e")),
            u("a", "Apps", Some("e")),
            u("o", "Ops", Some("c")),
        ];
        let t = UnitTree::new(&units);
        assert_eq!(t.path("p"), ["Co", "Eng", "Platform"]);
        assert_eq!((t.depth("c"), t.depth("p")), (0, 2));
        assert_eq!(t.ancestors("p"), ["e", "c"]);
        let sub: Vec<(&str, usize)> = t.subtree("e").iter().map(|(u, d)| (u.name.as_str(), *d)).collect();
        assert_eq!(sub, [("Eng", 0), ("Apps", 1), ("Platform", 1)]);
        let all: Vec<&str> = t.ordered().iter().map(|(u, _)| u.name.as_str()).collect();
        assert_eq!(all, ["Co", "Eng", "Apps", "Platform", "Ops"]);
    }

    #[test]
    fn a_corrupt_loop_does_not_hang() {
        let units = vec![u("a", "A", Some("b")), u("b", "B", Some("a"))];
        let t = UnitTree::new(&units);
        assert!(t.ancestors("a").len() <= GUARD);
        assert!(t.ordered().is_empty(), "no top, nothing ordered");
    }
}
