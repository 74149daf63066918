//! The hand-written queries of kizuna-app's recall test (what a user would
//! type in each language, and the record they expect), over the demo and
//! that test's records, in every engine.

use super::*;

pub(super) const FIXTURE_RECORDS: &str = include_str!("../../../kizuna-app/tests/search/records.json");
pub(super) const FIXTURE_QUERIES: &str = include_str!("../../../kizuna-app/tests/search/queries.tsv");

pub(super) async fn create<R: Entity>(app: &App, input: serde_json::Value) -> anyhow::Result<R>
where
    R::Input: serde::de::DeserializeOwned + 'static,
{
    let text = input.to_string();
    let input: R::Input = serde_json::from_value(input).with_context(|| text.clone())?;
    app.create::<R>(&input).await.with_context(|| text)
}

/// A demo record by its kind's `key` column (`demo:locality:jp/hokkaido/kushiro`).
pub(super) async fn demo_id(app: &App, reference: &str) -> anyhow::Result<(String, i64)> {
    let mut parts = reference.splitn(3, ':');
    let (_, kind, key) = (parts.next(), parts.next().context(reference.to_owned())?, parts.next());
    let filter = [("key", Value::Text(key.map(str::to_owned)))];
    let page = Page { limit: 1, offset: 0 };
    let id = match kind {
        "locality" => app.store.select::<Locality>(&filter, page).await?.pop().map(|r| r.id),
        "organisation" => app
            .store
            .select::<Organisation>(&filter, page)
            .await?
            .pop()
            .map(|r| r.id),
        "programme" => app.store.select::<Programme>(&filter, page).await?.pop().map(|r| r.id),
        _ => None,
    };
    Ok((
        kind.to_owned(),
        id.with_context(|| format!("{reference}: no such demo record"))?,
    ))
}

pub(super) struct Fixture {
    pub(super) app: App,
    pub(super) docs: Vec<SearchDoc>,
    /// Language, query, the expected document's position, the rank it should reach.
    pub(super) queries: Vec<(String, String, u32, usize)>,
}

/// The demo and the recall test's records in a fresh SQLite store.
pub(super) async fn fixture(url: &str) -> anyhow::Result<Fixture> {
    let app = App::new(kizuna_store::Store::open(url).await?);
    app.load_demo().await?;
    let records: Vec<serde_json::Value> = serde_json::from_str(FIXTURE_RECORDS)?;
    let mut keys: HashMap<String, (String, i64)> = HashMap::new();
    for record in records {
        let key = record["key"].as_str().context("a record's key")?.to_owned();
        let kind = record["kind"].as_str().context("a record's kind")?.to_owned();
        let mut input = record["input"].clone();
        if let serde_json::Value::Object(fields) = &mut input {
            for value in fields.values_mut() {
                let Some(reference) = value.as_str().and_then(|v| v.strip_prefix('@')).map(str::to_owned) else {
                    continue;
                };
                let id = if reference.starts_with("demo:") {
                    demo_id(&app, &reference).await?.1
                } else {
                    keys.get(&reference).with_context(|| format!("{key}: {reference}"))?.1
                };
                *value = serde_json::Value::from(id);
            }
        }
        let id = match kind.as_str() {
            "locality" => create::<Locality>(&app, input).await?.id,
            "organisation" => create::<Organisation>(&app, input).await?.id,
            "person" => create::<Person>(&app, input).await?.id,
            "programme" => create::<Programme>(&app, input).await?.id,
            "activity" => create::<Activity>(&app, input).await?.id,
            "outcome" => create::<Outcome>(&app, input).await?.id,
            "placement" => create::<Placement>(&app, input).await?.id,
            "delegation" => create::<Delegation>(&app, input).await?.id,
            "place" => create::<Place>(&app, input).await?.id,
            other => bail!("{key}: unknown kind {other}"),
        };
        keys.insert(key, (kind, id));
    }
    let docs = kizuna_app::search::documents(&app).await?;
    let position: HashMap<(String, i64), u32> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| ((d.kind.clone(), d.id), i as u32))
        .collect();
    let mut queries = Vec::new();
    for line in FIXTURE_QUERIES.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [lang, query, expected, within] = cols[..] else {
            bail!("queries.tsv: four columns, not {}: {line}", cols.len());
        };
        let want = if expected.starts_with("demo:") {
            demo_id(&app, expected).await?
        } else {
            keys.get(expected)
                .cloned()
                .with_context(|| format!("{expected}: not in records.json"))?
        };
        let at = *position
            .get(&want)
            .with_context(|| format!("{expected}: not among the documents"))?;
        queries.push((lang.to_owned(), query.to_owned(), at, within.parse()?));
    }
    Ok(Fixture { app, docs, queries })
}

