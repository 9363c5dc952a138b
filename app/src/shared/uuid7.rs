//! UUIDv7 ids for captured items: 48 bits of milliseconds, then random bits.
//! Made in the browser (no round trip) and checked on the server. Sorting
//! the text sorts by creation time, which is the outbox's send order.

/// Formats a UUIDv7 from a Unix time in milliseconds and 10 random bytes.
pub fn format(ms: u64, rand: [u8; 10]) -> String {
    let mut b = [0u8; 16];
    b[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    b[6..].copy_from_slice(&rand);
    b[6] = 0x70 | (b[6] & 0x0f); // version 7
    b[8] = 0x80 | (b[8] & 0x3f); // RFC 4122 variant
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// Whether `s` is a lower-case UUIDv7 in its canonical form.
pub fn is_valid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
        && b[14] == b'7'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// The milliseconds part of a valid UUIDv7.
pub fn millis(s: &str) -> Option<u64> {
    if !is_valid(s) {
        return None;
    }
    let hex: String = s.chars().filter(|c| *c != '-').take(12).collect();
    u64::from_str_radix(&hex, 16).ok()
}

/// The id as a record key: the hex digits without dashes.
pub fn key(s: &str) -> String {
    s.chars().filter(|c| *c != '-').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_version_variant_and_time() {
        let id = format(0x0190_1234_5678, [0xff; 10]);
        assert_eq!(id, "01901234-5678-7fff-bfff-ffffffffffff");
        assert!(is_valid(&id));
        assert_eq!(millis(&id), Some(0x0190_1234_5678));
    }

    #[test]
    fn later_ids_sort_later() {
        let a = format(1_700_000_000_000, [0xff; 10]);
        let b = format(1_700_000_000_001, [0; 10]);
        assert!(a < b);
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "01901234-5678-4fff-bfff-ffffffffffff", // v4
            "01901234-5678-7fff-7fff-ffffffffffff", // wrong variant
            "01901234-5678-7FFF-bfff-ffffffffffff", // upper case
            "019012345678-7fff-bfff-ffffffffffff0",
            "01901234-5678-7fff-bfff-fffffffffff'",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn key_drops_dashes() {
        assert_eq!(
            key("01901234-5678-7fff-bfff-ffffffffffff"),
            "0190123456787fffbfffffffffffffff"
        );
    }
}
