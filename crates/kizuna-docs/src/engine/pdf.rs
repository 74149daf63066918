//! The PDF file: pages, fonts embedded as subsets with ToUnicode maps, the
//! document's information, and its structure tree when it is tagged.

use pdf_writer::types::{StructRole, TabOrder};

use super::*;

/// What a document says about itself, and its page size (points).
#[derive(Debug, Clone)]
pub struct DocMeta {
    pub title: String,
    pub author: Option<String>,
    pub subject: Option<String>,
    /// The document's language (BCP 47): the catalog's `/Lang`.
    pub lang: String,
    pub width: f32,
    pub height: f32,
}

/// A structure element's role (the standard structure types used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    H1,
    H2,
    P,
    Table,
    TR,
    TH,
    TD,
    Figure,
    /// A list, its items, an item's label (number, letter) and its body.
    L,
    LI,
    Lbl,
    LBody,
}

impl Role {
    fn pdf(self) -> StructRole {
        match self {
            Role::Document => StructRole::Document,
            Role::H1 => StructRole::H1,
            Role::H2 => StructRole::H2,
            Role::P => StructRole::P,
            Role::Table => StructRole::Table,
            Role::TR => StructRole::TR,
            Role::TH => StructRole::TH,
            Role::TD => StructRole::TD,
            Role::Figure => StructRole::Figure,
            Role::L => StructRole::L,
            Role::LI => StructRole::LI,
            Role::Lbl => StructRole::Lbl,
            Role::LBody => StructRole::LBody,
        }
    }

    /// The tag its marked content carries in a page's content.
    pub(crate) fn tag(self) -> &'static [u8] {
        match self {
            Role::Document => b"Document",
            Role::H1 => b"H1",
            Role::H2 => b"H2",
            Role::P => b"P",
            Role::Table => b"Table",
            Role::TR => b"TR",
            Role::TH => b"TH",
            Role::TD => b"TD",
            Role::Figure => b"Figure",
            Role::L => b"L",
            Role::LI => b"LI",
            Role::Lbl => b"Lbl",
            Role::LBody => b"LBody",
        }
    }
}

/// A page being drawn, and the next marked-content id on it.
pub(crate) struct Page {
    pub(crate) content: Content,
    pub(crate) next_mcid: i32,
    /// Images drawn on the page, named `Im0`, `Im1`, … in its resources.
    pub(crate) images: Vec<PdfImage>,
}

impl Page {
    pub(crate) fn new() -> Page {
        Page {
            content: Content::new(),
            next_mcid: 0,
            images: Vec::new(),
        }
    }

    /// Open a marked-content sequence on this page (page `index` of the
    /// document) for `tag`, with the page's next MCID, and note it in the tag.
    /// Close it with [`Page::close`] before the page ends.
    pub(crate) fn open(&mut self, index: usize, tag: &mut Tag) {
        let mcid = self.next_mcid;
        self.next_mcid += 1;
        self.content
            .begin_marked_content_with_properties(Name(tag.role.tag()))
            .properties()
            .identify(mcid);
        tag.marks.push((index, mcid));
    }

    /// Close the marked-content sequence last opened.
    pub(crate) fn close(&mut self) {
        self.content.end_marked_content();
    }

    /// Open a sequence of decoration or page furniture (an `/Artifact`,
    /// outside the structure tree); close it with [`Page::close`].
    pub(crate) fn artifact(&mut self) -> &mut Content {
        self.content.begin_marked_content(Name(b"Artifact"));
        &mut self.content
    }
}

/// A structure element: its role, language, alternative text, the marked
/// content it owns (page index, MCID) and its children.
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    pub(crate) role: Role,
    pub(crate) lang: Option<String>,
    pub(crate) alt: Option<String>,
    pub(crate) marks: Vec<(usize, i32)>,
    pub(crate) kids: Vec<Tag>,
}

impl Tag {
    pub(crate) fn new(role: Role, lang: Option<&str>) -> Tag {
        Tag {
            role,
            lang: lang.map(str::to_owned),
            alt: None,
            marks: Vec::new(),
            kids: Vec::new(),
        }
    }

    /// The element with its alternative text.
    pub(crate) fn with_alt(mut self, alt: impl Into<String>) -> Tag {
        self.alt = Some(alt.into());
        self
    }

