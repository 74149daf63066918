//! A simple flow of blocks down pages: headings, paragraphs, tables and
//! figures, each drawn in marked content with its MCID and tagged in the
//! structure tree with its role and language; page frames are artifacts.

use super::*;

/// How a block's lines sit across the text width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// One filled module of a figure drawn as a grid (a QR code's dark squares).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Square {
    pub col: u32,
    pub row: u32,
}

/// An item of the flow. `lang` is the language its text is written in
/// (BCP 47), tagged as the element's `/Lang`.
#[derive(Debug, Clone)]
pub enum Item {
    /// A heading: level 1 (`H1`) or 2 (`H2`).
    Heading {
        level: u8,
        text: String,
        lang: String,
        size: f32,
        align: Align,
    },
    Paragraph {
        text: String,
        lang: String,
        size: f32,
        bold: bool,
        align: Align,
        grey: bool,
    },
    /// A table: a header row (`TH` cells) and rows (`TD`), equal columns.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        lang: String,
        size: f32,
    },
    /// A vector figure: `grid` × `grid` modules drawn `side` points wide,
    /// the listed ones filled, with its alternative text.
    Figure {
        alt: String,
        lang: String,
        grid: u32,
        squares: Vec<Square>,
        side: f32,
        align: Align,
    },
    /// A horizontal bar chart drawn as vector rectangles: one row per bar
    /// (its label, its value as a number, and the value as printed beside
    /// the bar), tagged as a `Figure` with its alternative text.
    Bars {
        alt: String,
        lang: String,
        bars: Vec<(String, f64, String)>,
        size: f32,
    },
    /// A photo `width` points wide (its height to scale, at most a third
    /// of the page), tagged as a `Figure` with its alternative text.
    Image {
        alt: String,
        lang: String,
        image: PdfImage,
        width: f32,
    },
    /// Vertical space, in points.
    Space(f32),
}

/// How the pages look around the flow.
#[derive(Debug, Clone, Copy, Default)]
pub struct FlowPage {
    /// A double frame drawn round each page (as an artifact).
    pub frame: bool,
}

/// A document laid out as a flow of blocks.
pub struct Flow<'a> {
    pub fonts: &'a Fonts,
    pub meta: DocMeta,
    pub page: FlowPage,
}

/// A4 in points.
pub const A4: (f32, f32) = (595.276, 841.89);
const MARGIN: f32 = 64.0;
const LEAD: f32 = 1.4;
const INK: Rgb = [0.1, 0.1, 0.12];
const SOFT: Rgb = [0.38, 0.38, 0.42];

struct State<'a> {
    shaper: Shaper<'a>,
    pages: Vec<Page>,
    y: f32,
    meta: &'a DocMeta,
    page: FlowPage,
}

impl State<'_> {
    fn top(&self) -> f32 {
        self.meta.height - MARGIN
    }

    fn left(&self) -> f32 {
        MARGIN
    }

    fn width(&self) -> f32 {
        self.meta.width - 2.0 * MARGIN
    }

    fn new_page(&mut self) {
        let mut p = Page::new();
        if self.page.frame {
            let (w, h) = (self.meta.width, self.meta.height);
            let c = p.artifact();
            c.set_stroke_rgb(0.55, 0.42, 0.18);
            c.set_line_width(2.0);
            c.rect(24.0, 24.0, w - 48.0, h - 48.0);
            c.stroke();
            c.set_line_width(0.6);
            c.rect(30.0, 30.0, w - 60.0, h - 60.0);
            c.stroke();
            c.end_marked_content();
        }
        self.pages.push(p);
        self.y = self.top();
    }

    /// Room for `h` points on this page, else a new page. Returns whether a page was started.
    fn room(&mut self, h: f32) -> bool {
        if self.pages.is_empty() || (self.y - h < MARGIN && self.y < self.top()) {
            self.new_page();
            return true;
        }
        false
    }

    fn last(&mut self) -> (usize, &mut Page) {
        let i = self.pages.len() - 1;
        (i, &mut self.pages[i])
    }

    /// Open a marked-content sequence for `tag` on the current page.
    fn open(&mut self, role: Role, tag: &mut Tag) {
        debug_assert_eq!(role, tag.role);
        let (i, page) = self.last();
        page.open(i, tag);
    }

    fn close(&mut self) {
        self.last().1.close();
    }

    /// Lines of text wrapped to `max`, drawn from `x` (or centred in
    /// `x..x+max`) down the pages in one tagged element.
    fn lines(&mut self, glyphs: &[Glyph], x: f32, max: f32, align: Align, size: f32, tag: &mut Tag) {
        let lines = wrap(glyphs, max);
        let step = size * LEAD;
        let mut open = false;
        for line in lines {
            // A sequence is closed before a page break (below), so the
            // element goes on in a new one on the next page.
            self.room(step);
            if !open {
                self.open(tag.role, tag);
                open = true;
            }
            let lx = match align {
                Align::Left => x,
                Align::Center => x + (max - width(&line)).max(0.0) / 2.0,
            };
            self.y -= step;
            let baseline = self.y + size * (LEAD - 1.0) * 0.5 + size * 0.22;
            draw_line(&mut self.last().1.content, &line, lx, baseline);
            // Close before a possible page break, reopen after it.
            if self.y - step < MARGIN {
                self.close();
                open = false;
            }
        }
        if open {
            self.close();
        }
    }
}