/// The hand-written queries in every engine: a table of how many find
/// their record in the first ten, and at the rank expected.
pub(super) async fn hand_written(scratch: &mut Scratch, dir: &Path, postgres: bool) -> anyhow::Result<String> {
    eprintln!("loading the demo and the recall test's records…");
    let url = scratch.fresh(Backend::Sqlite).await?;
    let f = fixture(&url).await?;
    let mut names = vec!["Kizuna".to_owned(), "SQLite FTS5 (trigram)".to_owned()];
    let mut answers: Vec<Vec<Vec<u32>>> = Vec::new();
    // Kizuna: the app's own search, as staff (the gazetteer with the localities' names).
    let search = Search::in_memory(&f.app).await?;
    let position: HashMap<(String, i64), u32> = f
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| ((d.kind.clone(), d.id), i as u32))
        .collect();
    let mut a = Vec::new();
    for (lang, q, _, _) in &f.queries {
        let hits = search.search(&f.app, Searcher::Staff, q, &[], lang, 10).await?;
        a.push(
            hits.iter()
                .filter_map(|h| position.get(&(h.kind.clone(), h.id)).copied())
                .collect(),
        );
    }
    answers.push(a);
    let path = dir.join("hand-written.sqlite3");
    let fts = Fts5::build(&f.docs, &path)?;
    let mut a = Vec::new();
    for (_, q, _, _) in &f.queries {
        a.push(fts.ask(q)?.into_iter().map(index_of).collect());
    }
    answers.push(a);
    drop(fts);
    let _ = std::fs::remove_file(&path);
    if postgres {
        let pg_url = scratch.fresh(Backend::Postgres).await?;
        let mut pg = Pg::build(&f.docs, &pg_url).await?;
        let (mut fa, mut ta) = (Vec::new(), Vec::new());
        for (_, q, _, _) in &f.queries {
            fa.push(pg.fts(q).await?);
            ta.push(pg.trgm(q).await?);
        }
        pg.conn.close().await?;
        scratch.release(&pg_url).await;
        names.push("PostgreSQL FTS ('simple')".into());
        names.push("PostgreSQL pg_trgm".into());
        answers.push(fa);
        answers.push(ta);
    }
    drop(search);
    drop(f.app);
    scratch.release(&url).await;

    let mut out = String::new();
    writeln!(
        out,
        "\n### The hand-written queries of kizuna-app's recall test over the demo and its records ({} documents, {} queries)\n",
        f.docs.len(),
        f.queries.len()
    )?;
    writeln!(
        out,
        "Each cell: queries whose expected record is in the first ten (recall@10), and in brackets those where it is at the rank the test expects (first, or in the first three).\n"
    )?;
    write!(out, "| language | queries |")?;
    for n in &names {
        write!(out, " {n} |")?;
    }
    writeln!(out)?;
    write!(out, "|---|---:|")?;
    for _ in &names {
        write!(out, "---:|")?;
    }
    writeln!(out)?;
    let mut langs: Vec<&str> = Vec::new();
    for (l, ..) in &f.queries {
        if !langs.contains(&l.as_str()) {
            langs.push(l);
        }
    }
    langs.push("all");
    for lang in langs {
        let picked: Vec<usize> = (0..f.queries.len())
            .filter(|&i| lang == "all" || f.queries[i].0 == lang)
            .collect();
        write!(out, "| {lang} | {} |", picked.len())?;
        for a in &answers {
            let rank = |i: usize| a[i].iter().position(|&d| d == f.queries[i].2).map(|r| r + 1);
            let top10 = picked.iter().filter(|&&i| rank(i).is_some()).count();
            let at = picked
                .iter()
                .filter(|&&i| rank(i).is_some_and(|r| r <= f.queries[i].3))
                .count();
            write!(out, " {top10} ({at}) |")?;
        }
        writeln!(out)?;
    }
    Ok(out)
}
