//! How each domain record maps onto its table.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::Invalid;
use kizuna_domain::common::locality::{Locality, LocalityInput};
use kizuna_domain::common::organisation::{Organisation, OrganisationInput};
use kizuna_domain::common::person::{Person, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput};
use kizuna_domain::common::{CountryCode, Text};
use kizuna_domain::exchanges::award::{Award, AwardInput};
use kizuna_domain::training::edition::{Edition, EditionInput};
use kizuna_domain::training::participation::{Participation, ParticipationInput};
use kizuna_domain::training::session::{Session, SessionInput};

use crate::record::{Child, Kind, Record, Value};

/// Reads a row's values in column order, parsing each into its domain type.
/// Every record mapping in the store reads its rows through this.
pub(crate) struct Cols(std::vec::IntoIter<Value>, &'static [(&'static str, Kind)], usize);

impl Cols {
    pub(crate) fn new(values: Vec<Value>, cols: &'static [(&'static str, Kind)]) -> Self {
        Cols(values.into_iter(), cols, 0)
    }
    pub(crate) fn next(&mut self) -> (Value, &'static str) {
        let name = self.1.get(self.2).map(|c| c.0).unwrap_or("?");
        self.2 += 1;
        (self.0.next().unwrap_or(Value::Text(None)), name)
    }
    pub(crate) fn opt_text(&mut self) -> Result<Option<String>, String> {
        match self.next() {
            (Value::Text(t), _) => Ok(t),
            (_, n) => Err(format!("{n}: expected text")),
        }
    }
    pub(crate) fn opt<T: FromStr<Err = Invalid>>(&mut self) -> Result<Option<T>, String> {
        let n = self.1.get(self.2).map(|c| c.0).unwrap_or("?");
        match self.opt_text()? {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|e: Invalid| format!("{n}: {e}")),
        }
    }
    pub(crate) fn req<T: FromStr<Err = Invalid>>(&mut self) -> Result<T, String> {
        let n = self.1.get(self.2).map(|c| c.0).unwrap_or("?");
        self.opt()?.ok_or_else(|| format!("{n}: missing"))
    }
    pub(crate) fn opt_int(&mut self) -> Result<Option<i64>, String> {
        match self.next() {
            (Value::Int(i), _) => Ok(i),
            (_, n) => Err(format!("{n}: expected integer")),
        }
    }
    pub(crate) fn int(&mut self) -> Result<i64, String> {
        let n = self.1.get(self.2).map(|c| c.0).unwrap_or("?");
        self.opt_int()?.ok_or_else(|| format!("{n}: missing"))
    }
    pub(crate) fn opt_date(&mut self) -> Result<Option<NaiveDate>, String> {
        match self.next() {
            (Value::Date(d), _) => Ok(d),
            (_, n) => Err(format!("{n}: expected date")),
        }
    }
    pub(crate) fn date(&mut self) -> Result<NaiveDate, String> {
        let n = self.1.get(self.2).map(|c| c.0).unwrap_or("?");
        self.opt_date()?.ok_or_else(|| format!("{n}: missing"))
    }
    pub(crate) fn opt_bool(&mut self) -> Result<Option<bool>, String> {
        match self.next() {
            (Value::Bool(b), _) => Ok(b),
            (_, n) => Err(format!("{n}: expected boolean")),
        }
    }
    pub(crate) fn time(&mut self) -> Result<DateTime<Utc>, String> {
        match self.next() {
            (Value::Time(Some(t)), _) => Ok(t),
            (_, n) => Err(format!("{n}: expected time")),
        }
    }
}

fn text(t: &Text) -> Value {
    Value::Text(Some(t.to_string()))
}
fn opt_text(t: &Option<Text>) -> Value {
    Value::Text(t.as_ref().map(ToString::to_string))
}
fn show<T: ToString>(t: T) -> Value {
    Value::Text(Some(t.to_string()))
}
fn int(i: i64) -> Value {
    Value::Int(Some(i))
}
fn opt_int(i: Option<i64>) -> Value {
    Value::Int(i)
}

impl Record for Locality {
    const ENTITY: &'static str = "locality";
    const TABLE: &'static str = "localities";
    const ORDER: &'static str = "key";
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("key", Kind::Text),
        ("country", Kind::Text),
        ("level", Kind::Text),
        ("parent_id", Kind::Int),
        ("name_en", Kind::Text),
        ("name_ja", Kind::Text),
        ("name_local", Kind::Text),
    ];
    type Input = LocalityInput;
    fn values(i: &LocalityInput) -> Vec<Value> {
        vec![
            show(&i.key),
            show(i.country),
            show(i.level),
            opt_int(i.parent_id),
            text(&i.name_en),
            opt_text(&i.name_ja),
            opt_text(&i.name_local),
        ]
    }
    fn from_values(id: i64, v: Vec<Value>, _: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        Ok(Locality {
            id,
            fields: LocalityInput {
                key: c.req()?,
                country: c.req()?,
                level: c.req()?,
                parent_id: c.opt_int()?,
                name_en: c.req()?,
                name_ja: c.opt()?,
                name_local: c.opt()?,
            },
        })
    }
}

