//! The rules that make a [`PlaceInput`] from a place's flat form, naming
//! every bad field at once.

use chrono::NaiveDate;

use crate::common::error::{Errors, FieldError, Invalid};
use crate::common::{LocalText, Text};

use super::{
    Assurance, Certificate, Halal, Jumuah, LatLon, OSM_ATTRIBUTION, OpeningHoursText, Payments, Phone, PlaceCategory,
    PlaceFields, PlaceInput, PlaceNames, PlaceSource, PrayerFacilities, PriceRange, SourceId, SourceKind, Website,
    jumuah_time,
};

fn date(raw: &str) -> Result<NaiveDate, Invalid> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| Invalid::new("invalid_date", format!("\"{raw}\" is not a date; write YYYY-MM-DD")))
}

impl PlaceFields {
    /// Check every field and every rule across fields, naming each problem.
    pub fn validate(&self) -> Result<PlaceInput, Vec<FieldError>> {
        let mut e = Errors::default();
        let opt_text = |e: &mut Errors, field: &str, v: &Option<String>| -> Option<Text> {
            e.take(field, Text::parse_optional(v.as_deref())).flatten()
        };
        fn opt<T>(e: &mut Errors, field: &str, v: Option<&String>, parse: fn(&str) -> Result<T, Invalid>) -> Option<T> {
            match v.map(String::as_str).map(str::trim) {
                None | Some("") => None,
                Some(s) => e.take(field, parse(s)),
            }
        }
        let raw_names = [
            ("name_ja", &self.name_ja),
            ("name_en", &self.name_en),
            ("name_th", &self.name_th),
            ("name_ms", &self.name_ms),
            ("name_ar", &self.name_ar),
            ("name_id", &self.name_id),
        ];
        let before = e.0.len();
        let names: [Option<Text>; 6] = raw_names.map(|(f, v)| opt_text(&mut e, f, v));
        let names = if e.0.len() == before {
            PlaceNames::new(names).map_err(|err| e.push(err.at("name_en"))).ok()
        } else {
            None
        };
        let category = match self.category.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::required("category"));
                None
            }
            Some(s) => e.take("category", s.parse::<PlaceCategory>()),
        };
        // A text in four languages: none given is no text.
        let local = |e: &mut Errors, parts: [(&str, &Option<String>); 4]| -> Option<LocalText> {
            let before = e.0.len();
            let [en, ja, th, ms] = parts.map(|(f, v)| opt_text(e, f, v));
            if e.0.len() > before || (en.is_none() && ja.is_none() && th.is_none() && ms.is_none()) {
                None
            } else {
                LocalText::new(en, ja, th, ms).ok()
            }
        };
        let chain = local(
            &mut e,
            [
                ("chain_en", &self.chain_en),
                ("chain_ja", &self.chain_ja),
                ("chain_th", &self.chain_th),
                ("chain_ms", &self.chain_ms),
            ],
        );
        let branch = local(
            &mut e,
            [
                ("branch_en", &self.branch_en),
                ("branch_ja", &self.branch_ja),
                ("branch_th", &self.branch_th),
                ("branch_ms", &self.branch_ms),
            ],
        );
        let address = opt_text(&mut e, "address", &self.address);
        let phone = opt(&mut e, "phone", self.phone.as_ref(), Phone::parse);
        let website = opt(&mut e, "website", self.website.as_ref(), Website::parse);
        if let Some(id) = self.locality_id
            && id <= 0
        {
            e.push(FieldError::new(
                "locality_id",
                "invalid_id",
                format!("{id} is not a record id"),
            ));
        }
        let position = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => LatLon::new(lat, lon)
                .map_err(|errs| errs.into_iter().for_each(|x| e.push(x)))
                .ok(),
            (lat, lon) => {
                if lat.is_none() {
                    e.push(FieldError::required("lat"));
                }
                if lon.is_none() {
                    e.push(FieldError::required("lon"));
                }
                None
            }
        };
        let halal = self.halal(&mut e);
        let jumuah_note = local(
            &mut e,
            [
                ("jumuah_note_en", &self.jumuah_note_en),
                ("jumuah_note_ja", &self.jumuah_note_ja),
                ("jumuah_note_th", &self.jumuah_note_th),
                ("jumuah_note_ms", &self.jumuah_note_ms),
            ],
        );
        let jumuah = self.jumuah(&mut e, category, jumuah_note);
        let payment = e
            .take("payment", Payments::parse(self.payment.as_deref().unwrap_or("")))
            .unwrap_or_default();
        let price_range = self.price_range.and_then(|r| e.take("price_range", PriceRange::new(r)));
        let opening_hours = opt(
            &mut e,
            "opening_hours",
            self.opening_hours.as_ref(),
            OpeningHoursText::parse,
        );
        let kind = match self.source.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::required("source"));
                None
            }
            Some(s) => e.take("source", s.parse::<SourceKind>()),
        };
        let source_id = match self.source_id.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::required("source_id"));
                None
            }
            Some(s) => e.take("source_id", SourceId::parse(s)),
        };
        let source = match (kind, source_id) {
            (Some(k), Some(id)) => e.take("source_id", PlaceSource::new(k, id)),
            _ => None,
        };
        let mut attribution = opt_text(&mut e, "attribution", &self.attribution);
        if kind == Some(SourceKind::Openstreetmap) {
            match &attribution {
                None => attribution = Text::parse(OSM_ATTRIBUTION).ok(),
                Some(a) if !a.as_str().contains("OpenStreetMap") => e.push(FieldError::new(
                    "attribution",
                    "attribution_required",
                    "data from OpenStreetMap must keep its attribution (\"© OpenStreetMap contributors\", ODbL)",
                )),
                Some(_) => {}
            }
        }
        let last_verified = opt(&mut e, "last_verified", self.last_verified.as_ref(), date);
        let description = local(
            &mut e,
            [
                ("description_en", &self.description_en),
                ("description_ja", &self.description_ja),
                ("description_th", &self.description_th),
                ("description_ms", &self.description_ms),
            ],
        );
        let (Some(names), Some(category), Some(position), Some(halal), Some(source)) =
            (names, category, position, halal, source)
        else {
            return Err(if e.0.is_empty() {
                vec![FieldError::required("body")]
            } else {
                e.0
            });
        };
        e.finish(|| PlaceInput {
            names,
            category,
            chain,
            branch,
            address,
            phone,
            website,
            locality_id: self.locality_id,
            position,
            halal,
            alcohol_served: self.alcohol_served,
            prayer: PrayerFacilities {
                prayer_space: self.prayer_space.unwrap_or(false),
                wudu: self.wudu.unwrap_or(false),
                women_space: self.women_space.unwrap_or(false),
                qibla_marked: self.qibla_marked.unwrap_or(false),
                mats: self.prayer_mats.unwrap_or(false),
            },
            jumuah,
            payment,
            price_range,
            opening_hours,
            source,
            attribution,
            last_verified,
            description,
        })
    }

    /// The Friday prayer: a first time when any of it is given, a second
    /// one after it, only at mosques and prayer rooms.
    fn jumuah(&self, e: &mut Errors, category: Option<PlaceCategory>, note: Option<LocalText>) -> Option<Jumuah> {
        let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        let note_given = [
            &self.jumuah_note_en,
            &self.jumuah_note_ja,
            &self.jumuah_note_th,
            &self.jumuah_note_ms,
        ]
        .into_iter()
        .any(given);
        let second_given = given(&self.jumuah_second_time);
        if !given(&self.jumuah_time) {
            if second_given || note_given {
                e.push(FieldError::new(
                    "jumuah_time",
                    "required",
                    "a second Friday prayer or a note about it needs the time of the first (jumuah_time, HH:MM)",
                ));
            }
            return None;
        }
        if let Some(c) = category
            && !matches!(c, PlaceCategory::Mosque | PlaceCategory::PrayerRoom)
        {
            e.push(FieldError::new(
                "jumuah_time",
                "not_a_mosque",
                format!("the Friday prayer time is only for mosques and prayer rooms; this place is a {c}"),
            ));
            return None;
        }
        let time = e.take("jumuah_time", jumuah_time(self.jumuah_time.as_deref().unwrap_or("")));
        let second = if second_given {
            e.take(
                "jumuah_second_time",
                jumuah_time(self.jumuah_second_time.as_deref().unwrap_or("")),
            )
        } else {
            None
        };
        let time = time?;
        if let Some(s) = second
            && s <= time
        {
            e.push(FieldError::new(
                "jumuah_second_time",
                "before_first",
                format!(
                    "the second Friday prayer ({}) must start after the first ({})",
                    s.format("%H:%M"),
                    time.format("%H:%M")
                ),
            ));
            return None;
        }
        Some(Jumuah { time, second, note })
    }

    fn halal(&self, e: &mut Errors) -> Option<Halal> {
        let level = match self.assurance.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::new(
                    "assurance",
                    "required",
                    "assurance is required: certified, self_declared, pork_free, vegetarian_options or unknown",
                ));
                return None;
            }
            Some(s) => e.take("assurance", s.parse::<Assurance>())?,
        };
        let cert_fields = [
            ("certifier", &self.certifier),
            ("certificate_number", &self.certificate_number),
            ("certificate_valid_from", &self.certificate_valid_from),
            ("certificate_valid_until", &self.certificate_valid_until),
        ];
        let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        if level != Assurance::Certified {
            let mut ok = true;
            for (f, v) in cert_fields {
                if given(v) {
                    ok = false;
                    e.push(FieldError::new(
                        f,
                        "not_certified",
                        format!("{f} is only for certified places; this place's assurance is {level}"),
                    ));
                }
            }
            return ok.then_some(match level {
                Assurance::SelfDeclared => Halal::SelfDeclared,
                Assurance::PorkFree => Halal::PorkFree,
                Assurance::VegetarianOptions => Halal::VegetarianOptions,
                _ => Halal::Unknown,
            });
        }
        let before = e.0.len();
        for (f, v) in cert_fields {
            if !given(v) {
                e.push(FieldError::new(
                    f,
                    "required",
                    format!(
                        "{f} is required for a certified place (certifier, certificate number, valid from and until)"
                    ),
                ));
            }
        }
        let certifier = e.take("certifier", Text::parse(self.certifier.as_deref().unwrap_or("")));
        let number = e.take(
            "certificate_number",
            Text::parse(self.certificate_number.as_deref().unwrap_or("")),
        );
        let from = e.take(
            "certificate_valid_from",
            date(self.certificate_valid_from.as_deref().unwrap_or("")),
        );
        let until = e.take(
            "certificate_valid_until",
            date(self.certificate_valid_until.as_deref().unwrap_or("")),
        );
        // Don't repeat "required" as "must not be empty" for the same field.
        dedupe(e, before);
        let (Some(certifier), Some(number), Some(from), Some(until)) = (certifier, number, from, until) else {
            return None;
        };
        match Certificate::new(certifier, number, from, until) {
            Ok(c) => Some(Halal::Certified(c)),
            Err(err) => {
                e.push(err);
                None
            }
        }
    }
}

/// Keep only the first error per field among those pushed since `from`.
fn dedupe(e: &mut Errors, from: usize) {
    let mut seen = std::collections::HashSet::new();
    let mut i = from;
    while i < e.0.len() {
        if seen.insert(e.0[i].field.clone()) {
            i += 1;
        } else {
            e.0.remove(i);
        }
    }
}