impl Flow<'_> {
    /// Lay the blocks out and write the tagged PDF.
    pub fn render(&self, blocks: &[Item]) -> Result<Vec<u8>, DocError> {
        let mut s = State {
            shaper: Shaper::new(self.fonts)?,
            pages: Vec::new(),
            y: 0.0,
            meta: &self.meta,
            page: self.page,
        };
        s.new_page();
        let mut tags = Vec::new();
        for block in blocks {
            match block {
                Item::Space(h) => s.y -= h,
                Item::Heading {
                    level,
                    text,
                    lang,
                    size,
                    align,
                } => {
                    let role = if *level <= 1 { Role::H1 } else { Role::H2 };
                    let mut tag = Tag::new(role, Some(lang));
                    let g = s.shaper.spans(&[(text, style(*size, true, INK))])?;
                    // A heading is not left alone at a page's foot.
                    s.room(size * LEAD * 3.0);
                    s.y -= size * 0.4;
                    let (x, w) = (s.left(), s.width());
                    s.lines(&g, x, w, *align, *size, &mut tag);
                    tags.push(tag);
                }
                Item::Paragraph {
                    text,
                    lang,
                    size,
                    bold,
                    align,
                    grey,
                } => {
                    let mut tag = Tag::new(Role::P, Some(lang));
                    let colour = if *grey { SOFT } else { INK };
                    let g = s.shaper.spans(&[(text, style(*size, *bold, colour))])?;
                    let (x, w) = (s.left(), s.width());
                    s.lines(&g, x, w, *align, *size, &mut tag);
                    tags.push(tag);
                }
                Item::Table {
                    header,
                    rows,
                    lang,
                    size,
                } => tags.push(table(&mut s, header, rows, lang, *size)?),
                Item::Figure {
                    alt,
                    lang,
                    grid,
                    squares,
                    side,
                    align,
                } => {
                    let mut tag = Tag::new(Role::Figure, Some(lang));
                    tag.alt = Some(alt.clone());
                    s.room(*side + 8.0);
                    let x = match align {
                        Align::Left => s.left(),
                        Align::Center => s.left() + (s.width() - side) / 2.0,
                    };
                    let top = s.y - 4.0;
                    s.open(Role::Figure, &mut tag);
                    let m = side / (*grid).max(1) as f32;
                    let c = &mut s.last().1.content;
                    c.set_fill_rgb(0.0, 0.0, 0.0);
                    for q in squares {
                        c.rect(x + q.col as f32 * m, top - (q.row + 1) as f32 * m, m, m);
                    }
                    c.fill_nonzero();
                    s.close();
                    s.y = top - side - 4.0;
                    tags.push(tag);
                }
                Item::Bars { alt, lang, bars, size } => tags.push(bar_chart(&mut s, alt, lang, bars, *size)?),
                Item::Image {
                    alt,
                    lang,
                    image,
                    width,
                } => {
                    let mut tag = Tag::new(Role::Figure, Some(lang));
                    tag.alt = Some(alt.clone());
                    let ratio = image.height as f32 / image.width.max(1) as f32;
                    let max_h = (s.meta.height - 2.0 * MARGIN) / 3.0;
                    let (w, h) = if width * ratio > max_h {
                        (max_h / ratio, max_h)
                    } else {
                        (*width, width * ratio)
                    };
                    s.room(h + 8.0);
                    let (x, top) = (s.left(), s.y - 4.0);
                    s.open(Role::Figure, &mut tag);
                    let page = s.last().1;
                    let name = format!("Im{}", page.images.len());
                    page.images.push(image.clone());
                    let c = &mut page.content;
                    c.save_state();
                    c.transform([w, 0.0, 0.0, h, x, top - h]);
                    c.x_object(Name(name.as_bytes()));
                    c.restore_state();
                    s.close();
                    s.y = top - h - 4.0;
                    tags.push(tag);
                }
            }
        }
        write_pdf(s.shaper, s.pages, &self.meta, Some(tags))
    }
}

