//! Queries with the documents relevant to each, known by construction.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Cat {
    Word,
    TwoWords,
    Name,
    Prefix,
    Typo,
    Hiragana,
}

pub(super) const CATS: [Cat; 6] = [
    Cat::Word,
    Cat::TwoWords,
    Cat::Name,
    Cat::Prefix,
    Cat::Typo,
    Cat::Hiragana,
];

impl Cat {
    pub(super) fn label(self) -> &'static str {
        match self {
            Cat::Word => "one word",
            Cat::TwoWords => "two words",
            Cat::Name => "full name",
            Cat::Prefix => "name prefix (Latin letters)",
            Cat::Typo => "name with a typo (Latin letters)",
            Cat::Hiragana => "Japanese name typed in hiragana",
        }
    }
}

pub(super) struct BenchQuery {
    pub(super) text: String,
    pub(super) lang: Lang,
    pub(super) cat: Cat,
    /// The relevant documents (indexes), ascending.
    pub(super) relevant: Vec<u32>,
}

pub(super) fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

pub(super) fn katakana_as_hiragana(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            0x30A1..=0x30F6 => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

impl Corpus {
    pub(super) fn surface(&self, unit: u32, lang: Lang) -> String {
        let key = &self.vocab.keys[unit as usize];
        if let Some(en) = key.strip_prefix("place:") {
            let c = CITIES.iter().find(|c| c.0 == en).copied().unwrap_or((en, en, en));
            return match lang {
                Lang::Ja => c.1,
                Lang::Th => c.2,
                Lang::Ms | Lang::En => c.0,
            }
            .to_owned();
        }
        key.split_once(':').map_or(key.as_str(), |(_, w)| w).to_owned()
    }

    pub(super) fn all_of(&self, units: &[u32]) -> Vec<u32> {
        let mut r = self.postings[units[0] as usize].clone();
        for &u in &units[1..] {
            r = intersect(&r, &self.postings[u as usize]);
        }
        r
    }

    pub(super) fn doc_units(&self, d: usize) -> &[u32] {
        &self.units[self.offsets[d]..self.offsets[d + 1]]
    }

    /// A unit of a document written in `lang`'s script (a city counts).
    pub(super) fn in_script(&self, u: u32, lang: Lang) -> bool {
        let k = &self.vocab.keys[u as usize];
        k.starts_with("place:")
            || match lang {
                Lang::Ja => k.starts_with("ja:"),
                Lang::Th => k.starts_with("th:"),
                Lang::Ms | Lang::En => k.starts_with("lat:"),
            }
    }

    /// Not a joiner ("dan", "of"): Latin words of four letters or more,
    /// Japanese and Thai words of two characters or more, any city.
    pub(super) fn long_enough(&self, u: u32) -> bool {
        let k = &self.vocab.keys[u as usize];
        match k.split_once(':') {
            Some(("lat", w)) => w.chars().count() >= 4,
            Some(("place", _)) => true,
            Some((_, w)) => w.chars().count() >= 2,
            None => false,
        }
    }

    pub(super) fn query(&self, rng: &mut SplitMix, lang: Lang, cat: Cat) -> Option<BenchQuery> {
        let persons: Vec<&PersonName> = self.persons.iter().filter(|p| p.lang == lang).collect();
        let (text, relevant) = match cat {
            Cat::Word => {
                let li = LANGS.iter().position(|l| *l == lang)?;
                let u = *pick(rng, &self.topics[li]);
                (self.surface(u, lang), self.postings[u as usize].clone())
            }
            Cat::TwoWords => {
                // Two words of one document of that language.
                let mut found = None;
                for _ in 0..1000 {
                    let d = (rng.next_u64() % self.docs.len() as u64) as usize;
                    if self.langs[d] != lang || self.kinds[d] == "person" {
                        continue;
                    }
                    let us: Vec<u32> = self
                        .doc_units(d)
                        .iter()
                        .copied()
                        .filter(|&u| self.in_script(u, lang) && self.long_enough(u))
                        .collect();
                    if us.len() < 2 {
                        continue;
                    }
                    let a = us[(rng.next_u64() % us.len() as u64) as usize];
                    let b = us[(rng.next_u64() % us.len() as u64) as usize];
                    if a != b {
                        found = Some((a, b));
                        break;
                    }
                }
                let (a, b) = found?;
                (
                    format!("{} {}", self.surface(a, lang), self.surface(b, lang)),
                    self.all_of(&[a, b]),
                )
            }
            Cat::Name => {
                let p = *pick(rng, &persons);
                (p.native.clone(), self.all_of(&p.native_units))
            }
            Cat::Prefix => {
                let p = *pick(rng, &persons);
                let fam = p.latin_family.to_lowercase();
                let n = if fam.chars().count() >= 5 { 4 } else { 3 };
                let prefix: String = fam.chars().take(n).collect();
                let key = format!("lat:{prefix}");
                let mut r: Vec<u32> = self
                    .vocab
                    .keys
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| k.starts_with(&key))
                    .flat_map(|(u, _)| self.postings[u].iter().copied())
                    .collect();
                r.sort_unstable();
                r.dedup();
                (capital(&prefix), r)
            }
            Cat::Typo => {
                let long: Vec<&&PersonName> = persons.iter().filter(|p| p.latin_family.chars().count() >= 5).collect();
                let p = **pick(rng, &long);
                let fam: Vec<char> = p.latin_family.to_lowercase().chars().collect();
                let mut typo = None;
                for _ in 0..50 {
                    let at = 1 + (rng.next_u64() % (fam.len() as u64 - 1)) as usize;
                    let letter = char::from(b'a' + (rng.next_u64() % 26) as u8);
                    if letter == fam[at] {
                        continue;
                    }
                    let mut t = fam.clone();
                    t[at] = letter;
                    let t: String = t.into_iter().collect();
                    // Not a word, nor the beginning of one (a user typing
                    // it may mean that word).
                    let key = format!("lat:{t}");
                    if !self.vocab.keys.iter().any(|k| k.starts_with(&key)) {
                        typo = Some(t);
                        break;
                    }
                }
                (capital(&typo?), self.postings[p.latin_family_unit as usize].clone())
            }
            Cat::Hiragana => {
                let p = *pick(rng, &persons);
                let (kana, units) = p.kana.as_ref()?;
                let family = kana.split(' ').next()?;
                (katakana_as_hiragana(family), self.postings[units[0] as usize].clone())
            }
        };
        (!relevant.is_empty()).then_some(BenchQuery {
            text,
            lang,
            cat,
            relevant,
        })
    }

    /// `m` queries, round the languages and kinds of query (hiragana for
    /// Japanese only).
    pub(super) fn queries(&self, m: usize, seed: u64) -> Vec<BenchQuery> {
        let mut rng = SplitMix::new(seed);
        let buckets: Vec<(Lang, Cat)> = LANGS
            .iter()
            .flat_map(|&l| CATS.iter().map(move |&c| (l, c)))
            .filter(|&(l, c)| c != Cat::Hiragana || l == Lang::Ja)
            .collect();
        let mut out = Vec::with_capacity(m);
        let mut tries = 0;
        while out.len() < m && tries < m * 20 {
            let (l, c) = buckets[tries % buckets.len()];
            tries += 1;
            if let Some(q) = self.query(&mut rng, l, c) {
                out.push(q);
            }
        }
        out
    }
}
