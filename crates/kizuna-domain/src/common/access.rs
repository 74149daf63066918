//! What an API token may do, how long it lasts, and who manages accounts.

use super::account::Role;
use super::error::Invalid;
use crate::string_enum;

string_enum! {
    /// What an API token may do.
    TokenScope {
        /// Read only: GET and HEAD operations.
        Read = "read",
        /// Read and write: every operation its account may use.
        Write = "write",
    }
}

impl TokenScope {
    /// Whether a request with this method is within the scope.
    pub fn allows_method(self, method: &str) -> bool {
        match self {
            TokenScope::Write => true,
            TokenScope::Read => method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD"),
        }
    }
}

/// Days a new token lasts unless told otherwise.
pub const DEFAULT_TOKEN_DAYS: i64 = 90;
/// The longest expiry a token may be given, in days (ten years).
pub const MAX_TOKEN_DAYS: i64 = 3650;
/// Hours a password-reset link stays valid.
pub const RESET_LINK_HOURS: i64 = 24;

/// A token's lifetime in days: 1 to [`MAX_TOKEN_DAYS`].
pub fn check_token_days(days: i64) -> Result<i64, Invalid> {
    if (1..=MAX_TOKEN_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(Invalid::new(
            "out_of_range",
            format!("a token lasts from 1 to {MAX_TOKEN_DAYS} days, not {days}"),
        ))
    }
}

/// A token's name: what it is for, 1–100 characters without control characters.
pub fn parse_token_name(s: &str) -> Result<String, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        Err(Invalid::new("required", "a token needs a name saying what it is for"))
    } else if t.chars().count() > 100 {
        Err(Invalid::new("too_long", "a token's name has at most 100 characters"))
    } else if t.chars().any(char::is_control) {
        Err(Invalid::new(
            "control_character",
            "a token's name has no control characters",
        ))
    } else {
        Ok(t.to_owned())
    }
}

/// Whether a role manages accounts and tokens, reads the audit log and
/// exports personal data in bulk (administrators only).
pub fn administers(role: Role) -> bool {
    role == Role::Admin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_tokens_only_read() {
        assert!(TokenScope::Read.allows_method("GET") && TokenScope::Read.allows_method("head"));
        for m in ["POST", "PUT", "PATCH", "DELETE"] {
            assert!(!TokenScope::Read.allows_method(m), "{m}");
            assert!(TokenScope::Write.allows_method(m), "{m}");
        }
        assert_eq!("read".parse::<TokenScope>().unwrap(), TokenScope::Read);
        assert!("admin".parse::<TokenScope>().is_err());
    }

    #[test]
    fn token_names_and_days() {
        assert_eq!(parse_token_name("  nightly sync ").unwrap(), "nightly sync");
        assert_eq!(parse_token_name(" ").unwrap_err().code, "required");
        assert_eq!(parse_token_name("a\nb").unwrap_err().code, "control_character");
        assert_eq!(parse_token_name(&"x".repeat(101)).unwrap_err().code, "too_long");
        assert!(check_token_days(0).is_err() && check_token_days(3651).is_err());
        assert_eq!(check_token_days(90).unwrap(), 90);
        assert!(administers(Role::Admin) && !administers(Role::Staff) && !administers(Role::Partner));
    }
}
