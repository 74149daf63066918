//! People in the staff console: finding a person by any form of their
//! name, what tells namesakes apart, the duplicate warning before a person
//! is created, merging two records of one person, and deleting a person
//! nothing refers to.
//!
//! Names are compared folded ([`fold`]): NFKC (full- and half-width forms
//! made one), lower case, Latin diacritics taken off ("Nguyễn" is
//! "nguyen", "Đặng" is "dang"), hiragana read as katakana (たなか is
//! タナカ), spaces, hyphens, dots and the katakana middle dot left out.
//! Thai is kept as typed: its vowels and tone marks are letters, not
//! accents. A person's name forms ([`NameForms`]) are the Latin name in
//! both orders, the name in their own script and the kana reading; a
//! search ([`NameQuery`]) matches when each of its words is part of one of
//! them, and two people have the same name when any form of one equals
//! any form of the other.

use std::collections::{HashMap, HashSet};

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use kizuna_domain::FieldError;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::{Gender, Person, PersonInput};
use kizuna_domain::common::{CountryCode, Id, Text};
use kizuna_domain::training::participation::ParticipationRole;
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::merge::{MergePeople, Merged, PersonName, PersonReferences};
use kizuna_store::privacy::LinkedAccount;
use kizuna_store::{Page, RoleHeld, Value};

use crate::training::console::{EditionRef, TraineeQuery, TraineeRow};
use crate::{App, AppError, Result};

// ------------------------------------------------------------- name folding

/// Whether `c` is a combining accent of the Latin (and Greek, Cyrillic)
/// letters: the blocks of combining diacritical marks. Kana voicing marks
/// (U+3099, U+309A) and Thai signs are not among them.
fn is_accent(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Characters that only separate the parts of a name.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '‐' | '‑' | '–' | '—' | '\'' | '’' | '‘' | '`' | '.' | ',' | '·' | '・' | '゠' | '=' | '_'
        )
}

/// Latin letters that have no decomposition but are read as plain ones.
fn plain_letters(c: char) -> Option<&'static str> {
    Some(match c {
        'đ' | 'ð' => "d",
        'ø' => "o",
        'ł' => "l",
        'ħ' => "h",
        'ı' => "i",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        _ => return None,
    })
}

/// A text folded for comparing names (see the module's documentation).
pub fn fold(s: &str) -> String {
    let lower = ComposingNormalizerBorrowed::new_nfkc().normalize(s).to_lowercase();
    let decomposed = DecomposingNormalizerBorrowed::new_nfkd().normalize(&lower);
    let bare: String = decomposed.chars().filter(|c| !is_accent(*c)).collect();
    let composed = ComposingNormalizerBorrowed::new_nfc().normalize(&bare);
    let mut out = String::with_capacity(composed.len());
    for c in composed.chars() {
        if is_separator(c) {
            continue;
        }
        if let Some(p) = plain_letters(c) {
            out.push_str(p);
            continue;
        }
        out.push(match c {
            // Hiragana as katakana (ぁ..ゖ, ゝ, ゞ).
            '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            c => c,
        });
    }
    out
}

/// A search for people by name: its words, folded (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameQuery {
    words: Vec<String>,
}

impl NameQuery {
    /// The search typed, or `None` when it holds nothing to look for.
    pub fn parse(typed: &str) -> Option<NameQuery> {
        let spaced = ComposingNormalizerBorrowed::new_nfkc().normalize(typed);
        let words: Vec<String> = spaced.split_whitespace().map(fold).filter(|w| !w.is_empty()).collect();
        (!words.is_empty()).then_some(NameQuery { words })
    }
}

/// The forms of a person's name, folded: the Latin name in both orders,
/// the name in their own script, the kana reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameForms {
    forms: Vec<String>,
}

impl NameForms {
    pub fn new(family: &str, given: Option<&str>, native: Option<&str>, kana: Option<&str>) -> NameForms {
        let family = fold(family);
        let given = given.map(fold).unwrap_or_default();
        let mut forms = vec![format!("{family}{given}"), format!("{given}{family}")];
        forms.extend(native.map(fold));
        forms.extend(kana.map(fold));
        forms.retain(|f| !f.is_empty());
        forms.sort();
        forms.dedup();
        NameForms { forms }
    }

