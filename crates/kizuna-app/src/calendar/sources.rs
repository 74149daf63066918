//! One reader per system: each dated record as calendar items.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::office::Office;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::exchanges::award::Award;
use kizuna_domain::exchanges::courtesy_call::CourtesyCall;
use kizuna_domain::exchanges::delegation::{Delegation, DelegationVisit};
use kizuna_domain::exchanges::dispatch::Dispatch;
use kizuna_domain::exchanges::symposium::Symposium;
use kizuna_domain::partnerships::activity::{Activity, ActivityKind};
use kizuna_domain::partnerships::partnership::Partnership;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::session::Session;
use kizuna_domain::volunteers::placement::Placement;
use kizuna_store::Record;

use super::{DEFAULT_ZONE, Item, ItemKind, When, zone_of_country};
use crate::{App, Result};

pub(super) const ALL: kizuna_store::Page = kizuna_store::Page {
    limit: 100_000,
    offset: 0,
};

/// What every reader needs: the offices' keys (for UIDs), when records
/// last changed, and localities (for zones).
struct Ctx<'a> {
    offices: HashMap<Id, String>,
    changed: HashMap<&'static str, HashMap<Id, DateTime<Utc>>>,
    localities: &'a HashMap<Id, Locality>,
}

impl Ctx<'_> {
    fn uid(&self, entity: &str, id: Id, office_id: Id) -> String {
        let office = self.offices.get(&office_id).map_or("kizuna", String::as_str);
        // A key may hold '/': a UID keeps to letters, digits, '-' and '.'.
        let office: String = office
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
            .collect();
        format!("{entity}-{id}@{office}.kizuna")
    }

    fn zone(&self, locality: Option<Id>) -> Tz {
        locality
            .and_then(|l| self.localities.get(&l))
            .map_or(DEFAULT_ZONE, |l| zone_of_country(l.fields.country.as_str()))
    }

    #[allow(clippy::too_many_arguments)]
    fn item<R: Record>(
        &self,
        id: Id,
        version: i64,
        office_id: Id,
        kind: ItemKind,
        title: LocalText,
        when: When,
        url: String,
    ) -> Item {
        Item {
            uid: self.uid(R::ENTITY, id, office_id),
            kind,
            entity: R::ENTITY,
            id,
            title,
            when,
            place: None,
            programme_id: None,
            locality_id: None,
            url,
            public_url: None,
            public: false,
            private: false,
            sequence: version.saturating_sub(1),
            last_modified: self.changed.get(R::ENTITY).and_then(|m| m.get(&id)).copied(),
        }
    }
}

fn days(first: NaiveDate, last: NaiveDate) -> When {
    When::AllDay {
        first,
        last: last.max(first),
    }
}

/// Every source's items of the wanted kinds (before audience and filters).
pub(super) async fn read_all(
    app: &App,
    localities: &HashMap<Id, Locality>,
    wanted: &(dyn Fn(ItemKind) -> bool + Sync),
) -> Result<Vec<Item>> {
    let offices = app
        .store
        .select::<Office>(&[], ALL)
        .await?
        .into_iter()
        .map(|o| (o.id, o.fields.key.to_string()))
        .collect();
    let mut changed = HashMap::new();
    for entity in [
        Session::ENTITY,
        Edition::ENTITY,
        Activity::ENTITY,
        Award::ENTITY,
        Placement::ENTITY,
        Delegation::ENTITY,
        DelegationVisit::ENTITY,
        Dispatch::ENTITY,
        Symposium::ENTITY,
        CourtesyCall::ENTITY,
    ] {
        changed.insert(entity, app.store.last_changed(entity).await?);
    }
    let cx = Ctx {
        offices,
        changed,
        localities,
    };
    let mut items = Vec::new();
    if wanted(ItemKind::Session) || wanted(ItemKind::Edition) {
        training(app, &cx, wanted, &mut items).await?;
    }
    if wanted(ItemKind::Activity) || wanted(ItemKind::Fair) || wanted(ItemKind::Visit) {
        activities(app, &cx, wanted, &mut items).await?;
    }
    if wanted(ItemKind::Award) {
        awards(app, &cx, &mut items).await?;
    }
    if wanted(ItemKind::Placement) {
        placements(app, &cx, &mut items).await?;
    }
    exchanges(app, &cx, wanted, &mut items).await?;
    Ok(items)
}