impl Record for Organisation {
    const ENTITY: &'static str = "organisation";
    const TABLE: &'static str = "organisations";
    const ORDER: &'static str = "name_en";
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("key", Kind::Text),
        ("name_en", Kind::Text),
        ("name_ja", Kind::Text),
        ("name_local", Kind::Text),
        ("kind", Kind::Text),
        ("country", Kind::Text),
        ("locality_id", Kind::Int),
    ];
    type Input = OrganisationInput;
    fn values(i: &OrganisationInput) -> Vec<Value> {
        vec![
            show(&i.key),
            text(&i.name_en),
            opt_text(&i.name_ja),
            opt_text(&i.name_local),
            show(i.kind),
            show(i.country),
            opt_int(i.locality_id),
        ]
    }
    fn from_values(id: i64, v: Vec<Value>, _: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        Ok(Organisation {
            id,
            fields: OrganisationInput {
                key: c.req()?,
                name_en: c.req()?,
                name_ja: c.opt()?,
                name_local: c.opt()?,
                kind: c.req()?,
                country: c.req()?,
                locality_id: c.opt_int()?,
            },
        })
    }
}

impl Record for Person {
    const ENTITY: &'static str = "person";
    const TABLE: &'static str = "people";
    const UNIQUE: &'static str = "identity";
    const ORDER: &'static str = "family_name, given_name, id";
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("identity_key", Kind::Text),
        ("family_name", Kind::Text),
        ("given_name", Kind::Text),
        ("name_native", Kind::Text),
        ("name_kana", Kind::Text),
        ("gender", Kind::Text),
        ("nationality", Kind::Text),
        ("birth_date", Kind::Date),
        ("email", Kind::Text),
        ("organisation_id", Kind::Int),
        ("position", Kind::Text),
    ];
    type Input = PersonInput;
    fn values(i: &PersonInput) -> Vec<Value> {
        vec![
            Value::Text(Some(i.identity_key())),
            text(&i.family_name),
            opt_text(&i.given_name),
            opt_text(&i.name_native),
            opt_text(&i.name_kana),
            show(i.gender),
            show(i.nationality),
            Value::Date(i.birth_date),
            opt_text(&i.email),
            opt_int(i.organisation_id),
            opt_text(&i.position),
        ]
    }
    fn from_values(id: i64, v: Vec<Value>, _: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        let _identity = c.opt_text()?;
        Ok(Person {
            id,
            fields: PersonInput {
                family_name: c.req()?,
                given_name: c.opt()?,
                name_native: c.opt()?,
                name_kana: c.opt()?,
                gender: c.req()?,
                nationality: c.req()?,
                birth_date: c.opt_date()?,
                email: c.opt()?,
                organisation_id: c.opt_int()?,
                position: c.opt()?,
            },
        })
    }
}

impl Record for Programme {
    const ENTITY: &'static str = "programme";
    const TABLE: &'static str = "programmes";
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("key", Kind::Text),
        ("kind", Kind::Text),
        ("title_en", Kind::Text),
        ("title_ja", Kind::Text),
        ("organisation_id", Kind::Int),
        ("summary", Kind::Text),
    ];
    type Input = ProgrammeInput;
    fn values(i: &ProgrammeInput) -> Vec<Value> {
        vec![
            show(&i.key),
            show(i.kind),
            text(&i.title_en),
            opt_text(&i.title_ja),
            opt_int(i.organisation_id),
            opt_text(&i.summary),
        ]
    }
    fn from_values(id: i64, v: Vec<Value>, _: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        Ok(Programme {
            id,
            fields: ProgrammeInput {
                key: c.req()?,
                kind: c.req()?,
                title_en: c.req()?,
                title_ja: c.opt()?,
                organisation_id: c.opt_int()?,
                summary: c.opt()?,
            },
        })
    }
}

impl Record for Edition {
    const ENTITY: &'static str = "edition";
    const TABLE: &'static str = "editions";
    const ORDER: &'static str = "fiscal_year, starts_on, key";
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("programme_id", Kind::Int),
        ("key", Kind::Text),
        ("fiscal_year", Kind::Int),
        ("scope", Kind::Text),
        ("title_en", Kind::Text),
        ("starts_on", Kind::Date),
        ("ends_on", Kind::Date),
        ("capacity", Kind::Int),
    ];
    const CHILD: Option<Child> = Some(Child {
        table: "edition_countries",
        parent_column: "edition_id",
        column: "country",
        kind: Kind::Text,
    });
    type Input = EditionInput;
    fn values(i: &EditionInput) -> Vec<Value> {
        vec![
            int(i.programme_id),
            show(&i.key),
            int(i64::from(i.fiscal_year.year())),
            show(i.scope),
            opt_text(&i.title_en),
            Value::Date(Some(i.starts_on)),
            Value::Date(Some(i.ends_on)),
            opt_int(i.capacity.map(i64::from)),
        ]
    }
    fn child_values(i: &EditionInput) -> Vec<Value> {
        i.target_countries.iter().map(|c| show(c)).collect()
    }
    fn from_values(id: i64, v: Vec<Value>, children: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        let programme_id = c.int()?;
        let key = c.req()?;
        let fy = i32::try_from(c.int()?).map_err(|e| e.to_string())?;
        let mut target_countries = Vec::new();
        for ch in children {
            if let Value::Text(Some(code)) = ch {
                target_countries.push(CountryCode::parse(&code).map_err(|e| e.to_string())?);
            }
        }
        Ok(Edition {
            id,
            fields: EditionInput {
                programme_id,
                key,
                fiscal_year: fy.try_into().map_err(|e: Invalid| e.to_string())?,
                scope: c.req()?,
                title_en: c.opt()?,
                starts_on: c.date()?,
                ends_on: c.date()?,
                capacity: c.opt_int()?.map(|n| u32::try_from(n).unwrap_or(0)),
                target_countries,
            },
        })
    }
}

