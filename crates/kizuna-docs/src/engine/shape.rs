//! Text shaped into glyphs: the text cut into runs of one font, one
//! script and one style, each run shaped by rustybuzz (HarfBuzz's shaping
//! in Rust) with the font's OpenType tables (GSUB substitutions and
//! ligatures, GPOS kerning and mark positioning: Thai vowel and tone marks
//! placed on their letter and on each other), and the glyphs grouped in
//! clusters, the shaper's unbreakable units of text. Lines may break only
//! at a cluster that starts where Unicode's line breaking rules allow.

use std::rc::Rc;
use std::sync::Arc;

use super::*;

/// A glyph as the shaper places it, in font units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shaped {
    pub(crate) gid: u16,
    /// Byte offset in the run's text of the cluster's first character.
    pub(crate) cluster: usize,
    pub(crate) x_advance: i32,
    pub(crate) x_offset: i32,
    pub(crate) y_offset: i32,
}

/// Runs already shaped, by font and text (a booklet repeats its words).
pub(crate) type ShapeCache = HashMap<(usize, String), Rc<[Shaped]>>;

pub(crate) struct Shaper<'a> {
    pub(crate) faces: Vec<FaceUse<'a>>,
    pub(crate) fonts: &'a Fonts,
    cache: ShapeCache,
}

/// The scripts a run is cut by (letters; digits, spaces and punctuation go
/// with the letters around them).
fn letter_script(c: char) -> Option<&'static str> {
    if c.is_alphabetic() { script_of(c) } else { None }
}

impl<'a> Shaper<'a> {
    pub(crate) fn new(fonts: &'a Fonts) -> Result<Self, DocError> {
        let faces = fonts.files.iter().map(FaceUse::new).collect::<Result<_, _>>()?;
        Ok(Shaper {
            faces,
            fonts,
            cache: HashMap::new(),
        })
    }

    /// The shaper with runs shaped before with the same fonts.
    pub(crate) fn with_cache(mut self, cache: ShapeCache) -> Self {
        self.cache = cache;
        self
    }

    pub(crate) fn into_cache(self) -> ShapeCache {
        self.cache
    }

    /// Whether every character of `s` has a font.
    pub(crate) fn can_draw(&self, s: &str) -> bool {
        s.chars()
            .all(|c| c.is_whitespace() || self.faces.iter().any(|f| f.has(c)))
    }

    /// The font for `c`: the first that has it, except that a character
    /// that is not a letter (space, digit, punctuation, combining mark)
    /// stays in the font before it when that font has it.
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

    /// Glyphs for texts in their styles, one run of text, shaped; a line
    /// may break only where Unicode's line breaking rules allow (ICU4X's
    /// segmenter, with its dictionary for Thai, which is written without
    /// spaces between words, and strict Japanese rules: no small kana or
    /// closing mark starts a line), and never inside a cluster.
    pub(crate) fn spans(&mut self, spans: &[(&str, Style)]) -> Result<Vec<Glyph>, DocError> {
        // The text drawn (whitespace and control characters as spaces,
        // characters of no known script that no font has as `?`), with
        // each character's byte offset, font and span.
        let mut drawn = String::new();
        let mut chars: Vec<(usize, usize, usize)> = Vec::new();
        let mut prev = None;
        for (si, (raw, _)) in spans.iter().enumerate() {
            for c in raw.chars() {
                let c = if c.is_whitespace() || c.is_control() { ' ' } else { c };
                let (font, c) = self.font_for_or_fail(c, prev, raw)?;
                chars.push((drawn.len(), font, si));
                drawn.push(c);
                prev = Some(font);
            }
        }
        let breaks = line_breaks(&drawn);
        let mut out = Vec::new();
        let mut pending_break = false;
        let mut i = 0;
        while i < chars.len() {
            let (start, font, si) = chars[i];
            let mut script = drawn[start..].chars().next().and_then(letter_script);
            let mut j = i + 1;
            while let Some(&(at, f, s)) = chars.get(j) {
                if f != font || s != si {
                    break;
                }
                match (script, drawn[at..].chars().next().and_then(letter_script)) {
                    (_, None) => {}
                    (None, Some(x)) => script = Some(x),
                    (Some(a), Some(b)) if a == b => {}
                    _ => break,
                }
                j += 1;
            }
            let end = chars.get(j).map_or(drawn.len(), |c| c.0);
            self.run(
                &drawn,
                start..end,
                font,
                spans[si].1,
                &breaks,
                &mut pending_break,
                &mut out,
            );
            i = j;
        }
        Ok(out)
    }

