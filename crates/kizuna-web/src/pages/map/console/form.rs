use kizuna_domain::fields::{Fields, Kind};
use kizuna_domain::map::place::PaymentMethod;

use super::*;

/// What the form shows: the values as typed and the message for each field.
#[derive(Default)]
pub(crate) struct PlaceForm {
    pub(crate) values: HashMap<String, String>,
    pub(crate) errors: Vec<(String, String)>,
}

impl PlaceForm {
    pub(crate) fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut values: HashMap<String, String> = pairs.iter().cloned().collect();
        // The ways to pay are ticked boxes of one name: the set as the flat form writes it.
        let payment: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "payment")
            .map(|(_, v)| v.as_str())
            .collect();
        values.insert("payment".into(), payment.join(";"));
        PlaceForm {
            values,
            errors: Vec::new(),
        }
    }

    /// The form filled with a place's flat fields.
    pub(crate) fn of(f: &PlaceFields) -> Self {
        let mut form = PlaceForm::default();
        if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(f) {
            for (k, v) in m {
                let text = match v {
                    serde_json::Value::Null => continue,
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                form.values.insert(k, text);
            }
        }
        form.values.insert(
            "alcohol_served".into(),
            match f.alcohol_served {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            }
            .into(),
        );
        form
    }

    pub(crate) fn v(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    pub(crate) fn add(&mut self, ctx: &Ctx, e: &FieldError) {
        let value = self.v(&e.field).to_owned();
        let msg = reason(ctx, &e.field, &e.code, &value, &e.message);
        if !self.errors.iter().any(|(f, m)| *f == e.field && *m == msg) {
            self.errors.push((e.field.clone(), msg));
        }
    }

    pub(crate) fn err(&self, name: &str) -> Option<String> {
        let msgs: Vec<&str> = self
            .errors
            .iter()
            .filter(|(f, _)| f == name)
            .map(|(_, m)| m.as_str())
            .collect();
        if msgs.is_empty() { None } else { Some(msgs.join(" ")) }
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// One text-like input of the form.
pub(crate) struct Input {
    pub(crate) name: &'static str,
    pub(crate) label: String,
    pub(crate) kind: &'static str,
    pub(crate) value: String,
    pub(crate) hint: Option<String>,
    pub(crate) error: Option<String>,
    /// The language the value is written in (names), or empty.
    pub(crate) lang: &'static str,
    /// `inputmode`, or empty.
    pub(crate) mode: &'static str,
    /// Ids of the hint and the error, for `aria-describedby`.
    pub(crate) described: String,
}

impl Input {
    pub(crate) fn new(ctx: &Ctx, f: &PlaceForm, name: &'static str, kind: &'static str) -> Self {
        Input {
            name,
            label: field_label(ctx, name),
            kind,
            value: f.v(name).to_owned(),
            hint: None,
            error: f.err(name),
            lang: "",
            mode: "",
            described: String::new(),
        }
        .described()
    }

    pub(crate) fn hint(mut self, text: String) -> Self {
        self.hint = Some(text);
        self.described()
    }

    pub(crate) fn described(mut self) -> Self {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("h-{}", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("e-{}", self.name));
        }
        self.described = ids.join(" ");
        self
    }
}

pub(crate) struct Check {
    pub(crate) name: &'static str,
    pub(crate) label: String,
    pub(crate) checked: bool,
}

/// A problem for the summary at the top: the field's label, its message, and where it is.
pub(crate) struct Problem {
    pub(crate) anchor: String,
    pub(crate) label: String,
    pub(crate) message: String,
}

/// Where a place stands, shown above its form.
pub(crate) struct Standing {
    pub(crate) id: Id,
    pub(crate) version: i64,
    pub(crate) verified: String,
    pub(crate) stale: bool,
    pub(crate) never: bool,
    pub(crate) certificate: Option<(String, Badge)>,
    pub(crate) source: String,
}

#[derive(Template)]
#[template(path = "console/place_form.html")]
pub(crate) struct FormPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Option<Id>,
    pub(crate) title: String,
    pub(crate) notice: Option<String>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) names: Vec<Input>,
    pub(crate) descriptions: Vec<Input>,
    /// The chain and the branch, each in the four languages.
    pub(crate) chain: Vec<Input>,
    pub(crate) branch: Vec<Input>,
    pub(crate) about: Vec<Input>,
    pub(crate) position: Vec<Input>,
    pub(crate) certificate: Vec<Input>,
    /// One each; lists so that the template includes them like the others.
    pub(crate) hours: Vec<Input>,
    pub(crate) source_id: Vec<Input>,
    pub(crate) record: Vec<Input>,
    pub(crate) categories: Vec<Opt>,
    pub(crate) category_error: Option<String>,
    pub(crate) localities: Vec<Opt>,
    pub(crate) locality_error: Option<String>,
    pub(crate) assurances: Vec<Opt>,
    pub(crate) assurance_error: Option<String>,
    pub(crate) alcohol: Vec<Opt>,
    pub(crate) alcohol_error: Option<String>,
    pub(crate) facilities: Vec<Check>,
    /// The Friday prayer's times and notes.
    pub(crate) jumuah: Vec<Input>,
    pub(crate) payments: Vec<Check>,
    pub(crate) payment_error: Option<String>,
    pub(crate) prices: Vec<Opt>,
    pub(crate) price_error: Option<String>,
    /// The source can be chosen (new places and staff entries).
    pub(crate) source_editable: bool,
    pub(crate) sources: Vec<Opt>,
    pub(crate) source_error: Option<String>,
    pub(crate) standing: Option<Standing>,
    /// The version the form was filled from (an edit is refused if the place changed since).
    pub(crate) version: String,
}

