//! Which version of a note the server keeps when the same note arrives from
//! two devices: the later edit wins and the other is kept in its history.
//! Resending a version the server already has changes nothing.

/// The parts of a note version that decide a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version<'a> {
    pub edited_at: i64,
    pub text: &'a str,
}

/// What to do with an incoming version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// No note with this id yet: store it.
    Create,
    /// The same version again (a retried send): nothing to do.
    Same,
    /// Newer than the stored one: store it, keep the stored one as history.
    Replace,
    /// Older than the stored one: keep the stored one, add this to history.
    KeepStored,
}

/// Decides the merge. Equal times with different text are ordered by the
/// text itself, so every server reaches the same answer in any order.
pub fn merge(stored: Option<&Version<'_>>, incoming: &Version<'_>) -> Merge {
    let Some(s) = stored else { return Merge::Create };
    if s == incoming {
        return Merge::Same;
    }
    if (incoming.edited_at, incoming.text) > (s.edited_at, s.text) {
        Merge::Replace
    } else {
        Merge::KeepStored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(t: i64, s: &str) -> Version<'_> {
        Version { edited_at: t, text: s }
    }

    #[test]
    fn first_arrival_creates() {
        assert_eq!(merge(None, &v(1, "a")), Merge::Create);
    }

    #[test]
    fn a_resend_is_a_no_op() {
        assert_eq!(merge(Some(&v(5, "a")), &v(5, "a")), Merge::Same);
    }

    #[test]
    fn later_edit_wins_whichever_arrives_first() {
        assert_eq!(merge(Some(&v(5, "old")), &v(9, "new")), Merge::Replace);
        assert_eq!(merge(Some(&v(9, "new")), &v(5, "old")), Merge::KeepStored);
    }

    #[test]
    fn ties_resolve_the_same_way_in_both_orders() {
        let a = merge(Some(&v(5, "x")), &v(5, "y"));
        let b = merge(Some(&v(5, "y")), &v(5, "x"));
        assert_eq!((a, b), (Merge::Replace, Merge::KeepStored));
    }
}
