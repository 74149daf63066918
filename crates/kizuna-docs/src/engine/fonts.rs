//! Fonts: the TrueType files embedded in the binary (Noto Sans JP and Noto
//! Sans Thai, from npm packages pinned by package-lock.json), after any
//! files named to override them; the first font that has a character draws it.

use std::borrow::Cow;

use super::*;

/// Paths of font files to prefer to the embedded ones, separated by `:`.
pub const FONTS_ENV: &str = "KIZUNA_PDF_FONTS";

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/fonts.rs"));
}

pub(crate) struct FontFile {
    /// Where the font comes from: a path, or the embedded font's name and package.
    pub(crate) source: String,
    pub(crate) data: Cow<'static, [u8]>,
    /// The PostScript-safe family name (ASCII letters and digits).
    pub(crate) name: String,
}

/// The TrueType fonts a booklet may draw with, in order of preference.
pub struct Fonts {
    pub(crate) files: Vec<FontFile>,
}

impl Fonts {
    /// The fonts embedded in the binary alone.
    pub fn embedded() -> Self {
        let files = embedded::EMBEDDED
            .iter()
            .map(|(label, bytes)| {
                read_font((*label).to_owned(), Cow::Borrowed(*bytes)).expect("the embedded fonts are checked by a test")
            })
            .collect();
        Fonts { files }
    }

    /// Fonts from files, each given as its path and bytes (the caller reads
    /// them), preferred to the embedded fonts, which still draw what these
    /// lack. Each must be a TrueType font.
    pub fn with_files(files: Vec<(PathBuf, Vec<u8>)>) -> Result<Self, DocError> {
        let mut out = Vec::new();
        for (path, data) in files {
            out.push(read_font(path.display().to_string(), Cow::Owned(data))?);
        }
        out.extend(Self::embedded().files);
        Ok(Fonts { files: out })
    }

    /// Exactly these font files (read here: for the CLI and the server at
    /// start, never while a booklet is laid out), then the embedded fonts.
    pub fn load(paths: &[PathBuf]) -> Result<Self, DocError> {
        let mut files = Vec::new();
        for p in paths {
            let data = std::fs::read(p)
                .map_err(|e| DocError::Fonts(format!("cannot read the font file {}: {e}", p.display())))?;
            files.push((p.clone(), data));
        }
        Self::with_files(files)
    }

    /// The fonts named by `env` (the value of [`FONTS_ENV`], paths separated
    /// by `:`) when set and not blank, then the embedded fonts.
    pub fn discover_from(env: Option<&str>) -> Result<Self, DocError> {
        match env.map(str::trim).filter(|s| !s.is_empty()) {
            Some(list) => {
                let paths: Vec<PathBuf> = list
                    .split(':')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(PathBuf::from)
                    .collect();
                Self::load(&paths)
            }
            None => Ok(Self::embedded()),
        }
    }

    /// [`Fonts::discover_from`] with the environment's [`FONTS_ENV`].
    pub fn discover() -> Result<Self, DocError> {
        Self::discover_from(std::env::var(FONTS_ENV).ok().as_deref())
    }

    /// Where the fonts in use come from, in order: paths, or the embedded
    /// fonts' names and packages.
    pub fn sources(&self) -> Vec<&str> {
        self.files.iter().map(|f| f.source.as_str()).collect()
    }

    pub(crate) fn describe(&self) -> String {
        format!("fonts in use: {}", self.sources().join(", "))
    }
}

pub(crate) fn read_font(source: String, data: Cow<'static, [u8]>) -> Result<FontFile, DocError> {
    let bad = |why: String| DocError::Fonts(format!("{source} is not a usable font: {why}"));
    let face = ttf_parser::Face::parse(&data, 0).map_err(|e| bad(format!("{e}")))?;
    if face.tables().glyf.is_none() {
        return Err(bad(
            "it has no TrueType (glyf) outlines; the booklet embeds TrueType fonts only".into(),
        ));
    }
    let family = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME || n.name_id == ttf_parser::name_id::FAMILY)
        .find_map(|n| n.to_string())
        .unwrap_or_default();
    let mut name: String = family.chars().filter(char::is_ascii_alphanumeric).take(40).collect();
    if name.is_empty() {
        name = "Font".into();
    }
    Ok(FontFile { source, data, name })
}

