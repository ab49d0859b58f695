//! What kind of channel a touchpoint's free-text channel names ("Phone
//! call", "In-store", "Mobile app"), so cards, the PDF and the deck can show
//! one icon per kind. The words per kind and each kind's icon are the one
//! table: the UI reads it from `ui/src/lib/generated/schema.ts` (written by
//! [`crate::schema`]) and its matcher is checked against [`examples`] by
//! Vitest; the PDF and the deck draw [`ChannelKind::icon_strokes`].

use std::fmt::Write;

/// A kind of channel, each with its own icon. Unknown words have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelKind {
    Phone,
    Email,
    Web,
    App,
    Chat,
    Store,
    Social,
    Letter,
    Video,
    Kiosk,
}

impl ChannelKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Phone => "phone",
            ChannelKind::Email => "email",
            ChannelKind::Web => "web",
            ChannelKind::App => "app",
            ChannelKind::Chat => "chat",
            ChannelKind::Store => "store",
            ChannelKind::Social => "social",
            ChannelKind::Letter => "letter",
            ChannelKind::Video => "video",
            ChannelKind::Kiosk => "kiosk",
        }
    }

    /// The icon: an SVG path in a 16×16 box, stroked (1.5 wide, round caps
    /// and joins), never filled.
    pub fn icon(self) -> &'static str {
        match self {
            ChannelKind::Phone => "M4 2.5h2l1 3-1.5 1a8 8 0 0 0 4 4l1-1.5 3 1v2a1.5 1.5 0 0 1-1.5 1.5A11 11 0 0 1 2.5 4 1.5 1.5 0 0 1 4 2.5z",
            ChannelKind::Email => "M2 4h12v8H2z M2 4.5l6 4.5 6-4.5",
            ChannelKind::Web => "M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2z M2 8h12 M8 2c-2.4 2.4-2.4 9.6 0 12 M8 2c2.4 2.4 2.4 9.6 0 12",
            ChannelKind::App => "M5 1.5h6a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1z M7 12.3h2",
            ChannelKind::Chat => "M2.5 3h11v7.5H7.5L4.5 13v-2.5h-2z M5.5 6.8h.01 M8 6.8h.01 M10.5 6.8h.01",
            ChannelKind::Store => "M2 6.5h12 M3 6.5V14h10V6.5 M2 6.5l1.5-4h9l1.5 4 M6.5 14v-4h3v4",
            ChannelKind::Social => "M2.5 8a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M10.5 4a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M10.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M5.4 7.3l5.2-2.6 M5.4 8.7l5.2 2.6",
            ChannelKind::Letter => "M1.5 4h13v8.5h-13z M11 5.5h2v2h-2z M3.5 9h5 M3.5 10.8h3.5",
            ChannelKind::Video => "M1.5 4.5h8.5v7H1.5z M10 7l4.5-2.5v7L10 9",
            ChannelKind::Kiosk => "M3.5 1.5h9v9h-9z M5.5 3.5h5v3h-5z M2 14.5h12 M5 10.5v4 M11 10.5v4",
        }
    }

    /// The icon as runs of points in its 16×16 box (curves flattened to
    /// within 0.05), each run one stroke: what the PDF and the deck draw.
    pub fn icon_strokes(self) -> Vec<Vec<(f32, f32)>> {
        use kurbo::PathEl;
        let path = kurbo::BezPath::from_svg(self.icon()).expect("the icons are valid SVG paths");
        let mut runs: Vec<Vec<(f32, f32)>> = Vec::new();
        let at = |p: kurbo::Point| (p.x as f32, p.y as f32);
        kurbo::flatten(path, 0.05, |el| match el {
            PathEl::MoveTo(p) => runs.push(vec![at(p)]),
            PathEl::LineTo(p) => {
                if let Some(run) = runs.last_mut() {
                    run.push(at(p));
                }
            }
            PathEl::ClosePath => {
                if let Some(run) = runs.last_mut() {
                    let first = run[0];
                    run.push(first);
                }
            }
            // `flatten` hands over lines only.
            _ => {}
        });
        runs
    }

    /// What the icon says to a screen reader and in a tooltip.
    pub fn label(self) -> &'static str {
        match self {
            ChannelKind::Phone => "Phone",
            ChannelKind::Email => "Email",
            ChannelKind::Web => "Website",
            ChannelKind::App => "Mobile app",
            ChannelKind::Chat => "Chat or messaging",
            ChannelKind::Store => "In store or branch",
            ChannelKind::Social => "Social media",
            ChannelKind::Letter => "Letter or post",
            ChannelKind::Video => "Video",
            ChannelKind::Kiosk => "Self-service or kiosk",
        }
    }
}

