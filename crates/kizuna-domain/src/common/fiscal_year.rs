//! Japanese fiscal years: FY2007 runs from 2007-04-01 to 2008-03-31.
//!
//! Every grouping by year in Kizuna goes through [`FiscalYear`]. The
//! Japanese era form (平成19年度, 令和元年度) is derived for display and
//! accepted when parsing, including the pre-May-2019 spelling 平成31年度 for
//! FY2019.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::error::Invalid;

/// A Japanese fiscal year, named by the calendar year in which it begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = i32, example = 2007))]
#[serde(try_from = "i32", into = "i32")]
pub struct FiscalYear(i32);

/// The eras used for fiscal-year labels, with the day each began.
const ERAS: &[(&str, (i32, u32, u32))] = &[
    ("令和", (2019, 5, 1)),
    ("平成", (1989, 1, 8)),
    ("昭和", (1926, 12, 25)),
    ("大正", (1912, 7, 30)),
    ("明治", (1868, 10, 23)),
];

impl FiscalYear {
    pub const MIN: i32 = 1900;
    pub const MAX: i32 = 2200;

    pub fn new(year: i32) -> Result<Self, Invalid> {
        if (Self::MIN..=Self::MAX).contains(&year) {
            Ok(Self(year))
        } else {
            Err(Invalid::new(
                "out_of_range",
                format!("fiscal year {year} is outside {}..{}", Self::MIN, Self::MAX),
            ))
        }
    }

    /// The fiscal year a date falls in.
    pub fn containing(date: NaiveDate) -> Self {
        let y = if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        };
        Self(y.clamp(Self::MIN, Self::MAX))
    }

    pub fn year(self) -> i32 {
        self.0
    }

    /// April 1 of the starting year.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).unwrap_or(NaiveDate::MIN)
    }

    /// March 31 of the following year.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Self::containing(date) == self
    }

    pub fn next(self) -> Self {
        Self((self.0 + 1).min(Self::MAX))
    }

    /// The era name and era year, e.g. FY2007 → ("平成", 19).
    ///
    /// The era is the one in force when the fiscal year begins, except that an
    /// era beginning later in the same calendar year names the whole fiscal
    /// year: FY2019 is 令和元年度 although April 2019 was still Heisei, while
    /// FY1988 stays 昭和63年度 because Heisei began in January 1989.
    pub fn era(self) -> Option<(&'static str, i32)> {
        for &(name, (y, m, d)) in ERAS {
            let began = NaiveDate::from_ymd_opt(y, m, d)?;
            if began <= self.first_day() || y == self.0 {
                return Some((name, self.0 - y + 1));
            }
        }
        None
    }

    /// The Japanese label, e.g. `平成19年度`, `令和元年度`.
    pub fn era_label(self) -> String {
        match self.era() {
            Some((name, 1)) => format!("{name}元年度"),
            Some((name, n)) => format!("{name}{n}年度"),
            None => format!("{}年度", self.0),
        }
    }

    /// Parse `2007`, `FY2007`, `fy 2007`, `2007年度`, `平成19年度`, `令和元年度`,
    /// or `平成31年度` (FY2019 in documents written before May 2019).
    /// Full-width digits are accepted.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let t: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                _ => c,
            })
            .collect();
        let bad = || {
            Invalid::new(
                "invalid_fiscal_year",
                format!(
                    "\"{}\" is not a fiscal year (write e.g. 2007, FY2007 or 平成19年度)",
                    s.trim()
                ),
            )
        };
        let t = t.strip_suffix("年度").unwrap_or(&t);
        for &(name, (y, _, _)) in ERAS {
            if let Some(rest) = t.strip_prefix(name) {
                let n: i32 = if rest == "元" {
                    1
                } else {
                    rest.parse().map_err(|_| bad())?
                };
                if n < 1 {
                    return Err(bad());
                }
                return Self::new(y + n - 1);
            }
        }
        let digits = t
            .strip_prefix("FY")
            .or_else(|| t.strip_prefix("fy"))
            .or_else(|| t.strip_prefix("Fy"))
            .unwrap_or(t)
            .trim();
        let year: i32 = digits.parse().map_err(|_| bad())?;
        Self::new(year)
    }
}

