//! Text as glyphs: styles, one glyph per character from the font's map, line breaks.

use super::*;

pub(crate) type Rgb = [f32; 3];

pub(crate) const BLACK: Rgb = [0.1, 0.1, 0.12];
pub(crate) const GREY: Rgb = [0.38, 0.38, 0.42];
pub(crate) const WHITE: Rgb = [1.0, 1.0, 1.0];
pub(crate) const RED: Rgb = [0.72, 0.1, 0.1];

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub(crate) size: f32,
    pub(crate) bold: bool,
    pub(crate) color: Rgb,
}

pub(crate) const fn style(size: f32, bold: bool, color: Rgb) -> Style {
    Style { size, bold, color }
}

/// One glyph placed in a line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    pub(crate) font: usize,
    pub(crate) cid: u16,
    /// Advance in points.
    pub(crate) adv: f32,
    pub(crate) style: Style,
    pub(crate) space: bool,
    /// A line may break before this glyph.
    pub(crate) break_before: bool,
    /// A combining mark (never starts a line).
    pub(crate) mark: bool,
}

pub(crate) struct Shaper<'a> {
    pub(crate) faces: Vec<FaceUse<'a>>,
    pub(crate) fonts: &'a BookletFonts,
}

impl<'a> Shaper<'a> {
    pub(crate) fn new(fonts: &'a BookletFonts) -> Result<Self, BookletError> {
        let faces = fonts.files.iter().map(FaceUse::new).collect::<Result<_, _>>()?;
        Ok(Shaper { faces, fonts })
    }

    /// Whether every character of `s` has a font.
    pub(crate) fn can_draw(&self, s: &str) -> bool {
        s.chars()
            .all(|c| c.is_whitespace() || self.faces.iter().any(|f| f.has(c)))
    }

    pub(crate) fn font_for(&self, c: char, prev: Option<usize>) -> Option<usize> {
        let common = !c.is_alphabetic() || is_thai_mark(c);
        if let Some(p) = prev
            && common
            && self.faces[p].has(c)
        {
            return Some(p);
        }
        self.faces.iter().position(|f| f.has(c))
    }

    /// Glyphs for a text in a style, appended to `out`.
    pub(crate) fn shape(&mut self, text: &str, st: Style, out: &mut Vec<Glyph>) -> Result<(), BookletError> {
        let mut prev_char = out.last().map(|_| ' ');
        let mut prev_font = out.last().map(|g| g.font);
        if out.last().is_some_and(|g| !g.space) {
            prev_char = Some('x');
        }
        for raw in text.chars() {
            let c = if raw.is_whitespace() || raw.is_control() {
                ' '
            } else {
                raw
            };
            let (font, c) = match self.font_for(c, prev_font) {
                Some(f) => (f, c),
                None => match script_of(c) {
                    Some((script, package)) => {
                        return Err(BookletError::Fonts(format!(
                            "no font has {script} letters (needed for \"{text}\"): install Debian's {package}, or name a TrueType font file with --font or {FONTS_ENV}; {}",
                            self.fonts.describe()
                        )));
                    }
                    None => match self.font_for('?', prev_font) {
                        Some(f) => (f, '?'),
                        None => {
                            return Err(BookletError::Fonts(format!(
                                "no font has Latin letters: install Debian's fonts-ipafont-gothic, or name a TrueType font file with --font or {FONTS_ENV}; {}",
                                self.fonts.describe()
                            )));
                        }
                    },
                },
            };
            let Some((cid, milli)) = self.faces[font].glyph(c) else {
                continue;
            };
            let space = c == ' ';
            let mark = is_thai_mark(c);
            let break_before = match prev_char {
                None => false,
                Some(p) => {
                    !mark
                        && !space
                        && (p == ' ' || ((is_cjk(c) || is_cjk(p)) && !no_break_before(c) && !no_break_after(p)))
                }
            };
            out.push(Glyph {
                font,
                cid,
                adv: milli * st.size / 1000.0,
                style: st,
                space,
                break_before,
                mark,
            });
            prev_char = Some(c);
            prev_font = Some(font);
        }
        Ok(())
    }

    pub(crate) fn spans(&mut self, spans: &[(&str, Style)]) -> Result<Vec<Glyph>, BookletError> {
        let mut out = Vec::new();
        for (text, st) in spans {
            self.shape(text, *st, &mut out)?;
        }
        Ok(out)
    }
}

pub(crate) fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.adv).sum()
}

/// Break glyphs into lines no wider than `max` (a word wider than a line is
/// broken between characters, never before a combining mark).
pub(crate) fn wrap(glyphs: &[Glyph], max: f32) -> Vec<Vec<Glyph>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        // Skip leading spaces.
        while start < glyphs.len() && glyphs[start].space {
            start += 1;
        }
        if start >= glyphs.len() {
            break;
        }
        let mut w = 0.0;
        let mut last_break = None;
        let mut end = glyphs.len();
        for i in start..glyphs.len() {
            if i > start && glyphs[i].break_before {
                last_break = Some(i);
            }
            w += glyphs[i].adv;
            if w > max && i > start && !glyphs[i].space {
                end = match last_break {
                    Some(b) if b > start => b,
                    _ => {
                        let mut j = i;
                        while j > start + 1 && glyphs[j].mark {
                            j -= 1;
                        }
                        j
                    }
                };
                break;
            }
        }
        let mut line_end = end;
        while line_end > start && glyphs[line_end - 1].space {
            line_end -= 1;
        }
        lines.push(glyphs[start..line_end].to_vec());
        start = end;
    }
    lines
}

/// Draw one line of glyphs with its baseline at `y`.
pub(crate) fn draw_line(c: &mut Content, glyphs: &[Glyph], x: f32, y: f32) {
    if glyphs.is_empty() {
        return;
    }
    c.begin_text();
    c.next_line(x, y);
    let mut i = 0;
    while i < glyphs.len() {
        let g = glyphs[i];
        let mut j = i;
        let mut bytes = Vec::new();
        while j < glyphs.len() && glyphs[j].font == g.font && glyphs[j].style == g.style {
            bytes.extend_from_slice(&glyphs[j].cid.to_be_bytes());
            j += 1;
        }
        let [r, gr, b] = g.style.color;
        c.set_fill_rgb(r, gr, b);
        if g.style.bold {
            c.set_stroke_rgb(r, gr, b);
            c.set_line_width(g.style.size * 0.035);
            c.set_text_rendering_mode(TextRenderingMode::FillStroke);
        } else {
            c.set_text_rendering_mode(TextRenderingMode::Fill);
        }
        c.set_font(font_name(g.font).as_name(), g.style.size);
        c.show(Str(&bytes));
        i = j;
    }
    c.end_text();
}

pub(crate) struct FontName(String);

impl FontName {
    pub(crate) fn as_name(&self) -> Name<'_> {
        Name(self.0.as_bytes())
    }
}

pub(crate) fn font_name(i: usize) -> FontName {
    FontName(format!("F{i}"))
}
