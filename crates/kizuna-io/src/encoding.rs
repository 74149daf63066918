//! The character encoding of a text file people save from a spreadsheet.
//!
//! Excel on a Japanese Windows saves "CSV" as Shift_JIS (Microsoft's code
//! page 932), and on a Thai Windows as code page 874; only "CSV UTF-8" is
//! UTF-8. A file that is valid UTF-8 (with or without a byte-order mark)
//! is read as such. Any other is given to `chardetng` (the detector
//! Firefox uses) and read with `encoding_rs` when the guess is one an
//! office of ours plausibly saves in ([`ACCEPTED`]) and the whole file
//! decodes without a malformed sequence; otherwise it is refused, naming
//! the encoding found, so that nobody's name is silently garbled.

use std::borrow::Cow;

use encoding_rs::{EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, WINDOWS_874};

use crate::{IoError, Result};

/// The legacy encodings read besides UTF-8: Japanese (Shift_JIS — read as
/// code page 932, which is what `encoding_rs` means by it —, EUC-JP,
/// ISO-2022-JP) and Thai (code page 874, a superset of TIS-620). Western
/// code page 1252 is not: any bytes at all decode in it, so a guess of it
/// cannot be told from a garbled file; such a file is refused by name.
pub const ACCEPTED: &[&Encoding] = &[SHIFT_JIS, EUC_JP, ISO_2022_JP, WINDOWS_874];

/// A file's text and the encoding it was read from.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// `None` for UTF-8; else the encoding's name (`Shift_JIS`, `EUC-JP`,
    /// `windows-874`…), for telling the reader how the file was read.
    pub encoding: Option<&'static str>,
}

/// Read a CSV file's bytes as text: UTF-8, or one of [`ACCEPTED`] when
/// the file is not UTF-8; refused with [`IoError::Encoding`] otherwise.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded<'_>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: None,
        });
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // Excel's "Unicode text" is UTF-16 and tab-separated: not a CSV.
        return Err(IoError::Encoding {
            found: "UTF-16".to_owned(),
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(body, true);
    let guess = detector.guess(None, false);
    if !ACCEPTED.contains(&guess) {
        return Err(IoError::Encoding {
            found: guess.name().to_owned(),
        });
    }
    match guess.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(Decoded {
            text: Cow::Owned(text.into_owned()),
            encoding: Some(guess.name()),
        }),
        None => Err(IoError::Encoding {
            found: format!("{} (with bytes that are not valid in it)", guess.name()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(s);
        assert!(!unmappable, "{s} is not writable in {}", enc.name());
        bytes.into_owned()
    }

    /// The text read back from `s` written in `enc`, and the encoding named.
    fn round(enc: &'static Encoding, s: &str) -> (String, Option<&'static str>) {
        let bytes = encode(enc, s);
        let d = decode_text(&bytes).unwrap_or_else(|e| panic!("{}: {e}", enc.name()));
        (d.text.into_owned(), d.encoding)
    }

    const JAPANESE: &str = "family_name,given_name,name_native,name_kana\n山田,花子,山田花子,ヤマダ ハナコ\n釧路,太郎,釧路太郎,クシロ タロウ\n";
    const THAI: &str = "family_name,given_name,name_native\nSomchai,Jaidee,สมชาย ใจดี\nSuda,Rakthai,สุดา รักไทย\n";

    #[test]
    fn utf8_with_and_without_mark_is_read_as_is() {
        for bytes in [
            JAPANESE.as_bytes().to_vec(),
            [b"\xEF\xBB\xBF".as_slice(), JAPANESE.as_bytes()].concat(),
        ] {
            let d = decode_text(&bytes).expect("UTF-8");
            assert_eq!(d.text, JAPANESE);
            assert_eq!(d.encoding, None);
        }
    }

    #[test]
    fn shift_jis_as_excel_saves_it_is_read() {
        assert_eq!(round(SHIFT_JIS, JAPANESE), (JAPANESE.to_owned(), Some("Shift_JIS")));
    }

    #[test]
    fn cp932_extensions_are_read() {
        // NEC and IBM extensions that only code page 932 has: ① and ㈱.
        let text = "organisation\n㈱十勝製菓①\n";
        assert_eq!(round(SHIFT_JIS, text).0, text);
    }

    #[test]
    fn euc_jp_and_thai_code_page_are_read() {
        assert_eq!(round(EUC_JP, JAPANESE), (JAPANESE.to_owned(), Some("EUC-JP")));
        assert_eq!(round(WINDOWS_874, THAI), (THAI.to_owned(), Some("windows-874")));
    }

    #[test]
    fn other_encodings_are_refused_by_name() {
        let chinese = "family_name,name_native\nWang,王小明\nLi,李华强\nZhang,张伟东\n";
        let err = decode_text(&encode(encoding_rs::GBK, chinese)).unwrap_err();
        assert!(matches!(&err, IoError::Encoding { found } if found == "GBK"), "{err}");
        let err = decode_text(&encode(encoding_rs::WINDOWS_1252, "name\nJosé Peña\n")).unwrap_err();
        assert!(
            matches!(&err, IoError::Encoding { found } if found == "windows-1252"),
            "{err}"
        );
        let err = decode_text(b"\xFF\xFEf\0a\0").unwrap_err();
        assert!(
            matches!(&err, IoError::Encoding { found } if found == "UTF-16"),
            "{err}"
        );
    }
}