    pub fn of(p: &PersonInput) -> NameForms {
        let s = |t: &Option<Text>| t.as_ref().map(|t| t.as_str().to_owned());
        NameForms::new(
            p.family_name.as_str(),
            s(&p.given_name).as_deref(),
            s(&p.name_native).as_deref(),
            s(&p.name_kana).as_deref(),
        )
    }

    fn of_row(n: &PersonName) -> NameForms {
        NameForms::new(
            &n.family_name,
            n.given_name.as_deref(),
            n.name_native.as_deref(),
            n.name_kana.as_deref(),
        )
    }

    /// Whether every word of the search is part of one of the forms.
    pub fn matches(&self, q: &NameQuery) -> bool {
        q.words
            .iter()
            .all(|w| self.forms.iter().any(|f| f.contains(w.as_str())))
    }

    /// Whether any form equals any form of `other`.
    pub fn same_name(&self, other: &NameForms) -> bool {
        self.forms.iter().any(|f| other.forms.contains(f))
    }
}

// ----------------------------------------------------------- use cases

/// Which people a console list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleQuery {
    /// A name in any of its forms (see [`NameQuery`]).
    pub name: Option<NameQuery>,
    pub nationality: Option<CountryCode>,
}

/// A person with what tells them from a namesake: their organisation and
/// the courses they took part in.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonSummary {
    pub person: Person,
    pub organisation: Option<Organisation>,
    /// Their roles, oldest first.
    pub roles: Vec<RoleHeld>,
}

/// What creating a person came to.
#[derive(Debug, Clone, PartialEq)]
pub enum NewPerson {
    Created(Person),
    /// Nothing was written: these people have the same name (in one of
    /// its forms) and nationality. Creating anyway needs saying so.
    Duplicates(Vec<PersonSummary>),
}

/// What a merge of `remove` into `keep` would do.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePlan {
    pub keep: Person,
    pub remove: Person,
    /// The kept person's fields after the merge.
    pub merged: PersonInput,
    /// Fields the kept person lacks, taken from the other.
    pub filled: Vec<&'static str>,
    /// Fields both have, differently: the kept person's value stays.
    pub differing: Vec<&'static str>,
    /// What refers to the removed person, all of which moves.
    pub moves: PersonReferences,
    /// Sessions both are listed as instructors of (listed once after).
    pub both_instruct: usize,
    /// Course editions both take part in: the merge is refused while
    /// there are any (remove one of the participations first).
    pub shared_editions: Vec<(Id, String)>,
    /// Accounts under the removed person's e-mail.
    pub accounts: Vec<LinkedAccount>,
    /// Whether those accounts stay linked (by e-mail) to the kept person.
    pub accounts_follow: bool,
}

impl MergePlan {
    pub fn refused(&self) -> bool {
        !self.shared_editions.is_empty()
    }
}

/// What keeps a person from being deleted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonDependants {
    pub references: PersonReferences,
    /// Accounts under the person's e-mail.
    pub accounts: Vec<LinkedAccount>,
}

impl PersonDependants {
    pub fn is_empty(&self) -> bool {
        self.references.is_empty() && self.accounts.is_empty()
    }
}

/// The merged fields: the kept person's, with what they lack taken from
/// the other; and which fields were filled, and which differ.
pub fn merge_fields(keep: &PersonInput, other: &PersonInput) -> (PersonInput, Vec<&'static str>, Vec<&'static str>) {
    let mut m = keep.clone();
    let mut filled = Vec::new();
    let mut differing = Vec::new();
    // Names differing only in case, width, accents or kana are the same;
    // an e-mail address in case.
    let same_text = |a: &Text, b: &Text| fold(a.as_str()) == fold(b.as_str());
    let same_email = |a: &Text, b: &Text| a.as_str().eq_ignore_ascii_case(b.as_str());
    macro_rules! take {
        ($($field:ident: $same:expr),+ $(,)?) => {$(
            match (&m.$field, &other.$field) {
                (None, Some(v)) => {
                    m.$field = Some(v.clone());
                    filled.push(stringify!($field));
                }
                (Some(a), Some(b)) if !$same(a, b) => differing.push(stringify!($field)),
                _ => {}
            }
        )+};
    }
    take!(
        given_name: same_text,
        name_native: same_text,
        name_kana: same_text,
        birth_date: PartialEq::eq,
        email: same_email,
        organisation_id: PartialEq::eq,
        position: same_text,
    );
    if m.gender == Gender::Unspecified && other.gender != Gender::Unspecified {
        m.gender = other.gender;
        filled.push("gender");
    } else if other.gender != Gender::Unspecified && m.gender != other.gender {
        differing.push("gender");
    }
    if fold(m.family_name.as_str()) != fold(other.family_name.as_str()) {
        differing.push("family_name");
    }
    if m.nationality != other.nationality {
        differing.push("nationality");
    }
    (m, filled, differing)
}

