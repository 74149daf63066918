//! Visitor flows: how many visitors went from one area to another in a
//! month, each figure with its stage. An area is a country (visitors by
//! nationality, as the national tourism organisation counts them) or a
//! locality on record (a prefecture such as Hokkaido, a city), so both
//! directions fit one shape: Thailand → Hokkaido and Hokkaido → Thailand.
//!
//! Figures are published first as preliminary estimates, then provisional,
//! then definitive: a later stage replaces an earlier one (and the
//! replacement is kept as history), an earlier stage never replaces a
//! later one, and a figure at the same stage with a new value is a
//! correction, kept as history too.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::common::{CountryCode, Id};
use crate::string_enum;

string_enum! {
    /// How final a figure is, earliest first.
    Stage {
        Preliminary = "preliminary",
        Provisional = "provisional",
        Definitive = "definitive",
    }
}

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some(Month { year, month })
    }

    /// A month from a column heading as tables write it: `2023-02`,
    /// `2023/2`, `2023.02`, `2023年2月`, or a date in the month.
    pub fn parse(s: &str) -> Option<Month> {
        let t = s.trim();
        if let Ok(d) = t.parse::<NaiveDate>() {
            return Month::new(d.year(), d.month());
        }
        let t = t.trim_end_matches('月');
        let (y, m) = t.split_once(['-', '/', '.', '年'])?;
        let (y, m) = (y.trim().parse().ok()?, m.trim().parse().ok()?);
        Month::new(y, m)
    }

    pub fn first_day(self) -> NaiveDate {
        // The month was checked when it was made.
        #[allow(clippy::unwrap_used)]
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap()
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                month: self.month + 1,
                ..self
            }
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Month {
    type Error = String;
    fn try_from(s: String) -> Result<Month, String> {
        Month::parse(&s).ok_or_else(|| format!("\"{s}\" is not a month (YYYY-MM)"))
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

/// One side of a flow: a country, or a locality on record in its country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Area {
    pub country: CountryCode,
    #[serde(default)]
    pub locality_id: Option<Id>,
}

impl Area {
    pub fn country(country: CountryCode) -> Area {
        Area {
            country,
            locality_id: None,
        }
    }
}

/// What a flow's figure is about: from where, to where, which month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FlowKey {
    pub origin: Area,
    pub destination: Area,
    pub month: Month,
}

/// A figure and its stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub stage: Stage,
    pub visitors: u64,
}

/// What a newly read figure does to the one on record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing on record: the figure is added.
    New,
    /// The same stage and value: nothing changes.
    Unchanged,
    /// A later stage, or a correction at the same stage: the figure on
    /// record is replaced and the replacement kept as history.
    Replaces(Figure),
    /// The figure on record is at a later stage: it stays, and the import
    /// says so.
    KeptLater(Figure),
}

/// The rule between the figure on record and a new one.
pub fn outcome(on_record: Option<Figure>, new: Figure) -> Outcome {
    match on_record {
        None => Outcome::New,
        Some(old) if old == new => Outcome::Unchanged,
        Some(old) if old.stage > new.stage => Outcome::KeptLater(old),
        Some(old) => Outcome::Replaces(old),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(stage: Stage, visitors: u64) -> Figure {
        Figure { stage, visitors }
    }

    #[test]
    fn a_later_stage_replaces_an_earlier_one_and_never_the_reverse() {
        use Stage::*;
        assert_eq!(outcome(None, f(Preliminary, 10)), Outcome::New);
        assert_eq!(
            outcome(Some(f(Preliminary, 10)), f(Provisional, 12)),
            Outcome::Replaces(f(Preliminary, 10))
        );
        assert_eq!(
            outcome(Some(f(Definitive, 12)), f(Provisional, 11)),
            Outcome::KeptLater(f(Definitive, 12))
        );
        assert_eq!(
            outcome(Some(f(Provisional, 12)), f(Provisional, 12)),
            Outcome::Unchanged
        );
        assert_eq!(
            outcome(Some(f(Provisional, 12)), f(Provisional, 13)),
            Outcome::Replaces(f(Provisional, 12))
        );
        assert!(Preliminary < Provisional && Provisional < Definitive);
    }

    #[test]
    fn months_read_as_tables_write_them() {
        let feb = Month::new(2023, 2).unwrap();
        for s in ["2023-02", "2023/2", "2023.02", "2023年2月", "2023-02-01"] {
            assert_eq!(Month::parse(s), Some(feb), "{s}");
        }
        assert_eq!(Month::parse("2023-13"), None);
        assert_eq!(Month::parse("Feb"), None);
        assert_eq!(feb.to_string(), "2023-02");
        assert_eq!(Month::new(2023, 12).unwrap().next(), Month::new(2024, 1).unwrap());
    }
}
