//! A typed query as a tree of terms (pure): what the index runs and what
//! `kizuna search --explain` prints.
//!
//! Each run of the query must match (all of them). A Latin word matches as
//! itself, as a prefix, and (four letters or more) with one typo. A
//! Japanese or Thai run matches if all its segmenter words are there, or
//! else all its bigrams (a one-character run: the unigram) — never as a
//! phrase over single characters. A run the gazetteer knows as a place
//! name also matches as each of that place's other names (exactly: no
//! prefix, no typo), at a lower weight than the name as typed (so `十勝`
//! ranks what says 十勝 above what says only Tokachi or とかち).

use std::collections::HashMap;
use std::fmt;

use crate::analyze::{Run, Script, analyze, key};

/// A query over the index's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Every part must match.
    All(Vec<Query>),
    /// Any part may match (the best scores).
    Any(Vec<Query>),
    /// A term of the words field, optionally as a prefix and with typos.
    Word { text: String, prefix: bool, typos: u8 },
    /// A term of the grams field (a Japanese or Thai unigram or bigram).
    Gram(String),
    /// Another name of a place the query names (the gazetteer's), scored
    /// at [`ALIAS_WEIGHT`].
    Alias(Box<Query>),
}

/// What a match through another name of a place counts for, against a
/// match of the name as typed.
pub const ALIAS_WEIGHT: f32 = 0.5;

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, op: &str, qs: &[Query]| {
            write!(f, "{op}(")?;
            for (i, q) in qs.iter().enumerate() {
                if i > 0 {
                    write!(f, " ")?;
                }
                write!(f, "{q}")?;
            }
            write!(f, ")")
        };
        match self {
            Query::All(qs) => list(f, "all", qs),
            Query::Any(qs) => list(f, "any", qs),
            Query::Word { text, prefix, typos } => {
                write!(f, "word:{text}")?;
                if *prefix {
                    write!(f, "*")?;
                }
                if *typos > 0 {
                    write!(f, "~{typos}")?;
                }
                Ok(())
            }
            Query::Gram(g) => write!(f, "gram:{g}"),
            Query::Alias(q) => write!(f, "alias({q})"),
        }
    }
}

/// Place names in several scripts that mean the same place: each group is
/// a set of names; a query run equal to one of them also matches the others.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    groups: Vec<Vec<String>>,
    by_key: HashMap<String, usize>,
}

/// The office's place names and their readings (kana) and Thai spellings,
/// added to the names the localities' records give.
const BUILT_IN: &str = include_str!("gazetteer.tsv");

impl Gazetteer {
    /// The built-in place names only.
    pub fn built_in() -> Self {
        let mut g = Self::default();
        for line in BUILT_IN.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            g.add(line.split('\t'));
        }
        g
    }

    /// Adds one place's names (any scripts); a name already known joins
    /// its group.
    pub fn add<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let names: Vec<String> = names
            .into_iter()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(String::from)
            .collect();
        let keys: Vec<String> = names.iter().map(|n| key(n)).filter(|k| !k.is_empty()).collect();
        if keys.is_empty() {
            return;
        }
        let group = keys
            .iter()
            .find_map(|k| self.by_key.get(k).copied())
            .unwrap_or_else(|| {
                self.groups.push(Vec::new());
                self.groups.len() - 1
            });
        for (name, k) in names.iter().zip(&keys) {
            if !self.by_key.contains_key(k) {
                self.by_key.insert(k.clone(), group);
                self.groups[group].push(name.clone());
            }
        }
    }

    /// The other names of the place a run names.
    pub fn others(&self, run_key: &str) -> Vec<&str> {
        self.by_key.get(run_key).map_or_else(Vec::new, |&g| {
            self.groups[g]
                .iter()
                .filter(|n| key(n) != run_key)
                .map(String::as_str)
                .collect()
        })
    }
}

fn run_query(run: &Run) -> Query {
    match run.script {
        Script::Latin => {
            let text = run.text.clone();
            let typos = u8::from(text.chars().count() >= 4);
            Query::Word {
                text,
                prefix: true,
                typos,
            }
        }
        Script::Japanese | Script::Thai => {
            let words = Query::All(
                run.words
                    .iter()
                    .map(|t| Query::Word {
                        text: t.text.clone(),
                        prefix: false,
                        typos: 0,
                    })
                    .collect(),
            );
            let grams = if run.bigrams.is_empty() {
                Query::All(run.unigrams.iter().map(|t| Query::Gram(t.text.clone())).collect())
            } else {
                Query::All(run.bigrams.iter().map(|t| Query::Gram(t.text.clone())).collect())
            };
            Query::Any(vec![words, grams])
        }
    }
}

fn runs_query(runs: &[Run]) -> Query {
    let mut parts: Vec<Query> = runs.iter().map(run_query).collect();
    if parts.len() == 1 {
        parts.pop().unwrap_or(Query::All(vec![]))
    } else {
        Query::All(parts)
    }
}

/// `q` without prefixes or typos: another name of a place is known, not typed.
fn exactly(q: Query) -> Query {
    match q {
        Query::All(qs) => Query::All(qs.into_iter().map(exactly).collect()),
        Query::Any(qs) => Query::Any(qs.into_iter().map(exactly).collect()),
        Query::Word { text, .. } => Query::Word {
            text,
            prefix: false,
            typos: 0,
        },
        Query::Alias(q) => Query::Alias(Box::new(exactly(*q))),
        gram @ Query::Gram(_) => gram,
    }
}