    /// Its marked content and its descendants' moved `by` pages on (for
    /// pages laid out apart and then put after others).
    pub(crate) fn shift_pages(&mut self, by: usize) {
        for (page, _) in &mut self.marks {
            *page += by;
        }
        for kid in &mut self.kids {
            kid.shift_pages(by);
        }
    }
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

struct Ids(i32);

impl Ids {
    fn next(&mut self) -> Ref {
        let r = Ref::new(self.0);
        self.0 += 1;
        r
    }
}

/// Write the pages, the fonts' subsets and, for a tagged document (`tags`:
/// the children of its `Document` element), the structure tree.
pub(crate) fn write_pdf(
    shaper: Shaper,
    pages: Vec<Page>,
    meta: &DocMeta,
    tags: Option<Vec<Tag>>,
) -> Result<Vec<u8>, DocError> {
    let mut pdf = Pdf::new();
    let mut ids = Ids(1);
    let catalog_id = ids.next();
    let tree_id = ids.next();
    let info_id = ids.next();
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (ids.next(), ids.next())).collect();
    let fonts: Vec<(usize, [Ref; 5])> = shaper
        .faces
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.used.is_empty())
        .map(|(i, _)| (i, [ids.next(), ids.next(), ids.next(), ids.next(), ids.next()]))
        .collect();
    let struct_root = tags.as_ref().map(|_| ids.next());

    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id).lang(TextStr(&meta.lang));
    catalog.viewer_preferences().display_doc_title(true);
    if let Some(root) = struct_root {
        catalog.mark_info().marked(true);
        catalog.pair(Name(b"StructTreeRoot"), root);
    }
    catalog.finish();
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));
    for (i, (page, (page_id, content_id))) in pages.into_iter().zip(&page_ids).enumerate() {
        let mut p = pdf.page(*page_id);
        p.media_box(Rect::new(0.0, 0.0, meta.width, meta.height));
        p.parent(tree_id);
        p.contents(*content_id);
        if struct_root.is_some() {
            p.struct_parents(i32::try_from(i).unwrap_or(i32::MAX));
            p.tab_order(TabOrder::StructureOrder);
        }
        let image_ids: Vec<Ref> = page.images.iter().map(|_| ids.next()).collect();
        {
            let mut res = p.resources();
            {
                let mut dict = res.fonts();
                for (i, refs) in &fonts {
                    dict.pair(font_name(*i).as_name(), refs[0]);
                }
            }
            if !image_ids.is_empty() {
                let mut dict = res.x_objects();
                for (k, id) in image_ids.iter().enumerate() {
                    dict.pair(Name(format!("Im{k}").as_bytes()), *id);
                }
            }
        }
        p.finish();
        let bytes = deflate(page.content.finish().as_slice());
        pdf.stream(*content_id, &bytes).filter(Filter::FlateDecode);
        for (img, id) in page.images.iter().zip(image_ids) {
            write_image(&mut pdf, id, img);
        }
    }

    write_fonts(&mut pdf, &shaper, &fonts)?;

    if let (Some(root), Some(tags)) = (struct_root, tags) {
        write_structure(&mut pdf, &mut ids, root, &page_ids, tags);
    }

    let mut info = pdf.document_info(info_id);
    info.title(TextStr(&meta.title))
        .creator(TextStr("Kizuna"))
        .producer(TextStr("Kizuna (pdf-writer)"));
    if let Some(a) = &meta.author {
        info.author(TextStr(a));
    }
    if let Some(s) = &meta.subject {
        info.subject(TextStr(s));
    }
    info.finish();
    Ok(pdf.finish())
}

/// The structure tree: the root, one `Document` element holding `tags`,
/// each element's marked content referred to by page and MCID, and the
/// parent tree (for each page, its MCIDs' elements in order).
fn write_structure(pdf: &mut Pdf, ids: &mut Ids, root: Ref, page_ids: &[(Ref, Ref)], tags: Vec<Tag>) {
    let mut doc = Tag::new(Role::Document, None);
    doc.kids = tags;
    // Each element's id, depth first, and each page's MCIDs' owners.
    let mut owners: Vec<BTreeMap<i32, Ref>> = vec![BTreeMap::new(); page_ids.len()];
    let doc_id = ids.next();
    let mut pending = vec![(doc, doc_id, root)];
    while let Some((tag, id, parent)) = pending.pop() {
        let kid_ids: Vec<Ref> = tag.kids.iter().map(|_| ids.next()).collect();
        let mut el = pdf.struct_element(id);
        el.kind(tag.role.pdf()).parent(parent);
        if let Some(lang) = &tag.lang {
            el.lang(TextStr(lang));
        }
        if let Some(alt) = &tag.alt {
            el.alt(TextStr(alt));
        }
        {
            let mut kids = el.children();
            for &(page, mcid) in &tag.marks {
                if let Some((page_ref, _)) = page_ids.get(page) {
                    kids.marked_content_ref().page(*page_ref).marked_content_id(mcid);
                    owners[page].insert(mcid, id);
                }
            }
            for k in &kid_ids {
                kids.struct_element(*k);
            }
        }
        el.finish();
        for (kid, kid_id) in tag.kids.into_iter().zip(kid_ids).rev() {
            pending.push((kid, kid_id, id));
        }
    }
    let arrays: Vec<Ref> = owners.iter().map(|_| ids.next()).collect();
    for (array, owned) in arrays.iter().zip(&owners) {
        pdf.indirect(*array).array().items(owned.values().copied());
    }
    let mut tree = pdf.indirect(root).start::<pdf_writer::writers::StructTreeRoot>();
    tree.child(doc_id);
    {
        let mut parents = tree.parent_tree();
        let mut nums = parents.nums();
        for (i, array) in arrays.iter().enumerate() {
            nums.insert(i32::try_from(i).unwrap_or(i32::MAX), *array);
        }
    }
    tree.parent_tree_next_key(i32::try_from(arrays.len()).unwrap_or(i32::MAX));
}

fn write_fonts(pdf: &mut Pdf, shaper: &Shaper, fonts: &[(usize, [Ref; 5])]) -> Result<(), DocError> {
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    for (i, [type0, cid, descriptor, file, cmap]) in fonts {
        let face = &shaper.faces[*i];
        let subset = subsetter::subset(&face.file.data, 0, &face.remap)
            .map_err(|e| DocError::Fonts(format!("cannot embed {} in the PDF: {e}", face.file.source)))?;
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
    Ok(())
}