/// The form page; `old` is the place being changed.
pub(crate) async fn form_page(
    s: &WebState,
    ctx: &Ctx,
    old: Option<&Place>,
    f: PlaceForm,
    notice: Option<String>,
) -> Response {
    let locs = match localities(s).await {
        Ok(l) => l,
        Err(e) => return app_error(ctx, e),
    };
    let editable = old.is_none_or(|p| p.fields.source.kind() == SourceKind::Staff);
    let input = |name: &'static str, kind: &'static str| Input::new(ctx, &f, name, kind);
    let names = ["name_ja", "name_en", "name_th", "name_ms", "name_ar", "name_id"]
        .into_iter()
        .map(|n| {
            let mut i = input(n, "text");
            i.lang = &n[5..];
            i
        })
        .collect();
    // A text kept in four languages: one box per language, `NAME_en` …
    let local = |names: [&'static str; 4], kind: &'static str| -> Vec<Input> {
        names
            .into_iter()
            .map(|n| {
                let mut i = input(n, kind);
                i.lang = &n[n.len() - 2..];
                i
            })
            .collect()
    };
    let descriptions = local(
        ["description_en", "description_ja", "description_th", "description_ms"],
        "textarea",
    );
    let chain = local(["chain_en", "chain_ja", "chain_th", "chain_ms"], "text");
    let branch = local(["branch_en", "branch_ja", "branch_th", "branch_ms"], "text");
    let about = vec![
        input("address", "text"),
        input("phone", "tel"),
        input("website", "url").hint(ctx.t("places-field-website-hint")),
    ];
    let position = ["lat", "lon"]
        .into_iter()
        .map(|n| {
            let mut i = input(n, "text");
            i.mode = "decimal";
            i
        })
        .collect();
    let certificate = vec![
        input("certifier", "text"),
        input("certificate_number", "text"),
        input("certificate_valid_from", "date"),
        input("certificate_valid_until", "date"),
    ];
    let choose = ctx.t("places-choose");
    let mut localities = vec![opt("", ctx.t("places-locality-none"), f.v("locality_id"))];
    localities.extend(locs.iter().map(|l| {
        opt(
            l.id,
            format!("{} · {}", locality_name(ctx, l), l.fields.key),
            f.v("locality_id"),
        )
    }));
    let sources = [SourceKind::Staff, SourceKind::Openstreetmap]
        .into_iter()
        .map(|k| opt(k.as_str(), label(ctx, "source", k.as_str()), f.v("source")))
        .collect();
    let standing = old.map(|p| {
        let today = s.app.today();
        let x = &p.fields;
        Standing {
            id: p.id,
            version: p.version,
            verified: x
                .last_verified
                .map(|d| ctx.t1("places-verified-on", "date", ctx.date(&d)))
                .unwrap_or_default(),
            stale: x.is_stale(today),
            never: x.last_verified.is_none(),
            certificate: x.halal.certificate().map(|c| {
                let text = i18n::message(
                    ctx.lang,
                    "places-certificate-standing",
                    &[
                        ("number", FluentValue::from(c.number().to_string())),
                        ("certifier", FluentValue::from(c.certifier().to_string())),
                        ("date", FluentValue::from(ctx.date(&c.valid_until()))),
                    ],
                );
                (text, certificate_badge(ctx, c.status(today)))
            }),
            source: i18n::message(
                ctx.lang,
                "places-source-readonly",
                &[
                    (
                        "source",
                        FluentValue::from(label(ctx, "source", x.source.kind().as_str())),
                    ),
                    ("id", FluentValue::from(x.source.id().to_string())),
                ],
            ),
        }
    });
    let shown: Vec<&str> = PlaceFields::field_names()
        .iter()
        .copied()
        .filter(|n| editable || !matches!(*n, "source" | "source_id"))
        .collect();
    let problems = f
        .errors
        .iter()
        .map(|(name, msg)| Problem {
            anchor: if shown.contains(&name.as_str()) {
                format!("#f-{name}")
            } else {
                String::new()
            },
            label: if shown.contains(&name.as_str()) {
                field_label(ctx, name)
            } else {
                String::new()
            },
            message: msg.clone(),
        })
        .collect();
    let status = if f.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = FormPage {
        ctx,
        id: old.map(|p| p.id),
        title: match old {
            Some(p) => ctx.t1("places-edit-title", "name", place_name(ctx, p)),
            None => ctx.t("places-new-title"),
        },
        notice,
        problems,
        names,
        descriptions,
        chain,
        branch,
        about,
        position,
        certificate,
        hours: vec![input("opening_hours", "text").hint(ctx.t("places-field-opening-hours-hint"))],
        source_id: vec![input("source_id", "text").hint(ctx.t("places-field-source-id-hint"))],
        record: vec![
            input("attribution", "text").hint(ctx.t("places-field-attribution-hint")),
            input("last_verified", "date").hint(ctx.t("places-field-last-verified-hint")),
        ],
        categories: category_options(ctx, f.v("category"), &choose),
        category_error: f.err("category"),
        localities,
        locality_error: f.err("locality_id"),
        assurances: assurance_options(ctx, f.v("assurance"), &choose),
        assurance_error: f.err("assurance"),
        alcohol: ["", "yes", "no"]
            .into_iter()
            .map(|v| {
                opt(
                    v,
                    ctx.t(&format!("places-alcohol-{}", if v.is_empty() { "unknown" } else { v })),
                    f.v("alcohol_served"),
                )
            })
            .collect(),
        alcohol_error: f.err("alcohol_served"),
        facilities: ["prayer_space", "wudu", "women_space", "qibla_marked", "prayer_mats"]
            .into_iter()
            .map(|n| Check {
                name: n,
                label: field_label(ctx, n),
                checked: f.v(n) == "true",
            })
            .collect(),
        jumuah: {
            let mut j = vec![
                input("jumuah_time", "time").hint(ctx.t("places-field-jumuah-time-hint")),
                input("jumuah_second_time", "time"),
            ];
            j.extend(local(
                ["jumuah_note_en", "jumuah_note_ja", "jumuah_note_th", "jumuah_note_ms"],
                "text",
            ));
            j
        },
        payments: PaymentMethod::ALL
            .iter()
            .map(|m| Check {
                name: m.as_str(),
                label: ctx.t(&format!("visitor-payment-{}", m.as_str().replace('_', "-"))),
                checked: f.v("payment").split(';').any(|v| v == m.as_str()),
            })
            .collect(),
        payment_error: f.err("payment"),
        prices: std::iter::once(opt("", ctx.t("places-price-unknown"), f.v("price_range")))
            .chain((1..=4).map(|l| opt(l, ctx.t(&format!("visitor-price-{l}")), f.v("price_range"))))
            .collect(),
        price_error: f.err("price_range"),
        source_editable: editable,
        sources,
        source_error: f.err("source"),
        standing,
        version: f.v("version").to_owned(),
    };
    let mut r = render(ctx, &page);
    *r.status_mut() = status;
    r
}

/// Read the form into a place's flat fields, naming every value that
/// cannot even be read. `old` is the place being changed: its source is
/// kept unless staff may change it.
pub(crate) fn read_form(pairs: &[(String, String)], old: Option<&Place>) -> (PlaceForm, PlaceFields, Vec<FieldError>) {
    let f = PlaceForm::from_pairs(pairs);
    let mut errors = Vec::new();
    let text = |n: &str| {
        let v = f.v(n).trim();
        (!v.is_empty()).then(|| v.to_owned())
    };
    let number = |n: &str, errors: &mut Vec<FieldError>| match f.v(n).trim() {
        "" => None,
        raw => match raw.parse::<f64>() {
            Ok(x) if x.is_finite() => Some(x),
            _ => {
                errors.push(FieldError::new(n, "not_a_number", format!("\"{raw}\" is not a number")));
                None
            }
        },
    };
    let lat = number("lat", &mut errors);
    let lon = number("lon", &mut errors);
    let locality_id = match f.v("locality_id").trim() {
        "" => None,
        raw => match parse_id(raw) {
            Some(id) => Some(id),
            None => {
                errors.push(FieldError::new("locality_id", "not_found", "no such locality"));
                None
            }
        },
    };
    let alcohol_served = match f.v("alcohol_served").trim() {
        "" | "unknown" => None,
        "yes" => Some(true),
        "no" => Some(false),
        other => {
            errors.push(FieldError::new(
                "alcohol_served",
                "unknown_value",
                format!("\"{other}\" is not yes, no or empty"),
            ));
            None
        }
    };
    let editable = old.is_none_or(|p| p.fields.source.kind() == SourceKind::Staff);
    let (source, source_id) = match old {
        Some(p) if !editable => (
            Some(p.fields.source.kind().to_string()),
            Some(p.fields.source.id().to_string()),
        ),
        _ => {
            let source = text("source").or_else(|| Some(SourceKind::Staff.to_string()));
            // A staff entry keeps its id when the field is left empty.
            let source_id = text("source_id").or_else(|| match old {
                Some(p) if source.as_deref() == Some(p.fields.source.kind().as_str()) => {
                    Some(p.fields.source.id().to_string())
                }
                _ => None,
            });
            (source, source_id)
        }
    };
    // Every other field as the place's declaration lists it: a text box
    // gives its text (empty: none), a check box whether it is ticked.
    let mut map = serde_json::Map::new();
    for c in PlaceFields::columns() {
        let name = c.name.as_str();
        if matches!(
            name,
            "lat_e7" | "lon_e7" | "locality_id" | "alcohol_served" | "source" | "source_id" | "price_range"
        ) {
            continue;
        }
        match c.kind {
            Kind::Bool => {
                map.insert(name.to_owned(), serde_json::Value::Bool(f.v(name) == "true"));
            }
            _ => {
                if let Some(v) = text(name) {
                    map.insert(name.to_owned(), serde_json::Value::String(v));
                }
            }
        }
    }
    let price_range = match f.v("price_range").trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(FieldError::new(
                    "price_range",
                    "out_of_range",
                    format!("\"{raw}\" is not 1 to 4"),
                ));
                None
            }
        },
    };
    let typed: [(&str, serde_json::Value); 7] = [
        ("price_range", price_range.into()),
        ("lat", lat.into()),
        ("lon", lon.into()),
        ("locality_id", locality_id.into()),
        ("alcohol_served", alcohol_served.into()),
        ("source", source.into()),
        ("source_id", source_id.into()),
    ];
    for (name, v) in typed {
        map.insert(name.to_owned(), v);
    }
    let fields = match serde_json::from_value::<PlaceFields>(serde_json::Value::Object(map)) {
        Ok(fields) => fields,
        // Every value above has its field's type; a field the declaration
        // names but the struct lacks would be a programming error.
        Err(e) => {
            errors.push(FieldError::new("form", "unreadable", e.to_string()));
            PlaceFields::default()
        }
    };
    (f, fields, errors)
}

