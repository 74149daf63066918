//! Pages and the flow of text down them.

use super::*;

pub(crate) const PAGE_W: f32 = 595.276;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const LEFT: f32 = 48.0;
pub(crate) const RIGHT: f32 = PAGE_W - 48.0;
pub(crate) const TOP: f32 = PAGE_H - 52.0;
pub(crate) const BOTTOM: f32 = 58.0;
pub(crate) const TEXT_W: f32 = RIGHT - LEFT;
/// Where an entry's text starts, right of its number.
pub(crate) const ENTRY_X: f32 = LEFT + 26.0;

pub(crate) const SEA: Rgb = [0.84, 0.91, 0.97];
pub(crate) const GROUND: Rgb = [0.96, 0.94, 0.87];

pub(crate) struct Layout<'a> {
    pub(crate) shaper: Shaper<'a>,
    pub(crate) land: Option<&'a Land>,
    pub(crate) pages: Vec<Page>,
    pub(crate) y: f32,
    /// The page each area starts on (1-based), by area index.
    pub(crate) area_pages: Vec<usize>,
    /// The structure elements laid out so far, in reading order (the
    /// children of the document's `Document` element).
    pub(crate) tags: Vec<Tag>,
}

/// A block of wrapped lines, measured before it is placed.
pub(crate) struct Block {
    pub(crate) lines: Vec<(f32, Vec<Glyph>)>,
    pub(crate) height: f32,
}

impl Block {
    pub(crate) fn new() -> Block {
        Block {
            lines: Vec::new(),
            height: 0.0,
        }
    }

    /// Wrapped lines of glyphs at `x`, `max` wide, `leading` × the largest size apart.
    pub(crate) fn add(&mut self, glyphs: &[Glyph], x: f32, max: f32, leading: f32) {
        for line in wrap(glyphs, max) {
            let size = line.iter().map(|g| g.style.size).fold(0.0, f32::max);
            self.height += size * leading;
            self.lines.push((x, line));
        }
    }

    /// Draw from `top` down; returns the y below the block.
    pub(crate) fn draw(&self, c: &mut Content, top: f32, leading: f32) -> f32 {
        let mut y = top;
        for (x, line) in &self.lines {
            let size = line.iter().map(|g| g.style.size).fold(0.0, f32::max);
            y -= size * leading;
            draw_line(c, line, *x, y + size * (leading - 1.0) * 0.5 + size * 0.22);
        }
        y
    }
}

pub(crate) const LEADING: f32 = 1.35;

impl<'a> Layout<'a> {
    pub(crate) fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].content
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Page::new());
        self.y = TOP;
    }

    /// Open a marked-content sequence for `tag` on the current page (the
    /// engine's tagging); it must be closed ([`Layout::close`]) on the same page.
    pub(crate) fn open(&mut self, tag: &mut Tag) {
        if self.pages.is_empty() {
            self.new_page();
        }
        let i = self.pages.len() - 1;
        self.pages[i].open(i, tag);
    }

    /// Close the sequence last opened (a tag's, or an artifact's).
    pub(crate) fn close(&mut self) {
        if let Some(p) = self.pages.last_mut() {
            p.close();
        }
    }

    /// Open an artifact (decoration, page furniture) on the current page.
    pub(crate) fn artifact(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        self.pages[last].artifact()
    }

    /// A running header at the top of the page (an artifact).
    pub(crate) fn header(&mut self, text: &str) -> Result<(), BookletError> {
        let g = self.shaper.spans(&[(text, style(8.0, false, GREY))])?;
        let c = self.artifact();
        draw_line(c, &g, LEFT, PAGE_H - 34.0);
        c.set_stroke_rgb(0.8, 0.8, 0.82);
        c.set_line_width(0.5);
        c.move_to(LEFT, PAGE_H - 39.0);
        c.line_to(RIGHT, PAGE_H - 39.0);
        c.stroke();
        self.close();
        Ok(())
    }

    /// Place a block, on a new page if it does not fit (`header` then runs
    /// on top), as the marked content of `tag`.
    pub(crate) fn place(&mut self, block: &Block, header: Option<&str>, tag: &mut Tag) -> Result<(), BookletError> {
        if self.y - block.height < BOTTOM && self.y < TOP {
            self.new_page();
            if let Some(h) = header {
                self.header(h)?;
            }
        }
        let y = self.y;
        self.open(tag);
        let below = block.draw(self.page(), y, LEADING);
        self.close();
        self.y = below;
        Ok(())
    }

    pub(crate) fn glyphs(&mut self, spans: &[(&str, Style)]) -> Result<Vec<Glyph>, BookletError> {
        self.shaper.spans(spans)
    }

    /// A paragraph (`P`) of the document.
    pub(crate) fn paragraph(
        &mut self,
        spans: &[(&str, Style)],
        x: f32,
        header: Option<&str>,
    ) -> Result<(), BookletError> {
        self.paragraph_as(Role::P, spans, x, header)
    }

    /// A block of text of the document as an element of `role` (`P`, `H1`, `H2`).
    pub(crate) fn paragraph_as(
        &mut self,
        role: Role,
        spans: &[(&str, Style)],
        x: f32,
        header: Option<&str>,
    ) -> Result<(), BookletError> {
        let g = self.glyphs(spans)?;
        let mut b = Block::new();
        b.add(&g, x, RIGHT - x, LEADING);
        let mut tag = Tag::new(role, None);
        self.place(&b, header, &mut tag)?;
        self.tags.push(tag);
        Ok(())
    }

    pub(crate) fn space(&mut self, h: f32) {
        self.y -= h;
    }

    /// A filled circle with centred white text (numbers, area letters).
    pub(crate) fn badge(
        &mut self,
        x: f32,
        y: f32,
        r: f32,
        colour: Rgb,
        label: &str,
        size: f32,
    ) -> Result<(), BookletError> {
        let g = self.shaper.spans(&[(label, style(size, true, WHITE))])?;
        let w = width(&g);
        let c = self.page();
        c.set_fill_rgb(colour[0], colour[1], colour[2]);
        c.set_stroke_rgb(1.0, 1.0, 1.0);
        c.set_line_width(0.8);
        circle(c, x, y, r);
        c.fill_nonzero_and_stroke();
        draw_line(c, &g, x - w / 2.0, y - size * 0.36);
        Ok(())
    }
}