/// The words of each kind, most specific kind first: a channel naming words
/// of two kinds takes the earlier ("video call" is video, "web chat" chat,
/// "mobile web" the app). A word matches with or without a final "s";
/// hyphens join ("e-mail" is "email", "in-store" "instore").
pub const WORDS: [(ChannelKind, &[&str]); 10] = [
    (
        ChannelKind::Video,
        &[
            "video",
            "videocall",
            "videochat",
            "videoconference",
            "facetime",
            "webinar",
            "zoom",
        ],
    ),
    (
        ChannelKind::Chat,
        &[
            "chat",
            "webchat",
            "livechat",
            "chatbot",
            "bot",
            "messenger",
            "messaging",
            "message",
            "whatsapp",
            "sms",
            "text",
            "imessage",
            "telegram",
            "signal",
        ],
    ),
    (
        ChannelKind::Social,
        &[
            "social",
            "facebook",
            "instagram",
            "twitter",
            "linkedin",
            "tiktok",
            "youtube",
            "reddit",
            "forum",
            "community",
        ],
    ),
    (
        ChannelKind::Email,
        &["email", "mail", "newsletter", "inbox", "courriel"],
    ),
    (
        ChannelKind::Kiosk,
        &[
            "kiosk",
            "atm",
            "selfservice",
            "selfcheckout",
            "terminal",
            "machine",
            "vending",
            "ticketmachine",
        ],
    ),
    (
        ChannelKind::App,
        &[
            "app",
            "mobile",
            "mobileapp",
            "ios",
            "android",
            "smartphone",
            "tablet",
            "push",
            "notification",
        ],
    ),
    (
        ChannelKind::Web,
        &[
            "web",
            "website",
            "site",
            "online",
            "portal",
            "internet",
            "browser",
            "www",
            "ecommerce",
            "webshop",
            "form",
        ],
    ),
    (
        ChannelKind::Store,
        &[
            "store",
            "instore",
            "shop",
            "branch",
            "office",
            "counter",
            "desk",
            "showroom",
            "outlet",
            "retail",
            "boutique",
            "agency",
            "clinic",
            "hotel",
            "reception",
            "frontdesk",
            "person",
            "inperson",
            "facetoface",
            "onsite",
        ],
    ),
    (
        ChannelKind::Letter,
        &[
            "letter",
            "post",
            "postal",
            "paper",
            "brochure",
            "leaflet",
            "flyer",
            "snailmail",
        ],
    ),
    (
        ChannelKind::Phone,
        &[
            "phone",
            "telephone",
            "call",
            "callcenter",
            "callcentre",
            "hotline",
            "ivr",
            "voice",
            "voicemail",
            "helpline",
        ],
    ),
];

/// The channel's words: lower case, split at anything but letters, digits
/// and hyphens, hyphens dropped.
fn words(channel: &str) -> impl Iterator<Item = String> + '_ {
    channel
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.replace('-', "").to_lowercase())
        .filter(|w| !w.is_empty())
}

fn matches(word: &str, table: &[&str]) -> bool {
    table
        .iter()
        .any(|t| word == *t || word.strip_suffix('s') == Some(*t))
}

/// The kind of channel `channel` names, or `None` for words Waymark does not
/// know (no icon then).
pub fn channel_kind(channel: &str) -> Option<ChannelKind> {
    let found: Vec<String> = words(channel).collect();
    WORDS
        .iter()
        .find(|(_, table)| found.iter().any(|w| matches(w, table)))
        .map(|(k, _)| *k)
}

