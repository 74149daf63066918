//! Completion certificates: a trainee who completed an edition gets one,
//! numbered so that the number cannot be guessed, issued on a date,
//! valid until staff revoke it with a reason. No clock and no randomness
//! here: the application hands in the random bytes and the dates.

use crate::common::CountryCode;
use crate::common::error::FieldError;
use crate::string_enum;

string_enum! {
    /// Whether a certificate stands.
    CertificateStatus {
        Valid = "valid",
        Revoked = "revoked",
    }
}

/// The letters of a certificate number (Crockford's base 32: no I, L, O
/// or U, so a number read aloud or retyped is not mistaken).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many random bytes a number is made from (60 of their bits are used).
pub const NUMBER_RANDOM_BYTES: usize = 8;

/// The longest reason for a revocation, in characters.
pub const REVOKE_REASON_MAX_CHARS: usize = 500;

/// A certificate number from random bytes: `KZC-` and three groups of
/// four letters of [`ALPHABET`], 60 random bits (about 10^18 numbers), so
/// a number that was not handed out is not found by trying.
pub fn number_from(random: [u8; NUMBER_RANDOM_BYTES]) -> String {
    let bits = u64::from_be_bytes(random) >> 4;
    let mut letters = String::with_capacity(16);
    letters.push_str("KZC");
    for i in 0..12 {
        if i % 4 == 0 {
            letters.push('-');
        }
        let shift = 55 - 5 * i;
        let k = usize::try_from((bits >> shift) & 31).unwrap_or(0);
        letters.push(char::from(ALPHABET[k]));
    }
    letters
}

/// A number as someone typed it (any case, spaces, I/L as 1, O as 0)
/// made into the form numbers are stored in, or `None` when it cannot be
/// one (the verify page then answers "not found" as for an unknown number).
pub fn normalize_number(raw: &str) -> Option<String> {
    let mut s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    s = s.strip_prefix("KZC")?.to_owned();
    let fixed: String = s
        .chars()
        .map(|c| match c {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        })
        .collect();
    if fixed.len() != 12 || !fixed.bytes().all(|b| ALPHABET.contains(&b)) {
        return None;
    }
    Some(format!("KZC-{}-{}-{}", &fixed[0..4], &fixed[4..8], &fixed[8..12]))
}

/// The certificate's second language beside Japanese: the trainee's when
/// it is Thai or Malay (by nationality: Thailand; Malaysia, Brunei), else
/// English.
pub fn second_language(nationality: &CountryCode) -> &'static str {
    match nationality.as_str() {
        "TH" => "th",
        "MY" | "BN" => "ms",
        _ => "en",
    }
}

/// A revocation's reason: required, one line or more, at most
/// [`REVOKE_REASON_MAX_CHARS`] characters, no control characters.
pub fn revoke_reason(raw: &str) -> Result<String, FieldError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(FieldError::new(
            "reason",
            "required",
            "say why the certificate is revoked",
        ));
    }
    if t.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(FieldError::new(
            "reason",
            "control_character",
            "remove the control characters",
        ));
    }
    let n = t.chars().count();
    if n > REVOKE_REASON_MAX_CHARS {
        return Err(FieldError::new(
            "reason",
            "too_long",
            format!("at most {REVOKE_REASON_MAX_CHARS} characters; this is {n}"),
        ));
    }
    Ok(t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_well_formed_distinct_and_read_back_as_typed() {
        let a = number_from([0; 8]);
        let b = number_from([0, 0, 0, 0, 0, 0, 0, 0x10]);
        let c = number_from([0xff; 8]);
        assert_eq!(a, "KZC-0000-0000-0000");
        assert_eq!(b, "KZC-0000-0000-0001");
        assert_eq!(c, "KZC-ZZZZ-ZZZZ-ZZZZ");
        let n = number_from([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]);
        assert_eq!(normalize_number(&n).as_deref(), Some(n.as_str()));
        let typed = n.to_lowercase().replace('-', " ").replace('1', "l");
        assert_eq!(normalize_number(&typed).as_deref(), Some(n.as_str()));
        for bad in [
            "",
            "KZC-0000",
            "XYZ-0000-0000-0000",
            "KZC-0000-0000-000U",
            "KZC-0000-0000-0000-0",
        ] {
            assert_eq!(normalize_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_second_language_follows_the_trainee() {
        let code = |c: &str| CountryCode::parse(c).unwrap();
        assert_eq!(second_language(&code("TH")), "th");
        assert_eq!(second_language(&code("MY")), "ms");
        assert_eq!(second_language(&code("BN")), "ms");
        assert_eq!(second_language(&code("KE")), "en");
    }

    #[test]
    fn a_revocation_needs_a_reason() {
        assert_eq!(revoke_reason("  ").unwrap_err().code, "required");
        assert_eq!(revoke_reason(&"x".repeat(501)).unwrap_err().code, "too_long");
        assert_eq!(revoke_reason(" issued by mistake ").unwrap(), "issued by mistake");
    }
}
