//! The tables, from the database's own catalogue, and the types the
//! PostgreSQL migrations declare for SQLite's plain columns.

use super::*;

/// A name from the catalogue, used in SQL: letters, digits and `_` only.
pub(super) fn plain(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(super) fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// The column types the PostgreSQL migrations declare that SQLite keeps
/// as plain integers or text: booleans, dates and times, by (table,
/// column). Read from the migrations' SQL once.
pub(super) fn declared_types() -> &'static HashMap<(String, String), Ty> {
    pub(super) static TYPES: OnceLock<HashMap<(String, String), Ty>> = OnceLock::new();
    TYPES.get_or_init(|| {
        let migrator = sqlx::migrate!("./migrations/postgres");
        let mut types = HashMap::new();
        for m in migrator.iter() {
            declare(m.sql.as_str(), &mut types);
        }
        types
    })
}

/// Words, quoted names and strings as tokens; `(`, `)` and `,` alone.
pub(super) fn tokens(stmt: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = stmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if matches!(c, '(' | ')' | ',') {
            out.push(c.to_string());
        } else if c == '\'' || c == '"' {
            let mut s = String::new();
            for d in chars.by_ref() {
                if d == c {
                    break;
                }
                s.push(d);
            }
            out.push(if c == '"' { s } else { format!("'{s}'") });
        } else {
            let mut s = c.to_ascii_lowercase().to_string();
            while let Some(&d) = chars.peek() {
                if d.is_whitespace() || matches!(d, '(' | ')' | ',' | '\'' | '"') {
                    break;
                }
                s.push(d.to_ascii_lowercase());
                chars.next();
            }
            out.push(s);
        }
    }
    out
}

