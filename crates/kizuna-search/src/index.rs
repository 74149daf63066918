//! The tantivy index: one document per record (kind, id, titles, body, who
//! may find it), the analysis of `analyze` stored as whitespace-separated
//! terms, and in each commit's payload the change-feed versions it has
//! applied (so an index can be brought up to date after a crash), and,
//! while a build is under way, how far it has got (so a build stopped by a
//! crash goes on from its last commit instead of starting again).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, Term, doc};

use crate::analyze::index_terms;
use crate::query::{ALIAS_WEIGHT, Query};

/// An error of the index (its files, its lock, a broken payload).
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Dir(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
}

/// One record as the index knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    /// The record's kind (`person`, `place`, …).
    pub kind: String,
    pub id: i64,
    /// Its title in each language it has (`en`, `ja`, `th`, `ms`).
    pub titles: BTreeMap<String, String>,
    /// Descriptions and stories, searched with less weight.
    pub body: String,
    /// Who may find it: `public`, `staff`, `partner:<organisation id>`.
    pub audience: Vec<String>,
}

/// What a search may return.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these kinds (all when empty).
    pub kinds: Vec<String>,
    /// Only documents with one of these audiences.
    pub audiences: Vec<String>,
}

/// A found document with its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub doc: SearchDoc,
    pub score: f32,
}

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    kind: Field,
    audience: Field,
    title_words: Field,
    title_grams: Field,
    body_words: Field,
    body_grams: Field,
    stored: Field,
}

const TOKENIZER: &str = "kizuna_terms";
/// Bumped when the schema or the analysis changes: an index of another
/// version is rebuilt.
pub const FORMAT: u32 = 1;

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_text_field("kind", STRING),
        audience: b.add_text_field("audience", STRING),
        title_words: b.add_text_field("title_words", text.clone()),
        title_grams: b.add_text_field("title_grams", text.clone()),
        body_words: b.add_text_field("body_words", text.clone()),
        body_grams: b.add_text_field("body_grams", text),
        stored: b.add_text_field("stored", STORED),
    };
    (b.build(), fields)
}

/// The change-feed versions an index has applied, by system name, kept in
/// its last commit's payload with the format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Positions {
    pub format: u32,
    pub versions: BTreeMap<String, i64>,
}

/// How far a build of the whole index has got, kept in each of its
/// commits' payloads until the last: the documents of the kinds before
/// `kind`, and of `kind` up to the id `after`, are written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Build {
    pub kind: String,
    pub after: i64,
    /// Documents written so far.
    pub done: u64,
    /// Records counted when the build began.
    pub total: u64,
}

/// A commit's payload: the positions, and the build under way if any.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Payload {
    #[serde(flatten)]
    positions: Positions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    build: Option<Build>,
}

/// The search index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

fn key(kind: &str, id: i64) -> String {
    format!("{kind}:{id}")
}

