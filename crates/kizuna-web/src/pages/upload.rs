//! What the two import pages (trainees, places) share: reading the posted
//! form, and the file carried from the preview to the confirmation as
//! base64 in a hidden field.

use std::collections::HashMap;

use axum::extract::Multipart;

/// The largest file an import accepts (the base64 copy in the confirm form is a third larger).
pub(super) const MAX_UPLOAD: usize = 32 * 1024 * 1024;

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
    /// The file: the one uploaded now, else the preview's; `None` when the
    /// carried copy is not base64.
    pub fn file(self) -> Option<Vec<u8>> {
        if self.upload.is_empty() {
            base64_decode(self.data.trim())
        } else {
            Some(self.upload)
        }
    }
}

/// Read an import form; `None` when the request cannot be read as one.
pub(super) async fn read_import_form(mut form: Multipart) -> Option<ImportForm> {
    let mut f = ImportForm {
        csrf: String::new(),
        name: String::new(),
        upload: Vec::new(),
        data: String::new(),
        confirm: false,
        fields: HashMap::new(),
    };
    while let Some(part) = form.next_field().await.ok()? {
        let part_name = part.name().unwrap_or("").to_owned();
        let file_name = part.file_name().map(str::to_owned);
        match part_name.as_str() {
            "file" => {
                let b = part.bytes().await.ok()?;
                if !b.is_empty() {
                    f.upload = b.to_vec();
                    f.name = file_name.unwrap_or_default();
                }
            }
            "csrf" => f.csrf = part.text().await.ok()?,
            "data" => f.data = part.text().await.ok()?,
            "name" => {
                let t = part.text().await.ok()?;
                if f.upload.is_empty() {
                    f.name = t;
                }
            }
            "confirm" => {
                part.text().await.ok()?;
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
    Some(f)
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
