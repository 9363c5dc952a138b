//! The messages Tend sends, as plain text and HTML. Every value that comes
//! from people (names, an organisation's name, addresses) is escaped in the
//! HTML and kept off header lines, so a name such as `<a href=…>` or one
//! carrying a line break can neither add markup nor forge a header.

use crate::shared::html::escape;

/// One message, ready to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// What it is for: `invitation` or `password_reset`.
    pub kind: &'static str,
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A header value on one line: line breaks and other control characters
/// become spaces, and it is cut to a sane length.
pub fn header_value(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    one_line.chars().take(200).collect()
}

/// The parts of a message body: paragraphs of text, one button (a link),
/// and a closing line in small print.
struct Body<'a> {
    greeting: String,
    paragraphs: Vec<String>,
    button: (&'a str, &'a str),
    small: String,
}

impl Body<'_> {
    fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.greeting);
        for p in &self.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
        out.push_str(&format!("{}:\n{}\n\n{}\n", self.button.0, self.button.1, self.small));
        out
    }

    fn html(&self) -> String {
        let mut out = String::from(
            "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933\">",
        );
        out.push_str(&format!("<p>{}</p>", escape(&self.greeting)));
        for p in &self.paragraphs {
            out.push_str(&format!("<p>{}</p>", escape(p)));
        }
        out.push_str(&format!(
            "<p><a href=\"{}\" style=\"display:inline-block;padding:10px 16px;background:#2f6f4e;color:#fff;\
             text-decoration:none;border-radius:6px\">{}</a></p>",
            escape(self.button.1),
            escape(self.button.0)
        ));
        out.push_str(&format!(
            "<p style=\"font-size:13px;color:#52606d\">If the button does not work, copy this address into your browser:<br>{}</p>",
            escape(self.button.1)
        ));
        out.push_str(&format!(
            "<p style=\"font-size:13px;color:#52606d\">{}</p>",
            escape(&self.small)
        ));
        out.push_str("</body></html>");
        out
    }
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// An invitation to set a password and sign in for the first time.
pub fn invitation(to: &str, name: &str, org: &str, inviter: Option<&str>, link: &str, days: u32) -> Email {
    let who = match inviter {
        Some(i) => format!("{i} invited you"),
        None => "You are invited".to_owned(),
    };
    let body = Body {
        greeting: format!("Hello {},", first_name(name)),
        paragraphs: vec![
            format!("{who} to Tend at {org}: your goals, feedback, 1:1s and reviews in one place."),
            format!("Choose a password to sign in. The link works once and for {days} days."),
        ],
        button: ("Choose your password", link),
        small: format!("You sign in with {to}. If you did not expect this, you can ignore it."),
    };
    Email {
        kind: "invitation",
        to: to.to_owned(),
        to_name: header_value(name),
        subject: header_value(&format!("You're invited to Tend at {org}")),
        text: body.text(),
        html: body.html(),
    }
}

/// A link to choose a new password, after "Forgot your password?".
pub fn password_reset(to: &str, name: &str, link: &str, minutes: u32) -> Email {
    let body = Body {
        greeting: format!("Hello {},", first_name(name)),
        paragraphs: vec![
            format!("Someone asked to reset the Tend password for {to}. If it was you, choose a new one below."),
            format!("The link works once and for {minutes} minutes. Your other sessions end when you use it."),
        ],
        button: ("Choose a new password", link),
        small: "If you did not ask, ignore this message: your password stays as it is.".to_owned(),
    };
    Email {
        kind: "password_reset",
        to: to.to_owned(),
        to_name: header_value(name),
        subject: "Reset your Tend password".to_owned(),
        text: body.text(),
        html: body.html(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://tend.example/welcome?token=abc&x=1";

    #[test]
    fn an_invitation_carries_the_link_in_both_bodies_and_escapes_names() {
        let e = invitation(
            "zoe@acme.io",
            "Zoë <script>alert(1)</script>",
            "Acme & Sons",
            Some("Hal \"HR\" Ng"),
            LINK,
            7,
        );
        assert!(e.text.contains(LINK), "the text body has the raw link");
        assert!(e.text.contains("Acme & Sons") && e.text.contains("7 days"));
        assert!(e
            .html
            .contains("href=\"https://tend.example/welcome?token=abc&amp;x=1\""));
        assert!(!e.html.contains("<script>"), "{}", e.html);
        assert!(e.html.contains("Zoë") && e.html.contains("Acme &amp; Sons"));
        assert!(e.html.contains("Hal &quot;HR&quot; Ng"));
        assert_eq!(e.subject, "You're invited to Tend at Acme & Sons");
        assert_eq!(e.kind, "invitation");
    }

    #[test]
    fn header_values_cannot_carry_a_second_header() {
        let e = invitation("a@b.io", "Eve\r\nBcc: all@corp.io", "Org\nX-Evil: 1", None, LINK, 7);
        assert!(!e.subject.contains('\n') && !e.subject.contains('\r'));
        assert!(!e.to_name.contains('\n'));
        assert_eq!(e.to_name, "Eve Bcc: all@corp.io");
        assert_eq!(header_value(&"x".repeat(500)).len(), 200);
        assert_eq!(header_value("  a \t b  "), "a b");
    }

    #[test]
    fn a_reset_says_how_long_it_lasts_and_that_ignoring_it_is_safe() {
        let e = password_reset("kim@acme.io", "Kim Park", LINK, 60);
        assert!(e.text.starts_with("Hello Kim,"));
        assert!(e.text.contains("60 minutes") && e.text.contains(LINK));
        assert!(e.text.contains("ignore this message"));
        assert!(e.html.contains("&amp;x=1"));
    }
}