pub(crate) fn area_letter(i: usize) -> String {
    // A–Z, then AA, AB, …
    let mut n = i;
    let mut s = Vec::new();
    loop {
        s.push(b'A' + u8::try_from(n % 26).unwrap_or(0));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

pub(crate) fn area_title(a: &BookletArea) -> String {
    match &a.name_ja {
        Some(ja) => format!("{} {}", a.name, ja),
        None => a.name.clone(),
    }
}

/// The name to print: in the booklet's language when recorded and drawable,
/// else another drawable one; and the Japanese name below, when different.
pub(crate) fn names_of(p: &Place, lang: Lang, shaper: &Shaper) -> (String, Option<String>) {
    let order = [lang.code(), "en", "ja", "ms", "id", "th", "ar"];
    let main = order
        .iter()
        .filter_map(|l| p.fields.names.get(l))
        .find(|n| shaper.can_draw(n.as_str()))
        .map(|n| n.as_str().to_owned())
        .unwrap_or_else(|| p.name(&[lang.code()]).to_owned());
    let ja = p
        .fields
        .names
        .get("ja")
        .map(|n| n.as_str().to_owned())
        .filter(|j| *j != main && lang != Lang::Ja && shaper.can_draw(j));
    (main, ja)
}

/// Make the booklet's PDF.
pub fn render(data: &BookletData, fonts: &BookletFonts, land: Option<&Land>) -> Result<Vec<u8>, BookletError> {
    // The contents on the cover name the pages the areas start on, so the
    // areas are laid out first, numbered after the cover; if the cover then
    // takes another number of pages than guessed, lay out again.
    let mut cover_pages = 1;
    // Runs shaped in one try are not shaped again in the next.
    let mut shaped = ShapeCache::new();
    for _ in 0..4 {
        let mut l = Layout {
            shaper: Shaper::new(fonts)?.with_cache(std::mem::take(&mut shaped)),
            land,
            pages: Vec::new(),
            y: TOP,
            area_pages: Vec::new(),
            tags: Vec::new(),
        };
        let mut number = 1;
        for (i, a) in data.areas.iter().enumerate() {
            l.new_page();
            l.area_pages.push(cover_pages + l.pages.len());
            area_section(&mut l, data, i, a, &mut number)?;
        }
        let areas = std::mem::take(&mut l.pages);
        let mut area_tags = std::mem::take(&mut l.tags);
        l.new_page();
        cover(&mut l, data)?;
        if l.pages.len() == cover_pages {
            let mut pages = std::mem::take(&mut l.pages);
            pages.extend(areas);
            // The areas' marked content was noted on pages counted from
            // the first area page; the cover's pages come before them.
            for tag in &mut area_tags {
                tag.shift_pages(cover_pages);
            }
            let mut tags = std::mem::take(&mut l.tags);
            tags.extend(area_tags);
            footers(&mut l.shaper, &mut pages, data.lang)?;
            return write_booklet(l.shaper, pages, data.lang, tags);
        }
        cover_pages = l.pages.len();
        shaped = l.shaper.into_cache();
    }
    Err(BookletError::Fonts(
        "the booklet's cover did not settle on a number of pages".into(),
    ))
}

impl Layout<'_> {
    /// One line of text with its baseline at `y` (no wrapping); returns its width.
    pub(crate) fn text_at(&mut self, spans: &[(&str, Style)], x: f32, y: f32) -> Result<f32, BookletError> {
        let g = self.glyphs(spans)?;
        let w = width(&g);
        draw_line(self.page(), &g, x, y);
        Ok(w)
    }
}
