//! IATI Activity Standard 2.03 XML: the office's courses, their editions
//! and its partnership programmes as `iati-activity` elements, for the
//! IATI Registry or anyone who reads the standard.
//!
//! The writer is given plain [`model`] values and writes them as they are;
//! it reads no store. Before writing it checks what the 2.03 schema and
//! IATI's standard rulesets would refuse ([`check`]): a missing
//! description or participating organisation, no start date, no sector,
//! an actual date after the file was written, shares that do not add up to
//! 100 %, an identifier with `/`, `&`, `|` or `?` in it, or one that does
//! not begin with its reporting organisation's identifier.
//!
//! Coded values are enums of the 2.03 code lists ([`codes`]). What IATI
//! has no element for — which outcome led to which, and the side (Japan,
//! abroad, both) each outcome landed on — goes in one element of Kizuna's
//! own namespace ([`NAMESPACE`]) at the end of the activity, where the
//! schema allows other namespaces:
//!
//! ```xml
//! <kizuna:ripples>
//!   <kizuna:activity id="activity-3" kind="training" date="2015-09-01">
//!     <kizuna:title xml:lang="en">Confectionery training</kizuna:title>
//!   </kizuna:activity>
//!   <kizuna:outcome id="outcome-7" kind="joint_product" side="abroad" date="2016-05-10" result="1">
//!     <kizuna:title xml:lang="en">Halal Daifuku made with a Malaysian company</kizuna:title>
//!   </kizuna:outcome>
//!   <kizuna:led-to from-kind="activity" from="activity-3" to-kind="outcome" to="outcome-7"/>
//! </kizuna:ripples>
//! ```

pub mod codes;
pub mod model;
mod write;

use std::collections::HashSet;
use std::io::Write;

pub use codes::*;
pub use model::*;

/// The version of the standard written.
pub const VERSION: &str = "2.03";
/// Kizuna's namespace for what IATI has no element for.
pub const NAMESPACE: &str = "urn:kizuna:iati:ripples:1";
/// The prefix it is bound to in the files Kizuna writes.
pub const PREFIX: &str = "kizuna";

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum IatiError {
    /// What the schema or IATI's rules would refuse, one line each, naming
    /// the activity.
    #[error("the IATI file would not be valid:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Check the file, then write it to `out`.
pub fn write<O: Write>(file: &ActivitiesFile, out: O) -> Result<(), IatiError> {
    let problems = check(file);
    if !problems.is_empty() {
        return Err(IatiError::Invalid(problems));
    }
    write::write_file(file, out)?;
    Ok(())
}

/// The file as bytes (see [`write`]).
pub fn to_bytes(file: &ActivitiesFile) -> Result<Vec<u8>, IatiError> {
    let mut out = Vec::new();
    write(file, &mut out)?;
    Ok(out)
}

/// What the 2.03 schema or IATI's standard rulesets would refuse in the
/// file, one line per problem, each naming its activity.
pub fn check(file: &ActivitiesFile) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let today = file.generated.date_naive();
    if file.activities.is_empty() {
        out.push("the file has no activity".to_owned());
    }
    for a in &file.activities {
        let mut p = |s: String| out.push(format!("{}: {s}", a.identifier));
        if !seen.insert(a.identifier.as_str()) {
            p("the identifier is used twice".to_owned());
        }
        if let Some(why) = bad_ref(&a.reporting_org.reference) {
            p(format!("the reporting organisation's identifier {why}"));
        }
        if let Some(why) = bad_ref(&a.identifier) {
            p(format!("the identifier {why}"));
        }
        if !a.identifier.starts_with(&format!("{}-", a.reporting_org.reference)) {
            p(format!(
                "the identifier does not begin with the reporting organisation's ({}-)",
                a.reporting_org.reference
            ));
        }
        if a.reporting_org.name.is_empty() {
            p("the reporting organisation has no name".to_owned());
        }
        if a.title.is_empty() {
            p("no title".to_owned());
        }
        if a.descriptions.is_empty() || a.descriptions.iter().any(|d| d.text.is_empty()) {
            p("a description is needed, and none may be empty".to_owned());
        }
        if a.participating_orgs.is_empty() {
            p("no participating organisation".to_owned());
        }
        for o in &a.participating_orgs {
            if o.reference.is_none() && o.name.is_empty() {
                p("a participating organisation has neither an identifier nor a name".to_owned());
            }
            if let Some(why) = o.reference.as_deref().and_then(bad_ref) {
                p(format!("a participating organisation's identifier {why}"));
            }
        }
        dates(a, today, &mut p);
        if a.sectors.is_empty() {
            p("no sector".to_owned());
        }
        let places: Vec<Option<Hundredths>> = a
            .recipient_countries
            .iter()
            .map(|c| c.percentage)
            .chain(a.recipient_regions.iter().map(|r| r.percentage))
            .collect();
        adds_up("recipient countries and regions", &places, &mut p);
        for v in SectorVocabulary::ALL {
            let shares: Vec<Option<Hundredths>> = a
                .sectors
                .iter()
                .filter(|s| s.vocabulary == *v)
                .map(|s| s.percentage)
                .collect();
            adds_up(&format!("sectors of vocabulary {}", v.code()), &shares, &mut p);
        }
        for b in &a.budgets {
            if b.end < b.start {
                p(format!("a budget ends ({}) before it starts ({})", b.end, b.start));
            }
        }
        for r in &a.results {
            if r.title.is_empty() {
                p("a result has no title".to_owned());
            }
            if r.indicators.is_empty() {
                p("a result has no indicator".to_owned());
            }
            for i in &r.indicators {
                if i.title.is_empty() {
                    p("an indicator has no title".to_owned());
                }
                for per in &i.periods {
                    if per.end < per.start {
                        p(format!(
                            "a result period ends ({}) before it starts ({})",
                            per.end, per.start
                        ));
                    }
                }
            }
        }
        if let Some(r) = &a.ripples {
            for o in &r.outcomes {
                if o.result.is_some_and(|n| n == 0 || n > a.results.len()) {
                    p(format!("outcome {} names a result the activity does not have", o.id));
                }
            }
        }
    }
    out
}

