//! What a new password must be: at least 12 characters, at most 256, not
//! one of the passwords people pick most (the list below, plus any single
//! repeated character or run of a keyboard or number sequence), and not
//! the person's own name or email. Length is what protects against
//! guessing; the list stops the long passwords every cracking list tries
//! first. Pure, so the form says it as you type and the server enforces it.

/// Fewest characters a new password has.
pub const MIN: usize = 12;
/// Most characters (Argon2 hashes any length; this keeps requests small).
pub const MAX: usize = 256;

/// Long passwords that lead the published leak lists (compared lower-case,
/// with spaces removed).
const COMMON: [&str; 48] = [
    "password1234",
    "password12345",
    "password123456",
    "passwordpassword",
    "password1!",
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456123456",
    "111111111111",
    "qwertyuiop12",
    "qwertyuiop123",
    "qwertyuiopasdf",
    "qwerty123456",
    "1qaz2wsx3edc",
    "1q2w3e4r5t6y",
    "zaq12wsxcde3",
    "asdfghjkl123",
    "iloveyou1234",
    "iloveyouiloveyou",
    "letmein12345",
    "welcome12345",
    "welcome123456",
    "changeme1234",
    "changeme123!",
    "administrator",
    "administrator1",
    "adminadmin12",
    "monkey123456",
    "dragon123456",
    "football1234",
    "baseball1234",
    "superman1234",
    "sunshine1234",
    "princess1234",
    "trustno11234",
    "abc123456789",
    "abcdefghijkl",
    "abcd12345678",
    "starwars1234",
    "correcthorsebatterystaple",
    "thequickbrownfox",
    "passw0rd1234",
    "p@ssw0rd1234",
    "summer2026!!",
    "winter2026!!",
    "spring2026!!",
    "autumn2026!!",
];

const SEQUENCES: [&str; 4] = [
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890123456789",
    "qwertyuiopasdfghjklzxcvbnm",
    "98765432109876543210",
];

/// Why `password` is not allowed, or `None` when it is. `name` and `email`
/// are the person's own.
pub fn weakness(password: &str, name: &str, email: &str) -> Option<String> {
    let n = password.chars().count();
    if n < MIN {
        return Some(format!(
            "Use at least {MIN} characters; a few words together make a good one."
        ));
    }
    if n > MAX {
        return Some(format!("Use at most {MAX} characters."));
    }
    let plain: String = password.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    let first = plain.chars().next().unwrap_or_default();
    if plain.chars().all(|c| c == first) {
        return Some("One character repeated is guessed at once; choose something else.".into());
    }
    if COMMON.contains(&plain.as_str()) || SEQUENCES.iter().any(|s| s.contains(plain.as_str())) {
        return Some("That is one of the passwords guessed first; choose something else.".into());
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    let own: Vec<String> = name
        .to_lowercase()
        .split_whitespace()
        .map(str::to_owned)
        .chain([local])
        .filter(|p| p.chars().count() >= 4)
        .collect();
    if own.iter().any(|p| plain.contains(p.as_str()))
        && plain.chars().count() < own.iter().map(|p| p.len()).max().unwrap_or(0) + MIN
    {
        return Some("Do not build it from your own name or email.".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weak(p: &str) -> bool {
        weakness(p, "Ada Lovelace", "ada.lovelace@example.com").is_some()
    }

    #[test]
    fn short_common_repeated_sequential_and_own_names_are_refused() {
        for p in [
            "short",
            "elevenchars",
            "Password1234",
            "password 1234",
            "aaaaaaaaaaaa",
            "abcdefghijklmnop",
            "1234567890123",
            "qwertyuiopasdf",
            "lovelace2026!",
            "ada.lovelace12",
            "Correct Horse Battery Staple",
        ] {
            assert!(weak(p), "{p:?} should be refused");
        }
        assert!(weak(&"x".repeat(300)));
    }

    #[test]
    fn long_uncommon_passwords_pass_including_ones_that_mention_a_name_among_much_else() {
        for p in [
            "river otter pancake 42",
            "Tr0mbone-Quilt-Sky",
            "lovelace once wrote the first program",
            "ünïcödé pässwörd lång",
        ] {
            assert!(
                !weak(p),
                "{p:?} should pass: {:?}",
                weakness(p, "Ada Lovelace", "ada.lovelace@example.com")
            );
        }
    }
}
