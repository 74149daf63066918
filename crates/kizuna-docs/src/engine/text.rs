//! Text as glyphs: styles, the glyphs shaped (`shape.rs`) broken into
//! lines where Unicode's rules (ICU4X's segmenter) allow it, lines drawn
//! with each glyph where the shaper put it.

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

/// One glyph placed in a line, as the shaper placed it.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub(crate) font: usize,
    pub(crate) cid: u16,
    /// How far the pen moves after this glyph, in points (zero for a mark).
    pub(crate) adv: f32,
    /// Where the glyph is drawn from the pen, in points (a mark's place on
    /// its letter: right and up).
    pub(crate) dx: f32,
    pub(crate) dy: f32,
    /// The glyph's own width in the font (what a PDF reader moves by after
    /// drawing it), in points.
    pub(crate) width: f32,
    pub(crate) style: Style,
    pub(crate) space: bool,
    /// A line may break before this glyph (only ever a cluster's first).
    pub(crate) break_before: bool,
    /// On a cluster's first glyph: the cluster. The glyphs after it up to
    /// the next cluster belong to it (marks, parts of a split vowel), and a
    /// line never starts with one of them.
    pub(crate) cluster: Option<std::sync::Arc<Cluster>>,
}

/// A cluster: text the shaper drew as one unit (a letter with its marks, a
/// ligature), never cut across lines.
#[derive(Debug)]
pub(crate) struct Cluster {
    /// The text it stands for.
    pub(crate) text: String,
    /// Its glyphs' ToUnicode texts in order are not its text (glyphs
    /// reordered or shared, as Thai sara am split around a tone mark), or
    /// a glyph is moved off the pen (a mark): drawn in a span with the text
    /// as `/ActualText`, so that text extraction reads the text as written.
    pub(crate) actual_text: bool,
}

impl Glyph {
    /// Whether this glyph continues the cluster before it.
    pub(crate) fn continues(&self) -> bool {
        self.cluster.is_none()
    }
}

/// The text glyphs stand for, cluster by cluster.
#[cfg(test)]
pub(crate) fn text_of(glyphs: &[Glyph]) -> String {
    glyphs
        .iter()
        .filter_map(|g| g.cluster.as_ref())
        .map(|c| c.text.as_str())
        .collect()
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
/// clusters, never inside one: no line starts with a mark).
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
                        while j > start && glyphs[j].continues() {
                            j -= 1;
                        }
                        if j == start {
                            // One cluster wider than the line: it stays whole.
                            j = i + 1;
                            while j < glyphs.len() && glyphs[j].continues() {
                                j += 1;
                            }
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

/// A `TJ` operand: glyphs, or a move (thousandths of the font size, to the left).
enum Shown {
    Glyphs(Vec<u8>),
    Move(f32),
}

fn show(c: &mut Content, items: &mut Vec<Shown>) {
    if items.is_empty() {
        return;
    }
    let mut op = c.show_positioned();
    let mut list = op.items();
    for item in items.drain(..) {
        match item {
            Shown::Glyphs(bytes) => list.show(Str(&bytes)),
            Shown::Move(m) => list.adjust(m),
        };
    }
}

/// The `/ActualText` spans of a line: (first glyph, glyph after the last,
/// text). A span opens at a cluster that needs one and closes after the
/// first cluster whose last glyph ends where the pen does, taking in the
/// clusters between: a text extractor gives a span's text the box from its
/// first glyph's start to its last glyph's end, which then meets the next
/// glyph as drawn (no gap read as a space, as a mark moved left would
/// leave).
fn actual_text_spans(glyphs: &[Glyph]) -> Vec<(usize, usize, String)> {
    let mut spans = Vec::new();
    let mut pen = 0.0_f32;
    let mut i = 0;
    while i < glyphs.len() {
        if !glyphs[i].cluster.as_ref().is_some_and(|k| k.actual_text) {
            pen += glyphs[i].adv;
            i += 1;
            continue;
        }
        let start = i;
        let mut text = String::new();
        while i < glyphs.len() {
            if let Some(k) = &glyphs[i].cluster {
                text.push_str(&k.text);
            }
            // Where the cluster's last glyph ends.
            let end = loop {
                let g = &glyphs[i];
                let end = pen + g.dx + g.width;
                pen += g.adv;
                i += 1;
                if i == glyphs.len() || !glyphs[i].continues() {
                    break end;
                }
            };
            if (end - pen).abs() < 0.01 {
                break;
            }
        }
        spans.push((start, i, text));
    }
    spans
}

/// Draw one line of glyphs with its baseline at `y`: each glyph where the
/// shaper put it (moves between glyphs in `TJ` arrays, a mark's height by
/// the text rise), clusters whose glyphs do not read as their text in
/// `/ActualText` spans.
pub(crate) fn draw_line(c: &mut Content, glyphs: &[Glyph], x: f32, y: f32) {
    if glyphs.is_empty() {
        return;
    }
    c.begin_text();
    c.next_line(x, y);
    let mut current: Option<(usize, Style)> = None;
    let mut rise = 0.0;
    // Where the shaper's pen is, and where the PDF's text position is.
    let (mut pen, mut at) = (0.0_f32, 0.0_f32);
    let mut items: Vec<Shown> = Vec::new();
    let mut spans = actual_text_spans(glyphs).into_iter().peekable();
    let mut span_end = None;
    for (i, g) in glyphs.iter().enumerate() {
        let opens = spans.peek().is_some_and(|s| s.0 == i);
        if current != Some((g.font, g.style)) || g.dy != rise || opens {
            show(c, &mut items);
        }
        if let Some((_, end, text)) = spans.next_if(|s| s.0 == i) {
            c.begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(&text));
            span_end = Some(end);
        }
        if current != Some((g.font, g.style)) {
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
            current = Some((g.font, g.style));
        }
        if g.dy != rise {
            c.set_rise(g.dy);
            rise = g.dy;
        }
        let target = pen + g.dx;
        if (target - at).abs() > 0.001 {
            items.push(Shown::Move((at - target) * 1000.0 / g.style.size));
        }
        match items.last_mut() {
            Some(Shown::Glyphs(bytes)) => bytes.extend_from_slice(&g.cid.to_be_bytes()),
            _ => items.push(Shown::Glyphs(g.cid.to_be_bytes().to_vec())),
        }
        at = target + g.width;
        pen += g.adv;
        if span_end == Some(i + 1) {
            show(c, &mut items);
            c.end_marked_content();
            span_end = None;
        }
    }
    show(c, &mut items);
    if rise != 0.0 {
        c.set_rise(0.0);
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
