//! What the two import pages (trainees, places) share: reading the posted
//! form, and the file carried from the preview to the confirmation as
//! base64 in a hidden field.
//!
//! A file may be up to [`MAX_FILE_BYTES`] (20 MB, as through the API); the
//! form that carries it, [`MAX_FORM_BYTES`]. Past either, the page says so
//! with 413 and names the limit.

use std::collections::HashMap;

use axum::extract::Multipart;
use axum::http::StatusCode;
pub(super) use kizuna_io::limits::MAX_FILE_BYTES;

/// The largest import form: a file of [`MAX_FILE_BYTES`], or its base64
/// copy in the confirm form (a third larger), with room for the other fields.
pub(super) const MAX_FORM_BYTES: usize = MAX_FILE_BYTES / 3 * 4 + 1024 * 1024;

/// Why an import form could not be taken.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FormError {
    /// The request is not a readable form.
    Unreadable,
    /// The form or its file is past the limits.
    TooLarge,
}

/// The message `key` of an import page, naming the limits: `$limit` (a
/// file, "20 MB"), `$unpacked` (a workbook unpacked) and `$cells` (a table).
pub(super) fn too_large_text(ctx: &crate::session::Ctx, key: &str) -> String {
    use fluent_bundle::FluentValue;
    use kizuna_io::limits::{MAX_CELLS, MAX_INFLATED_BYTES, megabytes};
    kizuna_i18n::message(
        ctx.lang,
        key,
        &[
            ("limit", FluentValue::from(megabytes(MAX_FILE_BYTES as u64))),
            ("unpacked", FluentValue::from(megabytes(MAX_INFLATED_BYTES))),
            ("cells", FluentValue::from(kizuna_i18n::number_in(ctx.lang, MAX_CELLS))),
        ],
    )
}

/// An import form as posted.
pub(super) struct ImportForm {
    pub csrf: String,
    /// The file's name: the uploaded file's, else the one carried from the preview.
    pub name: String,
    /// The file uploaded now (empty when none was).
    upload: Vec<u8>,
    /// The file carried from the preview, base64.
    data: String,
    /// Whether the person confirmed the preview.
    pub confirm: bool,
    /// Every other text field, by name.
    pub fields: HashMap<String, String>,
}

impl ImportForm {
    /// The file: the one uploaded now, else the preview's; unreadable when
    /// the carried copy is not base64, too large past [`MAX_FILE_BYTES`].
    pub fn file(self) -> Result<Vec<u8>, FormError> {
        let file = if self.upload.is_empty() {
            base64_decode(self.data.trim()).ok_or(FormError::Unreadable)?
        } else {
            self.upload
        };
        if file.len() > MAX_FILE_BYTES {
            return Err(FormError::TooLarge);
        }
        Ok(file)
    }
}

/// A multipart error as a form error: past the body limit is too large.
fn form_error(e: &axum::extract::multipart::MultipartError) -> FormError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        FormError::TooLarge
    } else {
        FormError::Unreadable
    }
}

/// Read an import form, or why it cannot be taken.
pub(super) async fn read_import_form(mut form: Multipart) -> Result<ImportForm, FormError> {
    let mut f = ImportForm {
        csrf: String::new(),
        name: String::new(),
        upload: Vec::new(),
        data: String::new(),
        confirm: false,
        fields: HashMap::new(),
    };
    while let Some(part) = form.next_field().await.map_err(|e| form_error(&e))? {
        let part_name = part.name().unwrap_or("").to_owned();
        let file_name = part.file_name().map(str::to_owned);
        let text = |r: Result<String, axum::extract::multipart::MultipartError>| r.map_err(|e| form_error(&e));
        match part_name.as_str() {
            "file" => {
                let b = part.bytes().await.map_err(|e| form_error(&e))?;
                if b.len() > MAX_FILE_BYTES {
                    return Err(FormError::TooLarge);
                }
                if !b.is_empty() {
                    f.upload = b.to_vec();
                    f.name = file_name.unwrap_or_default();
                }
            }
            "csrf" => f.csrf = text(part.text().await)?,
            "data" => f.data = text(part.text().await)?,
            "name" => {
                let t = text(part.text().await)?;
                if f.upload.is_empty() {
                    f.name = t;
                }
            }
            "confirm" => {
                text(part.text().await)?;
                f.confirm = true;
            }
            other => {
                // Fields a page does not use are skipped even when they are not text.
                if let Ok(t) = part.text().await {
                    f.fields.insert(other.to_owned(), t);
                }
            }
        }
    }
    Ok(f)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding: the checked file, carried in the confirm form.
pub(super) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                B64[((n >> (18 - 6 * i)) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

pub(super) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !clean.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    let last = clean.len() / 4;
    for (k, chunk) in clean.chunks(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|c| **c == b'=').count();
        if pad > 2 || (pad > 0 && k + 1 != last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            let v = B64.iter().position(|x| *x == c)?;
            n = (n << 6) | v as u32;
        }
        n <<= 6 * pad;
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "絆\u{0}\u{ff}"] {
            let e = base64_encode(s.as_bytes());
            assert_eq!(base64_decode(&e).as_deref(), Some(s.as_bytes()), "{s} -> {e}");
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_decode("Zm9v!mFy"), None);
        assert_eq!(base64_decode("Zm9"), None);
        assert_eq!(base64_decode("Zm8=Zm8="), None, "padding only at the end");
        assert_eq!(base64_decode("Z==="), None);
    }
}
