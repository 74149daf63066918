//! A links file: any CSV of links staff give the evaluation, with the
//! header `from,to` and optionally `from_country,to_country` (ISO 3166-1
//! alpha-2 codes) and `themes` (words separated by spaces or semicolons).
//!
//! Strict, since a person wrote it: every bad row is refused with its row
//! (as a spreadsheet numbers it: the header is row 1), its column and the
//! reason, and nothing is evaluated until all are right. Blank rows are
//! skipped. The rows arrive as cells; reading the bytes is the caller's.

use std::collections::HashMap;

use super::network::{LinkInput, Network, Party, Ref, RefKind};
use crate::common::CountryCode;

/// One problem in a links file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub code: &'static str,
    pub reason: String,
}

fn problem(into: &mut Vec<RowProblem>, row: usize, column: &str, value: &str, code: &'static str, reason: String) {
    into.push(RowProblem {
        row,
        column: column.to_owned(),
        value: value.to_owned(),
        code,
        reason,
    });
}

const COLUMNS: [&str; 5] = ["from", "to", "from_country", "to_country", "themes"];

/// Read a links file's rows (the header first) into a network of bare
/// names, one link per row, `from` first.
pub fn read(rows: &[Vec<String>]) -> Result<Network, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let Some(header) = rows.first() else {
        problem(
            &mut problems,
            1,
            "",
            "",
            "empty_file",
            "the file is empty: it needs the header from,to and a row per link".into(),
        );
        return Err(problems);
    };
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, cell) in header.iter().enumerate() {
        let name = cell.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
        if name.is_empty() && header[i..].iter().all(|c| c.trim().is_empty()) {
            break;
        }
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if at.contains_key(c) => {
                problem(
                    &mut problems,
                    1,
                    c,
                    cell,
                    "duplicate_column",
                    format!("the column {c} is given twice"),
                );
            }
            Some(c) => {
                at.insert(c, i);
            }
            None => problem(
                &mut problems,
                1,
                cell,
                cell,
                "unknown_column",
                format!(
                    "\"{}\" is not a column of a links file; the columns are {}",
                    cell.trim(),
                    COLUMNS.join(", ")
                ),
            ),
        }
    }
    for c in ["from", "to"] {
        if !at.contains_key(c) {
            problem(
                &mut problems,
                1,
                c,
                "",
                "missing_column",
                format!("the header needs the column {c} (from,to at least)"),
            );
        }
    }
    if at.contains_key("from_country") != at.contains_key("to_country") {
        problem(
            &mut problems,
            1,
            if at.contains_key("from_country") {
                "to_country"
            } else {
                "from_country"
            },
            "",
            "missing_column",
            "from_country and to_country go together: give both or neither".into(),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let width = at.values().max().map_or(0, |m| m + 1);

    let mut parties: Vec<Party> = Vec::new();
    let mut by_name: HashMap<String, (usize, usize)> = HashMap::new(); // name → (party, first row)
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    let mut links = Vec::new();
    for (i, cells) in rows.iter().enumerate().skip(1) {
        let row = i + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |c: &str| at.get(c).and_then(|&i| cells.get(i)).map_or("", |s| s.trim());
        if let Some((j, extra)) = cells.iter().enumerate().skip(width).find(|(_, c)| !c.trim().is_empty()) {
            problem(
                &mut problems,
                row,
                &format!("column {}", j + 1),
                extra,
                "extra_cell",
                "this cell is beyond the header's columns".into(),
            );
        }
        let mut ends = [None, None];
        for (k, (name_col, country_col)) in [("from", "from_country"), ("to", "to_country")].into_iter().enumerate() {
            let name = cell(name_col);
            if name.is_empty() {
                problem(
                    &mut problems,
                    row,
                    name_col,
                    "",
                    "required",
                    format!("{name_col} is empty: every link names both ends"),
                );
                continue;
            }
            let country = if at.contains_key(country_col) {
                match CountryCode::parse(cell(country_col)) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        problem(&mut problems, row, country_col, cell(country_col), e.code, e.message);
                        continue;
                    }
                }
            } else {
                None
            };
            let p = match by_name.get(name) {
                Some(&(p, first)) => {
                    if parties[p].country != country {
                        problem(
                            &mut problems,
                            row,
                            country_col,
                            cell(country_col),
                            "conflicting_country",
                            format!(
                                "{name} is {} in row {first}; a party has one country",
                                parties[p].country.map_or("without a country".into(), |c| c.to_string())
                            ),
                        );
                        continue;
                    }
                    p
                }
                None => {
                    by_name.insert(name.to_owned(), (parties.len(), row));
                    parties.push(Party::node(name, country));
                    parties.len() - 1
                }
            };
            ends[k] = Some(p);
        }
        let mut themes = Vec::new();
        for word in cell("themes")
            .split(|c: char| c.is_whitespace() || c == ';')
            .filter(|w| !w.is_empty())
        {
            if word.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
                let w = word.to_lowercase();
                if !themes.contains(&w) {
                    themes.push(w);
                }
            } else {
                problem(
                    &mut problems,
                    row,
                    "themes",
                    word,
                    "bad_theme",
                    format!("\"{word}\" is not a theme word: letters, digits, _ and - only, separated by spaces or ;"),
                );
            }
        }
        let [Some(from), Some(to)] = ends else { continue };
        if from == to {
            problem(
                &mut problems,
                row,
                "to",
                cell("to"),
                "self_link",
                "a link joins two different parties".into(),
            );
            continue;
        }
        if let Some(first) = pairs.insert((from.min(to), from.max(to)), row) {
            problem(
                &mut problems,
                row,
                "to",
                cell("to"),
                "duplicate_link",
                format!("the same link as row {first}"),
            );
            continue;
        }
        links.push(LinkInput {
            evidence: Ref::new(RefKind::Row, row as i64),
            from,
            to,
            themes,
            outcomes: Vec::new(),
        });
    }
    if problems.is_empty() && links.is_empty() {
        problem(
            &mut problems,
            2,
            "from",
            "",
            "no_links",
            "the file has a header but no links".into(),
        );
    }
    if problems.is_empty() {
        Ok(Network::new(parties, links))
    } else {
        Err(problems)
    }
}