/// Channels with the kind Waymark gives them (`None`: no icon): the cases
/// both matchers, Rust's and the UI's, must agree on.
pub fn examples() -> Vec<(&'static str, Option<ChannelKind>)> {
    use ChannelKind::*;
    vec![
        ("Phone", Some(Phone)),
        ("phone call", Some(Phone)),
        ("Call centre", Some(Phone)),
        ("IVR", Some(Phone)),
        ("E-mail", Some(Email)),
        ("Emails", Some(Email)),
        ("email newsletter", Some(Email)),
        ("Web", Some(Web)),
        ("Website", Some(Web)),
        ("online form", Some(Web)),
        ("App", Some(App)),
        ("Mobile app", Some(App)),
        ("mobile web", Some(App)),
        ("iOS / Android", Some(App)),
        ("Chat", Some(Chat)),
        ("Web chat", Some(Chat)),
        ("SMS", Some(Chat)),
        ("WhatsApp", Some(Chat)),
        ("In store", Some(Store)),
        ("In-store", Some(Store)),
        ("Branch", Some(Store)),
        ("Front desk", Some(Store)),
        ("Social", Some(Social)),
        ("Instagram", Some(Social)),
        ("Letter", Some(Letter)),
        ("Post", Some(Letter)),
        ("Video call", Some(Video)),
        ("Zoom", Some(Video)),
        ("Kiosk", Some(Kiosk)),
        ("Self-service", Some(Kiosk)),
        ("ATM", Some(Kiosk)),
        ("", None),
        ("Carrier pigeon", None),
        ("Word of mouth", None),
    ]
}

/// The kinds with their label and words, in match order, as TypeScript.
pub fn typescript() -> String {
    let mut o = String::from(
        "/** Channel kinds, most specific first, with their icon (an SVG path in a\n * 16×16 box, stroked) and the words that name each\n * (`channels::WORDS`); a word matches with or without a final \"s\", hyphens\n * join, and the first kind with a matching word wins. */\nexport const CHANNEL_KINDS = [\n",
    );
    for (kind, words) in &WORDS {
        let list: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
        let _ = writeln!(
            o,
            "  {{ kind: \"{}\", label: \"{}\", icon: \"{}\", words: [{}] }},",
            kind.as_str(),
            kind.label(),
            kind.icon(),
            list.join(", ")
        );
    }
    o.push_str(
        "] as const;\n\nexport type ChannelKind = (typeof CHANNEL_KINDS)[number][\"kind\"];\n\n",
    );
    o.push_str("/** Channels with the kind both matchers give them (`channels::examples`). */\nexport const CHANNEL_EXAMPLES: readonly [string, ChannelKind | null][] = [\n");
    for (channel, kind) in examples() {
        let kind = kind.map_or("null".to_string(), |k| format!("\"{}\"", k.as_str()));
        let _ = writeln!(
            o,
            "  [{}, {kind}],",
            serde_json::to_string(channel).expect("a string serializes")
        );
    }
    o.push_str("];\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_flattens_to_strokes_inside_its_box() {
        for (kind, _) in &WORDS {
            let runs = kind.icon_strokes();
            assert!(!runs.is_empty(), "{kind:?}");
            for run in &runs {
                assert!(run.len() >= 2, "{kind:?}: a run is a line, at least");
                for &(x, y) in run {
                    assert!((0.0..=16.0).contains(&x), "{kind:?}: x {x}");
                    assert!((0.0..=16.0).contains(&y), "{kind:?}: y {y}");
                }
            }
        }
        // The web icon's circle: flattened, its points stay on the circle.
        let circle = &ChannelKind::Web.icon_strokes()[0];
        assert!(circle.len() > 8, "curves become many short lines");
        for &(x, y) in circle {
            let r = ((x - 8.0).powi(2) + (y - 8.0).powi(2)).sqrt();
            assert!((r - 6.0).abs() < 0.1, "{r}");
        }
    }

    #[test]
    fn examples_get_their_kind() {
        for (channel, kind) in examples() {
            assert_eq!(channel_kind(channel), kind, "{channel:?}");
        }
    }

    #[test]
    fn every_kind_has_words_and_no_word_is_in_two_kinds() {
        let mut seen = std::collections::HashSet::new();
        for (kind, words) in &WORDS {
            assert!(!words.is_empty(), "{kind:?}");
            for w in *words {
                assert!(seen.insert(*w), "{w} is in two kinds");
                assert_eq!(w.to_lowercase(), *w, "{w}: lower case only");
                assert!(
                    w.chars().all(char::is_alphanumeric),
                    "{w}: letters and digits only"
                );
            }
        }
    }

    /// The channels the built-in templates use all have an icon.
    #[test]
    fn template_channels_have_a_kind() {
        for t in crate::templates::list() {
            let j = crate::templates::load(t.name).unwrap();
            for tp in j.touchpoints.iter().filter(|tp| !tp.channel.is_empty()) {
                assert!(
                    channel_kind(&tp.channel).is_some(),
                    "{}: {:?}",
                    t.name,
                    tp.channel
                );
            }
        }
    }
}
