//! Page footers and the PDF file itself: fonts embedded as subsets with ToUnicode maps.

use super::*;

/// Page numbers (and the title) at the foot of every page.
pub(crate) fn footers(shaper: &mut Shaper, pages: &mut [Page], lang: Lang) -> Result<(), BookletError> {
    let total = pages.len().to_string();
    let title = shaper.spans(&[(K::Title.get(lang), style(8.0, false, GREY))])?;
    for (i, page) in pages.iter_mut().enumerate() {
        let text = K::Footer.with(lang, &[("n", &(i + 1).to_string()), ("total", &total)]);
        let g = shaper.spans(&[(&text, style(8.5, false, GREY))])?;
        let c = &mut page.content;
        c.set_stroke_rgb(0.8, 0.8, 0.82);
        c.set_line_width(0.5);
        c.move_to(LEFT, 42.0);
        c.line_to(RIGHT, 42.0);
        c.stroke();
        draw_line(c, &title, LEFT, 30.0);
        draw_line(c, &g, RIGHT - width(&g), 30.0);
    }
    Ok(())
}

pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// A six-letter subset tag, as PDF asks of embedded subsets.
pub(crate) fn subset_tag(font: usize, used: &BTreeMap<u16, (String, f32)>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ font as u64;
    for (cid, (text, _)) in used {
        for b in u32::from(*cid).to_le_bytes().into_iter().chain(text.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + u8::try_from((h >> (i * 5)) % 26).unwrap_or(0)))
        .collect()
}

/// Write the pages and the fonts' subsets.
pub(crate) fn write_pdf(shaper: Shaper, pages: Vec<Page>, lang: Lang) -> Result<Vec<u8>, BookletError> {
    let mut pdf = Pdf::new();
    let mut next_id = 1;
    let mut next = || {
        let r = Ref::new(next_id);
        next_id += 1;
        r
    };
    let catalog_id = next();
    let tree_id = next();
    let info_id = next();
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (next(), next())).collect();
    let fonts: Vec<(usize, [Ref; 5])> = shaper
        .faces
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.used.is_empty())
        .map(|(i, _)| (i, [next(), next(), next(), next(), next()]))
        .collect();

    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id).lang(TextStr(lang.code()));
    catalog.viewer_preferences().display_doc_title(true);
    catalog.finish();
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));
    for (page, (page_id, content_id)) in pages.into_iter().zip(&page_ids) {
        let mut p = pdf.page(*page_id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        p.parent(tree_id);
        p.contents(*content_id);
        {
            let mut res = p.resources();
            let mut dict = res.fonts();
            for (i, refs) in &fonts {
                dict.pair(font_name(*i).as_name(), refs[0]);
            }
        }
        p.finish();
        let bytes = deflate(page.content.finish().as_slice());
        pdf.stream(*content_id, &bytes).filter(Filter::FlateDecode);
    }

    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    for (i, [type0, cid, descriptor, file, cmap]) in &fonts {
        let face = &shaper.faces[*i];
        let subset = subsetter::subset(&face.file.data, 0, &face.remap)
            .map_err(|e| BookletError::Fonts(format!("cannot embed {} in the PDF: {e}", face.file.source)))?;
        let base = format!("{}+{}", subset_tag(*i, &face.used), face.file.name);
        let base = Name(base.as_bytes());
        pdf.type0_font(*type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(*cid)
            .to_unicode(*cmap);
        let mut c = pdf.cid_font(*cid);
        c.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(system)
            .font_descriptor(*descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        {
            let mut w = c.widths();
            for (g, (_, adv)) in &face.used {
                w.consecutive(*g, [*adv]);
            }
        }
        c.finish();
        let m = face.to_milli;
        let bb = face.face.global_bounding_box();
        let scaled = |v: i16| f32::from(v) * m;
        pdf.font_descriptor(*descriptor)
            .name(base)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                scaled(bb.x_min),
                scaled(bb.y_min),
                scaled(bb.x_max),
                scaled(bb.y_max),
            ))
            .italic_angle(0.0)
            .ascent(scaled(face.face.ascender()))
            .descent(scaled(face.face.descender()))
            .cap_height(scaled(face.face.capital_height().unwrap_or(face.face.ascender())))
            .stem_v(80.0)
            .font_file2(*file);
        let mut map = UnicodeCmap::new(Name(b"Custom"), system);
        for (g, (text, _)) in &face.used {
            map.pair_with_multiple(*g, text.chars());
        }
        let map = map.finish();
        pdf.stream(*cmap, map.as_slice());
        let packed = deflate(&subset);
        pdf.stream(*file, &packed).filter(Filter::FlateDecode);
    }

    let title = format!("{} — {}", K::Title.get(lang), K::Subtitle.get(lang));
    pdf.document_info(info_id)
        .title(TextStr(&title))
        .creator(TextStr("Kizuna"))
        .producer(TextStr("Kizuna (pdf-writer)"));
    Ok(pdf.finish())
}
