//! Photos of any activity: taken when their bytes are a JPEG, PNG or WebP
//! (whatever the name says) of at most [`MAX_PHOTO_BYTES`] and
//! [`MAX_PHOTO_PIXELS`], with their location metadata removed before they
//! are kept (`kizuna_io::photo`); the check, the cleaning, the hash and the
//! base64 copy run on the application's bounded blocking pool. Anything
//! else is refused naming the file and what it was found to be.
//!
//! A photo marked public of a public record is shown to anyone; every other
//! photo only to staff.

use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::exchanges::photo::{Photo, PhotoInput, PhotoSubject};
use kizuna_domain::training::nomination::clean_file_name;
use kizuna_io::limits::megabytes;
use kizuna_io::photo::{PhotoError, clean};
use kizuna_store::nominations::{base64_decode, base64_encode, sha256_hex};
use kizuna_store::photos::NewPhoto;

use super::not_found;
use crate::{App, AppError, Result};

/// The largest photo file: 10 MB.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
/// The most pixels a photo may have: 40 megapixels.
pub const MAX_PHOTO_PIXELS: u64 = 40_000_000;

fn refused(code: &str, name: &str, why: String) -> AppError {
    AppError::Invalid(vec![FieldError::new("file", code, format!("{name}: {why}"))])
}

/// The photo cleaned of its metadata, or why it is refused.
pub fn checked_photo(name: &str, bytes: &[u8]) -> Result<kizuna_io::photo::Cleaned> {
    if bytes.is_empty() {
        return Err(refused("photo_empty", name, "the file is empty; choose a photo".into()));
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(AppError::TooLarge(format!(
            "{name}: the file is {}; photos up to {} are accepted",
            megabytes(bytes.len() as u64),
            megabytes(MAX_PHOTO_BYTES as u64)
        )));
    }
    let c = clean(bytes).map_err(|e| match e {
        PhotoError::NotAPhoto(_) => refused("photo_type", name, e.to_string()),
        PhotoError::Broken(_) => refused("photo_broken", name, e.to_string()),
    })?;
    let pixels = u64::from(c.width) * u64::from(c.height);
    if pixels > MAX_PHOTO_PIXELS {
        return Err(refused(
            "photo_pixels",
            name,
            format!(
                "the photo is {} × {} pixels ({:.1} megapixels); photos up to {} megapixels are accepted",
                c.width,
                c.height,
                pixels as f64 / 1e6,
                MAX_PHOTO_PIXELS / 1_000_000
            ),
        ));
    }
    Ok(c)
}