/// A script the booklet can need (one the embedded fonts draw).
pub(crate) fn script_of(c: char) -> Option<&'static str> {
    match c {
        '\u{0E00}'..='\u{0E7F}' => Some("Thai"),
        '\u{3000}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' => Some("Japanese"),
        ' '..='~' | '\u{00A0}'..='\u{024F}' | '\u{2010}'..='\u{2027}' => Some("Latin"),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) fn is_cjk(c: char) -> bool {
    script_of(c) == Some("Japanese")
}

pub(crate) fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// A font being used: its glyphs so far, renumbered for the subset.
pub(crate) struct FaceUse<'a> {
    pub(crate) file: &'a FontFile,
    /// The font's tables, for the shaper (and, through it, ttf-parser's).
    pub(crate) face: rustybuzz::Face<'a>,
    /// 1000 / units per em.
    pub(crate) to_milli: f32,
    pub(crate) remap: subsetter::GlyphRemapper,
    /// New glyph id → (the text it stands for in the ToUnicode map, its
    /// width in 1/1000 em as the PDF's widths give it).
    pub(crate) used: BTreeMap<u16, (String, f32)>,
    /// The character each glyph draws by the font's character map (made
    /// the first time a glyph is not found among its cluster's characters).
    reverse: Option<HashMap<u16, char>>,
}

impl<'a> FaceUse<'a> {
    pub(crate) fn new(file: &'a FontFile) -> Result<Self, DocError> {
        let face = rustybuzz::Face::from_slice(&file.data, 0)
            .ok_or_else(|| DocError::Fonts(format!("{} is not a usable font", file.source)))?;
        let upem = f32::from(ttf_parser::Face::units_per_em(&face).max(1));
        Ok(FaceUse {
            file,
            face,
            to_milli: 1000.0 / upem,
            remap: subsetter::GlyphRemapper::new(),
            used: BTreeMap::new(),
            reverse: None,
        })
    }

    pub(crate) fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// A glyph of the font (its id in the font) added to the subset: its
    /// new id and its width (1/1000 em, as written in the PDF). The first
    /// time, the text it stands for in the ToUnicode map is decided from
    /// the cluster it comes from (`text`, drawn by the glyphs `gids`, of
    /// which it is the `k`-th): a glyph the character map gives for one of
    /// the cluster's characters stands for that character; a cluster's only
    /// glyph (a ligature) for the cluster's text; another glyph of the
    /// character map for its character (as the parts of a split vowel); an
    /// alternate form (a glyph of no character) for the cluster's first
    /// character whose own glyph is not drawn, in order.
    pub(crate) fn use_glyph(&mut self, text: &str, gids: &[u16], k: usize) -> (u16, f32) {
        let gid = gids[k];
        let cid = self.remap.remap(gid);
        if let Some((_, w)) = self.used.get(&cid) {
            return (cid, *w);
        }
        let own = |face: &rustybuzz::Face, g: u16| {
            text.chars()
                .find(|&c| face.glyph_index(c) == Some(ttf_parser::GlyphId(g)))
        };
        let standing = if let Some(c) = own(&self.face, gid) {
            c.to_string()
        } else if gids.len() == 1 {
            text.to_owned()
        } else if let Some(c) = self.mapped_char(gid) {
            c.to_string()
        } else {
            let drawn: Vec<Option<char>> = gids.iter().map(|&g| own(&self.face, g)).collect();
            let missing: Vec<char> = text.chars().filter(|c| !drawn.contains(&Some(*c))).collect();
            let alternates = gids[..k]
                .iter()
                .filter(|&&g| own(&self.face, g).is_none() && self.mapped_char(g).is_none())
                .count();
            missing.get(alternates).map_or_else(|| text.to_owned(), char::to_string)
        };
        let id = ttf_parser::GlyphId(gid);
        let w = (f32::from(self.face.glyph_hor_advance(id).unwrap_or(0)) * self.to_milli).round();
        self.used.insert(cid, (standing, w));
        (cid, w)
    }

    /// The character whose glyph this is by the font's Unicode character map.
    fn mapped_char(&mut self, gid: u16) -> Option<char> {
        let face = &self.face;
        let map = self.reverse.get_or_insert_with(|| {
            let mut m = HashMap::new();
            if let Some(cmap) = face.tables().cmap {
                for sub in cmap
                    .subtables
                    .into_iter()
                    .filter(ttf_parser::cmap::Subtable::is_unicode)
                {
                    sub.codepoints(|cp| {
                        if let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                            m.entry(g.0).or_insert(c);
                        }
                    });
                }
            }
            m
        });
        map.get(&gid).copied()
    }
}
