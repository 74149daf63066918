//! Photos placed on a page as image XObjects, without decoding them: a
//! baseline or progressive JPEG (greyscale or RGB) as it is (`DCTDecode`),
//! a PNG (8-bit greyscale or RGB, not interlaced, no transparency) as its
//! joined `IDAT` data with the PNG predictors (`FlateDecode`). Anything
//! else is not an image the engine can place: the caller leaves it out.

/// An image as the PDF holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfImage {
    pub(crate) data: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// 1 (grey) or 3 (RGB).
    pub(crate) components: u8,
    /// PNG data (Flate with PNG predictors) rather than JPEG.
    pub(crate) png: bool,
}

impl PdfImage {
    /// The image in a JPEG or PNG file, if the engine can place it.
    pub fn from_file(bytes: &[u8]) -> Option<PdfImage> {
        if bytes.starts_with(&[0xFF, 0xD8]) {
            jpeg(bytes)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            png(bytes)
        } else {
            None
        }
    }
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?])))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

/// A JPEG's size and components from its frame header (SOFn).
fn jpeg(b: &[u8]) -> Option<PdfImage> {
    let mut at = 2;
    while at + 4 <= b.len() {
        if b[at] != 0xFF {
            return None;
        }
        let marker = b[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let len = be16(b, at + 2)? as usize;
        let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame {
            let precision = *b.get(at + 4)?;
            let height = be16(b, at + 5)?;
            let width = be16(b, at + 7)?;
            let components = *b.get(at + 9)?;
            if precision != 8 || width == 0 || height == 0 || !matches!(components, 1 | 3) {
                return None;
            }
            return Some(PdfImage {
                data: b.to_vec(),
                width,
                height,
                components,
                png: false,
            });
        }
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        at += 2 + len;
    }
    None
}

/// A PNG's size, colour and joined image data.
fn png(b: &[u8]) -> Option<PdfImage> {
    let mut at = 8;
    let (mut width, mut height, mut components) = (0, 0, 0);
    let mut data = Vec::new();
    while at + 8 <= b.len() {
        let len = be32(b, at)? as usize;
        let kind = b.get(at + 4..at + 8)?;
        let body = b.get(at + 8..at + 8 + len)?;
        match kind {
            b"IHDR" => {
                width = be32(body, 0)?;
                height = be32(body, 4)?;
                let (depth, colour, interlace) = (*body.get(8)?, *body.get(9)?, *body.get(12)?);
                components = match colour {
                    0 => 1,
                    2 => 3,
                    _ => return None,
                };
                if depth != 8 || interlace != 0 {
                    return None;
                }
            }
            b"tRNS" | b"PLTE" => return None,
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    (width > 0 && height > 0 && !data.is_empty()).then_some(PdfImage {
        data,
        width,
        height,
        components,
        png: true,
    })
}

/// Write an image XObject.
pub(crate) fn write_image(pdf: &mut pdf_writer::Pdf, id: pdf_writer::Ref, img: &PdfImage) {
    let mut x = pdf.image_xobject(id, &img.data);
    x.width(i32::try_from(img.width).unwrap_or(i32::MAX));
    x.height(i32::try_from(img.height).unwrap_or(i32::MAX));
    if img.components == 1 {
        x.color_space().device_gray();
    } else {
        x.color_space().device_rgb();
    }
    x.bits_per_component(8);
    if img.png {
        x.filter(pdf_writer::Filter::FlateDecode);
        x.decode_parms()
            .predictor(pdf_writer::types::Predictor::PngOptimum)
            .colors(i32::from(img.components))
            .bits_per_component(8)
            .columns(i32::try_from(img.width).unwrap_or(i32::MAX));
    } else {
        x.filter(pdf_writer::Filter::DctDecode);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_can_be_placed_as_it_is() {
        assert_eq!(PdfImage::from_file(b"RIFF....WEBP"), None);
        assert_eq!(PdfImage::from_file(&[0xFF, 0xD8, 0xFF, 0xD9]), None);
        // A PNG header of 3×2 RGB, then an IDAT and IEND.
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let chunk = |png: &mut Vec<u8>, kind: &[u8], body: &[u8]| {
            png.extend_from_slice(&u32::try_from(body.len()).unwrap_or(0).to_be_bytes());
            png.extend_from_slice(kind);
            png.extend_from_slice(body);
            png.extend_from_slice(&[0, 0, 0, 0]);
        };
        chunk(&mut png, b"IHDR", &[0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
        chunk(&mut png, b"IDAT", b"zz");
        chunk(&mut png, b"IEND", b"");
        let img = PdfImage::from_file(&png).expect("an RGB PNG");
        assert_eq!((img.width, img.height, img.components, img.png), (3, 2, 3, true));
        assert_eq!(img.data, b"zz");
        // The same with an alpha channel (colour type 6): left out.
        let mut alpha = png.clone();
        alpha[8 + 8 + 9] = 6;
        assert_eq!(PdfImage::from_file(&alpha), None);
    }
}