/// The query for a typed text; `None` when it has nothing to search for.
pub fn parse(text: &str, gazetteer: &Gazetteer) -> Option<Query> {
    let runs = analyze(text);
    if runs.is_empty() {
        return None;
    }
    let parts: Vec<Query> = runs
        .iter()
        .map(|run| {
            let own = run_query(run);
            let others = gazetteer.others(&run.text);
            if others.is_empty() {
                own
            } else {
                let mut alts = vec![own];
                alts.extend(
                    others
                        .into_iter()
                        .map(|n| Query::Alias(Box::new(exactly(runs_query(&analyze(n)))))),
                );
                Query::Any(alts)
            }
        })
        .collect();
    Some(if parts.len() == 1 {
        parts.into_iter().next()?
    } else {
        Query::All(parts)
    })
}

fn collect_terms<'a>(q: &'a Query, words: &mut Vec<(&'a str, bool)>, grams: &mut Vec<&'a str>) {
    match q {
        Query::All(qs) | Query::Any(qs) => qs.iter().for_each(|q| collect_terms(q, words, grams)),
        Query::Word { text, prefix, .. } => words.push((text, *prefix)),
        Query::Gram(g) => grams.push(g),
        Query::Alias(q) => collect_terms(q, words, grams),
    }
}

/// The byte ranges of `text` that `q` matches (words, word prefixes, and
/// Japanese and Thai grams), sorted and merged: what a result highlights.
pub fn highlights(q: &Query, text: &str) -> Vec<(usize, usize)> {
    let (mut words, mut grams) = (Vec::new(), Vec::new());
    collect_terms(q, &mut words, &mut grams);
    let mut ranges = Vec::new();
    for run in analyze(text) {
        for t in &run.words {
            if words
                .iter()
                .any(|(w, prefix)| t.text == *w || (*prefix && t.text.starts_with(w)))
            {
                ranges.push((t.start, t.end));
            }
        }
        for t in run
            .bigrams
            .iter()
            .chain(if run.bigrams.is_empty() { &run.unigrams[..] } else { &[] })
        {
            if grams.contains(&t.text.as_str()) {
                ranges.push((t.start, t.end));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contains_gram_phrase(q: &Query) -> bool {
        // A "phrase over single characters" would be an All of unigrams
        // for a run of two or more characters.
        match q {
            Query::All(qs) => {
                (qs.len() > 1 && qs.iter().all(|q| matches!(q, Query::Gram(g) if g.chars().count() == 1)))
                    || qs.iter().any(contains_gram_phrase)
            }
            Query::Any(qs) => qs.iter().any(contains_gram_phrase),
            Query::Alias(q) => contains_gram_phrase(q),
            _ => false,
        }
    }

    #[test]
    fn latin_words_get_prefix_and_typos_from_four_letters() {
        let q = parse("Halal cafe", &Gazetteer::default()).unwrap();
        assert_eq!(q.to_string(), "all(word:halal*~1 word:cafe*~1)");
        let q = parse("Ake", &Gazetteer::default()).unwrap();
        assert_eq!(q.to_string(), "word:ake*");
    }

    #[test]
    fn a_cjk_query_is_words_or_bigrams_never_single_characters() {
        let q = parse("釧路空港", &Gazetteer::default()).unwrap();
        let s = q.to_string();
        assert!(s.contains("gram:釧路") && s.contains("gram:空港"), "{s}");
        assert!(!contains_gram_phrase(&q), "{s}");
        let q = parse("สนามบินคุชิโระ", &Gazetteer::default()).unwrap();
        assert!(!contains_gram_phrase(&q), "{q}");
        // One character alone is looked up as that character.
        assert_eq!(
            parse("港", &Gazetteer::default()).unwrap().to_string(),
            "any(all(word:港) all(gram:港))"
        );
    }

    #[test]
    fn kana_spellings_make_the_same_query() {
        let g = Gazetteer::default();
        let a = parse("はらーる", &g).unwrap();
        assert_eq!(a, parse("ﾊﾗｰﾙ", &g).unwrap());
        assert_eq!(a, parse("ハラール", &g).unwrap());
    }

    #[test]
    fn the_gazetteer_expands_place_names_across_scripts() {
        let g = Gazetteer::built_in();
        for name in ["Kushiro", "釧路", "くしろ", "คุชิโระ"] {
            let others = g.others(&key(name));
            assert!(others.len() >= 3, "{name}: {others:?}");
        }
        let q = parse("kushiro", &g).unwrap().to_string();
        assert!(
            q.contains("gram:釧路") && q.contains("word:คุชิโระ") || q.contains("gram:คุ"),
            "{q}"
        );
        // Names from records join the groups they share a name with.
        let mut g = Gazetteer::built_in();
        g.add(["Kushiro", "Kushiro-shi Test"]);
        assert!(g.others(&key("kushiro")).contains(&"Kushiro-shi Test"));
        assert!(Gazetteer::built_in().others(&key("halal")).is_empty());
    }

    #[test]
    fn highlights_cover_what_matched_in_the_original_text() {
        let g = Gazetteer::default();
        let text = "Halal ﾗｰﾒﾝ in 釧路空港";
        let q = parse("hala ラーメン 空港", &g).unwrap();
        let marked: Vec<&str> = highlights(&q, text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(marked, vec!["Halal", "ﾗｰﾒﾝ", "空港"]);
    }

    #[test]
    fn empty_and_punctuation_queries_have_nothing_to_search() {
        assert!(parse("  ・、。!? ", &Gazetteer::default()).is_none());
    }
}
