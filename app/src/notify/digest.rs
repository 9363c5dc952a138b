//! One email for everything a person is due to hear about: a single
//! notification, a burst gathered in the window, or a daily or weekly
//! digest (and, after downtime, whatever was missed, collapsed into one).
//! Lines are grouped by kind; each kind present gets its own one-click
//! unsubscribe link. Every value is escaped in the HTML and kept off the
//! header lines.

use crate::email::message::{header_value, Email};
use crate::notify::model::Kind;
use crate::shared::html::escape;

/// One line of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    pub text: String,
    /// A path inside Tend.
    pub link: String,
}

/// Where the message's links point.
pub struct Links<'a> {
    /// Tend's public address, without a trailing slash.
    pub base: &'a str,
    /// The unsubscribe address for one kind (a signed token inside).
    pub unsubscribe: &'a dyn Fn(Kind) -> String,
}

/// Lines grouped by kind, in the preferences page's order.
pub fn grouped(items: &[Item]) -> Vec<(Kind, Vec<&Item>)> {
    Kind::ALL
        .iter()
        .filter_map(|k| {
            let lines: Vec<&Item> = items.iter().filter(|i| i.kind == *k).collect();
            (!lines.is_empty()).then_some((*k, lines))
        })
        .collect()
}

fn subject(items: &[Item]) -> String {
    match items {
        [one] => header_value(&one.text),
        many => format!("{} updates from Tend", many.len()),
    }
}

/// The message for `items` (at least one).
pub fn message(to: &str, name: &str, items: &[Item], links: &Links) -> Email {
    let groups = grouped(items);
    let first = name.split_whitespace().next().unwrap_or(name);
    let mut text = format!("Hello {first},\n\n");
    let mut html = String::from(
        "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933\">",
    );
    html.push_str(&format!("<p>Hello {},</p>", escape(first)));
    for (kind, lines) in &groups {
        text.push_str(&format!("{}\n", kind.label()));
        html.push_str(&format!(
            "<h3 style=\"font-size:15px;margin:16px 0 4px\">{}</h3><ul>",
            escape(kind.label())
        ));
        for l in lines {
            let url = format!("{}{}", links.base, l.link);
            text.push_str(&format!("- {}\n  {}\n", l.text, url));
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                escape(&url),
                escape(&l.text)
            ));
        }
        text.push('\n');
        html.push_str("</ul>");
    }
    let prefs = format!("{}/settings/notifications", links.base);
    text.push_str(&format!("Choose what Tend emails you: {prefs}\n"));
    html.push_str(&format!(
        "<p style=\"font-size:13px;color:#52606d\"><a href=\"{}\">Choose what Tend emails you</a></p>",
        escape(&prefs)
    ));
    for (kind, _) in &groups {
        let url = (links.unsubscribe)(*kind);
        text.push_str(&format!("Stop emails about \"{}\": {url}\n", kind.label()));
        html.push_str(&format!(
            "<p style=\"font-size:13px;color:#52606d\"><a href=\"{}\">Stop emails about “{}”</a></p>",
            escape(&url),
            escape(kind.label())
        ));
    }
    html.push_str("</body></html>");
    Email {
        kind: if items.len() == 1 { "notification" } else { "digest" },
        to: to.to_owned(),
        to_name: header_value(name),
        subject: subject(items),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: Kind, text: &str, link: &str) -> Item {
        Item {
            kind,
            text: text.into(),
            link: link.into(),
        }
    }

    fn unsub(k: Kind) -> String {
        format!("https://tend.example/unsubscribe?token=t-{}&x=1", k.code())
    }

    #[test]
    fn one_item_is_its_own_subject_and_values_are_escaped() {
        let links = Links {
            base: "https://tend.example",
            unsubscribe: &unsub,
        };
        let e = message(
            "kim@acme.io",
            "Kim <b>Park</b>",
            &[item(
                Kind::FeedbackReceived,
                "Ada <script> gave you feedback\r\nBcc: x",
                "/feedback/f1",
            )],
            &links,
        );
        assert_eq!(e.subject, "Ada <script> gave you feedback Bcc: x");
        assert!(!e.html.contains("<script>") && e.html.contains("Ada &lt;script&gt;"));
        assert!(e.html.contains("href=\"https://tend.example/feedback/f1\""));
        assert!(e.html.contains("t-feedback_received&amp;x=1"));
        assert!(e.text.contains("https://tend.example/feedback/f1"));
        assert_eq!(e.kind, "notification");
        assert!(e.text.starts_with("Hello Kim,"));
    }

    #[test]
    fn many_items_group_by_kind_with_one_unsubscribe_link_per_kind() {
        let links = Links {
            base: "https://t.io",
            unsubscribe: &unsub,
        };
        let mut items: Vec<Item> = (0..1000)
            .map(|i| item(Kind::FeedbackReceived, &format!("F{i}"), "/feedback"))
            .collect();
        items.push(item(Kind::Reminder, "Check in on Launch", "/goals/g1"));
        let e = message("a@b.io", "A", &items, &links);
        assert_eq!(e.subject, "1001 updates from Tend");
        assert_eq!(e.kind, "digest");
        assert_eq!(e.text.matches("Stop emails about").count(), 2);
        // Kinds appear in the preferences order: feedback before reminders.
        assert!(e.text.find("Feedback you receive").unwrap() < e.text.find("Reminders of things due").unwrap());
        assert_eq!(grouped(&items).len(), 2);
    }
}