/// Start, end and actual dates as the rulesets want them.
fn dates(a: &Activity, today: chrono::NaiveDate, p: &mut impl FnMut(String)) {
    let of = |k: DateType| a.dates.iter().find(|d| d.kind == k).map(|d| d.date);
    if of(DateType::PlannedStart).is_none() && of(DateType::ActualStart).is_none() {
        p("no start date, planned or actual".to_owned());
    }
    for (start, end) in [
        (DateType::PlannedStart, DateType::PlannedEnd),
        (DateType::ActualStart, DateType::ActualEnd),
    ] {
        if let (Some(s), Some(e)) = (of(start), of(end))
            && e < s
        {
            p(format!("it ends ({e}) before it starts ({s})"));
        }
    }
    for k in [DateType::ActualStart, DateType::ActualEnd] {
        if let Some(d) = of(k)
            && d > today
        {
            p(format!("an actual date ({d}) is after the file's date ({today})"));
        }
    }
}

/// Shares given for some of a list must be given for all and add up to 100 %.
fn adds_up(what: &str, shares: &[Option<Hundredths>], p: &mut impl FnMut(String)) {
    if shares.iter().all(Option::is_none) {
        return;
    }
    if shares.iter().any(Option::is_none) {
        p(format!("{what}: some have a percentage and some not"));
        return;
    }
    let sum: u32 = shares.iter().flatten().sum();
    if sum != 10_000 {
        p(format!(
            "{what}: the percentages add up to {}, not 100",
            write::percent(sum)
        ));
    }
}

/// Why an identifier is refused, if it is: IATI's rules forbid `/`, `&`,
/// `|` and `?`, and whitespace breaks it for readers.
fn bad_ref(r: &str) -> Option<String> {
    if r.trim().is_empty() {
        return Some("is empty".to_owned());
    }
    r.chars()
        .find(|c| matches!(c, '/' | '&' | '|' | '?') || c.is_whitespace() || c.is_control())
        .map(|c| format!("\"{r}\" holds {c:?}, which IATI identifiers may not"))
}

/// Shares in proportion to the weights, in hundredths of a percent that
/// add up to exactly 100 % (largest remainders get the odd hundredths; on
/// equal remainders the earlier weight). All-zero or no weights: none.
pub fn shares(weights: &[u64]) -> Vec<Hundredths> {
    let total: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<(u128, u128)> = weights
        .iter()
        .map(|w| {
            let scaled = u128::from(*w) * 10_000;
            (scaled / total, scaled % total)
        })
        .collect();
    let given: u128 = exact.iter().map(|(q, _)| q).sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    let mut out: Vec<Hundredths> = exact.iter().map(|(q, _)| u32::try_from(*q).unwrap_or(0)).collect();
    for i in order.into_iter().take(usize::try_from(10_000 - given).unwrap_or(0)) {
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod tests;
