//! Photos as bytes: what a file is (from its contents, never its name),
//! its size in pixels (from the header), and the same picture with its
//! metadata that can locate people removed — losslessly, segment by
//! segment, without decoding or re-encoding the picture:
//!
//! - JPEG: APP1 (Exif with its GPS block, XMP), APP3–APP13 (IPTC in
//!   Photoshop's APP13 among them), APP15 and comments are dropped; APP0
//!   (JFIF), APP2 ICC profiles and APP14 (Adobe's colour transform) are
//!   kept. The Exif orientation, when it is not the default, is written
//!   back as a minimal Exif block holding only that tag, so a portrait
//!   photo stays upright.
//! - PNG: `eXIf`, `tEXt`, `iTXt` and `zTXt` chunks are dropped (XMP rides
//!   in `iTXt`); `iCCP` and the picture's chunks are kept.
//! - WebP: `EXIF` and `XMP ` chunks are dropped and the extended header's
//!   flags for them cleared; the RIFF size is rewritten.
//!
//! Anything else is refused naming what it was found to be (a PDF, a GIF,
//! HEIC, …). [`tiny_png`] and [`tiny_jpeg`] make small real pictures for
//! the demo and tests.

use kizuna_domain::exchanges::photo::PhotoKind;

/// Why bytes are not a photo Kizuna keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoError {
    /// Not a JPEG, PNG or WebP: what they were found to be instead.
    NotAPhoto(&'static str),
    /// A JPEG, PNG or WebP whose structure is broken (truncated, …).
    Broken(String),
}

impl std::fmt::Display for PhotoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhotoError::NotAPhoto(what) => write!(f, "its contents are {what}, not a JPEG, PNG or WebP photo"),
            PhotoError::Broken(why) => write!(f, "the picture cannot be read: {why}"),
        }
    }
}

/// A photo with its metadata removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub kind: PhotoKind,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
    /// What was removed, e.g. `["Exif", "XMP"]`, for the audit detail.
    pub removed: Vec<String>,
}

/// What the bytes are: a photo kind, or the name of what they are instead.
pub fn sniff(b: &[u8]) -> Result<PhotoKind, &'static str> {
    if b.starts_with(b"\xFF\xD8\xFF") {
        Ok(PhotoKind::Jpeg)
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(PhotoKind::Png)
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Ok(PhotoKind::Webp)
    } else {
        Err(what_else(b))
    }
}

fn what_else(b: &[u8]) -> &'static str {
    let head: Vec<u8> = b
        .iter()
        .skip_while(|c| c.is_ascii_whitespace())
        .take(16)
        .map(u8::to_ascii_lowercase)
        .collect();
    if b.is_empty() {
        "an empty file"
    } else if b.starts_with(b"%PDF-") {
        "a PDF document"
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        "a GIF image"
    } else if b.len() >= 12 && &b[4..8] == b"ftyp" && matches!(&b[8..12], b"heic" | b"heix" | b"mif1" | b"msf1") {
        "a HEIC/HEIF image"
    } else if b.len() >= 12 && &b[4..8] == b"ftyp" && matches!(&b[8..12], b"avif" | b"avis") {
        "an AVIF image"
    } else if b.len() >= 12 && &b[4..8] == b"ftyp" {
        "a video (MP4/QuickTime)"
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        "a TIFF image"
    } else if b.starts_with(b"BM") {
        "a BMP image"
    } else if b.starts_with(b"PK\x03\x04") {
        "a ZIP archive (or an Office document)"
    } else if b.starts_with(b"MZ") || b.starts_with(b"\x7fELF") {
        "a program"
    } else if head.starts_with(b"<svg") || (head.starts_with(b"<?xml") && b.windows(4).any(|w| w == b"<svg")) {
        "an SVG drawing"
    } else if head.starts_with(b"<!doctype") || head.starts_with(b"<html") {
        "a web page"
    } else if std::str::from_utf8(b).is_ok() {
        "text"
    } else {
        "an unknown kind of file"
    }
}