impl Record for Participation {
    const ENTITY: &'static str = "participation";
    const TABLE: &'static str = "participations";
    const UNIQUE: &'static str = "person_id";
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("edition_id", Kind::Int),
        ("person_id", Kind::Int),
        ("role", Kind::Text),
        ("status", Kind::Text),
        ("started_on", Kind::Date),
        ("ended_on", Kind::Date),
        ("action_plan_title", Kind::Text),
    ];
    type Input = ParticipationInput;
    fn values(i: &ParticipationInput) -> Vec<Value> {
        vec![
            int(i.edition_id),
            int(i.person_id),
            show(i.role),
            show(i.status),
            Value::Date(i.started_on),
            Value::Date(i.ended_on),
            opt_text(&i.action_plan_title),
        ]
    }
    fn from_values(id: i64, v: Vec<Value>, _: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        Ok(Participation {
            id,
            fields: ParticipationInput {
                edition_id: c.int()?,
                person_id: c.int()?,
                role: c.req()?,
                status: c.req()?,
                started_on: c.opt_date()?,
                ended_on: c.opt_date()?,
                action_plan_title: c.opt()?,
            },
        })
    }
}

impl Record for Session {
    const ENTITY: &'static str = "session";
    const TABLE: &'static str = "sessions";
    const ORDER: &'static str = "starts_at, id";
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("edition_id", Kind::Int),
        ("kind", Kind::Text),
        ("title_en", Kind::Text),
        ("title_ja", Kind::Text),
        ("starts_at", Kind::Time),
        ("ends_at", Kind::Time),
        ("place", Kind::Text),
        ("host_organisation_id", Kind::Int),
    ];
    const CHILD: Option<Child> = Some(Child {
        table: "session_instructors",
        parent_column: "session_id",
        column: "person_id",
        kind: Kind::Int,
    });
    type Input = SessionInput;
    fn values(i: &SessionInput) -> Vec<Value> {
        vec![
            int(i.edition_id),
            show(i.kind),
            text(&i.title_en),
            opt_text(&i.title_ja),
            Value::Time(Some(i.starts_at)),
            Value::Time(Some(i.ends_at)),
            opt_text(&i.place),
            opt_int(i.host_organisation_id),
        ]
    }
    fn child_values(i: &SessionInput) -> Vec<Value> {
        i.instructor_ids.iter().map(|id| int(*id)).collect()
    }
    fn from_values(id: i64, v: Vec<Value>, children: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        let instructor_ids = children
            .into_iter()
            .filter_map(|v| if let Value::Int(Some(i)) = v { Some(i) } else { None })
            .collect();
        Ok(Session {
            id,
            fields: SessionInput {
                edition_id: c.int()?,
                kind: c.req()?,
                title_en: c.req()?,
                title_ja: c.opt()?,
                starts_at: c.time()?,
                ends_at: c.time()?,
                place: c.opt()?,
                host_organisation_id: c.opt_int()?,
                instructor_ids,
            },
        })
    }
}

impl Record for Award {
    const ENTITY: &'static str = "award";
    const TABLE: &'static str = "awards";
    const UNIQUE: &'static str = "title_en";
    const ORDER: &'static str = "received_on, id";
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("title_en", Kind::Text),
        ("title_ja", Kind::Text),
        ("awarded_by_id", Kind::Int),
        ("recipient_id", Kind::Int),
        ("received_on", Kind::Date),
        ("citation", Kind::Text),
    ];
    type Input = AwardInput;
    fn values(i: &AwardInput) -> Vec<Value> {
        vec![
            text(&i.title_en),
            opt_text(&i.title_ja),
            opt_int(i.awarded_by_id),
            int(i.recipient_id),
            Value::Date(Some(i.received_on)),
            opt_text(&i.citation),
        ]
    }
    fn from_values(id: i64, v: Vec<Value>, _: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        Ok(Award {
            id,
            fields: AwardInput {
                title_en: c.req()?,
                title_ja: c.opt()?,
                awarded_by_id: c.opt_int()?,
                recipient_id: c.int()?,
                received_on: c.date()?,
                citation: c.opt()?,
            },
        })
    }
}
