//! A halal-aware itinerary as a printable A4 document in the reader's
//! language: its title and dates, the options it was drafted with, the
//! warnings, then day by day a table of times and items (travel legs with
//! their mode, distance and minutes; visits; meals with the place's
//! assurance and its certificate's last valid day; prayer blocks with their
//! venue and the window they may start in; jumu'ah; iftar and suhoor
//! notes). Laid out by the engine's tagged flow, every element tagged with
//! the reader's language.
//!
//! The words of an item and of a warning are made here (and used by the
//! page, the calendar file and the command line too), so every output of a
//! plan says the same.

use std::collections::HashMap;

use chrono::NaiveDate;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::Assurance;
use kizuna_domain::tourism::itinerary::{Item as PlanItem, ItemKind, Options, Plan, Prayer, Warning};
use kizuna_i18n::{self as i18n, FluentValue, Lang};

use crate::engine::{A4, Align, DocError, DocMeta, Flow, FlowPage, Fonts, Item};

fn msg(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    i18n::message(lang, id, args)
}

/// `HH:MM` of a day's minutes (past midnight shown as 24:00 and on).
pub fn hhmm(minutes: i32) -> String {
    let m = minutes.max(0);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// A kind's name (`itinerary-kind-…`).
pub fn kind_label(lang: Lang, kind: ItemKind) -> String {
    msg(lang, &format!("itinerary-kind-{}", kind.as_str()), &[])
}

/// A prayer's name (`itinerary-prayer-…`).
pub fn prayer_label(lang: Lang, prayer: Prayer) -> String {
    msg(lang, &format!("itinerary-prayer-{}", prayer.as_str()), &[])
}

/// What an item is called in a calendar or a list.
pub fn item_title(lang: Lang, item: &PlanItem) -> String {
    match (item.kind, item.prayer) {
        (ItemKind::Prayer, Some(p)) => prayer_label(lang, p),
        (ItemKind::Travel, _) => msg(
            lang,
            &format!("itinerary-travel-{}", item.mode.map_or("bus", |m| m.as_str())),
            &[
                ("place", FluentValue::from(item.name.clone())),
                ("km", FluentValue::from(format!("{:.1}", item.km.unwrap_or(0.0)))),
            ],
        ),
        (k, _) => kind_label(lang, k),
    }
}

/// A warning in words.
pub fn warning_text(lang: Lang, w: &Warning) -> String {
    let args = [
        ("km", FluentValue::from(format!("{:.0}", w.km.unwrap_or(0.0)))),
        (
            "prayer",
            FluentValue::from(w.prayer.map(|p| prayer_label(lang, p)).unwrap_or_default()),
        ),
        (
            "meal",
            FluentValue::from(w.meal.map(|m| kind_label(lang, m)).unwrap_or_default()),
        ),
        ("name", FluentValue::from(w.name.clone().unwrap_or_default())),
    ];
    msg(lang, &format!("itinerary-warning-{}", w.code.replace('_', "-")), &args)
}

/// An assurance level's name as the planner's form says it.
pub fn level_label(lang: Lang, level: Assurance) -> String {
    msg(lang, &format!("itinerary-level-{}", level.as_str()), &[])
}

/// What an itinerary's document says, besides the plan itself.
#[derive(Debug, Clone)]
pub struct ItineraryDoc {
    /// The reader's language: every word, and the names as planned.
    pub lang: Lang,
    pub plan: Plan,
    pub options: Options,
    /// The prayer time method's name.
    pub method: String,
    /// Where the tour starts, as a name (or a position).
    pub start: String,
    /// The places and sights asked for, by name.
    pub included: Vec<String>,
    /// The last valid day of the halal certificate of each certified meal
    /// place in the plan, by place id.
    pub certificates: HashMap<Id, NaiveDate>,
    /// When it was drafted (shown in the closing note).
    pub drafted_on: NaiveDate,
}

/// The itinerary's PDF.
pub fn render(doc: &ItineraryDoc, fonts: &Fonts) -> Result<Vec<u8>, DocError> {
    let lang = doc.lang;
    let code = lang.code().to_owned();
    let para = |text: String, size: f32, grey: bool| Item::Paragraph {
        text,
        lang: code.clone(),
        size,
        bold: false,
        align: Align::Left,
        grey,
    };
    let heading = |level: u8, text: String, size: f32| Item::Heading {
        level,
        text,
        lang: code.clone(),
        size,
        align: Align::Left,
    };
    let o = &doc.options;
    let first = doc.plan.days.first().map_or(o.from, |d| d.date);
    let last = doc.plan.days.last().map_or(o.from, |d| d.date);
    let dates = if first == last {
        i18n::date_long(lang, first)
    } else {
        format!("{} – {}", i18n::date_long(lang, first), i18n::date_long(lang, last))
    };

    let title = msg(lang, "itinerary-title", &[]);
    let mut items = vec![
        heading(1, title.clone(), 22.0),
        para(dates.clone(), 13.0, false),
        Item::Space(6.0),
        Item::Table {
            header: Vec::new(),
            rows: option_rows(doc),
            lang: code.clone(),
            size: 9.5,
        },
    ];

    if !doc.plan.warnings.is_empty() {
        items.push(heading(2, msg(lang, "itinerary-warnings", &[]), 14.0));
        for w in &doc.plan.warnings {
            items.push(para(
                format!("{}: {}", i18n::date_long(lang, w.date), warning_text(lang, w)),
                10.0,
                false,
            ));
        }
    }

    for (n, d) in doc.plan.days.iter().enumerate() {
        let mut head = msg(
            lang,
            "itinerary-pdf-day",
            &[
                ("n", FluentValue::from(n + 1)),
                ("date", FluentValue::from(i18n::date_long(lang, d.date))),
            ],
        );
        if d.friday {
            head.push_str(" · ");
            head.push_str(&msg(lang, "itinerary-day-friday", &[]));
        }
        if d.ramadan {
            head.push_str(" · ");
            head.push_str(&msg(lang, "itinerary-day-ramadan", &[]));
        }
        items.push(Item::Space(4.0));
        items.push(heading(2, head, 14.0));
        if let Some(t) = d.times {
            let list = Prayer::ALL
                .iter()
                .map(|p| format!("{} {}", prayer_label(lang, *p), hhmm(t.begins(*p))))
                .collect::<Vec<_>>()
                .join(" · ");
            items.push(para(
                msg(lang, "itinerary-prayer-times", &[("times", FluentValue::from(list))]),
                9.5,
                true,
            ));
        }
        if !d.lodging.is_empty() {
            let list = d
                .lodging
                .iter()
                .map(|p| prayer_label(lang, *p))
                .collect::<Vec<_>>()
                .join(", ");
            items.push(para(
                msg(lang, "itinerary-at-lodging", &[("prayers", FluentValue::from(list))]),
                9.5,
                true,
            ));
        }
        items.push(Item::Table {
            header: vec![
                msg(lang, "itinerary-col-time", &[]),
                msg(lang, "itinerary-col-what", &[]),
                msg(lang, "itinerary-pdf-col-details", &[]),
            ],
            rows: d
                .items
                .iter()
                .map(|i| {
                    vec![
                        format!("{}–{}", hhmm(i.start), hhmm(i.end)),
                        what(lang, i),
                        details(doc, d.times.map(|t| (t.fajr, t.maghrib)), i),
                    ]
                })
                .collect(),
            lang: code.clone(),
            size: 9.0,
        });
    }

    items.push(Item::Space(10.0));
    items.push(para(
        msg(
            lang,
            "itinerary-pdf-footnote",
            &[
                ("method", FluentValue::from(doc.method.clone())),
                ("date", FluentValue::from(i18n::date_long(lang, doc.drafted_on))),
            ],
        ),
        8.5,
        true,
    ));

    let flow = Flow {
        fonts,
        meta: DocMeta {
            title: format!("{title} — {dates}"),
            author: Some("Kizuna".into()),
            subject: Some(doc.start.clone()),
            lang: code.clone(),
            width: A4.0,
            height: A4.1,
        },
        page: FlowPage { frame: false },
    };
    flow.render(&items)
}

/// The options the plan was drafted with, as label and value.
fn option_rows(doc: &ItineraryDoc) -> Vec<Vec<String>> {
    let lang = doc.lang;
    let o = &doc.options;
    let row = |key: &str, value: String| vec![msg(lang, key, &[]), value];
    let mut rows = vec![
        row("itinerary-field-days", i18n::number_in(lang, i128::from(o.days))),
        row("itinerary-pdf-start", doc.start.clone()),
    ];
    if !doc.included.is_empty() {
        rows.push(row("itinerary-pdf-included", doc.included.join(", ")));
    }
    rows.push(row("itinerary-field-meal-level", level_label(lang, o.meal_level)));
    rows.push(row(
        "itinerary-field-mode",
        msg(
            lang,
            "itinerary-pdf-mode",
            &[
                (
                    "mode",
                    FluentValue::from(msg(lang, &format!("itinerary-mode-{}", o.mode.as_str()), &[])),
                ),
                ("speed", FluentValue::from(format!("{:.0}", o.road_kmh))),
            ],
        ),
    ));
    rows.push(row("itinerary-field-method", doc.method.clone()));
    let slots = Prayer::ALL
        .iter()
        .map(|p| {
            let s = o.slot(*p);
            msg(
                lang,
                "itinerary-pdf-slot",
                &[
                    ("prayer", FluentValue::from(prayer_label(lang, *p))),
                    ("wait", FluentValue::from(s.wait)),
                    ("duration", FluentValue::from(s.duration)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    rows.push(row("itinerary-pdf-slots", slots));
    let fasted: Vec<String> = doc
        .plan
        .days
        .iter()
        .filter(|d| d.ramadan)
        .map(|d| i18n::date_long(lang, d.date))
        .collect();
    let ramadan = if fasted.is_empty() {
        msg(lang, "itinerary-pdf-ramadan-none", &[])
    } else if o.ramadan {
        msg(lang, "itinerary-pdf-ramadan-all", &[])
    } else {
        msg(
            lang,
            "itinerary-pdf-ramadan-some",
            &[("days", FluentValue::from(fasted.join(", ")))],
        )
    };
    rows.push(row("itinerary-pdf-ramadan", ramadan));
    rows
}

/// The "what" cell: the item and, for a stop or a block, its place.
fn what(lang: Lang, i: &PlanItem) -> String {
    if i.kind == ItemKind::Travel {
        item_title(lang, i)
    } else {
        format!("{}: {}", item_title(lang, i), i.name)
    }
}

/// The "details" cell of an item; `times` is the day's fajr and maghrib.
fn details(doc: &ItineraryDoc, times: Option<(i32, i32)>, i: &PlanItem) -> String {
    let lang = doc.lang;
    let mut parts = Vec::new();
    let window = |parts: &mut Vec<String>| {
        if let Some((a, b)) = i.window {
            parts.push(msg(
                lang,
                "itinerary-window",
                &[
                    ("from", FluentValue::from(hhmm(a))),
                    ("until", FluentValue::from(hhmm(b))),
                ],
            ));
        }
    };
    match i.kind {
        ItemKind::Travel => {
            let mode = i.mode.unwrap_or(doc.options.mode);
            parts.push(msg(
                lang,
                "itinerary-pdf-leg",
                &[
                    (
                        "mode",
                        FluentValue::from(msg(lang, &format!("itinerary-mode-{}", mode.as_str()), &[])),
                    ),
                    ("km", FluentValue::from(format!("{:.1}", i.km.unwrap_or(0.0)))),
                    ("minutes", FluentValue::from(i.end - i.start)),
                ],
            ));
            if let Some(from) = &i.from_name {
                parts.push(msg(
                    lang,
                    "itinerary-from",
                    &[("place", FluentValue::from(from.clone()))],
                ));
            }
        }
        ItemKind::Sight => parts.push(msg(
            lang,
            "itinerary-pdf-minutes",
            &[("minutes", FluentValue::from(i.end - i.start))],
        )),
        ItemKind::Lunch | ItemKind::Dinner | ItemKind::Iftar => {
            if i.kind == ItemKind::Iftar
                && let Some((_, maghrib)) = times
            {
                parts.push(msg(
                    lang,
                    "itinerary-pdf-iftar-note",
                    &[("maghrib", FluentValue::from(hhmm(maghrib)))],
                ));
            }
            if let Some(level) = i.assurance {
                parts.push(level_label(lang, level));
            }
            if let Some(until) = i.place_id.and_then(|id| doc.certificates.get(&id)) {
                parts.push(msg(
                    lang,
                    "itinerary-pdf-certificate",
                    &[("date", FluentValue::from(i18n::date_long(lang, *until)))],
                ));
            }
            window(&mut parts);
        }
        ItemKind::Prayer => {
            if i.place_id.is_none() {
                parts.push(msg(lang, "itinerary-pdf-where-group", &[]));
            }
            window(&mut parts);
        }
        ItemKind::Jumuah => {
            parts.push(msg(
                lang,
                "itinerary-pdf-jumuah-note",
                &[
                    ("before", FluentValue::from(doc.options.jumuah_arrive_before)),
                    ("minutes", FluentValue::from(i.end - i.start)),
                ],
            ));
        }
        ItemKind::Suhoor => {
            if let Some((fajr, maghrib)) = times {
                parts.push(msg(
                    lang,
                    "itinerary-pdf-suhoor-note",
                    &[
                        ("fajr", FluentValue::from(hhmm(fajr))),
                        ("maghrib", FluentValue::from(hhmm(maghrib))),
                    ],
                ));
            }
        }
    }
    parts.join(" · ")
}