/// A table with equal columns: cells wrapped, rows not split across pages,
/// rules between rows drawn as artifacts.
fn table(s: &mut State, header: &[String], rows: &[Vec<String>], lang: &str, size: f32) -> Result<Tag, DocError> {
    let mut table = Tag::new(Role::Table, Some(lang));
    let cols = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
    let col_w = s.width() / cols as f32;
    let pad = 4.0;
    let all = std::iter::once((true, header)).chain(rows.iter().map(|r| (false, r.as_slice())));
    for (is_head, row) in all {
        if is_head && row.is_empty() {
            continue;
        }
        let mut cells = Vec::new();
        for text in row {
            let g = s.shaper.spans(&[(text, style(size, is_head, INK))])?;
            cells.push(wrap(&g, col_w - 2.0 * pad));
        }
        let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = n as f32 * size * LEAD + 2.0 * pad;
        s.room(h);
        let top = s.y;
        let mut tr = Tag::new(Role::TR, None);
        for (k, lines) in cells.into_iter().enumerate() {
            let role = if is_head { Role::TH } else { Role::TD };
            let mut cell = Tag::new(role, None);
            s.open(role, &mut cell);
            let x = s.left() + k as f32 * col_w + pad;
            let mut y = top - pad;
            for line in lines {
                y -= size * LEAD;
                let baseline = y + size * (LEAD - 1.0) * 0.5 + size * 0.22;
                draw_line(&mut s.last().1.content, &line, x, baseline);
            }
            s.close();
            tr.kids.push(cell);
        }
        s.y = top - h;
        let (left, right, y) = (s.left(), s.left() + s.width(), s.y);
        let c = &mut s.last().1.content;
        c.begin_marked_content(Name(b"Artifact"));
        c.set_stroke_rgb(0.75, 0.75, 0.78);
        c.set_line_width(if is_head { 0.9 } else { 0.4 });
        c.move_to(left, y);
        c.line_to(right, y);
        c.stroke();
        c.end_marked_content();
        table.kids.push(tr);
    }
    Ok(table)
}

/// A horizontal bar chart: labels right-aligned in the left third (their
/// first line), bars scaled to the largest value, each value printed at
/// its bar's end; rows are not split across pages.
fn bar_chart(s: &mut State, alt: &str, lang: &str, bars: &[(String, f64, String)], size: f32) -> Result<Tag, DocError> {
    let mut tag = Tag::new(Role::Figure, Some(lang));
    tag.alt = Some(alt.to_owned());
    let row = size * 1.9;
    let max = bars.iter().map(|b| b.1).fold(0.0_f64, f64::max);
    let label_w = s.width() * 0.34;
    let bar_max = s.width() - label_w - 64.0;
    for (label, value, shown) in bars {
        s.room(row);
        s.open(Role::Figure, &mut tag);
        let g = s.shaper.spans(&[(label, style(size, false, INK))])?;
        let line = wrap(&g, label_w - 8.0).into_iter().next().unwrap_or_default();
        let v = s.shaper.spans(&[(shown, style(size, true, INK))])?;
        let (left, top) = (s.left(), s.y);
        let baseline = top - row * 0.5 - size * 0.35;
        let w = if max > 0.0 {
            (f64::from(bar_max) * (value / max)).max(0.0) as f32
        } else {
            0.0
        };
        let c = &mut s.last().1.content;
        draw_line(c, &line, left + (label_w - 8.0 - width(&line)).max(0.0), baseline);
        c.set_fill_rgb(0.12, 0.31, 0.47);
        c.rect(left + label_w, top - row * 0.82, w.max(0.5), row * 0.64);
        c.fill_nonzero();
        draw_line(c, &v, left + label_w + w + 4.0, baseline);
        s.close();
        s.y = top - row;
    }
    s.y -= 4.0;
    Ok(tag)
}
