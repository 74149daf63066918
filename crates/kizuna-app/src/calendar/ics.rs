//! A calendar as an iCalendar file in a reader's language.

use kizuna_i18n::{FluentValue, Lang, local_text, message};
use kizuna_io::ical_feed::{Feed, FeedEvent, write};

use super::{Calendar, Item, ItemKind};
use crate::App;

/// A kind's name in a language (the calendar catalogue's `calendar-kind-…`).
pub fn kind_label(lang: Lang, kind: ItemKind) -> String {
    message(lang, &format!("calendar-kind-{}", kind.as_str().replace('_', "-")), &[])
}

impl Calendar {
    /// Where an item is: its venue and its locality's name.
    pub fn location(&self, lang: Lang, item: &Item) -> Option<String> {
        let locality = item
            .locality_id
            .and_then(|l| self.localities.get(&l))
            .map(|l| local_text(lang, &l.fields.name));
        match (item.place.clone(), locality) {
            (Some(p), Some(l)) => Some(format!("{p}, {l}")),
            (p, l) => p.or(l),
        }
    }

    /// The programme an item belongs to, named.
    pub fn programme(&self, lang: Lang, item: &Item) -> Option<String> {
        item.programme_id
            .and_then(|p| self.programmes.get(&p))
            .map(|p| local_text(lang, &p.fields.title))
    }
}

impl App {
    /// The calendar as an iCalendar file: texts in `lang`, each event's URL
    /// `base` (e.g. `https://kizuna.example`) and its page, the public page
    /// for a public feed.
    pub fn calendar_ics(&self, cal: &Calendar, lang: Lang, base: &str, name: &str, public: bool) -> String {
        let base = base.trim_end_matches('/');
        let events = cal
            .items
            .iter()
            .map(|i| {
                let kind = kind_label(lang, i.kind);
                let mut description = vec![kind.clone()];
                if let Some(p) = cal.programme(lang, i) {
                    description.push(message(
                        lang,
                        "calendar-ics-programme",
                        &[("name", FluentValue::from(p))],
                    ));
                }
                let path = if public {
                    i.public_url.clone()
                } else {
                    Some(i.url.clone())
                };
                FeedEvent {
                    uid: i.uid.clone(),
                    when: i.when,
                    summary: local_text(lang, &i.title),
                    location: cal.location(lang, i),
                    geo: None,
                    description: Some(description.join("\n")),
                    categories: vec![kind],
                    url: path.filter(|_| !base.is_empty()).map(|p| format!("{base}{p}")),
                    sequence: i.sequence,
                    last_modified: i.last_modified,
                    private: i.private,
                }
            })
            .collect();
        write(&Feed {
            prodid: "-//Kizuna//Calendar//EN".into(),
            name: name.to_owned(),
            stamp: self.now(),
            events,
        })
    }
}
