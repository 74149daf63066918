//! A row's values in the file: typed cells, their JSON, a row's line and
//! a table's hash.

use super::*;

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
    Bool(bool),
    Date(NaiveDate),
    Time(DateTime<Utc>),
    Bytes(Vec<u8>),
}

impl Cell {
    pub(super) fn to_json(&self) -> Json {
        match self {
            Cell::Null => Json::Null,
            Cell::Int(v) => Json::from(*v),
            Cell::Float(v) => Json::from(float_text(*v)),
            Cell::Text(v) => Json::from(v.as_str()),
            Cell::Bool(v) => Json::from(*v),
            Cell::Date(v) => Json::from(v.format("%Y-%m-%d").to_string()),
            Cell::Time(v) => Json::from(v.trunc_subsecs(6).to_rfc3339_opts(SecondsFormat::AutoSi, true)),
            Cell::Bytes(v) => Json::from(base64::engine::general_purpose::STANDARD.encode(v)),
        }
    }

    /// The value of a file's row for a column of `ty`, checked against the
    /// target's column (its width, PostgreSQL's refusal of NUL in text).
    pub fn from_json(v: &Json, col: &Column, backend: Backend) -> Result<Cell, String> {
        if v.is_null() {
            return Ok(Cell::Null);
        }
        let want = |what: &str| format!("expected {what}, found {v}");
        Ok(match col.ty {
            Ty::Int => {
                let n = v.as_i64().ok_or_else(|| want("an integer"))?;
                let fits = match col.width {
                    Width::I16 => i16::try_from(n).is_ok(),
                    Width::I32 => i32::try_from(n).is_ok(),
                    Width::Full | Width::F32 => true,
                };
                if !fits {
                    return Err(format!("{n} does not fit this database's column"));
                }
                Cell::Int(n)
            }
            Ty::Float => {
                let s = v.as_str().ok_or_else(|| want("a number written as a string"))?;
                let x: f64 = s.parse().map_err(|_| want("a number written as a string"))?;
                Cell::Float(x)
            }
            Ty::Text => {
                let s = v.as_str().ok_or_else(|| want("a text"))?;
                if backend == Backend::Postgres && s.contains('\0') {
                    return Err("the text holds a NUL character, which PostgreSQL cannot keep".to_owned());
                }
                Cell::Text(s.to_owned())
            }
            Ty::Bool => Cell::Bool(v.as_bool().ok_or_else(|| want("true or false"))?),
            Ty::Date => {
                let s = v.as_str().ok_or_else(|| want("a date YYYY-MM-DD"))?;
                Cell::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| want("a date YYYY-MM-DD"))?)
            }
            Ty::Time => {
                let s = v.as_str().ok_or_else(|| want("an RFC 3339 time"))?;
                Cell::Time(
                    DateTime::parse_from_rfc3339(s)
                        .map_err(|_| want("an RFC 3339 time"))?
                        .with_timezone(&Utc)
                        .trunc_subsecs(6),
                )
            }
            Ty::Bytes => {
                let s = v.as_str().ok_or_else(|| want("base64"))?;
                Cell::Bytes(
                    base64::engine::general_purpose::STANDARD
                        .decode(s)
                        .map_err(|_| want("base64"))?,
                )
            }
        })
    }
}

/// A double in the shortest text that reads back to it.
pub(super) fn float_text(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_owned()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".to_owned() } else { "-inf".to_owned() }
    } else {
        format!("{x:?}")
    }
}

/// A row's line in the file (and in its table's hash).
pub fn row_line(cells: &[Cell]) -> String {
    Json::Array(cells.iter().map(Cell::to_json).collect()).to_string()
}

/// A table's hash as it is fed.
pub(super) struct Hasher {
    sha: Sha256,
    pub(super) rows: u64,
}

impl Hasher {
    pub(super) fn new(t: &Table) -> Self {
        let mut sha = Sha256::new();
        sha.update(t.columns_json().to_string().as_bytes());
        sha.update(b"\n");
        Hasher { sha, rows: 0 }
    }

    pub(super) fn row(&mut self, line: &str) {
        self.sha.update(line.as_bytes());
        self.sha.update(b"\n");
        self.rows += 1;
    }

    pub(super) fn finish(self, table: &str) -> TableSum {
        let digest = self.sha.finalize();
        TableSum {
            table: table.to_owned(),
            rows: self.rows,
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}