/// Sessions (timed, in Japan) and editions (their course period).
async fn training(
    app: &App,
    cx: &Ctx<'_>,
    wanted: &(dyn Fn(ItemKind) -> bool + Sync),
    out: &mut Vec<Item>,
) -> Result<()> {
    let editions = app.store.select::<Edition>(&[], ALL).await?;
    let courses: HashMap<Id, Programme> = app
        .store
        .select::<Programme>(&[], ALL)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let programme_of: HashMap<Id, Id> = editions.iter().map(|e| (e.id, e.fields.programme_id)).collect();
    if wanted(ItemKind::Edition) {
        for e in &editions {
            let title = e
                .fields
                .title
                .clone()
                .or_else(|| courses.get(&e.fields.programme_id).map(|c| c.fields.title.clone()));
            let Some(title) = title else { continue };
            let mut item = cx.item::<Edition>(
                e.id,
                e.version,
                e.office_id,
                ItemKind::Edition,
                title,
                days(e.fields.starts_on, e.fields.ends_on),
                format!("/console/editions/{}", e.id),
            );
            item.programme_id = Some(e.fields.programme_id);
            item.public = true;
            out.push(item);
        }
    }
    if wanted(ItemKind::Session) {
        for s in app.store.select::<Session>(&[], ALL).await? {
            let mut item = cx.item::<Session>(
                s.id,
                s.version,
                s.office_id,
                ItemKind::Session,
                s.fields.title.clone(),
                When::Timed {
                    starts: s.fields.starts_at,
                    ends: s.fields.ends_at,
                    zone: DEFAULT_ZONE,
                },
                format!("/console/sessions/{}/edit", s.id),
            );
            item.place = s.fields.place.as_ref().map(ToString::to_string);
            item.programme_id = programme_of.get(&s.fields.edition_id).copied();
            out.push(item);
        }
    }
    Ok(())
}

/// Partnership activities: fairs, visits, the rest; public when their
/// partnership is.
async fn activities(
    app: &App,
    cx: &Ctx<'_>,
    wanted: &(dyn Fn(ItemKind) -> bool + Sync),
    out: &mut Vec<Item>,
) -> Result<()> {
    let partnerships: HashMap<Id, Partnership> = app
        .store
        .select::<Partnership>(&[], ALL)
        .await?
        .into_iter()
        .map(|p| (p.fields.programme_id, p))
        .collect();
    let keys: HashMap<Id, String> = app
        .store
        .select::<Programme>(&[], ALL)
        .await?
        .into_iter()
        .map(|p| (p.id, p.fields.key.to_string()))
        .collect();
    for a in app.store.select::<Activity>(&[], ALL).await? {
        let kind = match a.fields.kind {
            ActivityKind::Fair => ItemKind::Fair,
            ActivityKind::VisitToJapan | ActivityKind::VisitAbroad => ItemKind::Visit,
            _ => ItemKind::Activity,
        };
        if !wanted(kind) {
            continue;
        }
        let f = &a.fields;
        let mut item = cx.item::<Activity>(
            a.id,
            a.version,
            a.office_id,
            kind,
            f.title.clone(),
            days(f.starts_on, f.ends_on.unwrap_or(f.starts_on)),
            format!("/console/activities/{}/edit", a.id),
        );
        item.place = f.place.as_ref().map(ToString::to_string);
        item.programme_id = Some(f.programme_id);
        item.locality_id = f.locality_id;
        item.public = partnerships.get(&f.programme_id).is_some_and(|p| p.fields.public);
        if item.public {
            item.public_url = keys.get(&f.programme_id).map(|k| format!("/programmes/{k}/story"));
        }
        out.push(item);
    }
    Ok(())
}

/// Awards received: public, on their day.
async fn awards(app: &App, cx: &Ctx<'_>, out: &mut Vec<Item>) -> Result<()> {
    for a in app.store.select::<Award>(&[], ALL).await? {
        let mut item = cx.item::<Award>(
            a.id,
            a.version,
            a.office_id,
            ItemKind::Award,
            a.fields.title.clone(),
            days(a.fields.received_on, a.fields.received_on),
            format!("/console/awards/{}/edit", a.id),
        );
        item.public = true;
        out.push(item);
    }
    Ok(())
}

/// Volunteer placements, actual period when known: private (they say
/// where a person serves); titled by their area of activity, never a name.
async fn placements(app: &App, cx: &Ctx<'_>, out: &mut Vec<Item>) -> Result<()> {
    for p in app.store.select::<Placement>(&[], ALL).await? {
        let f = &p.fields;
        let first = f.actual_starts_on.unwrap_or(f.planned_starts_on);
        let last = f.actual_ends_on.unwrap_or(f.planned_ends_on);
        let mut item = cx.item::<Placement>(
            p.id,
            p.version,
            p.office_id,
            ItemKind::Placement,
            f.area.clone(),
            days(first, last),
            format!("/console/placements/{}", p.id),
        );
        item.programme_id = f.programme_id;
        item.locality_id = f.host_locality_id;
        item.private = true;
        out.push(item);
    }
    Ok(())
}

