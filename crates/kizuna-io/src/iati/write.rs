//! The XML itself, written with quick-xml (which escapes text and
//! attribute values). Each activity's parts come in the order of the 2.03
//! schema's `iati-activity` sequence; Kizuna's own element comes last,
//! where the schema allows elements of other namespaces.

use std::io::{self, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::model::{
    ActivitiesFile, Activity, Actual, Hundredths, Indicator, Location, Narratives, Period, ResultEntry, Ripples,
};
use super::{NAMESPACE, PREFIX, VERSION};

type W<'a, O> = &'a mut Writer<O>;

/// Write the file (UTF-8, indented by two spaces).
pub(super) fn write_file<O: Write>(file: &ActivitiesFile, out: O) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let generated = datetime(file.generated);
    let xmlns = format!("xmlns:{PREFIX}");
    w.create_element("iati-activities")
        .with_attribute(("version", VERSION))
        .with_attribute(("generated-datetime", generated.as_str()))
        .with_attribute((xmlns.as_str(), NAMESPACE))
        .write_inner_content(|w| {
            for a in &file.activities {
                activity(w, a)?;
            }
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}

fn activity<O: Write>(w: W<O>, a: &Activity) -> io::Result<()> {
    let mut el = w.create_element("iati-activity").with_attribute(("xml:lang", "en"));
    let updated = a.last_updated.map(datetime);
    if let Some(u) = &updated {
        el = el.with_attribute(("last-updated-datetime", u.as_str()));
    }
    if let Some(c) = &a.default_currency {
        el = el.with_attribute(("default-currency", clean(c).as_str()));
    }
    let hierarchy = a.hierarchy.map(|h| h.to_string());
    if let Some(h) = &hierarchy {
        el = el.with_attribute(("hierarchy", h.as_str()));
    }
    el.write_inner_content(|w| {
        text(w, "iati-identifier", &a.identifier)?;
        let mut reporting = w
            .create_element("reporting-org")
            .with_attribute(("ref", clean(&a.reporting_org.reference).as_str()))
            .with_attribute(("type", a.reporting_org.org_type.code()));
        if a.reporting_org.secondary_reporter {
            reporting = reporting.with_attribute(("secondary-reporter", "1"));
        }
        reporting.write_inner_content(|w| narratives(w, &a.reporting_org.name))?;
        titled(w, "title", &a.title)?;
        for d in &a.descriptions {
            w.create_element("description")
                .with_attribute(("type", d.kind.code()))
                .write_inner_content(|w| narratives(w, &d.text))?;
        }
        for o in &a.participating_orgs {
            let mut el = w.create_element("participating-org");
            if let Some(r) = &o.reference {
                el = el.with_attribute(("ref", clean(r).as_str()));
            }
            if let Some(t) = o.org_type {
                el = el.with_attribute(("type", t.code()));
            }
            el = el.with_attribute(("role", o.role.code()));
            if let Some(id) = &o.activity_id {
                el = el.with_attribute(("activity-id", clean(id).as_str()));
            }
            if o.name.is_empty() {
                el.write_empty()?;
            } else {
                el.write_inner_content(|w| narratives(w, &o.name))?;
            }
        }
        w.create_element("activity-status")
            .with_attribute(("code", a.status.code()))
            .write_empty()?;
        for d in &a.dates {
            w.create_element("activity-date")
                .with_attribute(("type", d.kind.code()))
                .with_attribute(("iso-date", d.date.to_string().as_str()))
                .write_empty()?;
        }
        for c in &a.recipient_countries {
            let mut el = w
                .create_element("recipient-country")
                .with_attribute(("code", c.country.as_str()));
            let pct = c.percentage.map(percent);
            if let Some(p) = &pct {
                el = el.with_attribute(("percentage", p.as_str()));
            }
            el.write_empty()?;
        }
        for r in &a.recipient_regions {
            let pct = r.percentage.map(percent);
            let mut el = w
                .create_element("recipient-region")
                .with_attribute(("code", clean(&r.code).as_str()))
                .with_attribute(("vocabulary", r.vocabulary.code()));
            if let Some(p) = &pct {
                el = el.with_attribute(("percentage", p.as_str()));
            }
            if r.name.is_empty() {
                el.write_empty()?;
            } else {
                el.write_inner_content(|w| narratives(w, &r.name))?;
            }
        }
        for l in &a.locations {
            location(w, l)?;
        }
        for s in &a.sectors {
            let pct = s.percentage.map(percent);
            let mut el = w
                .create_element("sector")
                .with_attribute(("vocabulary", s.vocabulary.code()))
                .with_attribute(("code", clean(&s.code).as_str()));
            if let Some(p) = &pct {
                el = el.with_attribute(("percentage", p.as_str()));
            }
            if s.name.is_empty() {
                el.write_empty()?;
            } else {
                el.write_inner_content(|w| narratives(w, &s.name))?;
            }
        }
        if let Some(t) = a.default_aid_type {
            w.create_element("default-aid-type")
                .with_attribute(("code", t.code()))
                .with_attribute(("vocabulary", "1"))
                .write_empty()?;
        }
        for b in &a.budgets {
            w.create_element("budget")
                .with_attribute(("type", b.kind.code()))
                .with_attribute(("status", b.status.code()))
                .write_inner_content(|w| {
                    date_el(w, "period-start", b.start)?;
                    date_el(w, "period-end", b.end)?;
                    w.create_element("value")
                        .with_attribute(("currency", clean(&b.value.currency).as_str()))
                        .with_attribute(("value-date", b.value.value_date.to_string().as_str()))
                        .write_text_content(BytesText::new(&b.value.amount.to_string()))?;
                    Ok(())
                })?;
        }
        for r in &a.related {
            w.create_element("related-activity")
                .with_attribute(("ref", clean(&r.reference).as_str()))
                .with_attribute(("type", r.kind.code()))
                .write_empty()?;
        }
        for r in &a.results {
            result(w, r)?;
        }
        if let Some(r) = &a.ripples {
            ripples(w, r)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn location<O: Write>(w: W<O>, l: &Location) -> io::Result<()> {
    let mut el = w.create_element("location");
    if let Some(r) = &l.reference {
        el = el.with_attribute(("ref", clean(r).as_str()));
    }
    el.write_inner_content(|w| {
        w.create_element("location-reach")
            .with_attribute(("code", l.reach.code()))
            .write_empty()?;
        if !l.name.is_empty() {
            titled(w, "name", &l.name)?;
        }
        if !l.description.is_empty() {
            titled(w, "description", &l.description)?;
        }
        for (vocabulary, code, level) in &l.administrative {
            let level = level.map(|n| n.to_string());
            let mut el = w
                .create_element("administrative")
                .with_attribute(("vocabulary", vocabulary.code()))
                .with_attribute(("code", clean(code).as_str()));
            if let Some(n) = &level {
                el = el.with_attribute(("level", n.as_str()));
            }
            el.write_empty()?;
        }
        if let Some(c) = l.class {
            w.create_element("location-class")
                .with_attribute(("code", c.code()))
                .write_empty()?;
        }
        if let Some(f) = l.feature {
            w.create_element("feature-designation")
                .with_attribute(("code", f.code()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn result<O: Write>(w: W<O>, r: &ResultEntry) -> io::Result<()> {
    let mut el = w.create_element("result").with_attribute(("type", r.kind.code()));
    if let Some(a) = r.aggregation_status {
        el = el.with_attribute(("aggregation-status", if a { "1" } else { "0" }));
    }
    el.write_inner_content(|w| {
        titled(w, "title", &r.title)?;
        if !r.description.is_empty() {
            titled(w, "description", &r.description)?;
        }
        for i in &r.indicators {
            indicator(w, i)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn indicator<O: Write>(w: W<O>, i: &Indicator) -> io::Result<()> {
    let mut el = w
        .create_element("indicator")
        .with_attribute(("measure", i.measure.code()));
    if let Some(a) = i.ascending {
        el = el.with_attribute(("ascending", if a { "1" } else { "0" }));
    }
    el.write_inner_content(|w| {
        titled(w, "title", &i.title)?;
        if !i.description.is_empty() {
            titled(w, "description", &i.description)?;
        }
        if let Some((vocabulary, code)) = &i.reference {
            w.create_element("reference")
                .with_attribute(("vocabulary", vocabulary.code()))
                .with_attribute(("code", clean(code).as_str()))
                .write_empty()?;
        }
        if let Some(b) = &i.baseline {
            let year = b.year.to_string();
            let day = b.date.map(|d| d.to_string());
            let mut el = w.create_element("baseline").with_attribute(("year", year.as_str()));
            if let Some(d) = &day {
                el = el.with_attribute(("iso-date", d.as_str()));
            }
            el.with_attribute(("value", clean(&b.value).as_str())).write_empty()?;
        }
        for p in &i.periods {
            period(w, p)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn period<O: Write>(w: W<O>, p: &Period) -> io::Result<()> {
    w.create_element("period").write_inner_content(|w| {
        date_el(w, "period-start", p.start)?;
        date_el(w, "period-end", p.end)?;
        if let Some(t) = &p.target {
            w.create_element("target")
                .with_attribute(("value", clean(t).as_str()))
                .write_empty()?;
        }
        for a in &p.actuals {
            actual(w, a)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn actual<O: Write>(w: W<O>, a: &Actual) -> io::Result<()> {
    let el = w
        .create_element("actual")
        .with_attribute(("value", clean(&a.value).as_str()));
    if a.dimensions.is_empty() {
        el.write_empty()?;
        return Ok(());
    }
    el.write_inner_content(|w| {
        for (name, value) in &a.dimensions {
            w.create_element("dimension")
                .with_attribute(("name", clean(name).as_str()))
                .with_attribute(("value", clean(value).as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn ripples<O: Write>(w: W<O>, r: &Ripples) -> io::Result<()> {
    let name = |local: &str| format!("{PREFIX}:{local}");
    let title = name("title");
    w.create_element(name("ripples")).write_inner_content(|w| {
        for a in &r.activities {
            let day = a.date.map(|d| d.to_string());
            let mut el = w
                .create_element(name("activity"))
                .with_attribute(("id", clean(&a.id).as_str()))
                .with_attribute(("kind", clean(&a.kind).as_str()));
            if let Some(d) = &day {
                el = el.with_attribute(("date", d.as_str()));
            }
            el.write_inner_content(|w| foreign_texts(w, &title, &a.title))?;
        }
        for o in &r.outcomes {
            let day = o.date.map(|d| d.to_string());
            let result = o.result.map(|n| n.to_string());
            let mut el = w
                .create_element(name("outcome"))
                .with_attribute(("id", clean(&o.id).as_str()))
                .with_attribute(("kind", clean(&o.kind).as_str()))
                .with_attribute(("side", o.side.as_str()));
            if let Some(d) = &day {
                el = el.with_attribute(("date", d.as_str()));
            }
            if let Some(n) = &result {
                el = el.with_attribute(("result", n.as_str()));
            }
            el.write_inner_content(|w| foreign_texts(w, &title, &o.title))?;
        }
        for l in &r.links {
            w.create_element(name("led-to"))
                .with_attribute(("from-kind", l.from.kind()))
                .with_attribute(("from", clean(l.from.id()).as_str()))
                .with_attribute(("to-kind", l.to.kind()))
                .with_attribute(("to", clean(l.to.id()).as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Texts in Kizuna's namespace, one element per language.
fn foreign_texts<O: Write>(w: W<O>, name: &str, texts: &Narratives) -> io::Result<()> {
    for (lang, t) in &texts.0 {
        w.create_element(name)
            .with_attribute(("xml:lang", clean(lang).as_str()))
            .write_text_content(text_of(t))?;
    }
    Ok(())
}

/// An element of narratives (`title`, `name`, …).
fn titled<O: Write>(w: W<O>, name: &str, texts: &Narratives) -> io::Result<()> {
    w.create_element(name).write_inner_content(|w| narratives(w, texts))?;
    Ok(())
}

fn narratives<O: Write>(w: W<O>, texts: &Narratives) -> io::Result<()> {
    for (lang, t) in &texts.0 {
        w.create_element("narrative")
            .with_attribute(("xml:lang", clean(lang).as_str()))
            .write_text_content(text_of(t))?;
    }
    Ok(())
}

fn text<O: Write>(w: W<O>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(text_of(value))?;
    Ok(())
}

fn date_el<O: Write>(w: W<O>, name: &str, d: chrono::NaiveDate) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("iso-date", d.to_string().as_str()))
        .write_empty()?;
    Ok(())
}

/// Text content, escaped as text needs (`<`, `>`, `&`; quotes left as they are).
fn text_of(t: &str) -> BytesText<'static> {
    BytesText::from_escaped(quick_xml::escape::partial_escape(clean(t)))
}

fn datetime(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Hundredths of a percent as a decimal: 10000 → `100`, 3333 → `33.33`,
/// 1250 → `12.5`.
pub(super) fn percent(h: Hundredths) -> String {
    let (whole, frac) = (h / 100, h % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// A text as XML 1.0 may hold it: the characters it forbids (control
/// characters other than tab and line breaks, U+FFFE, U+FFFF) become
/// U+FFFD.
pub(super) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}
