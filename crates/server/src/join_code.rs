//! The short join code: someone who cannot scan the QR code types the
//! server's bare address (`http://192.168.1.20:4123`), then the code, and is
//! sent on to the join page with the join token.
//!
//! Only this page answers without a token, and only while the server has a
//! code. A code is short (about 30 bits), so guessing is bounded: after
//! [`MAX_WRONG`] wrong codes in all, the page stops accepting codes and only
//! the link or the QR code work.

use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::AppState;

/// Letters and digits nobody mixes up when reading them aloud or off a
/// screen (no 0/O, 1/I/L).
pub(crate) const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub(crate) const LENGTH: usize = 6;
/// Wrong codes accepted in all before the page gives up.
pub(crate) const MAX_WRONG: u32 = 20;

pub(crate) struct JoinCode {
    code: Option<String>,
    wrong: AtomicU32,
}

impl JoinCode {
    pub fn new(code: Option<String>) -> Self {
        Self {
            code: code.map(|c| normalise(&c)).filter(|c| !c.is_empty()),
            wrong: AtomicU32::new(0),
        }
    }
}

/// A fresh random code of [`LENGTH`] characters of [`ALPHABET`].
pub(crate) fn random_code() -> std::io::Result<String> {
    let mut bytes = [0u8; LENGTH];
    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
    // 256 is not a multiple of the alphabet's 31 letters: redraw the few
    // bytes past the last whole multiple so every letter is equally likely.
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut out = String::with_capacity(LENGTH);
    for mut b in bytes {
        while b >= limit {
            let mut one = [0u8; 1];
            getrandom::fill(&mut one).map_err(std::io::Error::other)?;
            b = one[0];
        }
        out.push(ALPHABET[b as usize % ALPHABET.len()] as char);
    }
    Ok(out)
}

/// What people type, as the code is written: capitals, no spaces or dashes.
fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether a request without a token is for the code page.
pub(crate) fn handles(s: &AppState, method: &Method, path: &str) -> bool {
    s.join_code.code.is_some() && path == "/" && (method == Method::GET || method == Method::POST)
}

/// The code page (GET), or the answer to a typed code (POST): on to the
/// join page when it is right, the page again with why when it is not.
pub(crate) async fn answer(s: &AppState, req: Request) -> Response {
    let jc = &s.join_code;
    let given_up = || jc.wrong.load(Ordering::SeqCst) >= MAX_WRONG;
    if req.method() == Method::GET {
        let note = given_up().then_some(GIVEN_UP);
        return page(note, StatusCode::OK);
    }
    if given_up() {
        return page(Some(GIVEN_UP), StatusCode::TOO_MANY_REQUESTS);
    }
    let Ok(body) = axum::body::to_bytes(req.into_body(), 1024).await else {
        return page(Some("That was not a code."), StatusCode::BAD_REQUEST);
    };
    let typed = String::from_utf8_lossy(&body);
    let typed = typed
        .split('&')
        .find_map(|kv| kv.strip_prefix("code="))
        .map(normalise)
        .unwrap_or_default();
    let right = jc
        .code
        .as_deref()
        .is_some_and(|c| crate::secret::same(c.as_bytes(), typed.as_bytes()));
    if right {
        let to = format!("/?token={}#/join", s.workshop.join_token);
        return Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, to)
            .header(header::CACHE_CONTROL, "no-store")
            .body(Body::empty())
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    }
    jc.wrong.fetch_add(1, Ordering::SeqCst);
    let note = if given_up() {
        GIVEN_UP
    } else {
        "That code is not right: check it on the host's screen."
    };
    page(Some(note), StatusCode::UNAUTHORIZED)
}

const GIVEN_UP: &str =
    "Too many wrong codes: this page no longer takes codes. Scan the QR code or open the link.";

fn page(note: Option<&str>, status: StatusCode) -> Response {
    let note = note
        .map(|n| format!(r#"<p class="note" role="alert">{n}</p>"#))
        .unwrap_or_default();
    let html = format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join the workshop · Waymark</title>
<style>
* {{ box-sizing: border-box; }}
body {{ font: 16px/1.4 system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f6f7fb; color: #1b1f2e; }}
form {{ background: #fff; padding: 1.5rem; border-radius: 10px; box-shadow: 0 4px 16px rgb(20 24 40 / 8%); display: grid; gap: .75rem; width: min(20rem, 90vw); }}
h1 {{ font-size: 1.2rem; margin: 0; }}
input {{ width: 100%; min-width: 0; font: 600 1.6rem ui-monospace, monospace; letter-spacing: .2em; text-transform: uppercase; text-align: center; padding: .4rem; border: 1px solid #dde1ec; border-radius: 6px; }}
button {{ font: inherit; padding: .5rem; border: 0; border-radius: 6px; background: #3b4cca; color: #fff; }}
.note {{ margin: 0; color: #b3261e; }}
</style></head>
<body><form method="post" action="/">
<h1>Join the workshop</h1>
<label for="code">The code on the host's screen</label>
<input id="code" name="code" maxlength="12" autocomplete="off" autocapitalize="characters" spellcheck="false" autofocus required>
{note}
<button type="submit">Join</button>
</form></body></html>"#
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_alphabet_and_differ() {
        let a = random_code().unwrap();
        let b = random_code().unwrap();
        assert_eq!(a.len(), LENGTH);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)), "{a}");
        assert_ne!(a, b, "two draws of 30 bits");
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalise(" k7p-qx4 "), "K7PQX4");
        assert_eq!(normalise("K7P+QX4"), "K7PQX4");
    }
}