impl App {
    /// Ids of the people whose name matches, with the nationality given,
    /// in the people list's order.
    async fn named(&self, q: &NameQuery, nationality: Option<CountryCode>) -> Result<Vec<Id>> {
        let names = self.store.people_names().await?;
        Ok(names
            .iter()
            .filter(|n| nationality.is_none_or(|c| c.as_str() == n.nationality))
            .filter(|n| NameForms::of_row(n).matches(q))
            .map(|n| n.id)
            .collect())
    }

    /// People with these ids, in that order.
    async fn people_in_order(&self, ids: &[Id]) -> Result<Vec<Person>> {
        let mut by_id: HashMap<Id, Person> = self
            .store
            .get_many::<Person>(ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Each person's roles, oldest first.
    pub async fn roles_by_person(&self, ids: &[Id]) -> Result<HashMap<Id, Vec<RoleHeld>>> {
        let mut out: HashMap<Id, Vec<RoleHeld>> = HashMap::new();
        for (id, role) in self.store.roles_of_people(ids).await? {
            out.entry(id).or_default().push(role);
        }
        Ok(out)
    }

    /// People with their organisations and roles; their being shown is
    /// logged (`detail` as [`App::note_viewed`] takes it).
    pub async fn summaries(&self, people: Vec<Person>, detail: &str) -> Result<Vec<PersonSummary>> {
        let ids: Vec<Id> = people.iter().map(|p| p.id).collect();
        let mut roles = self.roles_by_person(&ids).await?;
        let org_ids: Vec<Id> = people
            .iter()
            .filter_map(|p| p.fields.organisation_id)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let orgs: HashMap<Id, Organisation> = self
            .store
            .get_many::<Organisation>(&org_ids)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        if !ids.is_empty() {
            self.note_viewed(&ids, detail).await?;
        }
        Ok(people
            .into_iter()
            .map(|person| PersonSummary {
                organisation: person.fields.organisation_id.and_then(|o| orgs.get(&o).cloned()),
                roles: roles.remove(&person.id).unwrap_or_default(),
                person,
            })
            .collect())
    }

    /// A page of people (by family name, given name), and how many match.
    pub async fn people_list(&self, q: &PeopleQuery, page: Page) -> Result<(Vec<PersonSummary>, i64)> {
        let (people, total) = match &q.name {
            None => {
                let filter: Vec<(&str, Value)> = q
                    .nationality
                    .map(|c| ("nationality", Value::Text(Some(c.to_string()))))
                    .into_iter()
                    .collect();
                let total = self.store.count::<Person>(&filter).await?;
                (self.store.select::<Person>(&filter, page).await?, total)
            }
            Some(name) => {
                let ids = self.named(name, q.nationality).await?;
                let total = i64::try_from(ids.len()).unwrap_or(i64::MAX);
                let shown: Vec<Id> = ids
                    .into_iter()
                    .skip(page.offset as usize)
                    .take(page.limit as usize)
                    .collect();
                (self.people_in_order(&shown).await?, total)
            }
        };
        Ok((self.summaries(people, "list").await?, total))
    }

    /// A page of the console's trainee list (see
    /// [`App::console_trainees`]) narrowed to the people whose name
    /// matches: without a status the trainees the statistics count today,
    /// by name; with one, their participations in it, newest edition first.
    pub async fn trainees_named(
        &self,
        q: &TraineeQuery,
        name: &NameQuery,
        page: Page,
    ) -> Result<(Vec<TraineeRow>, i64)> {
        let named = self.named(name, q.country).await?;
        let country_ok = |c: CountryCode| q.country.is_none_or(|x| x == c) && q.region.is_none_or(|r| c.region() == r);
        let mut rows: Vec<(
            Id,
            Option<(EditionRef, kizuna_domain::training::participation::ParticipationStatus)>,
        )> = Vec::new();
        match q.status {
            None => {
                let today = self.today();
                let filter = TraineeFilter {
                    as_of: Some(today),
                    fiscal_year: q.fiscal_year,
                    country: q.country,
                    region: q.region,
                    programme_id: q.programme_id,
                    gender: None,
                    office_id: None,
                };
                let counted: HashSet<Id> = self
                    .store
                    .trainee_facts(&filter, today)
                    .await?
                    .into_iter()
                    .map(|f| f.person_id)
                    .collect();
                rows.extend(named.into_iter().filter(|id| counted.contains(id)).map(|id| (id, None)));
            }
            Some(status) => {
                let nationality: HashMap<Id, CountryCode> = self
                    .store
                    .get_many::<Person>(&named)
                    .await?
                    .into_iter()
                    .map(|p| (p.id, p.fields.nationality))
                    .collect();
                let mut found: Vec<(i32, String, Id, Id, EditionRef)> = Vec::new();
                for (person, r) in self.store.roles_of_people(&named).await? {
                    let wanted = r.role == ParticipationRole::Trainee
                        && r.status == status
                        && q.fiscal_year.is_none_or(|y| y.year() == r.fiscal_year)
                        && q.programme_id.is_none_or(|p| p == r.programme_id)
                        && nationality.get(&person).is_some_and(|c| country_ok(*c));
                    if wanted {
                        found.push((
                            r.fiscal_year,
                            r.edition_key.clone(),
                            r.participation_id,
                            person,
                            EditionRef {
                                id: r.edition_id,
                                key: r.edition_key,
                                fiscal_year: r.fiscal_year,
                                programme_id: r.programme_id,
                            },
                        ));
                    }
                }
                // Newest edition first.
                found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
                rows.extend(
                    found
                        .into_iter()
                        .map(|(_, _, _, person, e)| (person, Some((e, status)))),
                );
            }
        }
        let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        let shown: Vec<_> = rows
            .into_iter()
            .skip(page.offset as usize)
            .take(page.limit as usize)
            .collect();
        let ids: Vec<Id> = shown
            .iter()
            .map(|(id, _)| *id)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let people: HashMap<Id, Person> = self
            .store
            .get_many::<Person>(&ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        if !ids.is_empty() {
            self.note_viewed(&ids, "list").await?;
        }
        let rows = shown
            .into_iter()
            .filter_map(|(id, participation)| {
                people.get(&id).map(|person| TraineeRow {
                    person: person.clone(),
                    participation,
                })
            })
            .collect();
        Ok((rows, total))
    }

    /// People already recorded with the same name (any of its forms) and
    /// nationality as `input`, other than `except`.
    pub async fn possible_duplicates(&self, input: &PersonInput, except: Option<Id>) -> Result<Vec<PersonSummary>> {
        let forms = NameForms::of(input);
        let ids: Vec<Id> = self
            .store
            .people_names()
            .await?
            .iter()
            .filter(|n| n.nationality == input.nationality.as_str() && Some(n.id) != except)
            .filter(|n| NameForms::of_row(n).same_name(&forms))
            .map(|n| n.id)
            .collect();
        let people = self.people_in_order(&ids).await?;
        self.summaries(people, "list").await
    }

    /// Create a person, unless people with the same name and nationality
    /// are recorded and `different_person` was not said: then nothing is
    /// written and they are returned, for the reader to check.
    pub async fn create_person(&self, input: &PersonInput, different_person: bool) -> Result<NewPerson> {
        if !different_person {
            // The rules first: a form with mistakes is told those before any warning.
            self.checked_person(input)?;
            let found = self.possible_duplicates(input, None).await?;
            if !found.is_empty() {
                return Ok(NewPerson::Duplicates(found));
            }
        }
        Ok(NewPerson::Created(self.create::<Person>(input).await?))
    }

    fn checked_person(&self, input: &PersonInput) -> Result<()> {
        input.validate(self.today()).map_err(AppError::Invalid)
    }

    /// What merging `remove` into `keep` would do (their being read is
    /// logged).
    pub async fn merge_plan(&self, keep: Id, remove: Id) -> Result<MergePlan> {
        if keep == remove {
            return Err(AppError::Invalid(vec![FieldError::new(
                "other",
                "same_person",
                "a person cannot be merged into themselves",
            )]));
        }
        let k = self.store.get::<Person>(keep).await?;
        let r = self.store.get::<Person>(remove).await?;
        self.note_viewed(&[keep, remove], "record").await?;
        let (merged, filled, differing) = merge_fields(&k.fields, &r.fields);
        let moves = self.store.person_references(remove).await?;
        let kept_sessions: HashSet<Id> = self
            .store
            .person_references(keep)
            .await?
            .instructed
            .iter()
            .map(|s| s.session_id)
            .collect();
        let both_instruct = moves
            .instructed
            .iter()
            .filter(|s| kept_sessions.contains(&s.session_id))
            .count();
        let shared_editions = self.store.shared_editions(keep, remove).await?;
        let accounts = match &r.fields.email {
            Some(e) => self.store.accounts_with_email(e.as_str()).await?,
            None => Vec::new(),
        };
        let accounts_follow = match (merged.email.as_ref(), r.fields.email.as_ref()) {
            (Some(a), Some(b)) => a.as_str().eq_ignore_ascii_case(b.as_str()),
            _ => false,
        };
        Ok(MergePlan {
            keep: k,
            remove: r,
            merged,
            filled,
            differing,
            moves,
            both_instruct,
            shared_editions,
            accounts,
            accounts_follow,
        })
    }

    /// Merge `remove` into `keep`, each as it was at the version given
    /// (else [`AppError::Conflict`], nothing written): see
    /// [`kizuna_store::merge`]. Refused (on the field `other`) while both
    /// take part in one course edition.
    pub async fn merge_people(&self, keep: Id, keep_version: i64, remove: Id, remove_version: i64) -> Result<Merged> {
        let plan = self.merge_plan(keep, remove).await?;
        if plan.refused() {
            return Err(AppError::Invalid(vec![FieldError::new(
                "other",
                "same_edition",
                format!(
                    "both people take part in {}; remove one of the two participations first",
                    plan.shared_editions
                        .iter()
                        .map(|(_, k)| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )]));
        }
        Ok(self
            .store
            .merge_people(&MergePeople {
                keep,
                keep_version,
                remove,
                remove_version,
                merged: &plan.merged,
            })
            .await?)
    }

    /// What keeps a person from being deleted: records that refer to them
    /// and accounts under their e-mail.
    pub async fn person_dependants(&self, id: Id) -> Result<PersonDependants> {
        let person = self.store.get::<Person>(id).await?;
        let references = self.store.person_references(id).await?;
        let accounts = match &person.fields.email {
            Some(e) => self.store.accounts_with_email(e.as_str()).await?,
            None => Vec::new(),
        };
        Ok(PersonDependants { references, accounts })
    }

    /// Delete a person; refused (on the field `id`, code `in_use`) while
    /// anything depends on them (see [`App::person_dependants`]).
    pub async fn delete_person(&self, id: Id) -> Result<()> {
        let d = self.person_dependants(id).await?;
        if !d.is_empty() {
            return Err(AppError::Invalid(vec![FieldError::new(
                "id",
                "in_use",
                format!(
                    "person {id} cannot be deleted: {} participations, {} sessions as instructor, {} attendance marks, {} accounts and {} other records refer to them",
                    d.references.participations.len(),
                    d.references.instructed.len(),
                    d.references.attendance,
                    d.accounts.len(),
                    d.references.other.iter().map(|(_, _, n)| n).sum::<i64>()
                ),
            )]));
        }
        Ok(self.store.delete::<Person>(id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(family: &str, given: Option<&str>, native: Option<&str>, kana: Option<&str>) -> NameForms {
        NameForms::new(family, given, native, kana)
    }

    fn finds(q: &str, f: &NameForms) -> bool {
        f.matches(&NameQuery::parse(q).expect("a search"))
    }

    #[test]
    fn hiragana_and_katakana_find_each_other() {
        let tanaka = forms("Tanaka", Some("Taro"), Some("田中 太郎"), Some("タナカ タロウ"));
        assert!(finds("たなか", &tanaka), "hiragana finds katakana");
        assert!(finds("タロウ", &tanaka));
        assert!(finds("ﾀﾅｶ", &tanaka), "half-width katakana too");
        let hira = forms("Tanaka", None, None, Some("たなか"));
        assert!(finds("タナカ", &hira), "katakana finds hiragana");
        assert!(
            finds("ｶﾞ", &forms("Nagano", None, None, Some("ながの"))),
            "voiced half-width"
        );
        assert!(finds("田中太郎", &tanaka), "spaces do not matter");
        assert!(finds("田中", &tanaka), "part of a name");
        assert!(!finds("たなべ", &tanaka));
    }

    #[test]
    fn latin_is_found_without_case_width_or_accents() {
        let nguyen = forms("Nguyễn", Some("Thị Lan"), None, None);
        assert!(finds("nguyen", &nguyen));
        assert!(finds("NGUYEN thi", &nguyen));
        assert!(finds("Ｎｇｕｙｅｎ", &nguyen), "full-width letters");
        assert!(finds("lan nguyen", &nguyen), "words in any order");
        assert!(finds("thilan", &nguyen));
        assert!(!finds("nguyen hoa", &nguyen), "every word must be found");
        assert!(finds("dang", &forms("Đặng", Some("Văn Hùng"), None, None)), "đ is d");
        assert!(finds("ji-yeon", &forms("Kim", Some("Jiyeon"), None, None)));
        assert!(finds("ozturk", &forms("Öztürk", None, None, None)));
        assert!(finds("gylycdurdy", &forms("Gylyçdurdy", None, None, None)));
        assert_eq!(fold("Nguyễn Thị"), "nguyenthi");
    }

    #[test]
    fn thai_is_kept_as_typed() {
        let somchai = forms("Saetang", Some("Somchai"), Some("สมชาย แซ่ตั้ง"), None);
        assert!(finds("สมชาย", &somchai));
        assert!(finds("แซ่ตั้ง", &somchai));
        // Tone marks and vowels are letters: without them it is another word.
        assert!(!finds("แซตง", &somchai));
        assert!(!finds("นำ", &forms("Nam", None, Some("น้ำ"), None)));
        assert_eq!(fold("สมชาย"), "สมชาย");
    }

    #[test]
    fn an_empty_search_is_none() {
        assert_eq!(NameQuery::parse("  \u{3000} "), None, "an ideographic space is a space");
        assert_eq!(NameQuery::parse("・"), None);
    }

    #[test]
    fn the_same_name_in_any_form_and_order() {
        let a = forms("Nguyễn", Some("Văn An"), None, None);
        assert!(a.same_name(&forms("NGUYEN", Some("Van An"), None, None)));
        assert!(
            a.same_name(&forms("Van An", Some("Nguyen"), None, None)),
            "order swapped"
        );
        assert!(!a.same_name(&forms("Nguyen", Some("Van Anh"), None, None)));
        let kana = forms("Tanaka", Some("Taro"), None, Some("タナカ タロウ"));
        assert!(
            kana.same_name(&forms("Tanaka", Some("Tarou"), None, Some("たなかたろう"))),
            "by kana"
        );
        assert!(!forms("Li", None, None, None).same_name(&forms("Lin", None, None, None)));
    }

    #[test]
    fn a_merge_fills_what_the_kept_person_lacks() {
        let keep = PersonInput {
            family_name: Text::parse("Nguyen").expect("t"),
            given_name: Text::parse_optional(Some("Van An")).expect("t"),
            name_native: None,
            name_kana: None,
            gender: Gender::Unspecified,
            nationality: CountryCode::parse("VN").expect("c"),
            birth_date: None,
            email: Text::parse_optional(Some("an@example.org")).expect("t"),
            organisation_id: None,
            position: None,
        };
        let mut other = keep.clone();
        other.family_name = Text::parse("Nguyễn").expect("t");
        other.given_name = Text::parse_optional(Some("VAN AN")).expect("t");
        other.gender = Gender::Male;
        other.name_kana = Text::parse_optional(Some("グエン")).expect("t");
        other.email = Text::parse_optional(Some("an.nguyen@example.org")).expect("t");
        other.birth_date = chrono::NaiveDate::from_ymd_opt(1975, 5, 1);
        let (m, filled, differing) = merge_fields(&keep, &other);
        assert_eq!(filled, ["name_kana", "birth_date", "gender"]);
        assert_eq!(differing, ["email"], "names the same folded are not a difference");
        assert_eq!(m.email, keep.email, "the kept person's value stays");
        assert_eq!(m.gender, Gender::Male);
        assert_eq!(m.birth_date, other.birth_date);
    }
}
