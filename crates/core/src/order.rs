//! Fractional order keys: strings that sort in the order of the items they
//! label, with a key between any two. A move rewrites one item's key, so two
//! people moving different items at once never disturb each other, and two
//! people moving the same item end with one of their moves, never a duplicate.
//! Ties (two items given the same key concurrently) break by id.
//!
//! Keys use the 62 ASCII digits `0-9A-Za-z` (ASCII order is digit order) and
//! never end in `0`, so there is always room for another key below.
//! The UI implements the same rules (ui/src/lib/order.ts).

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: usize = 62;

fn digit_value(c: u8) -> Option<usize> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as usize),
        b'A'..=b'Z' => Some((c - b'A') as usize + 10),
        b'a'..=b'z' => Some((c - b'a') as usize + 36),
        _ => None,
    }
}

/// Whether `key` is a well-formed order key.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty() && !key.ends_with('0') && key.bytes().all(|c| digit_value(c).is_some())
}

/// Why two neighbours cannot have a key between them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("order key {0:?} is not a valid key (digits 0-9A-Za-z, not ending in 0)")]
    Invalid(String),
    #[error("order keys {0:?} and {1:?} are not in ascending order")]
    NotAscending(String, String),
}

/// A key that sorts after `before` (or first when `None`) and before `after`
/// (or last when `None`).
pub fn key_between(before: Option<&str>, after: Option<&str>) -> Result<String, OrderError> {
    for k in [before, after].into_iter().flatten() {
        if !is_valid_key(k) {
            return Err(OrderError::Invalid(k.to_string()));
        }
    }
    if let (Some(a), Some(b)) = (before, after) {
        if a >= b {
            return Err(OrderError::NotAscending(a.to_string(), b.to_string()));
        }
    }
    Ok(midpoint(
        before.unwrap_or("").as_bytes(),
        after.map(str::as_bytes),
    ))
}

/// Midpoint of two digit strings read as fractions 0.a and 0.b (b = 1 when
/// absent); `a < b`, neither ends in `0`.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        // Keep the common prefix (`a` padded with zeros) and recurse on the rest.
        let mut n = 0;
        while n < b.len() && a.get(n).copied().unwrap_or(b'0') == b[n] {
            n += 1;
        }
        if n > 0 {
            let rest_a = if n < a.len() { &a[n..] } else { &[] };
            let mut out = String::from_utf8_lossy(&b[..n]).into_owned();
            out.push_str(&midpoint(rest_a, Some(&b[n..])));
            return out;
        }
    }
    let da = a.first().and_then(|&c| digit_value(c)).unwrap_or(0);
    let db = b
        .and_then(|b| b.first())
        .and_then(|&c| digit_value(c))
        .unwrap_or(BASE);
    if db - da > 1 {
        return (DIGITS[(da + db) / 2] as char).to_string();
    }
    // Adjacent first digits.
    match b {
        Some(b) if b.len() > 1 => (b[0] as char).to_string(),
        _ => {
            let mut out = (DIGITS[da] as char).to_string();
            let rest_a = if a.len() > 1 { &a[1..] } else { &[] };
            out.push_str(&midpoint(rest_a, None));
            out
        }
    }
}

/// `n` ascending keys spread evenly, all of the same short length: for
/// building a map in one go (templates, imports) without the key growth that
/// repeated appends cause.
pub fn spread(n: usize) -> Vec<String> {
    let mut width = 1;
    let mut space = BASE as u128;
    while space <= 2 * (n as u128 + 1) {
        width += 1;
        space *= BASE as u128;
    }
    (0..n)
        .map(|i| {
            let mut v = (i as u128 + 1) * space / (n as u128 + 1);
            if v.is_multiple_of(BASE as u128) {
                v += 1; // never end in 0; the gap between neighbours is at least 2
            }
            let mut digits = vec![b'0'; width];
            for slot in digits.iter_mut().rev() {
                *slot = DIGITS[(v % BASE as u128) as usize];
                v /= BASE as u128;
            }
            String::from_utf8(digits).expect("ASCII digits")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn first_key_and_appends_ascend() {
        let mut prev: Option<String> = None;
        for _ in 0..200 {
            let k = key_between(prev.as_deref(), None).unwrap();
            assert!(is_valid_key(&k));
            if let Some(p) = &prev {
                assert!(p < &k, "{p} !< {k}");
            }
            prev = Some(k);
        }
    }

    #[test]
    fn prepends_descend() {
        let mut next: Option<String> = None;
        for _ in 0..200 {
            let k = key_between(None, next.as_deref()).unwrap();
            assert!(is_valid_key(&k), "{k}");
            if let Some(n) = &next {
                assert!(&k < n, "{k} !< {n}");
            }
            next = Some(k);
        }
    }

    #[test]
    fn rejects_bad_neighbours() {
        assert!(matches!(
            key_between(Some("b"), Some("a")),
            Err(OrderError::NotAscending(..))
        ));
        assert!(matches!(
            key_between(Some("a0"), None),
            Err(OrderError::Invalid(_))
        ));
        assert!(matches!(
            key_between(Some("a-"), None),
            Err(OrderError::Invalid(_))
        ));
    }

    #[test]
    fn spread_is_ascending_and_short() {
        for n in [0, 1, 2, 30, 61, 62, 600, 5000] {
            let keys = spread(n);
            assert_eq!(keys.len(), n);
            assert!(keys.iter().all(|k| is_valid_key(k)), "n={n}");
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "n={n}");
            assert!(keys.iter().all(|k| k.len() <= 3), "n={n}");
        }
    }

    proptest! {
        #[test]
        fn repeated_insertion_between_stays_ordered(choices in proptest::collection::vec(0usize..1000, 1..120)) {
            let mut keys: Vec<String> = Vec::new();
            for c in choices {
                let i = if keys.is_empty() { 0 } else { c % (keys.len() + 1) };
                let before = if i == 0 { None } else { Some(keys[i - 1].as_str()) };
                let after = keys.get(i).map(String::as_str);
                let k = key_between(before, after).unwrap();
                prop_assert!(is_valid_key(&k));
                if let Some(b) = before { prop_assert!(b < k.as_str()); }
                if let Some(a) = after { prop_assert!(k.as_str() < a); }
                keys.insert(i, k);
            }
        }
    }
}