impl App {
    /// Keep a photo of a record, its location metadata removed.
    pub async fn add_photo(&self, input: &PhotoInput, file_name: &str, bytes: Vec<u8>) -> Result<Photo> {
        let mut errors = input.validate(self.today()).err().unwrap_or_default();
        if errors.is_empty() && !self.subject_exists(input.subject, input.subject_id).await? {
            errors.push(FieldError::new(
                "subject_id",
                "not_found",
                format!("{} {} does not exist", input.subject, input.subject_id),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let name = clean_file_name(file_name);
        let (c, sha, encoded) = self
            .password_work(move || {
                checked_photo(&name, &bytes).map(|c| {
                    let sha = sha256_hex(&c.bytes);
                    let enc = base64_encode(&c.bytes);
                    (c, sha, enc)
                })
            })
            .await??;
        Ok(self
            .store
            .insert_photo(&NewPhoto {
                input,
                kind: c.kind,
                width: c.width,
                height: c.height,
                size_bytes: i64::try_from(c.bytes.len()).unwrap_or(i64::MAX),
                sha256: &sha,
                content_base64: &encoded,
                uploaded_at: self.now(),
            })
            .await?)
    }

    /// A record's photos (staff).
    pub async fn photos_of(&self, subject: PhotoSubject, id: Id) -> Result<Vec<Photo>> {
        Ok(self.store.photos_of(subject, id).await?)
    }

    /// A record's photos a member of the public may see: none unless the
    /// record is public, then those marked public.
    pub async fn public_photos_of(&self, subject: PhotoSubject, id: Id) -> Result<Vec<Photo>> {
        if !self.subject_is_public(subject, id).await? {
            return Ok(Vec::new());
        }
        Ok(self
            .store
            .photos_of(subject, id)
            .await?
            .into_iter()
            .filter(|p| p.fields.public)
            .collect())
    }

    /// A photo's record; for a reader who is not staff, only a public
    /// photo of a public record (others are "not found").
    pub async fn photo(&self, id: Id, staff: bool) -> Result<Photo> {
        let p = self.store.photo(id).await?;
        let shown = staff || (p.fields.public && self.subject_is_public(p.fields.subject, p.fields.subject_id).await?);
        if !shown {
            return Err(not_found("photo", id));
        }
        Ok(p)
    }

    /// A photo and its bytes, checked against the hash kept with them.
    pub async fn photo_file(&self, id: Id, staff: bool) -> Result<(Photo, Vec<u8>)> {
        let p = self.photo(id, staff).await?;
        let content = self.store.photo_content(id).await?;
        let sha = p.sha256.clone();
        let bytes = self
            .password_work(move || base64_decode(&content).filter(|b| sha256_hex(b) == sha))
            .await?
            .ok_or_else(|| {
                AppError::Store(kizuna_store::StoreError::Corrupt(format!(
                    "photo {id}: its content does not match its hash"
                )))
            })?;
        Ok((p, bytes))
    }

    /// Change a photo's caption, date, credit or public flag.
    pub async fn update_photo(&self, id: Id, input: &PhotoInput) -> Result<Photo> {
        let p = self.store.photo(id).await?;
        let mut errors = input.validate(self.today()).err().unwrap_or_default();
        if input.subject != p.fields.subject || input.subject_id != p.fields.subject_id {
            errors.push(FieldError::new(
                "subject_id",
                "fixed",
                "a photo stays with the record it was added to",
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(self.store.update_photo(id, input).await?)
    }

    /// Delete a photo; what it was is returned.
    pub async fn delete_photo(&self, id: Id) -> Result<Photo> {
        Ok(self.store.delete_photo(id).await?)
    }
}

#[cfg(test)]
mod tests {
    use kizuna_io::photo::{exif_with_gps, tiny_jpeg, tiny_png};

    use super::*;

    fn code(r: Result<kizuna_io::photo::Cleaned>) -> String {
        match r {
            Err(AppError::Invalid(e)) => format!("{}: {}", e[0].code, e[0].message),
            Err(AppError::TooLarge(m)) => format!("too_large: {m}"),
            Ok(c) => format!("ok {}x{}", c.width, c.height),
            Err(e) => format!("{e}"),
        }
    }

    #[test]
    fn photos_are_checked_by_their_bytes_and_size() {
        assert_eq!(code(checked_photo("a.jpg", &tiny_jpeg(&[exif_with_gps(1)]))), "ok 8x8");
        assert_eq!(
            code(checked_photo("visit.jpg", b"%PDF-1.7\n1 0 obj")),
            "photo_type: visit.jpg: its contents are a PDF document, not a JPEG, PNG or WebP photo"
        );
        let big = vec![0xFFu8; MAX_PHOTO_BYTES + 1];
        assert!(code(checked_photo("big.jpg", &big)).starts_with("too_large: big.jpg: the file is"));
        // 8000 × 6000 = 48 megapixels, told from the header.
        let mut huge = tiny_png(1, 1, [0, 0, 0], &[]);
        huge[16..20].copy_from_slice(&8000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&6000u32.to_be_bytes());
        assert!(code(checked_photo("huge.png", &huge)).starts_with("photo_pixels: huge.png: the photo is 8000 × 6000"));
        assert!(code(checked_photo("cut.jpg", &tiny_jpeg(&[])[..20])).starts_with("photo_broken"));
        assert!(code(checked_photo("none.jpg", b"")).starts_with("photo_empty"));
    }
}
