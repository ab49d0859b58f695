//! The designer's two ratings on a touchpoint, emotion and friction, read
//! with errors in the user's words: "emotion must be a whole number from -2
//! to 2, not 1.5" rather than the parser's "expected i8". The ranges and the
//! wording are [`crate::schema`]'s; [`crate::validate`] and
//! [`crate::repair`] say it the same way.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

use crate::schema::input_range;

/// Reads a whole number that fits `T`; anything else (a fraction, text, a
/// number too large for `T`) is refused in words. The range itself is
/// [`crate::validate`]'s to check, so it can name the touchpoint.
struct Whole<T> {
    name: &'static str,
    into: fn(i64) -> Option<T>,
}

impl<T> Whole<T> {
    fn refusal(&self, found: impl fmt::Display) -> String {
        input_range(self.name).refusal(self.name, found)
    }
}

impl<'de, T> Visitor<'de> for Whole<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let r = input_range(self.name);
        write!(
            f,
            "{} as a whole number from {} to {}",
            self.name, r.min, r.max
        )
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        (self.into)(v)
            .map(Some)
            .ok_or_else(|| E::custom(self.refusal(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .ok()
            .and_then(self.into)
            .map(Some)
            .ok_or_else(|| E::custom(self.refusal(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Err(E::custom(self.refusal(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Err(E::custom(self.refusal(format!("{v:?}"))))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(E::custom(self.refusal(v)))
    }
}

/// `#[serde(deserialize_with)]` for [`crate::model::TouchpointInputs::emotion`].
pub fn emotion<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i8>, D::Error> {
    d.deserialize_option(Whole {
        name: "emotion",
        into: |v| i8::try_from(v).ok(),
    })
}

/// `#[serde(deserialize_with)]` for [`crate::model::TouchpointInputs::friction`].
pub fn friction<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    d.deserialize_option(Whole {
        name: "friction",
        into: |v| u8::try_from(v).ok(),
    })
}