/// The photo's kind, width and height, from its header.
pub fn dimensions(b: &[u8]) -> Result<(PhotoKind, u32, u32), PhotoError> {
    let kind = sniff(b).map_err(PhotoError::NotAPhoto)?;
    let (w, h) = match kind {
        PhotoKind::Jpeg => jpeg_size(b)?,
        PhotoKind::Png => png_size(b)?,
        PhotoKind::Webp => webp_size(b)?,
    };
    if w == 0 || h == 0 {
        return Err(PhotoError::Broken("its width or height is zero".into()));
    }
    Ok((kind, w, h))
}

/// The same photo with its location and other personal metadata removed.
pub fn clean(b: &[u8]) -> Result<Cleaned, PhotoError> {
    let (kind, width, height) = dimensions(b)?;
    let (bytes, removed) = match kind {
        PhotoKind::Jpeg => clean_jpeg(b)?,
        PhotoKind::Png => clean_png(b)?,
        PhotoKind::Webp => clean_webp(b)?,
    };
    Ok(Cleaned {
        kind,
        width,
        height,
        bytes,
        removed,
    })
}

fn broken(why: &str) -> PhotoError {
    PhotoError::Broken(why.to_owned())
}

fn be16(b: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?])))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A JPEG's segments before the scan: (marker, whole segment incl. marker),
/// and the offset where the scan (SOS) starts.
/// A JPEG's segments (marker, body) and where the scan data starts.
type Segments<'a> = (Vec<(u8, &'a [u8])>, usize);
/// Chunks as (type, body).
type Chunks<'a> = Vec<(&'a [u8], &'a [u8])>;

fn jpeg_segments(b: &[u8]) -> Result<Segments<'_>, PhotoError> {
    let mut out = Vec::new();
    let mut i = 2;
    loop {
        // Fill bytes (0xFF repeated) may precede a marker.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if b.get(i) != Some(&0xFF) {
            return Err(broken("a JPEG segment does not start with a marker"));
        }
        let marker = *b.get(i + 1).ok_or_else(|| broken("the file ends inside the header"))?;
        if marker == 0xDA {
            return Ok((out, i));
        }
        if marker == 0xD9 {
            return Err(broken("the JPEG ends before its picture data"));
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.push((marker, &b[i..i + 2]));
            i += 2;
            continue;
        }
        let len = be16(b, i + 2).ok_or_else(|| broken("the file ends inside the header"))?;
        if len < 2 || i + 2 + len > b.len() {
            return Err(broken("a JPEG segment runs past the end of the file"));
        }
        out.push((marker, &b[i..i + 2 + len]));
        i += 2 + len;
    }
}

fn jpeg_size(b: &[u8]) -> Result<(u32, u32), PhotoError> {
    let (segs, _) = jpeg_segments(b)?;
    for (m, s) in segs {
        if matches!(m, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            let h = be16(s, 5).ok_or_else(|| broken("a short frame header"))?;
            let w = be16(s, 7).ok_or_else(|| broken("a short frame header"))?;
            return Ok((u32::try_from(w).unwrap_or(0), u32::try_from(h).unwrap_or(0)));
        }
    }
    Err(broken("the JPEG has no frame header"))
}

/// The Exif orientation (1–8) in an APP1 Exif segment, if any.
fn exif_orientation(seg: &[u8]) -> Option<u16> {
    let tiff = seg.get(4..)?.strip_prefix(b"Exif\0\0")?;
    let le = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let x = [*tiff.get(at)?, *tiff.get(at + 1)?];
        Some(if le {
            u16::from_le_bytes(x)
        } else {
            u16::from_be_bytes(x)
        })
    };
    let u32_at = |at: usize| -> Option<usize> {
        let x: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        usize::try_from(if le {
            u32::from_le_bytes(x)
        } else {
            u32::from_be_bytes(x)
        })
        .ok()
    };
    let ifd = u32_at(4)?;
    let n = usize::from(u16_at(ifd)?);
    (0..n.min(512)).find_map(|k| {
        let e = ifd + 2 + k * 12;
        (u16_at(e)? == 0x0112).then(|| u16_at(e + 8)).flatten()
    })
}

