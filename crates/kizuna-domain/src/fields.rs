//! A record's fields declared once.
//!
//! A record type derives [`Fields`] (`#[derive(kizuna_derive::Fields)]`)
//! from its struct: the struct *is* the declaration, and from it come the
//! store's columns (written in order, read back by name), the columns of
//! the files it travels in, and — through `utoipa`'s derive on the same
//! struct — its OpenAPI schema. Each field's type says how it is stored
//! ([`Field`]): most are one column ([`Scalar`]), a [`LocalText`] is four
//! (`name_en`, `name_ja`, `name_th`, `name_ms`), an `Option` makes its
//! columns nullable.
//!
//! Nothing here does I/O: a store hands rows in through [`Row`].
//!
//! [`LocalText`]: crate::common::LocalText

use chrono::{DateTime, NaiveDate, Utc};

use crate::common::error::{FieldError, Invalid};

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Int,
    Text,
    Date,
    Time,
    Bool,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Int => "integer",
            Kind::Text => "text",
            Kind::Date => "date",
            Kind::Time => "timestamp",
            Kind::Bool => "boolean",
        }
    }
}

/// A column value as it crosses the store boundary.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Date(Option<NaiveDate>),
    Time(Option<DateTime<Utc>>),
    Bool(Option<bool>),
}

impl Value {
    /// The null of a kind.
    pub fn null(kind: Kind) -> Value {
        match kind {
            Kind::Int => Value::Int(None),
            Kind::Text => Value::Text(None),
            Kind::Date => Value::Date(None),
            Kind::Time => Value::Time(None),
            Kind::Bool => Value::Bool(None),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Value::Int(_) => Kind::Int,
            Value::Text(_) => Kind::Text,
            Value::Date(_) => Kind::Date,
            Value::Time(_) => Kind::Time,
            Value::Bool(_) => Kind::Bool,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(
            self,
            Value::Int(None) | Value::Text(None) | Value::Date(None) | Value::Time(None) | Value::Bool(None)
        )
    }
}

/// One column of a record's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    pub nullable: bool,
}

/// A row being read: the value of a column, by name, as the kind asked.
pub trait Row {
    fn get(&mut self, column: &str, kind: Kind) -> Result<Value, Invalid>;
}

/// How a field's type is stored: its columns, written in order and read
/// back by name.
pub trait Field: Sized {
    /// The columns of a field named `name`; `nullable` when the field is optional.
    fn columns(name: &str, nullable: bool, out: &mut Vec<Column>);
    fn write(&self, out: &mut Vec<Value>);
    /// The field, or `None` when all its columns are null.
    fn read_opt(name: &str, row: &mut dyn Row) -> Result<Option<Self>, Invalid>;
    /// The field; all its columns null is an error ("missing").
    fn read(name: &str, row: &mut dyn Row) -> Result<Self, Invalid> {
        Self::read_opt(name, row)?.ok_or_else(|| Invalid::new("required", format!("{name} is missing")))
    }
    /// Nulls for every column of the field (an absent optional value).
    fn write_absent(out: &mut Vec<Value>) {
        let mut cols = Vec::new();
        Self::columns("", true, &mut cols);
        out.extend(cols.iter().map(|c| Value::null(c.kind)));
    }
}

/// A type stored in one column.
pub trait Scalar: Sized {
    const KIND: Kind;
    fn to_value(&self) -> Value;
    /// The value, `None` for a null.
    fn from_value(v: Value) -> Result<Option<Self>, Invalid>;
}

impl<T: Scalar> Field for T {
    fn columns(name: &str, nullable: bool, out: &mut Vec<Column>) {
        out.push(Column {
            name: name.to_owned(),
            kind: T::KIND,
            nullable,
        });
    }
    fn write(&self, out: &mut Vec<Value>) {
        out.push(self.to_value());
    }
    fn read_opt(name: &str, row: &mut dyn Row) -> Result<Option<Self>, Invalid> {
        T::from_value(row.get(name, T::KIND)?)
    }
}

impl<T: Field> Field for Option<T> {
    fn columns(name: &str, _nullable: bool, out: &mut Vec<Column>) {
        T::columns(name, true, out);
    }
    fn write(&self, out: &mut Vec<Value>) {
        match self {
            Some(v) => v.write(out),
            None => T::write_absent(out),
        }
    }
    fn read_opt(name: &str, row: &mut dyn Row) -> Result<Option<Self>, Invalid> {
        Ok(Some(T::read_opt(name, row)?))
    }
}

/// A record's fields declared once (derived: `#[derive(kizuna_derive::Fields)]`).
pub trait Fields: Sized {
    /// The columns, in the order [`Fields::write`] gives their values.
    fn columns() -> &'static [Column];
    /// The struct's stored fields, as named in the API and in messages.
    fn field_names() -> &'static [&'static str];
    fn write(&self) -> Vec<Value>;
    /// Read by column name, naming every field that could not be read.
    fn read(row: &mut dyn Row) -> Result<Self, Vec<FieldError>>;
}

fn wrong(kind: Kind, v: &Value) -> Invalid {
    Invalid::new(
        "wrong_type",
        format!("expected a {} column, found {}", kind.as_str(), v.kind().as_str()),
    )
}

impl Scalar for i64 {
    const KIND: Kind = Kind::Int;
    fn to_value(&self) -> Value {
        Value::Int(Some(*self))
    }
    fn from_value(v: Value) -> Result<Option<Self>, Invalid> {
        match v {
            Value::Int(i) => Ok(i),
            other => Err(wrong(Kind::Int, &other)),
        }
    }
}

