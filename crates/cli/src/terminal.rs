//! Everything the CLI prints goes through here. Map text is anyone's text:
//! a title holding ESC/OSC sequences, BEL or NUL could clear the screen,
//! retitle the terminal or hide what follows. Control characters (C0 but
//! newline and tab, DEL, C1) and the bidi controls that reorder a line are
//! shown as visible escapes (`\u{1b}`), so names stay readable and nothing
//! reaches the terminal raw.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

/// Characters never sent to a terminal as they are.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every hidden character as a visible `\u{..}` escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.contains(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON for the terminal: serde_json escapes C0 controls already; the rest
/// of the hidden characters (only ever inside strings) get JSON escapes too,
/// so the output stays valid JSON.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).expect("serializable");
    if !text.contains(is_hidden) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes `text` to standard output, made visible.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(visible(text).as_bytes());
    let _ = out.flush();
}

/// Writes `text` to standard error, made visible.
pub fn eprint(text: &str) {
    let _ = std::io::stderr().write_all(visible(text).as_bytes());
}

/// Writes an export to standard output: exact bytes into a pipe or a file,
/// made visible when a person reads it on a terminal.
pub fn print_data(text: &str) {
    if std::io::stdout().is_terminal() {
        print(text);
    } else {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
}

/// `println!` through [`print`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::terminal::print(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` through [`eprint`].
macro_rules! say_err {
    ($($arg:tt)*) => {
        $crate::terminal::eprint(&format!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {say, say_err};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_names_stay_readable() {
        assert_eq!(
            visible("Ca\u{1b}]0;pwned\u{7}ll\u{0}\r\u{9b}2J\u{202e}x"),
            "Ca\\u{1b}]0;pwned\\u{7}ll\\u{0}\\u{d}\\u{9b}2J\\u{202e}x"
        );
        assert_eq!(visible("Café — ok\n\tnext"), "Café — ok\n\tnext");
        let j = json(&serde_json::json!({"t": "a\u{1b}b\u{9b}c\u{202e}"}));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&j).unwrap()["t"],
            "a\u{1b}b\u{9b}c\u{202e}"
        );
        assert!(!j.contains(is_hidden), "{j}");
    }
}