impl crate::fields::Scalar for FiscalYear {
    const KIND: crate::fields::Kind = crate::fields::Kind::Int;
    fn to_value(&self) -> crate::fields::Value {
        crate::fields::Value::Int(Some(i64::from(self.year())))
    }
    fn from_value(v: crate::fields::Value) -> Result<Option<Self>, Invalid> {
        match v {
            crate::fields::Value::Int(None) => Ok(None),
            crate::fields::Value::Int(Some(y)) => i32::try_from(y)
                .map_err(|_| Invalid::new("out_of_range", format!("{y} is not a fiscal year")))
                .and_then(FiscalYear::try_from)
                .map(Some),
            other => Err(Invalid::new(
                "wrong_type",
                format!("expected an integer column, found {}", other.kind().as_str()),
            )),
        }
    }
}

impl TryFrom<i32> for FiscalYear {
    type Error = Invalid;
    fn try_from(y: i32) -> Result<Self, Invalid> {
        Self::new(y)
    }
}

impl From<FiscalYear> for i32 {
    fn from(fy: FiscalYear) -> i32 {
        fy.0
    }
}

impl fmt::Display for FiscalYear {
    /// `FY2007`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FY{}", self.0)
    }
}

impl FromStr for FiscalYear {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn fiscal_year_runs_april_to_march() {
        let fy = FiscalYear::new(2007).unwrap();
        assert_eq!(fy.first_day(), d(2007, 4, 1));
        assert_eq!(fy.last_day(), d(2008, 3, 31));
        assert_eq!(FiscalYear::containing(d(2008, 3, 31)), fy);
        assert_eq!(FiscalYear::containing(d(2007, 4, 1)), fy);
        assert_eq!(FiscalYear::containing(d(2007, 3, 31)).year(), 2006);
        assert_eq!(FiscalYear::containing(d(2024, 1, 15)).year(), 2023);
        assert!(fy.contains(d(2007, 10, 1)));
        assert!(!fy.contains(d(2008, 4, 1)));
    }

    #[test]
    fn era_labels_follow_japanese_usage() {
        let label = |y| FiscalYear::new(y).unwrap().era_label();
        assert_eq!(label(1988), "昭和63年度");
        assert_eq!(label(1989), "平成元年度");
        assert_eq!(label(1992), "平成4年度");
        assert_eq!(label(2007), "平成19年度");
        assert_eq!(label(2018), "平成30年度");
        assert_eq!(label(2019), "令和元年度");
        assert_eq!(label(2023), "令和5年度");
    }

    #[test]
    fn parses_every_common_spelling() {
        let p = |s: &str| FiscalYear::parse(s).map(FiscalYear::year);
        assert_eq!(p("2007"), Ok(2007));
        assert_eq!(p("FY2007"), Ok(2007));
        assert_eq!(p(" fy 2007 "), Ok(2007));
        assert_eq!(p("2007年度"), Ok(2007));
        assert_eq!(p("平成19年度"), Ok(2007));
        assert_eq!(p("平成１９年度"), Ok(2007));
        assert_eq!(p("令和元年度"), Ok(2019));
        assert_eq!(p("平成31年度"), Ok(2019));
        assert_eq!(p("令和5年度"), Ok(2023));
        assert_eq!(p("FY7").unwrap_err().code, "out_of_range");
        assert_eq!(p("next year").unwrap_err().code, "invalid_fiscal_year");
        assert_eq!(p("平成0年度").unwrap_err().code, "invalid_fiscal_year");
    }

    #[test]
    fn era_label_round_trips() {
        for y in 1927..2100 {
            let fy = FiscalYear::new(y).unwrap();
            assert_eq!(FiscalYear::parse(&fy.era_label()), Ok(fy), "{y}");
        }
    }
}
