//! Page footers, and the booklet handed to the engine's PDF writer.

use super::*;

/// Page numbers (and the title) at the foot of every page, as artifacts.
pub(crate) fn footers(shaper: &mut Shaper, pages: &mut [Page], lang: Lang) -> Result<(), BookletError> {
    let total = pages.len().to_string();
    let title = shaper.spans(&[(K::Title.get(lang), style(8.0, false, GREY))])?;
    for (i, page) in pages.iter_mut().enumerate() {
        let text = K::Footer.with(lang, &[("n", &(i + 1).to_string()), ("total", &total)]);
        let g = shaper.spans(&[(&text, style(8.5, false, GREY))])?;
        let c = page.artifact();
        c.set_stroke_rgb(0.8, 0.8, 0.82);
        c.set_line_width(0.5);
        c.move_to(LEFT, 42.0);
        c.line_to(RIGHT, 42.0);
        c.stroke();
        draw_line(c, &title, LEFT, 30.0);
        draw_line(c, &g, RIGHT - width(&g), 30.0);
        page.close();
    }
    Ok(())
}

/// Write the pages, the fonts' subsets and the structure tree: the booklet
/// has its own layout (not the engine's flow), but it is tagged with the
/// engine's machinery (`Tag`, marked content per page, `write_pdf`), as
/// certificates and reports are: headings, paragraphs, lists of places,
/// the maps as figures with their alternative text, in the booklet's
/// language (`/Lang`); headers, footers and rules are artifacts.
pub(crate) fn write_booklet(
    shaper: Shaper,
    pages: Vec<Page>,
    lang: Lang,
    tags: Vec<Tag>,
) -> Result<Vec<u8>, BookletError> {
    let meta = DocMeta {
        title: format!("{} — {}", K::Title.get(lang), K::Subtitle.get(lang)),
        author: None,
        subject: None,
        lang: lang.code().to_owned(),
        width: PAGE_W,
        height: PAGE_H,
    };
    write_pdf(shaper, pages, &meta, Some(tags))
}