/// Split tokens at top-level commas.
pub(super) fn items(toks: &[String]) -> Vec<&[String]> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, t) in toks.iter().enumerate() {
        match t.as_str() {
            "(" => depth += 1,
            ")" => depth -= 1,
            "," if depth == 0 => {
                out.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&toks[start..]);
    out
}

pub(super) fn type_of(words: &[String]) -> Option<Ty> {
    match words.first().map(String::as_str) {
        Some("boolean" | "bool") => Some(Ty::Bool),
        Some("date") => Some(Ty::Date),
        Some("timestamptz") => Some(Ty::Time),
        Some("timestamp") if words.get(1).map(String::as_str) == Some("with") => Some(Ty::Time),
        _ => None,
    }
}

pub(super) fn set_type(types: &mut HashMap<(String, String), Ty>, table: &str, column: &str, words: &[String]) {
    let key = (table.to_owned(), column.to_owned());
    match type_of(words) {
        Some(t) => {
            types.insert(key, t);
        }
        None => {
            types.remove(&key);
        }
    }
}

/// Apply one migration's statements to the declared types.
pub(super) fn declare(sql: &str, types: &mut HashMap<(String, String), Ty>) {
    let without_comments: String = sql
        .lines()
        .map(|l| l.split_once("--").map_or(l, |(a, _)| a))
        .collect::<Vec<_>>()
        .join("\n");
    // Statements end at `;` outside dollar-quoted bodies.
    let mut stmts = Vec::new();
    let mut in_body = false;
    let mut cur = String::new();
    let mut rest = without_comments.as_str();
    while !rest.is_empty() {
        if rest.starts_with("$$") {
            in_body = !in_body;
            cur.push_str("$$");
            rest = &rest[2..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if c == ';' && !in_body {
            stmts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    stmts.push(cur);
    for stmt in stmts {
        let toks = tokens(&stmt);
        let w = |i: usize| toks.get(i).map_or("", String::as_str);
        if w(0) == "create" && w(1) == "table" {
            let mut i = 2;
            if w(i) == "if" {
                i += 3;
            }
            let table = w(i).to_owned();
            let Some(open) = toks.iter().position(|t| t == "(") else {
                continue;
            };
            let Some(close) = toks.iter().rposition(|t| t == ")") else {
                continue;
            };
            if close <= open {
                continue;
            }
            for item in items(&toks[open + 1..close]) {
                let Some(first) = item.first() else { continue };
                if matches!(
                    first.as_str(),
                    "constraint" | "primary" | "unique" | "foreign" | "check" | "exclude" | "like"
                ) {
                    continue;
                }
                set_type(types, &table, first, &item[1..]);
            }
        } else if w(0) == "alter" && w(1) == "table" {
            let mut i = 2;
            if w(i) == "if" {
                i += 2;
            }
            if w(i) == "only" {
                i += 1;
            }
            let table = w(i).to_owned();
            for clause in items(&toks[(i + 1).min(toks.len())..]) {
                let c = |j: usize| clause.get(j).map_or("", String::as_str);
                match (c(0), c(1)) {
                    ("add", "constraint" | "primary" | "unique" | "foreign" | "check") | ("drop", "constraint") => {}
                    ("add", "column") => {
                        let j = if c(2) == "if" { 5 } else { 2 };
                        set_type(types, &table, c(j), clause.get(j + 1..).unwrap_or(&[]));
                    }
                    ("add", col) => set_type(types, &table, col, clause.get(2..).unwrap_or(&[])),
                    ("drop", _) => {
                        let mut j = 1;
                        if c(j) == "column" {
                            j += 1;
                        }
                        if c(j) == "if" {
                            j += 2;
                        }
                        types.remove(&(table.clone(), c(j).to_owned()));
                    }
                    ("rename", "to") => {
                        let to = c(2).to_owned();
                        let moved: Vec<_> = types.keys().filter(|(t, _)| *t == table).cloned().collect();
                        for k in moved {
                            if let Some(ty) = types.remove(&k) {
                                types.insert((to.clone(), k.1), ty);
                            }
                        }
                    }
                    ("rename", _) => {
                        let j = if c(1) == "column" { 2 } else { 1 };
                        if c(j + 1) == "to"
                            && let Some(ty) = types.remove(&(table.clone(), c(j).to_owned()))
                        {
                            types.insert((table.clone(), c(j + 2).to_owned()), ty);
                        }
                    }
                    ("alter", _) => {
                        let j = if c(1) == "column" { 2 } else { 1 };
                        let col = c(j).to_owned();
                        if c(j + 1) == "type" {
                            set_type(types, &table, &col, clause.get(j + 2..).unwrap_or(&[]));
                        } else if c(j + 1) == "set" && c(j + 2) == "data" {
                            set_type(types, &table, &col, clause.get(j + 4..).unwrap_or(&[]));
                        }
                    }
                    _ => {}
                }
            }
        } else if w(0) == "drop" && w(1) == "table" {
            let start = if w(2) == "if" { 4 } else { 2 };
            for item in items(&toks[start.min(toks.len())..]) {
                if let Some(t) = item.first() {
                    types.retain(|(tt, _), _| tt != t);
                }
            }
        }
    }
}

/// A column's file type from its database type.
pub(super) fn ty_of(backend: Backend, table: &str, column: &str, db_ty: &str) -> Option<(Ty, Width)> {
    let declared = declared_types().get(&(table.to_owned(), column.to_owned())).copied();
    match backend {
        Backend::Postgres => Some(match db_ty {
            "bigint" => (Ty::Int, Width::Full),
            "integer" => (Ty::Int, Width::I32),
            "smallint" => (Ty::Int, Width::I16),
            "double precision" => (Ty::Float, Width::Full),
            "real" => (Ty::Float, Width::F32),
            "text" | "character varying" => (Ty::Text, Width::Full),
            "boolean" => (Ty::Bool, Width::Full),
            "date" => (Ty::Date, Width::Full),
            "timestamp with time zone" => (Ty::Time, Width::Full),
            "bytea" => (Ty::Bytes, Width::Full),
            _ => return None,
        }),
        // SQLite's type affinity from the declared type's name.
        Backend::Sqlite => {
            let t = if db_ty.contains("int") {
                if declared == Some(Ty::Bool) { Ty::Bool } else { Ty::Int }
            } else if db_ty.contains("char") || db_ty.contains("clob") || db_ty.contains("text") {
                match declared {
                    Some(d @ (Ty::Date | Ty::Time)) => d,
                    _ => Ty::Text,
                }
            } else if db_ty.contains("real") || db_ty.contains("floa") || db_ty.contains("doub") {
                Ty::Float
            } else if db_ty.contains("blob") || db_ty.is_empty() {
                Ty::Bytes
            } else {
                return None;
            };
            Some((t, Width::Full))
        }
    }
}
