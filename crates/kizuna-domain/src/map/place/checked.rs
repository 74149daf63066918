//! Small checked values: strings that are trimmed, not empty, free of
//! control characters and of the right shape for what they hold.

use crate::common::error::Invalid;

use super::OPENING_HOURS_MAX_CHARS;

fn no_control(s: &str) -> Result<(), Invalid> {
    if s.chars().any(char::is_control) {
        return Err(Invalid::new("control_character", "contains a control character"));
    }
    Ok(())
}

macro_rules! checked_string {
    ($(#[$m:meta])* $name:ident, $check:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub fn parse(s: &str) -> Result<Self, Invalid> {
                let t = s.trim();
                if t.is_empty() {
                    return Err(Invalid::new("required", "must not be empty"));
                }
                no_control(t)?;
                let check: fn(&str) -> Result<(), Invalid> = $check;
                check(t)?;
                Ok($name(t.to_owned()))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = Invalid;
            fn from_str(s: &str) -> Result<Self, Invalid> {
                Self::parse(s)
            }
        }
    };
}

checked_string!(
    /// Opening hours in OpenStreetMap's `opening_hours` syntax (e.g.
    /// `Mo-Sa 11:00-21:00; Su off`), at most 255 characters. The syntax
    /// itself is checked by the application, which evaluates it.
    OpeningHoursText,
    |t| {
        if t.chars().count() > OPENING_HOURS_MAX_CHARS {
            return Err(Invalid::new(
                "too_long",
                format!("opening hours are longer than {OPENING_HOURS_MAX_CHARS} characters"),
            ));
        }
        Ok(())
    }
);

checked_string!(
    /// A telephone number: digits, spaces, `+ - ( ) .`; 3–40 characters.
    Phone,
    |t| {
        let ok = t.chars().count() <= 40
            && t.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
            && t.chars().filter(char::is_ascii_digit).count() >= 3;
        if ok {
            Ok(())
        } else {
            Err(Invalid::new(
                "invalid_phone",
                format!("\"{t}\" is not a telephone number (digits, spaces and + - ( ) only)"),
            ))
        }
    }
);

checked_string!(
    /// A web address starting with `http://` or `https://`, at most 500 characters.
    Website,
    |t| {
        let lower = t.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && !t.contains(char::is_whitespace) && t.len() <= 500 => Ok(()),
            _ => Err(Invalid::new(
                "invalid_url",
                format!("\"{t}\" is not a web address starting with https:// or http://"),
            )),
        }
    }
);

checked_string!(
    /// A place's identifier within its source: no spaces, at most 200 characters.
    SourceId,
    |t| {
        if t.chars().count() > 200 || t.contains(char::is_whitespace) {
            return Err(Invalid::new(
                "invalid_source_id",
                format!("\"{t}\" is not a source id (at most 200 characters, no spaces)"),
            ));
        }
        Ok(())
    }
);