impl Scalar for u32 {
    const KIND: Kind = Kind::Int;
    fn to_value(&self) -> Value {
        Value::Int(Some(i64::from(*self)))
    }
    fn from_value(v: Value) -> Result<Option<Self>, Invalid> {
        match v {
            Value::Int(Some(i)) => u32::try_from(i).map(Some).map_err(|_| {
                Invalid::new(
                    "out_of_range",
                    format!("{i} is not a whole number from 0 to {}", u32::MAX),
                )
            }),
            Value::Int(None) => Ok(None),
            other => Err(wrong(Kind::Int, &other)),
        }
    }
}

impl Scalar for bool {
    const KIND: Kind = Kind::Bool;
    fn to_value(&self) -> Value {
        Value::Bool(Some(*self))
    }
    fn from_value(v: Value) -> Result<Option<Self>, Invalid> {
        match v {
            Value::Bool(b) => Ok(b),
            other => Err(wrong(Kind::Bool, &other)),
        }
    }
}

impl Scalar for String {
    const KIND: Kind = Kind::Text;
    fn to_value(&self) -> Value {
        Value::Text(Some(self.clone()))
    }
    fn from_value(v: Value) -> Result<Option<Self>, Invalid> {
        match v {
            Value::Text(t) => Ok(t),
            other => Err(wrong(Kind::Text, &other)),
        }
    }
}

impl Scalar for NaiveDate {
    const KIND: Kind = Kind::Date;
    fn to_value(&self) -> Value {
        Value::Date(Some(*self))
    }
    fn from_value(v: Value) -> Result<Option<Self>, Invalid> {
        match v {
            Value::Date(d) => Ok(d),
            other => Err(wrong(Kind::Date, &other)),
        }
    }
}

impl Scalar for DateTime<Utc> {
    const KIND: Kind = Kind::Time;
    fn to_value(&self) -> Value {
        Value::Time(Some(*self))
    }
    fn from_value(v: Value) -> Result<Option<Self>, Invalid> {
        match v {
            Value::Time(t) => Ok(t),
            other => Err(wrong(Kind::Time, &other)),
        }
    }
}

/// Implements [`Scalar`] as a text column for a type that is `Display` and
/// `FromStr<Err = Invalid>` (keys, texts, codes, closed sets of values).
#[macro_export]
macro_rules! text_scalar {
    ($($t:ty),+ $(,)?) => {$(
        impl $crate::fields::Scalar for $t {
            const KIND: $crate::fields::Kind = $crate::fields::Kind::Text;
            fn to_value(&self) -> $crate::fields::Value {
                $crate::fields::Value::Text(Some(self.to_string()))
            }
            fn from_value(v: $crate::fields::Value) -> Result<Option<Self>, $crate::Invalid> {
                match v {
                    $crate::fields::Value::Text(None) => Ok(None),
                    $crate::fields::Value::Text(Some(s)) => s.parse().map(Some),
                    other => Err($crate::Invalid::new(
                        "wrong_type",
                        format!("expected a text column, found {}", other.kind().as_str()),
                    )),
                }
            }
        }
    )+};
}

/// Ways of storing a field other than its type's own, for
/// `#[field(with = "…")]`.
pub mod with {
    /// Degrees (`Option<f64>`) kept as integers of 1e-7 degree (about
    /// 1 cm, OpenStreetMap's precision), so positions never drift.
    pub mod e7 {
        use crate::Invalid;
        use crate::fields::{Column, Kind, Row, Value};

        pub fn columns(name: &str, out: &mut Vec<Column>) {
            out.push(Column {
                name: name.to_owned(),
                kind: Kind::Int,
                nullable: false,
            });
        }
        pub fn write(v: &Option<f64>, out: &mut Vec<Value>) {
            // Positions are checked to ±180° before they are stored: no overflow.
            #[allow(clippy::cast_possible_truncation)]
            out.push(Value::Int(v.map(|d| (d * 1e7).round() as i64)));
        }
        pub fn read(name: &str, row: &mut dyn Row) -> Result<Option<f64>, Invalid> {
            match row.get(name, Kind::Int)? {
                Value::Int(i) => Ok(i.map(|i| i as f64 / 1e7)),
                other => Err(Invalid::new(
                    "wrong_type",
                    format!("expected an integer column, found {}", other.kind().as_str()),
                )),
            }
        }
    }

    /// A date as text (`Option<String>`, YYYY-MM-DD, as a flat form holds
    /// it) kept in a date column.
    pub mod date_text {
        use chrono::NaiveDate;

        use crate::Invalid;
        use crate::fields::{Column, Kind, Row, Value};

        pub fn columns(name: &str, out: &mut Vec<Column>) {
            out.push(Column {
                name: name.to_owned(),
                kind: Kind::Date,
                nullable: true,
            });
        }
        pub fn write(v: &Option<String>, out: &mut Vec<Value>) {
            out.push(Value::Date(
                v.as_deref()
                    .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()),
            ));
        }
        pub fn read(name: &str, row: &mut dyn Row) -> Result<Option<String>, Invalid> {
            match row.get(name, Kind::Date)? {
                Value::Date(d) => Ok(d.map(|d| d.to_string())),
                other => Err(Invalid::new(
                    "wrong_type",
                    format!("expected a date column, found {}", other.kind().as_str()),
                )),
            }
        }
    }
}