/// Every problem with the fields at once: what could not be read, then
/// every rule the rest breaks (without blaming a field twice).
pub(crate) fn all_problems(fields: &PlaceFields, mut errors: Vec<FieldError>) -> Vec<FieldError> {
    let mut probe = fields.clone();
    // A staff entry is given its id when it is written.
    if probe.source.as_deref() == Some(SourceKind::Staff.as_str()) && probe.source_id.is_none() {
        probe.source_id = Some("staff-new".into());
    }
    // A coordinate that could not be read is blamed already; check the other one.
    let blamed: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
    for (name, v) in [("lat", &mut probe.lat), ("lon", &mut probe.lon)] {
        if v.is_none() && blamed.iter().any(|b| b == name) {
            *v = Some(0.0);
        }
    }
    let mut more = probe.validate().err().unwrap_or_default();
    if let Some(h) = &probe.opening_hours
        && let Err(m) = check_opening_hours(h)
    {
        more.push(FieldError::new(
            "opening_hours",
            "invalid_opening_hours",
            m.lines().next().unwrap_or("").to_owned(),
        ));
    }
    errors.extend(more.into_iter().filter(|e| !blamed.contains(&e.field)));
    errors
}

pub(crate) async fn new_form(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(staff_only(&ctx));
    let mut f = PlaceForm::default();
    f.values.insert("source".into(), SourceKind::Staff.to_string());
    form_page(&s, &ctx, None, f, None).await
}

