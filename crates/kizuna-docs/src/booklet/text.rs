//! Text as glyphs: styles, one glyph per character from the font's map, line
//! breaks where Unicode's rules (ICU4X's segmenter) allow them.

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

    /// Glyphs for texts in their styles, one run of text: a line may break
    /// only where Unicode's line breaking rules allow (ICU4X's segmenter,
    /// with its dictionary for Thai, which is written without spaces between
    /// words, and strict Japanese rules: no small kana or closing mark starts
    /// a line).
    pub(crate) fn spans(&mut self, spans: &[(&str, Style)]) -> Result<Vec<Glyph>, BookletError> {
        // Whitespace and control characters are drawn as spaces.
        let plain: Vec<String> = spans
            .iter()
            .map(|(t, _)| {
                t.chars()
                    .map(|c| if c.is_whitespace() || c.is_control() { ' ' } else { c })
                    .collect()
            })
            .collect();
        let whole: String = plain.concat();
        let breaks: std::collections::HashSet<usize> = line_breaks(&whole);
        let mut out = Vec::new();
        let mut at = 0;
        let mut prev_font = None;
        // A break before a character that draws nothing moves to the next.
        let mut pending_break = false;
        for (text, (raw, st)) in plain.iter().zip(spans) {
            for (i, c) in text.char_indices() {
                let offset = at + i;
                pending_break |= offset > 0 && breaks.contains(&offset);
                let (font, c) = self.font_for_or_fail(c, prev_font, raw)?;
                let Some((cid, milli)) = self.faces[font].glyph(c) else {
                    continue;
                };
                let space = c == ' ';
                let mark = is_thai_mark(c);
                out.push(Glyph {
                    font,
                    cid,
                    adv: milli * st.size / 1000.0,
                    style: *st,
                    space,
                    break_before: pending_break && !space && !mark,
                    mark,
                });
                if !space && !mark {
                    pending_break = false;
                }
                prev_font = Some(font);
            }
            at += text.len();
        }
        Ok(out)
    }

    /// The font that draws `c` (or a `?` in its place when no font has
    /// that script), or why there is none.
    fn font_for_or_fail(&self, c: char, prev: Option<usize>, text: &str) -> Result<(usize, char), BookletError> {
        if let Some(f) = self.font_for(c, prev) {
            return Ok((f, c));
        }
        if let Some(script) = script_of(c) {
            return Err(BookletError::Fonts(format!(
                "no font has {script} letters (needed for \"{text}\"); {}",
                self.fonts.describe()
            )));
        }
        match self.font_for('?', prev) {
            Some(f) => Ok((f, '?')),
            None => Err(BookletError::Fonts(format!(
                "no font has Latin letters; {}",
                self.fonts.describe()
            ))),
        }
    }
}

/// Thai words the segmenter's dictionary lacks (loanwords and names the
/// booklet uses), which it would otherwise cut: kept whole, and the text
/// on either side segmented on its own.
pub(crate) const THAI_WORDS_TO_KEEP: &[&str] = &[
    "ฮาลาล",
    "ซัปโปโร",
    "ฮอกไกโด",
    "มัสยิด",
    "มุสลิม",
    "ละหมาด",
    "วุฎู",
    "วุดู",
    "ราเมน",
    "ซูชิ",
    "คาเฟ่",
    "โอตารุ",
    "ฮาโกดาเตะ",
    "อาซาฮิกาวะ",
    "นิเซโกะ",
];

/// The byte offsets in `text` where a line may break (before the character
/// at that offset), by Unicode's line breaking algorithm with ICU4X's
/// built-in data and its dictionaries for Thai (and Lao, Khmer, Burmese);
/// the words of [`THAI_WORDS_TO_KEEP`] are kept whole, and no line starts
/// after a Thai leading vowel (เ แ โ ใ ไ), which always opens a syllable.
pub(crate) fn line_breaks(text: &str) -> std::collections::HashSet<usize> {
    use icu_segmenter::LineSegmenter;
    use icu_segmenter::options::LineBreakOptions;
    static SEGMENTER: std::sync::OnceLock<icu_segmenter::LineSegmenterBorrowed<'static>> = std::sync::OnceLock::new();
    let seg = SEGMENTER.get_or_init(|| LineSegmenter::new_dictionary(LineBreakOptions::default()));
    let whole: std::collections::HashSet<usize> = seg.segment_str(text).collect();
    // The words to keep, leftmost and longest first, not overlapping.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        match THAI_WORDS_TO_KEEP
            .iter()
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len())
        {
            Some(w) => {
                kept.push((i, i + w.len()));
                i += w.len();
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if kept.is_empty() {
        return drop_after_leading_vowels(text, whole);
    }
    let thai = |c: Option<char>| c.is_some_and(|c| ('\u{0E01}'..='\u{0E4E}').contains(&c));
    let mut out = std::collections::HashSet::new();
    let mut from = 0;
    for &(start, end) in kept.iter().chain(std::iter::once(&(text.len(), text.len()))) {
        // The text before this word, segmented on its own (its ends are decided below).
        let piece = &text[from..start];
        out.extend(
            seg.segment_str(piece)
                .filter(|&b| b > 0 && b < piece.len())
                .map(|b| from + b),
        );
        for edge in [from, start] {
            let between_thai = thai(text[..edge].chars().next_back()) && thai(text[edge..].chars().next());
            if between_thai || whole.contains(&edge) {
                out.insert(edge);
            }
        }
        from = end;
    }
    out.remove(&text.len());
    drop_after_leading_vowels(text, out)
}

fn drop_after_leading_vowels(
    text: &str,
    mut breaks: std::collections::HashSet<usize>,
) -> std::collections::HashSet<usize> {
    breaks.retain(|&b| {
        !text[..b]
            .chars()
            .next_back()
            .is_some_and(|c| ('\u{0E40}'..='\u{0E44}').contains(&c))
    });
    breaks
}

pub(crate) fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.adv).sum()
}

/// Break glyphs into lines no wider than `max` at the glyphs' break
/// opportunities (a word wider than a whole line is broken between
/// characters, never before a combining mark).
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
