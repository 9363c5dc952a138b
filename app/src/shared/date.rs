//! Calendar days and quarters, without a date library: goals only need whole
//! days, and the same code runs in the browser.

use serde::{Deserialize, Serialize};

/// A calendar day, counted from 1970-01-01. Travels and is stored as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Day(i32);

impl Day {
    /// A valid date, or `None` (30 February, month 13...).
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1900..=9999).contains(&y) {
            return None;
        }
        Some(Day(days_from_civil(y, m, d)))
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Day> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r).filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?.parse().ok();
        Day::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// Days from `self` to `other` (negative if `other` is earlier).
    pub fn days_until(self, other: Day) -> i32 {
        other.0 - self.0
    }

    pub fn plus_days(self, n: i32) -> Day {
        Day(self.0 + n)
    }

    /// Today in UTC, from the server clock.
    #[cfg(feature = "ssr")]
    pub fn today() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Day((secs / 86_400) as i32)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Day::parse(&s).ok_or_else(|| serde::de::Error::custom("expected a date as YYYY-MM-DD"))
    }
}

/// A calendar quarter, e.g. `2026-Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub q: u8,
}

impl Quarter {
    /// The quarter a day falls in.
    pub fn of(day: Day) -> Quarter {
        let (year, m, _) = day.ymd();
        Quarter {
            year,
            q: ((m - 1) / 3 + 1) as u8,
        }
    }

    /// Parses `2026-Q4`.
    pub fn parse(s: &str) -> Option<Quarter> {
        let (y, q) = s.trim().split_once("-Q")?;
        let year: i32 = y.parse().ok().filter(|y| (1900..=9999).contains(y))?;
        let q: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        Some(Quarter { year, q })
    }

    pub fn start(self) -> Day {
        Day::from_ymd(self.year, (self.q as u32 - 1) * 3 + 1, 1).expect("quarter starts are valid")
    }

    pub fn end(self) -> Day {
        self.next().start().plus_days(-1)
    }

    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }

    pub fn prev(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }

    /// "Q4 2026", for people.
    pub fn label(self) -> String {
        format!("Q{} {}", self.q, self.year)
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.q)
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Quarter::parse(&s).ok_or_else(|| serde::de::Error::custom("expected a quarter as YYYY-Qn"))
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_knows_the_epoch() {
        assert_eq!(Day::parse("1970-01-01"), Some(Day(0)));
        for s in ["2024-02-29", "2026-11-27", "2000-12-31", "2027-01-01"] {
            assert_eq!(Day::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "26-1-1",
            "2026/01/01",
            "",
            "2026-01-0x",
        ] {
            assert_eq!(Day::parse(s), None, "{s}");
        }
    }

    #[test]
    fn quarters_bound_and_step() {
        let q = Quarter::of(Day::parse("2026-11-27").unwrap());
        assert_eq!(q.to_string(), "2026-Q4");
        assert_eq!(q.start().to_string(), "2026-10-01");
        assert_eq!(q.end().to_string(), "2026-12-31");
        assert_eq!(q.next().to_string(), "2027-Q1");
        assert_eq!(q.next().prev(), q);
        assert_eq!(Quarter::parse("2024-Q1").unwrap().end().to_string(), "2024-03-31");
        assert_eq!(Quarter::parse("2024-Q5"), None);
        assert_eq!(q.label(), "Q4 2026");
    }

    #[test]
    fn serde_uses_iso_text() {
        let d = Day::parse("2026-03-05").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-03-05\"");
        assert_eq!(serde_json::from_str::<Day>("\"2026-03-05\"").unwrap(), d);
        assert!(serde_json::from_str::<Day>("\"2026-02-30\"").is_err());
    }
}