/// A minimal Exif APP1 segment holding only the orientation.
fn orientation_segment(o: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&o.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    let mut seg = vec![0xFF, 0xE1];
    let len = u16::try_from(2 + 6 + tiff.len()).unwrap_or(u16::MAX);
    seg.extend_from_slice(&len.to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    seg
}

fn clean_jpeg(b: &[u8]) -> Result<(Vec<u8>, Vec<String>), PhotoError> {
    let (segs, scan) = jpeg_segments(b)?;
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut removed: Vec<String> = Vec::new();
    let mut orientation = None;
    let mut note = |what: &str| {
        if !removed.iter().any(|r| r == what) {
            removed.push(what.to_owned());
        }
    };
    let mut kept: Vec<&[u8]> = Vec::new();
    for (m, s) in segs {
        let body = s.get(4..).unwrap_or_default();
        match m {
            0xE1 => {
                if body.starts_with(b"Exif\0\0") {
                    orientation = orientation.or(exif_orientation(s));
                    note("Exif");
                } else if body.starts_with(b"http://ns.adobe.com/") {
                    note("XMP");
                } else {
                    note("APP1");
                }
            }
            0xE2 if !body.starts_with(b"ICC_PROFILE\0") => note("APP2"),
            0xED => note("IPTC"),
            0xE3..=0xEC | 0xEF => note(&format!("APP{}", m - 0xE0)),
            0xFE => note("comment"),
            _ => kept.push(s),
        }
    }
    // APP0 (JFIF) first, then the orientation, then the rest in order.
    let mut rest = kept.into_iter().peekable();
    if let Some(s) = rest.peek()
        && s.get(1) == Some(&0xE0)
    {
        out.extend_from_slice(s);
        rest.next();
    }
    if let Some(o) = orientation.filter(|o| (2..=8).contains(o)) {
        out.extend_from_slice(&orientation_segment(o));
    }
    for s in rest {
        out.extend_from_slice(s);
    }
    out.extend_from_slice(&b[scan..]);
    Ok((out, removed))
}

fn png_chunks(b: &[u8]) -> Result<Chunks<'_>, PhotoError> {
    let mut out = Vec::new();
    let mut i = 8;
    while i < b.len() {
        let len = be32(b, i).ok_or_else(|| broken("a PNG chunk is cut short"))?;
        let len = usize::try_from(len).map_err(|_| broken("a PNG chunk is too long"))?;
        let end = i
            .checked_add(12)
            .and_then(|x| x.checked_add(len))
            .filter(|e| *e <= b.len())
            .ok_or_else(|| broken("a PNG chunk runs past the end of the file"))?;
        let ty = &b[i + 4..i + 8];
        out.push((ty, &b[i..end]));
        i = end;
        if ty == b"IEND" {
            break;
        }
    }
    if out.first().map(|c| c.0) != Some(b"IHDR".as_slice()) {
        return Err(broken("the PNG does not start with its header chunk"));
    }
    if out.last().map(|c| c.0) != Some(b"IEND".as_slice()) {
        return Err(broken("the PNG has no end chunk"));
    }
    Ok(out)
}

fn png_size(b: &[u8]) -> Result<(u32, u32), PhotoError> {
    let chunks = png_chunks(b)?;
    let ihdr = chunks[0].1;
    Ok((
        be32(ihdr, 8).ok_or_else(|| broken("a short PNG header"))?,
        be32(ihdr, 12).ok_or_else(|| broken("a short PNG header"))?,
    ))
}

fn clean_png(b: &[u8]) -> Result<(Vec<u8>, Vec<String>), PhotoError> {
    let mut out = b[..8].to_vec();
    let mut removed = Vec::new();
    for (ty, whole) in png_chunks(b)? {
        if matches!(ty, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt") {
            let name = String::from_utf8_lossy(ty).into_owned();
            if !removed.contains(&name) {
                removed.push(name);
            }
        } else {
            out.extend_from_slice(whole);
        }
    }
    Ok((out, removed))
}