pub(crate) async fn create(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    guard!(staff_only(&ctx));
    guard!(ctx.check_csrf(field(&pairs, "csrf")));
    let (mut f, fields, errors) = read_form(&pairs, None);
    let errors = if errors.is_empty() {
        match crate::acting::for_ctx(&s, &ctx).create_place(fields).await {
            Ok(p) => {
                return ctx.finish(Redirect::to(&format!("/console/places/{}/edit?saved=1", p.id)).into_response());
            }
            Err(AppError::Invalid(errs)) => errs,
            Err(e) => return app_error(&ctx, e),
        }
    } else {
        all_problems(&fields, errors)
    };
    for e in &errors {
        f.add(&ctx, e);
    }
    form_page(&s, &ctx, None, f, None).await
}

pub(crate) async fn edit_form(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let place = ok_or_page!(&ctx, s.app.get::<Place>(id).await);
    let mut f = PlaceForm::of(&PlaceFields::from(&place.fields));
    f.values.insert("version".into(), place.version.to_string());
    form_page(&s, &ctx, Some(&place), f, notice_of(&ctx, &q)).await
}

pub(crate) async fn update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    guard!(ctx.check_csrf(field(&pairs, "csrf")));
    let old = ok_or_page!(&ctx, s.app.get::<Place>(id).await);
    let (mut f, fields, errors) = read_form(&pairs, Some(&old));
    let version = field(&pairs, "version").trim().parse::<i64>().unwrap_or(old.version);
    let errors = if errors.is_empty() {
        match crate::acting::for_ctx(&s, &ctx).update_place(id, version, fields).await {
            Ok(_) => {
                return ctx.finish(Redirect::to(&format!("/console/places/{id}/edit?saved=1")).into_response());
            }
            Err(AppError::Invalid(errs)) => errs,
            Err(AppError::Conflict { current, .. }) => {
                // Keep this person's typing; saving again replaces the colleague's version knowingly.
                f.values.insert("version".into(), current.to_string());
                vec![FieldError::new("version", "stale", "changed by someone else")]
            }
            Err(e) => return app_error(&ctx, e),
        }
    } else {
        all_problems(&fields, errors)
    };
    for e in &errors {
        f.add(&ctx, e);
    }
    form_page(&s, &ctx, Some(&old), f, None).await
}