/// Delegations received and their visits, dispatches, symposiums and
/// courtesy calls; public when marked so.
async fn exchanges(
    app: &App,
    cx: &Ctx<'_>,
    wanted: &(dyn Fn(ItemKind) -> bool + Sync),
    out: &mut Vec<Item>,
) -> Result<()> {
    if wanted(ItemKind::Delegation) || wanted(ItemKind::Visit) {
        let delegations = app.store.select::<Delegation>(&[], ALL).await?;
        let by_id: HashMap<Id, &Delegation> = delegations.iter().map(|d| (d.id, d)).collect();
        if wanted(ItemKind::Delegation) {
            for d in &delegations {
                let f = &d.fields;
                let mut item = cx.item::<Delegation>(
                    d.id,
                    d.version,
                    d.office_id,
                    ItemKind::Delegation,
                    f.purpose.clone(),
                    days(f.arrives_on, f.leaves_on),
                    format!("/console/delegations/{}", d.id),
                );
                item.programme_id = f.programme_id;
                item.public = f.public;
                out.push(item);
            }
        }
        if wanted(ItemKind::Visit) {
            for v in app.store.select::<DelegationVisit>(&[], ALL).await? {
                let f = &v.fields;
                let zone = cx.zone(f.locality_id);
                let when = match (f.starts_at, f.ends_at) {
                    (Some(s), Some(e)) if e > s => When::Timed {
                        starts: s,
                        ends: e,
                        zone,
                    },
                    (Some(s), _) => When::Timed {
                        starts: s,
                        ends: s + Duration::hours(1),
                        zone,
                    },
                    _ => days(f.visit_on, f.visit_on),
                };
                let parent = by_id.get(&f.delegation_id);
                let mut item = cx.item::<DelegationVisit>(
                    v.id,
                    v.version,
                    v.office_id,
                    ItemKind::Visit,
                    f.what.clone(),
                    when,
                    format!("/console/delegations/{}", f.delegation_id),
                );
                item.place = f.place.as_ref().map(ToString::to_string);
                item.locality_id = f.locality_id;
                item.programme_id = parent.and_then(|d| d.fields.programme_id);
                item.public = parent.is_some_and(|d| d.fields.public);
                out.push(item);
            }
        }
    }
    if wanted(ItemKind::Dispatch) {
        for d in app.store.select::<Dispatch>(&[], ALL).await? {
            let f = &d.fields;
            let mut item = cx.item::<Dispatch>(
                d.id,
                d.version,
                d.office_id,
                ItemKind::Dispatch,
                f.title.clone(),
                days(f.departs_on, f.returns_on),
                format!("/console/dispatches/{}", d.id),
            );
            item.place = f.city.as_ref().map(|c| format!("{c}, {}", f.country.as_str()));
            item.programme_id = f.programme_id;
            item.public = f.public;
            out.push(item);
        }
    }
    if wanted(ItemKind::Symposium) {
        for s in app.store.select::<Symposium>(&[], ALL).await? {
            let f = &s.fields;
            let mut item = cx.item::<Symposium>(
                s.id,
                s.version,
                s.office_id,
                ItemKind::Symposium,
                f.title.clone(),
                days(f.starts_on, f.ends_on),
                format!("/console/symposiums/{}", s.id),
            );
            item.place = f.venue.as_ref().map(ToString::to_string);
            item.programme_id = f.programme_id;
            item.locality_id = f.locality_id;
            item.public = f.public;
            out.push(item);
        }
    }
    if wanted(ItemKind::CourtesyCall) {
        for c in app.store.select::<CourtesyCall>(&[], ALL).await? {
            let f = &c.fields;
            let when = match f.starts_at {
                Some(s) => When::Timed {
                    starts: s,
                    ends: s + Duration::hours(1),
                    zone: cx.zone(f.locality_id),
                },
                None => days(f.called_on, f.called_on),
            };
            let mut title = f.host.clone();
            if let Some(v) = title_with(&f.visitor, &f.host) {
                title = v;
            }
            let mut item = cx.item::<CourtesyCall>(
                c.id,
                c.version,
                c.office_id,
                ItemKind::CourtesyCall,
                title,
                when,
                format!("/console/courtesy-calls/{}", c.id),
            );
            item.locality_id = f.locality_id;
            item.public = f.public;
            out.push(item);
        }
    }
    Ok(())
}

/// "visitor → host" in each language both have.
fn title_with(visitor: &LocalText, host: &LocalText) -> Option<LocalText> {
    let pick = |lang: &str| {
        let (v, vl) = visitor.show(lang);
        let (h, hl) = host.show(lang);
        (vl == lang && hl == lang).then(|| format!("{v} → {h}"))
    };
    let (en, ja, th, ms) = (pick("en"), pick("ja"), pick("th"), pick("ms"));
    LocalText::parse(en.as_deref(), ja.as_deref(), th.as_deref(), ms.as_deref()).ok()
}