fn webp_chunks(b: &[u8]) -> Result<Chunks<'_>, PhotoError> {
    let riff = usize::try_from(le32(b, 4).ok_or_else(|| broken("a short RIFF header"))?)
        .map_err(|_| broken("a RIFF size too large"))?;
    let end = riff
        .checked_add(8)
        .filter(|e| *e <= b.len())
        .ok_or_else(|| broken("the WebP file is cut short"))?;
    let mut out = Vec::new();
    let mut i = 12;
    while i + 8 <= end {
        let len = usize::try_from(le32(b, i + 4).unwrap_or(0)).map_err(|_| broken("a chunk too large"))?;
        let next = i
            .checked_add(8 + len + (len & 1))
            .filter(|n| *n <= end)
            .ok_or_else(|| broken("a WebP chunk runs past the end of the file"))?;
        out.push((&b[i..i + 4], &b[i..next]));
        i = next;
    }
    if out.is_empty() {
        return Err(broken("the WebP file has no picture"));
    }
    Ok(out)
}

fn webp_size(b: &[u8]) -> Result<(u32, u32), PhotoError> {
    let chunks = webp_chunks(b)?;
    let (ty, c) = chunks[0];
    let short = || broken("a short WebP header");
    let u24 =
        |at: usize| -> Option<u32> { Some(u32::from_le_bytes([*c.get(at)?, *c.get(at + 1)?, *c.get(at + 2)?, 0])) };
    match ty {
        b"VP8X" => Ok((u24(12).ok_or_else(short)? + 1, u24(15).ok_or_else(short)? + 1)),
        b"VP8 " => {
            if c.get(11..14) != Some(b"\x9d\x01\x2a".as_slice()) {
                return Err(broken("the WebP picture has no start code"));
            }
            let w = u32::from_le_bytes([*c.get(14).ok_or_else(short)?, *c.get(15).ok_or_else(short)?, 0, 0]) & 0x3FFF;
            let h = u32::from_le_bytes([*c.get(16).ok_or_else(short)?, *c.get(17).ok_or_else(short)?, 0, 0]) & 0x3FFF;
            Ok((w, h))
        }
        b"VP8L" => {
            if c.get(8) != Some(&0x2F) {
                return Err(broken("the lossless WebP picture has no signature"));
            }
            let bits = le32(c, 9).ok_or_else(short)?;
            Ok(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        _ => Err(broken("the WebP file does not start with a picture header")),
    }
}

fn clean_webp(b: &[u8]) -> Result<(Vec<u8>, Vec<String>), PhotoError> {
    let mut body = b"WEBP".to_vec();
    let mut removed = Vec::new();
    for (ty, whole) in webp_chunks(b)? {
        match ty {
            b"EXIF" => removed.push("Exif".to_owned()),
            b"XMP " => removed.push("XMP".to_owned()),
            b"VP8X" => {
                let mut c = whole.to_vec();
                if let Some(flags) = c.get_mut(8) {
                    *flags &= !0x0C;
                }
                body.extend_from_slice(&c);
            }
            _ => body.extend_from_slice(whole),
        }
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&body);
    Ok((out, removed))
}

/// CRC-32 (ISO-HDLC), as PNG chunks carry.
fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &byte in data {
        c ^= u32::from(byte);
        for _ in 0..8 {
            c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A PNG chunk with its length and CRC.
pub fn png_chunk(ty: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes().to_vec();
    out.extend_from_slice(ty);
    out.extend_from_slice(data);
    let mut crc_in = ty.to_vec();
    crc_in.extend_from_slice(data);
    out.extend_from_slice(&crc32(&crc_in).to_be_bytes());
    out
}

/// A real PNG of `width` × `height` pixels in one colour, with `extra`
/// chunks (already framed by [`png_chunk`]) after its header: for the demo
/// and for tests.
pub fn tiny_png(width: u32, height: u32, rgb: [u8; 3], extra: &[Vec<u8>]) -> Vec<u8> {
    use std::io::Write;
    let mut raw = Vec::new();
    for _ in 0..height {
        // Each row: filter type 0, then its pixels.
        raw.extend_from_slice(&[0u8]);
        for _ in 0..width {
            raw.extend_from_slice(&rgb);
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to memory does not fail.
    let _ = z.write_all(&raw);
    let idat = z.finish().unwrap_or_default();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(png_chunk(b"IHDR", &ihdr));
    for c in extra {
        out.extend_from_slice(c);
    }
    out.extend(png_chunk(b"IDAT", &idat));
    out.extend(png_chunk(b"IEND", &[]));
    out
}

/// A real baseline JPEG of 8 × 8 grey pixels (one block whose only
/// coefficient is a zero DC difference), with `extra` segments (already
/// framed, e.g. an Exif APP1) after its JFIF header.
pub fn tiny_jpeg(extra: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend_from_slice(b"\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00");
    for s in extra {
        out.extend_from_slice(s);
    }
    // Quantisation table 0: all ones.
    out.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x43, 0x00]);
    out.extend_from_slice(&[1u8; 64]);
    // Baseline frame: 8 bits, 8 × 8, one component, 1×1 sampling, table 0.
    out.extend_from_slice(&[
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
    ]);
    // Huffman tables: DC 0 and AC 0, each one code of one bit (symbol 0:
    // a zero difference; end of block).
    for class in [0x00u8, 0x10] {
        out.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x14, class, 1]);
        out.extend_from_slice(&[0u8; 15]);
        out.push(0x00);
    }
    // Scan: one component, tables 0/0, full spectral range.
    out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    // Bits "0" (DC) and "0" (EOB), padded with ones.
    out.push(0x3F);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// An Exif APP1 segment (big-endian TIFF) with an orientation in IFD0 and
/// a GPS block holding a latitude reference "N" and latitude 43°N; for
/// tests of the stripping.
pub fn exif_with_gps(orientation: u16) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0 at 8: two entries (orientation, GPS IFD pointer), next 0.
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    let gps_at: u32 = 8 + 2 + 2 * 12 + 4;
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    t.extend_from_slice(&gps_at.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD: LatitudeRef "N", Latitude 43/1 0/1 0/1.
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x00, 0x01, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    let rational_at = gps_at + 2 + 2 * 12 + 4;
    t.extend_from_slice(&[0x00, 0x02, 0, 5, 0, 0, 0, 3]);
    t.extend_from_slice(&rational_at.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    for (n, d) in [(43u32, 1u32), (0, 1), (0, 1)] {
        t.extend_from_slice(&n.to_be_bytes());
        t.extend_from_slice(&d.to_be_bytes());
    }
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&u16::try_from(2 + 6 + t.len()).unwrap_or(u16::MAX).to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&t);
    seg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    /// The markers of a JPEG in order, to compare structures.
    fn markers(b: &[u8]) -> Vec<u8> {
        let (segs, _) = jpeg_segments(b).unwrap();
        segs.into_iter().map(|(m, _)| m).collect()
    }

    #[test]
    fn a_jpeg_loses_its_gps_exif_and_keeps_its_picture() {
        let xmp = {
            let body =
                b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>43,0N</exif:GPSLatitude></x:xmpmeta>";
            let mut s = vec![0xFF, 0xE1];
            s.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
            s.extend_from_slice(body);
            s
        };
        let iptc = vec![0xFF, 0xED, 0x00, 0x08, b'P', b'h', b'o', b't', b'o', b'!'];
        let icc = {
            let body = b"ICC_PROFILE\0\x01\x01fakeprofile";
            let mut s = vec![0xFF, 0xE2];
            s.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
            s.extend_from_slice(body);
            s
        };
        let original = tiny_jpeg(&[exif_with_gps(1), xmp, iptc, icc]);
        assert!(has(&original, b"Exif") && has(&original, b"GPSLatitude"));
        let c = clean(&original).unwrap();
        assert_eq!((c.kind, c.width, c.height), (PhotoKind::Jpeg, 8, 8));
        assert!(!has(&c.bytes, b"Exif"), "no Exif left");
        assert!(
            !has(&c.bytes, b"GPS") && !has(&c.bytes, b"\x88\x25"),
            "no GPS pointer left"
        );
        assert!(!has(&c.bytes, b"Photo!"), "no IPTC left");
        assert!(has(&c.bytes, b"ICC_PROFILE"), "the colour profile is kept");
        assert_eq!(c.removed, ["Exif", "XMP", "IPTC"]);
        // The same picture: the plain tiny JPEG plus only the ICC segment.
        let plain = tiny_jpeg(&[]);
        assert_eq!(markers(&c.bytes), [0xE0, 0xE2, 0xDB, 0xC0, 0xC4, 0xC4]);
        assert!(
            c.bytes.ends_with(&plain[plain.len() - 13..]),
            "scan and EOI byte for byte"
        );
        assert_eq!(c.bytes.len(), plain.len() + 4 + 25);
        // Cleaning again changes nothing.
        assert_eq!(clean(&c.bytes).unwrap().bytes, c.bytes);
    }

    #[test]
    fn a_turned_photo_keeps_only_its_orientation() {
        let c = clean(&tiny_jpeg(&[exif_with_gps(6)])).unwrap();
        assert!(!has(&c.bytes, b"\x88\x25") && !has(&c.bytes, b"N\0\0\0"));
        let (segs, _) = jpeg_segments(&c.bytes).unwrap();
        let app1 = segs.iter().find(|(m, _)| *m == 0xE1).unwrap().1;
        assert_eq!(exif_orientation(app1), Some(6));
        assert_eq!(app1.len(), 4 + 6 + 8 + 2 + 12 + 4);
    }

    #[test]
    fn a_png_loses_its_exif_and_text_chunks() {
        let exif = png_chunk(b"eXIf", &exif_with_gps(1)[10..]);
        let text = png_chunk(b"tEXt", b"Comment\0taken at 43.0N 144.4E");
        let itxt = png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>");
        let png = tiny_png(3, 2, [200, 30, 30], &[exif, text, itxt]);
        let c = clean(&png).unwrap();
        assert_eq!((c.kind, c.width, c.height), (PhotoKind::Png, 3, 2));
        assert!(!has(&c.bytes, b"eXIf") && !has(&c.bytes, b"43.0N") && !has(&c.bytes, b"xmpmeta"));
        assert_eq!(c.bytes, tiny_png(3, 2, [200, 30, 30], &[]));
        assert_eq!(c.removed, ["eXIf", "tEXt", "iTXt"]);
    }

    #[test]
    fn a_webp_loses_its_exif_and_xmp_chunks_and_flags() {
        let mut vp8x = vec![0x0C, 0, 0, 0];
        vp8x.extend_from_slice(&[9, 0, 0, 4, 0, 0]); // 10 × 5
        let chunk = |ty: &[u8], d: &[u8]| {
            let mut c = ty.to_vec();
            c.extend_from_slice(&u32::try_from(d.len()).unwrap().to_le_bytes());
            c.extend_from_slice(d);
            if d.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        let mut body = b"WEBP".to_vec();
        body.extend(chunk(b"VP8X", &vp8x));
        body.extend(chunk(b"VP8L", &[0x2F, 9, 0x40, 0x01, 0, 0]));
        body.extend(chunk(b"EXIF", &exif_with_gps(1)[10..]));
        body.extend(chunk(b"XMP ", b"<x:xmpmeta>GPS</x:xmpmeta>"));
        let mut webp = b"RIFF".to_vec();
        webp.extend_from_slice(&u32::try_from(body.len()).unwrap().to_le_bytes());
        webp.extend(body);
        let c = clean(&webp).unwrap();
        assert_eq!((c.kind, c.width, c.height), (PhotoKind::Webp, 10, 5));
        assert!(!has(&c.bytes, b"EXIF") && !has(&c.bytes, b"GPS"));
        assert_eq!(c.bytes[20], 0, "the Exif and XMP flags are cleared");
        assert_eq!(le32(&c.bytes, 4).unwrap() as usize, c.bytes.len() - 8);
    }

    #[test]
    fn other_files_are_named_by_what_they_are() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Err("a PDF document"));
        assert_eq!(sniff(b"GIF89a...."), Err("a GIF image"));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Err("a HEIC/HEIF image"));
        assert_eq!(sniff(b"MZ\x90\0"), Err("a program"));
        assert_eq!(
            sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            Err("an SVG drawing")
        );
        let e = clean(b"%PDF-1.4 renamed.jpg").unwrap_err();
        assert_eq!(
            e.to_string(),
            "its contents are a PDF document, not a JPEG, PNG or WebP photo"
        );
        // A truncated JPEG and PNG are broken, not accepted.
        let j = tiny_jpeg(&[exif_with_gps(1)]);
        assert!(matches!(clean(&j[..30]), Err(PhotoError::Broken(_))));
        let p = tiny_png(2, 2, [0, 0, 0], &[]);
        assert!(matches!(clean(&p[..p.len() - 12]), Err(PhotoError::Broken(_))));
    }
}
