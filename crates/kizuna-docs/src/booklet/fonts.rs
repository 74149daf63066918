//! Fonts: TrueType files on this machine, the first that has a character draws it.

use super::*;

/// Paths of font files to use instead of the defaults, separated by `:`.
pub const FONTS_ENV: &str = "KIZUNA_PDF_FONTS";

/// Where Debian's packages put the fonts the booklet uses, in order of preference.
pub const DEFAULT_FONT_PATHS: &[&str] = &[
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/truetype/tlwg/Norasi.ttf",
    "/usr/share/fonts/truetype/tlwg/Kinnari.ttf",
];

pub(crate) struct FontFile {
    pub(crate) path: PathBuf,
    pub(crate) data: Vec<u8>,
    /// The PostScript-safe family name (ASCII letters and digits).
    pub(crate) name: String,
}

/// The TrueType fonts a booklet may draw with, in order of preference.
pub struct BookletFonts {
    pub(crate) files: Vec<FontFile>,
    /// Where fonts were looked for (for error messages).
    pub(crate) looked_in: Vec<PathBuf>,
}

impl BookletFonts {
    /// Exactly these font files; each must be a readable TrueType font.
    pub fn load(paths: &[PathBuf]) -> Result<Self, BookletError> {
        let mut files = Vec::new();
        for p in paths {
            let data = std::fs::read(p)
                .map_err(|e| BookletError::Fonts(format!("cannot read the font file {}: {e}", p.display())))?;
            files.push(read_font(p, data)?);
        }
        Ok(BookletFonts {
            files,
            looked_in: paths.to_vec(),
        })
    }

    /// The fonts named by `env` (the value of [`FONTS_ENV`], paths separated
    /// by `:`) when set and not blank, else those of [`DEFAULT_FONT_PATHS`]
    /// that exist here.
    pub fn discover_from(env: Option<&str>) -> Result<Self, BookletError> {
        if let Some(list) = env.map(str::trim).filter(|s| !s.is_empty()) {
            let paths: Vec<PathBuf> = list
                .split(':')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
                .collect();
            return Self::load(&paths);
        }
        let mut files = Vec::new();
        let mut seen = Vec::new();
        for p in DEFAULT_FONT_PATHS.iter().map(Path::new) {
            // The same file under two names (Debian's alternatives) is loaded once.
            let Ok(real) = std::fs::canonicalize(p) else { continue };
            if seen.contains(&real) {
                continue;
            }
            seen.push(real);
            if let Ok(data) = std::fs::read(p)
                && let Ok(f) = read_font(p, data)
            {
                files.push(f);
            }
        }
        Ok(BookletFonts {
            files,
            looked_in: DEFAULT_FONT_PATHS.iter().map(PathBuf::from).collect(),
        })
    }

    /// [`BookletFonts::discover_from`] with the environment's [`FONTS_ENV`].
    pub fn discover() -> Result<Self, BookletError> {
        Self::discover_from(std::env::var(FONTS_ENV).ok().as_deref())
    }

    /// The files in use.
    pub fn paths(&self) -> Vec<&Path> {
        self.files.iter().map(|f| f.path.as_path()).collect()
    }

    pub(crate) fn describe(&self) -> String {
        if self.files.is_empty() {
            format!(
                "no font file was found (looked for {})",
                self.looked_in
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            format!(
                "fonts in use: {}",
                self.files
                    .iter()
                    .map(|f| f.path.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

pub(crate) fn read_font(path: &Path, data: Vec<u8>) -> Result<FontFile, BookletError> {
    let bad = |why: String| BookletError::Fonts(format!("{} is not a usable font: {why}", path.display()));
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
        .unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    let mut name: String = family.chars().filter(char::is_ascii_alphanumeric).take(40).collect();
    if name.is_empty() {
        name = "Font".into();
    }
    Ok(FontFile {
        path: path.to_owned(),
        data,
        name,
    })
}

/// A script the booklet can need, and the Debian package with a font for it.
pub(crate) fn script_of(c: char) -> Option<(&'static str, &'static str)> {
    match c {
        '\u{0E00}'..='\u{0E7F}' => Some(("Thai", "fonts-thai-tlwg")),
        '\u{3000}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' => Some(("Japanese", "fonts-ipafont-gothic")),
        ' '..='~' | '\u{00A0}'..='\u{024F}' | '\u{2010}'..='\u{2027}' => Some(("Latin", "fonts-ipafont-gothic")),
        _ => None,
    }
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(script_of(c), Some(("Japanese", _)))
}

pub(crate) fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

pub(crate) fn no_break_before(c: char) -> bool {
    "、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々),.:;!?]".contains(c)
}

pub(crate) fn no_break_after(c: char) -> bool {
    "（「『【〔〈《([".contains(c)
}

/// A font being used: its glyphs so far, renumbered for the subset.
pub(crate) struct FaceUse<'a> {
    pub(crate) file: &'a FontFile,
    pub(crate) face: ttf_parser::Face<'a>,
    /// 1000 / units per em.
    pub(crate) to_milli: f32,
    pub(crate) remap: subsetter::GlyphRemapper,
    /// New glyph id → (the text it stands for, advance in 1/1000 em).
    pub(crate) used: BTreeMap<u16, (char, f32)>,
    /// Cache: character → (new glyph id, advance).
    pub(crate) chars: HashMap<char, Option<(u16, f32)>>,
}

impl<'a> FaceUse<'a> {
    pub(crate) fn new(file: &'a FontFile) -> Result<Self, BookletError> {
        let face = ttf_parser::Face::parse(&file.data, 0)
            .map_err(|e| BookletError::Fonts(format!("{} is not a usable font: {e}", file.path.display())))?;
        let upem = f32::from(face.units_per_em().max(1));
        Ok(FaceUse {
            file,
            face,
            to_milli: 1000.0 / upem,
            remap: subsetter::GlyphRemapper::new(),
            used: BTreeMap::new(),
            chars: HashMap::new(),
        })
    }

    pub(crate) fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// The glyph for a character, added to the subset.
    pub(crate) fn glyph(&mut self, c: char) -> Option<(u16, f32)> {
        if let Some(g) = self.chars.get(&c) {
            return *g;
        }
        let found = self.face.glyph_index(c).filter(|g| g.0 != 0).map(|g| {
            let adv = f32::from(self.face.glyph_hor_advance(g).unwrap_or(0)) * self.to_milli;
            let cid = self.remap.remap(g.0);
            self.used.entry(cid).or_insert((c, adv));
            (cid, adv)
        });
        self.chars.insert(c, found);
        found
    }
}