impl SearchIndex {
    fn from_index(index: Index, fields: Fields) -> Result<Self, IndexError> {
        index
            .tokenizers()
            .register(TOKENIZER, TextAnalyzer::builder(WhitespaceTokenizer::default()).build());
        let writer = index.writer_with_num_threads(1, 32_000_000)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Self {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
        })
    }

    /// The index kept in `dir` (created when missing; emptied when it was
    /// written by another format).
    pub fn open(dir: &Path) -> Result<Self, IndexError> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let mmap = tantivy::directory::MmapDirectory::open(dir)?;
        let index = match Index::open_or_create(mmap, schema.clone()) {
            Ok(index) => index,
            Err(_) => {
                // Another schema: start afresh.
                for entry in std::fs::read_dir(dir)? {
                    let path = entry?.path();
                    if path.is_file() {
                        std::fs::remove_file(path)?;
                    }
                }
                Index::create_in_dir(dir, schema)?
            }
        };
        let ix = Self::from_index(index, fields)?;
        if ix.positions()?.format != FORMAT {
            ix.replace_all(
                Vec::new(),
                Positions {
                    format: FORMAT,
                    versions: BTreeMap::new(),
                },
                |_| {},
            )?;
        }
        Ok(ix)
    }

    /// An index in memory (tests).
    pub fn in_memory() -> Result<Self, IndexError> {
        let (schema, fields) = schema();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    fn payload(&self) -> Result<Payload, IndexError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .unwrap_or_default())
    }

    /// The feed versions the last commit applied.
    pub fn positions(&self) -> Result<Positions, IndexError> {
        Ok(self.payload()?.positions)
    }

    /// How far the build under way had got at the last commit; `None` when
    /// the index holds every document (as of its positions).
    pub fn build(&self) -> Result<Option<Build>, IndexError> {
        Ok(self.payload()?.build)
    }

    /// The number of documents searchable.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn to_tantivy(&self, d: &SearchDoc) -> TantivyDocument {
        let f = self.fields;
        let titles: Vec<&str> = d.titles.values().map(String::as_str).collect();
        let (tw, tg) = index_terms(&titles.join("\n"));
        let (bw, bg) = index_terms(&d.body);
        let mut t = doc!(
            f.key => key(&d.kind, d.id),
            f.kind => d.kind.clone(),
            f.title_words => tw.join(" "),
            f.title_grams => tg.join(" "),
            f.body_words => bw.join(" "),
            f.body_grams => bg.join(" "),
            f.stored => serde_json::to_string(d).unwrap_or_default(),
        );
        for a in &d.audience {
            t.add_text(f.audience, a);
        }
        t
    }

    fn commit(&self, writer: &mut IndexWriter, positions: &Positions, build: Option<&Build>) -> Result<(), IndexError> {
        let payload = Payload {
            positions: positions.clone(),
            build: build.cloned(),
        };
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&payload).unwrap_or_default());
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Writes `upserts` (each replacing its record's document), removes
    /// `deletes` (kind, id), and commits with `positions`: all or nothing.
    /// A build under way stays where it was.
    pub fn apply(
        &self,
        upserts: &[SearchDoc],
        deletes: &[(String, i64)],
        positions: &Positions,
    ) -> Result<(), IndexError> {
        let staged = self
            .stage(upserts, deletes)
            .and_then(|()| self.commit_staged(positions));
        if staged.is_err() {
            self.discard_staged()?;
        }
        staged
    }

    /// Hands `upserts` (each replacing its record's document) and `deletes`
    /// (kind, id) to the writer without committing them: nothing is
    /// searchable, nor kept on disk, until [`SearchIndex::commit_staged`].
    /// A catch-up stages the changed records a page at a time, so that
    /// neither it nor the writer (whose memory is bounded, spilling to
    /// segment files) ever holds them all.
    pub fn stage(&self, upserts: &[SearchDoc], deletes: &[(String, i64)]) -> Result<(), IndexError> {
        let w = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (kind, id) in deletes {
            w.delete_term(Term::from_field_text(self.fields.key, &key(kind, *id)));
        }
        for d in upserts {
            w.delete_term(Term::from_field_text(self.fields.key, &key(&d.kind, d.id)));
            w.add_document(self.to_tantivy(d))?;
        }
        Ok(())
    }

    /// Commits what was staged with `positions`, all at once. A build
    /// under way stays where it was.
    pub fn commit_staged(&self, positions: &Positions) -> Result<(), IndexError> {
        let mut w = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let build = self.build()?;
        self.commit(&mut w, positions, build.as_ref())
    }

    /// Drops what was staged since the last commit.
    pub fn discard_staged(&self) -> Result<(), IndexError> {
        let mut w = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        w.rollback()?;
        Ok(())
    }

    /// Empties the index for a build from `build`, and commits that with
    /// `positions` (the feed versions the build will have applied).
    pub fn begin_build(&self, positions: &Positions, build: &Build) -> Result<(), IndexError> {
        let mut w = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        w.delete_all_documents()?;
        self.commit(&mut w, positions, Some(build))
    }

    /// Adds `docs` (none of them in the index yet) and commits them with
    /// how far the build has got (`None`: it is complete): all or nothing,
    /// so a build stopped between two calls goes on from the last.
    pub fn append(&self, docs: &[SearchDoc], positions: &Positions, build: Option<&Build>) -> Result<(), IndexError> {
        let mut w = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for d in docs {
            w.add_document(self.to_tantivy(d))?;
        }
        self.commit(&mut w, positions, build)
    }

    /// Replaces every document by `docs`, calling `progress` with the
    /// count written so far; one commit at the end.
    pub fn replace_all(
        &self,
        docs: impl IntoIterator<Item = SearchDoc>,
        positions: Positions,
        mut progress: impl FnMut(usize),
    ) -> Result<usize, IndexError> {
        let mut w = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        w.delete_all_documents()?;
        let mut n = 0;
        for d in docs {
            w.add_document(self.to_tantivy(&d))?;
            n += 1;
            if n % 500 == 0 {
                progress(n);
            }
        }
        progress(n);
        self.commit(&mut w, &positions, None)?;
        Ok(n)
    }

    /// The query tree over both titles and bodies: each word or gram may
    /// be found in either (a title match counting three times a body
    /// match), so the words of a query need not all be in one field.
    fn term_query(&self, q: &Query) -> Box<dyn TQuery> {
        let f = self.fields;
        let either = |title: Box<dyn TQuery>, body: Box<dyn TQuery>| -> Box<dyn TQuery> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, Box::new(BoostQuery::new(title, 3.0))),
                (Occur::Should, body),
            ]))
        };
        match q {
            // One part alone is that part (the same matches and score, one
            // scorer fewer for every document it visits).
            Query::All(qs) | Query::Any(qs) if qs.len() == 1 => self.term_query(&qs[0]),
            Query::All(qs) => Box::new(BooleanQuery::new(
                qs.iter().map(|q| (Occur::Must, self.term_query(q))).collect(),
            )),
            Query::Any(qs) => Box::new(BooleanQuery::new(
                qs.iter().map(|q| (Occur::Should, self.term_query(q))).collect(),
            )),
            Query::Word { text, prefix, typos } => either(
                Self::word_query(f.title_words, text, *prefix, *typos),
                Self::word_query(f.body_words, text, *prefix, *typos),
            ),
            Query::Gram(g) => {
                let gram = |field| -> Box<dyn TQuery> {
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, g),
                        IndexRecordOption::WithFreqs,
                    ))
                };
                either(gram(f.title_grams), gram(f.body_grams))
            }
            Query::Alias(q) => Box::new(BoostQuery::new(self.term_query(q), ALIAS_WEIGHT)),
        }
    }

    /// A word in one field: the word itself first (scored by frequency),
    /// then words it begins, then words one typo away, then words
    /// beginning one typo away (those three score by their weight alone),
    /// so a name prefix ranks the names it begins above names that only
    /// come near it.
    fn word_query(field: Field, text: &str, prefix: bool, typos: u8) -> Box<dyn TQuery> {
        let term = Term::from_field_text(field, text);
        let exact: Box<dyn TQuery> = Box::new(BoostQuery::new(
            Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
            2.0,
        ));
        if !prefix && typos == 0 {
            return exact;
        }
        // Weighed so that a word begun as typed scores what one loose
        // match scored before (1), a whole word one typo away 0.7, a word
        // begun one typo away 0.5.
        let mut parts = vec![(Occur::Should, exact)];
        let boosted = |q: FuzzyTermQuery, boost: f32| -> (Occur, Box<dyn TQuery>) {
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
        };
        if prefix {
            let begun = if typos > 0 { 0.5 } else { 1.0 };
            parts.push(boosted(FuzzyTermQuery::new_prefix(term.clone(), 0, true), begun));
        }
        if typos > 0 {
            let whole = if prefix { 0.2 } else { 0.7 };
            parts.push(boosted(FuzzyTermQuery::new(term.clone(), typos, true), whole));
            if prefix {
                parts.push(boosted(FuzzyTermQuery::new_prefix(term, typos, true), 0.5));
            }
        }
        Box::new(BooleanQuery::new(parts))
    }

    fn filter_clause(field: Field, values: &[String]) -> Box<dyn TQuery> {
        Box::new(BooleanQuery::new(
            values
                .iter()
                .map(|v| {
                    let q: Box<dyn TQuery> = Box::new(TermQuery::new(
                        Term::from_field_text(field, v),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect(),
        ))
    }

    /// Whether every document `searcher` holds (deleted ones too) has one
    /// of `values` in `field`: a filter on them lets everything through.
    fn lets_all_through(searcher: &Searcher, field: Field, values: &[String]) -> bool {
        let all: u64 = searcher.segment_readers().iter().map(|r| u64::from(r.max_doc())).sum();
        values.iter().any(|v| {
            searcher
                .doc_freq(&Term::from_field_text(field, v))
                .is_ok_and(|n| n == all)
        })
    }

    /// `q` over titles and bodies, narrowed by `filter` (a filter every
    /// document passes, such as staff's audience, is left out: the same
    /// documents in the same order, without intersecting a million).
    fn filtered(&self, searcher: &Searcher, q: &Query, filter: &Filter) -> Box<dyn TQuery> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = vec![(Occur::Must, self.term_query(q))];
        if !filter.kinds.is_empty() && !Self::lets_all_through(searcher, f.kind, &filter.kinds) {
            clauses.push((Occur::Must, Self::filter_clause(f.kind, &filter.kinds)));
        }
        if !Self::lets_all_through(searcher, f.audience, &filter.audiences) {
            clauses.push((Occur::Must, Self::filter_clause(f.audience, &filter.audiences)));
        }
        if clauses.len() == 1 {
            clauses.pop().map_or_else(
                || Box::new(BooleanQuery::new(Vec::new())) as Box<dyn TQuery>,
                |(_, q)| q,
            )
        } else {
            Box::new(BooleanQuery::new(clauses))
        }
    }

    /// How many documents `q` finds that `filter` lets through.
    pub fn count(&self, q: &Query, filter: &Filter) -> Result<usize, IndexError> {
        let searcher = self.reader.searcher();
        Ok(searcher.search(&self.filtered(&searcher, q, filter), &Count)?)
    }

    /// The best `limit` documents for `q` that `filter` lets through.
    ///
    /// Words one typo away are looked for only when the words as typed
    /// (and the words they begin) do not fill `limit`: a common word then
    /// costs one pass over its own matches, not also over every word one
    /// letter from it, and a typo still finds what it meant.
    pub fn search(&self, q: &Query, filter: &Filter, limit: usize) -> Result<Vec<Found>, IndexError> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let limit = limit.max(1);
        let collector = TopDocs::with_limit(limit).order_by_score();
        let mut top = Vec::new();
        if let Some(typed) = without_typos(q) {
            top = searcher.search(&self.filtered(&searcher, &typed, filter), &collector)?;
        }
        if top.len() < limit {
            top = searcher.search(&self.filtered(&searcher, q, filter), &collector)?;
        }
        let mut out = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            let Some(json) = d.get_first(f.stored).and_then(|v| v.as_str()) else {
                continue;
            };
            if let Ok(doc) = serde_json::from_str(json) {
                out.push(Found { doc, score });
            }
        }
        Ok(out)
    }
}

/// `q` with no typo tolerance, when it has any (else `None`: the query is
/// already that).
fn without_typos(q: &Query) -> Option<Query> {
    fn strip(q: &Query, changed: &mut bool) -> Query {
        match q {
            Query::All(qs) => Query::All(qs.iter().map(|q| strip(q, changed)).collect()),
            Query::Any(qs) => Query::Any(qs.iter().map(|q| strip(q, changed)).collect()),
            Query::Word { text, prefix, typos } => {
                *changed |= *typos > 0;
                Query::Word {
                    text: text.clone(),
                    prefix: *prefix,
                    typos: 0,
                }
            }
            Query::Alias(q) => Query::Alias(Box::new(strip(q, changed))),
            gram @ Query::Gram(_) => gram.clone(),
        }
    }
    let mut changed = false;
    let stripped = strip(q, &mut changed);
    changed.then_some(stripped)
}