    /// The shaper's glyphs for `text` in a font (cached).
    pub(crate) fn shape(&mut self, font: usize, text: &str) -> Rc<[Shaped]> {
        if let Some(s) = self.cache.get(&(font, text.to_owned())) {
            return Rc::clone(s);
        }
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let out = rustybuzz::shape(&self.faces[font].face, &[], buffer);
        let shaped: Rc<[Shaped]> = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| Shaped {
                gid: u16::try_from(info.glyph_id).unwrap_or(0),
                cluster: info.cluster as usize,
                x_advance: pos.x_advance,
                x_offset: pos.x_offset,
                y_offset: pos.y_offset,
            })
            .collect();
        self.cache.insert((font, text.to_owned()), Rc::clone(&shaped));
        shaped
    }

    /// Shape `text[range]` (one font, script and style) into `out`.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &mut self,
        text: &str,
        range: std::ops::Range<usize>,
        font: usize,
        st: Style,
        breaks: &std::collections::HashSet<usize>,
        pending_break: &mut bool,
        out: &mut Vec<Glyph>,
    ) {
        let piece = &text[range.clone()];
        let shaped = self.shape(font, piece);
        let face = &mut self.faces[font];
        let scale = st.size * face.to_milli / 1000.0;
        // Cluster starts in text order (left to right: the glyphs' order).
        let mut starts: Vec<usize> = shaped.iter().map(|g| g.cluster).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut a = 0;
        while a < shaped.len() {
            let cs = shaped[a].cluster;
            let mut b = a + 1;
            while b < shaped.len() && shaped[b].cluster == cs {
                b += 1;
            }
            // The cluster's text runs to the next cluster (so that nothing
            // the shaper drew no glyph for is lost).
            let ce = starts.iter().find(|&&s| s > cs).copied().unwrap_or(piece.len());
            let ctext = &piece[cs..ce];
            let offset = range.start + cs;
            *pending_break |= offset > 0 && breaks.contains(&offset);
            let space = ctext.chars().all(|c| c == ' ');
            let mut naive = String::new();
            let first = out.len();
            let gids: Vec<u16> = shaped[a..b].iter().map(|g| g.gid).collect();
            for (k, g) in shaped[a..b].iter().enumerate() {
                let (cid, w) = face.use_glyph(ctext, &gids, k);
                if let Some((t, _)) = face.used.get(&cid) {
                    naive.push_str(t);
                }
                out.push(Glyph {
                    font,
                    cid,
                    adv: g.x_advance as f32 * scale,
                    dx: g.x_offset as f32 * scale,
                    dy: g.y_offset as f32 * scale,
                    width: w * st.size / 1000.0,
                    style: st,
                    space,
                    break_before: false,
                    cluster: None,
                });
            }
            out[first].break_before = *pending_break && !space;
            out[first].cluster = Some(Arc::new(Cluster {
                // A glyph moved off the pen (a mark placed by the font) may
                // be read out of order by text extraction, which goes by
                // where each glyph starts.
                actual_text: naive != ctext || shaped[a..b].iter().any(|g| g.x_offset != 0 || g.y_offset != 0),
                text: ctext.to_owned(),
            }));
            if !space {
                *pending_break = false;
            }
            a = b;
        }
    }

    /// The font that draws `c` (or a `?` in its place when no font has
    /// that script), or why there is none.
    fn font_for_or_fail(&self, c: char, prev: Option<usize>, text: &str) -> Result<(usize, char), DocError> {
        if let Some(f) = self.font_for(c, prev) {
            return Ok((f, c));
        }
        if let Some(script) = script_of(c) {
            return Err(DocError::Fonts(format!(
                "no font has {script} letters (needed for \"{text}\"); {}",
                self.fonts.describe()
            )));
        }
        match self.font_for('?', prev) {
            Some(f) => Ok((f, '?')),
            None => Err(DocError::Fonts(format!(
                "no font has Latin letters; {}",
                self.fonts.describe()
            ))),
        }
    }
}
