use super::*;

pub struct Certificate {
    pub certifier: String,
    pub number: String,
    pub valid_from: String,
    pub valid_until: String,
    pub status: String,
    pub class: &'static str,
}

pub struct PrayerRow {
    pub key: &'static str,
    pub name: String,
    pub time: String,
    pub note: Option<String>,
    pub next: bool,
}

pub struct Prayer {
    pub heading: String,
    pub zone: String,
    pub rows: Vec<PrayerRow>,
    pub method: String,
    pub madhab: String,
    pub rule: String,
}

pub struct Qibla {
    pub degrees: String,
    pub direction: String,
    pub rotate: String,
    pub label: String,
}

/// The next prayer from now, for the first screen of a place's page.
pub struct NextPrayer {
    /// "Next prayer: Asr at 14:52" (with "tomorrow" after isha).
    pub text: String,
    /// "in 1 h 20 min".
    pub remaining: String,
}

/// The next prayer after `now` at the place of `req` (whose date is
/// ignored): today's, or after isha tomorrow's fajr.
pub(crate) fn next_prayer(ctx: &Ctx, req: &PrayerRequest, now: DateTime<Utc>, today: NaiveDate) -> Option<NextPrayer> {
    let upcoming = |date: NaiveDate| {
        let mut r = req.clone();
        r.date = date.to_string();
        let t = kizuna_app::map::prayer::prayer_times(&r).ok()?;
        [
            ("fajr", t.fajr),
            ("dhuhr", t.dhuhr),
            ("asr", t.asr),
            ("maghrib", t.maghrib),
            ("isha", t.isha),
        ]
        .into_iter()
        .filter_map(|(k, raw)| DateTime::parse_from_rfc3339(&raw).ok().map(|a| (k, a)))
        .find(|(_, a)| a.with_timezone(&Utc) > now)
    };
    let (key, at, tomorrow) = match upcoming(today) {
        Some((k, a)) => (k, a, false),
        None => {
            let (k, a) = upcoming(today.succ_opt()?)?;
            (k, a, true)
        }
    };
    let minutes = ((at.with_timezone(&Utc) - now).num_seconds() + 59) / 60;
    let mut time = at.format("%H:%M").to_string();
    if tomorrow {
        time = format!("{time} ({})", ctx.t("map-next-prayer-tomorrow"));
    }
    Some(NextPrayer {
        text: tr(
            ctx,
            "map-next-prayer",
            &[("prayer", ctx.t(&format!("map-prayer-{key}"))), ("time", time)],
        ),
        remaining: i18n::message(
            ctx.lang,
            "map-next-prayer-in",
            &[
                ("hours", FluentValue::from(minutes / 60)),
                ("minutes", FluentValue::from(minutes % 60)),
            ],
        ),
    })
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "place.html")]
pub(crate) struct PlacePage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) name_lang: &'static str,
    pub(crate) other_names: Vec<(&'static str, String)>,
    /// The description: the language it is shown in, and the text (marked
    /// when it falls back to another language).
    pub(crate) description: Option<(&'static str, String)>,
    pub(crate) category: String,
    pub(crate) chain: Option<String>,
    pub(crate) assurance: Badge,
    /// The certifier and until when, on the first screen.
    pub(crate) certificate_note: Option<String>,
    pub(crate) prayer_badges: Vec<String>,
    /// Today's hours, on the first screen ("Today: 11:00–22:00").
    pub(crate) today_hours: Option<String>,
    pub(crate) next_prayer: Option<NextPrayer>,
    pub(crate) certificate: Option<Certificate>,
    pub(crate) explain: String,
    pub(crate) alcohol: String,
    pub(crate) open: Badge,
    pub(crate) hours: Option<String>,
    /// The next seven days, read from the hours; empty when there are none
    /// or they cannot be read.
    pub(crate) week: Vec<WeekRow>,
    pub(crate) stale: bool,
    pub(crate) last_verified: String,
    pub(crate) address: Option<String>,
    pub(crate) phone: Option<(String, String)>,
    pub(crate) website: Option<String>,
    pub(crate) facilities: Vec<(String, bool)>,
    /// What a visitor checks before going, and the report link (`visitor.rs`).
    pub(crate) visitor: super::visitor::VisitorDetails,
    pub(crate) prayer: Option<Prayer>,
    pub(crate) prayer_error: Option<String>,
    pub(crate) qibla: Qibla,
    pub(crate) methods: Vec<Choice>,
    pub(crate) madhabs: Vec<Choice>,
    pub(crate) rules: Vec<Choice>,
    pub(crate) date_value: String,
    pub(crate) form_errors: Vec<String>,
    pub(crate) directions: String,
    pub(crate) geo: String,
    pub(crate) osm_link: Option<String>,
    pub(crate) source: String,
    pub(crate) attribution: Option<String>,
    pub(crate) config_json: String,
    pub(crate) place_json: String,
}

pub(crate) fn compass_point(deg: f64) -> &'static str {
    pub(crate) const POINTS: [&str; 16] = [
        "n", "nne", "ne", "ene", "e", "ese", "se", "sse", "s", "ssw", "sw", "wsw", "w", "wnw", "nw", "nnw",
    ];
    // In range 0..16 after rem_euclid; the cast cannot overflow.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = ((deg.rem_euclid(360.0) / 22.5).round() as usize) % 16;
    POINTS[i]
}

pub(crate) fn method_key(m: Method) -> String {
    let mut out = String::new();
    for (i, c) in m.name().chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    format!("map-method-{out}")
}

pub(crate) fn rule_key(r: HighLatitudeRule) -> String {
    match r {
        HighLatitudeRule::MiddleOfTheNight => "map-rule-middle-of-the-night",
        HighLatitudeRule::SeventhOfTheNight => "map-rule-seventh-of-the-night",
        HighLatitudeRule::TwilightAngle => "map-rule-twilight-angle",
    }
    .to_owned()
}

pub(crate) fn madhab_key(m: Madhab) -> String {
    format!("map-madhab-{}", m.name().to_ascii_lowercase())
}

/// The calculation method shown when the visitor chose none: the Malaysian
/// authority's (JAKIM) for a reader of Malay, the Muslim World League's
/// otherwise.
pub(crate) fn default_method(lang: Lang) -> Method {
    match lang {
        Lang::Ms => Method::Jakim,
        _ => Method::MuslimWorldLeague,
    }
}

/// The prayer-time form's choices: the method, school and rule asked for,
/// or the defaults with a message for each value not understood.
pub(crate) struct PrayerChoice {
    pub(crate) method: Method,
    pub(crate) madhab: Madhab,
    pub(crate) rule: Option<HighLatitudeRule>,
    pub(crate) date: NaiveDate,
    pub(crate) errors: Vec<String>,
}

pub(crate) fn prayer_choice(ctx: &Ctx, raw: Option<&str>, today: NaiveDate) -> PrayerChoice {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default();
    let mut c = PrayerChoice {
        method: default_method(ctx.lang),
        madhab: Madhab::Shafi,
        rule: None,
        date: today,
        errors: Vec::new(),
    };
    for (k, v) in pairs {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let ok = match k.as_str() {
            "method" => v
                .parse::<Method>()
                .ok()
                .filter(|m| *m != Method::Other)
                .map(|m| c.method = m)
                .is_some(),
            "madhab" => v.parse::<Madhab>().map(|m| c.madhab = m).is_ok(),
            "high_latitude_rule" => v.parse::<HighLatitudeRule>().map(|r| c.rule = Some(r)).is_ok(),
            "date" => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
                .map(|d| c.date = d)
                .is_some(),
            _ => true,
        };
        if !ok {
            c.errors
                .push(tr(ctx, "map-filter-ignored", &[("value", format!("{k}={v}"))]));
        }
    }
    c
}

pub(crate) fn prayer_view(ctx: &Ctx, t: &LocalPrayerTimes, now: DateTime<Utc>, today: NaiveDate) -> Prayer {
    let mut next_found = t.date != today;
    let rows = [
        ("fajr", &t.fajr),
        ("sunrise", &t.sunrise),
        ("dhuhr", &t.dhuhr),
        ("asr", &t.asr),
        ("maghrib", &t.maghrib),
        ("isha", &t.isha),
    ]
    .into_iter()
    .map(|(key, raw)| {
        let at: Option<DateTime<FixedOffset>> = DateTime::parse_from_rfc3339(raw).ok();
        let time = at.map(|a| a.format("%H:%M").to_string()).unwrap_or_else(|| raw.clone());
        let note = at.and_then(|a| {
            let d = a.date_naive();
            (d != t.date).then(|| {
                ctx.t(if d > t.date {
                    "map-prayer-next-day"
                } else {
                    "map-prayer-previous-day"
                })
            })
        });
        // The next prayer still to come today (sunrise is not a prayer).
        let next = !next_found && key != "sunrise" && at.is_some_and(|a| a.with_timezone(&Utc) > now);
        if next {
            next_found = true;
        }
        PrayerRow {
            key,
            name: ctx.t(&format!("map-prayer-{key}")),
            time,
            note,
            next,
        }
    })
    .collect();
    let rule = t.high_latitude_rule.parse::<HighLatitudeRule>().ok();
    Prayer {
        heading: tr(ctx, "map-prayer-heading", &[("date", ctx.date(&t.date))]),
        zone: tr(ctx, "map-prayer-zone", &[("zone", t.timezone.clone())]),
        rows,
        method: t
            .method
            .parse::<Method>()
            .map(|m| ctx.t(&method_key(m)))
            .unwrap_or_else(|_| t.method.clone()),
        madhab: t
            .madhab
            .parse::<Madhab>()
            .map(|m| ctx.t(&madhab_key(m)))
            .unwrap_or_else(|_| t.madhab.clone()),
        rule: rule
            .map(|r| ctx.t(&rule_key(r)))
            .unwrap_or_else(|| t.high_latitude_rule.clone()),
    }
}

/// One day of the place page's opening-hours table.
pub(crate) struct WeekRow {
    pub(crate) day: String,
    pub(crate) hours: String,
    pub(crate) today: bool,
}

pub(crate) fn week_rows(ctx: &Ctx, days: &[DayHours], today: NaiveDate) -> Vec<WeekRow> {
    use chrono::Datelike;
    days.iter()
        .map(|d| {
            let name = ctx.t(&format!("map-day-{}", d.date.weekday().number_from_monday()));
            let hours = if d.spans.is_empty() {
                ctx.t("map-hours-closed")
            } else if d.all_day() {
                ctx.t("map-hours-all-day")
            } else {
                d.spans
                    .iter()
                    .map(|sp| {
                        if sp.open_end {
                            return tr(ctx, "map-hours-open-end", &[("from", sp.from.clone())]);
                        }
                        let span = format!("{}–{}", sp.from, sp.until);
                        match (sp.unknown, &sp.comment) {
                            (false, _) => span,
                            (true, None) => tr(ctx, "map-hours-to-confirm", &[("span", span)]),
                            (true, Some(c)) => tr(
                                ctx,
                                "map-hours-to-confirm-why",
                                &[("span", span), ("comment", c.clone())],
                            ),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            WeekRow {
                day: if d.date == today {
                    tr(ctx, "map-hours-today", &[("day", name)])
                } else {
                    name
                },
                hours,
                today: d.date == today,
            }
        })
        .collect()
}

pub(crate) async fn place_page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    let h = match s.app.place(id).await {
        Ok(h) => h,
        Err(AppError::NotFound { .. }) => {
            return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
        }
        Err(_) => return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database"),
    };
    let f = &h.place.fields;
    let today = s.app.today();
    let (name, name_lang) = best_name(&h.place, ctx.lang);
    let other_names = f
        .names
        .iter()
        .filter(|(_, n)| n.as_str() != name)
        .map(|(l, n)| (l, n.as_str().to_owned()))
        .collect();
    let description = f
        .description
        .as_ref()
        .map(|d| (d.show(ctx.lang.code()).1, ctx.local(d)));
    let pos = f.position;
    let choice = prayer_choice(&ctx, raw.as_deref(), today);
    let req = PrayerRequest {
        lat: degrees(pos.lat()),
        lon: degrees(pos.lon()),
        date: choice.date.to_string(),
        tz: PLACE_TIME_ZONE.name().to_owned(),
        method: choice.method.name().to_owned(),
        madhab: choice.madhab.name().to_owned(),
        high_latitude_rule: choice.rule.map(|r| r.name().to_owned()).unwrap_or_default(),
    };
    let (prayer, prayer_error) = match kizuna_app::map::prayer::prayer_times(&req) {
        Ok(t) => (Some(prayer_view(&ctx, &t, s.app.now(), today)), None),
        Err(_) => (None, Some(ctx.t("map-prayer-unavailable"))),
    };
    let bearing = kizuna_geo::prayer::qibla(pos.lat(), pos.lon());
    let direction = ctx.t(&format!("map-compass-{}", compass_point(bearing)));
    let deg_text = format!("{bearing:.1}°");
    let qibla = Qibla {
        label: tr(
            &ctx,
            "map-qibla-arrow",
            &[("degrees", deg_text.clone()), ("direction", direction.clone())],
        ),
        degrees: deg_text,
        direction,
        rotate: format!("{bearing:.2}"),
    };
    let certificate = f.halal.certificate().map(|c| {
        let status = h.certificate_status.unwrap_or(CertificateStatus::Expired);
        let days = (c.valid_until() - today).num_days();
        let (text, class) = match status {
            CertificateStatus::Valid => (ctx.t("map-certificate-status-valid"), "certified"),
            CertificateStatus::Expiring => (
                i18n::message(
                    ctx.lang,
                    "map-certificate-status-expiring",
                    &[("days", FluentValue::from(days))],
                ),
                "expiring",
            ),
            CertificateStatus::Expired => (ctx.t("map-certificate-status-expired"), "expired"),
            CertificateStatus::NotYetValid => (ctx.t("map-certificate-status-not-yet-valid"), "expired"),
        };
        Certificate {
            certifier: c.certifier().as_str().to_owned(),
            number: c.number().as_str().to_owned(),
            valid_from: ctx.date(&c.valid_from()),
            valid_until: ctx.date(&c.valid_until()),
            status: text,
            class,
        }
    });
    let alcohol = ctx.t(match f.alcohol_served {
        Some(true) => "map-alcohol-yes",
        Some(false) => "map-alcohol-no",
        None => "map-alcohol-unknown",
    });
    let p = f.prayer;
    let facilities = vec![
        (ctx.t("map-facility-prayer-space"), p.prayer_space),
        (ctx.t("map-facility-wudu"), p.wudu),
        (ctx.t("map-facility-women-space"), p.women_space),
        (ctx.t("map-facility-qibla-marked"), p.qibla_marked),
        (ctx.t("map-facility-mats"), p.mats),
    ];
    let phone = f.phone.as_ref().map(|ph| {
        let dial: String = ph
            .as_str()
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        (ph.as_str().to_owned(), format!("tel:{dial}"))
    });
    // The chain and branch in the reader's language, a missing one marked
    // with the language shown instead.
    let chain = match (&f.chain, &f.branch) {
        (Some(c), Some(b)) => Some(tr(
            &ctx,
            "map-chain-branch",
            &[("chain", ctx.local(c)), ("branch", ctx.local(b))],
        )),
        (Some(c), None) => Some(tr(&ctx, "map-chain", &[("chain", ctx.local(c))])),
        _ => None,
    };
    let (lat, lon) = (degrees(pos.lat()), degrees(pos.lon()));
    let kind = f.source.kind();
    let osm_link = (kind == SourceKind::Openstreetmap)
        .then(|| format!("https://www.openstreetmap.org/{}", f.source.id().as_str()));
    let methods = Method::ALL
        .iter()
        .filter(|m| **m != Method::Other)
        .map(|m| Choice {
            value: m.name().to_owned(),
            label: ctx.t(&method_key(*m)),
            selected: *m == choice.method,
        })
        .collect();
    let madhabs = Madhab::ALL
        .iter()
        .map(|m| Choice {
            value: m.name().to_owned(),
            label: ctx.t(&madhab_key(*m)),
            selected: *m == choice.madhab,
        })
        .collect();
    let mut rules = vec![Choice {
        value: String::new(),
        label: tr(
            &ctx,
            "map-rule-recommended",
            &[("rule", ctx.t(&rule_key(HighLatitudeRule::recommended(pos.lat()))))],
        ),
        selected: choice.rule.is_none(),
    }];
    rules.extend(HighLatitudeRule::ALL.iter().map(|r| Choice {
        value: r.name().to_owned(),
        label: ctx.t(&rule_key(*r)),
        selected: choice.rule == Some(*r),
    }));
    let assurance = lead_badge(&ctx, &h);
    let now = s.app.now();
    let week = f
        .opening_hours
        .as_ref()
        .and_then(|o| hours_by_day(o.as_str(), pos.lat(), pos.lon(), today, 7))
        .map(|days| week_rows(&ctx, &days, today))
        .unwrap_or_default();
    let today_hours = week
        .iter()
        .find(|r| r.today)
        .map(|r| tr(&ctx, "map-place-today", &[("hours", r.hours.clone())]));
    let next_prayer = next_prayer(&ctx, &req, now, today);
    let place_json = script_json(&json!({
        "id": h.place.id, "lat": pos.lat(), "lon": pos.lon(), "name": name, "lang": name_lang,
        "kind": f.category.as_str(), "level": assurance.class,
        "label": format!("{} · {}", category_label(&ctx, f.category), assurance.text),
    }));
    render(
        &ctx,
        &PlacePage {
            ctx: &ctx,
            id,
            other_names,
            description,
            category: category_label(&ctx, f.category),
            chain,
            assurance,
            certificate,
            explain: ctx.t(&format!("map-explain-{}", kebab(f.halal.level().as_str()))),
            alcohol,
            open: open_badge(&ctx, &open_status(&h, now)),
            hours: f.opening_hours.as_ref().map(|o| o.as_str().to_owned()),
            week,
            certificate_note: certificate_note(&ctx, &h),
            prayer_badges: if Lead::of(&h) == Lead::Prayer {
                prayer_badges(&ctx, &h)
            } else {
                Vec::new()
            },
            today_hours,
            next_prayer,
            stale: h.stale,
            last_verified: match f.last_verified {
                Some(d) => tr(&ctx, "map-last-verified", &[("date", ctx.date(&d))]),
                None => ctx.t("map-never-verified"),
            },
            address: f.address.as_ref().map(|a| a.as_str().to_owned()),
            phone,
            website: f.website.as_ref().map(|w| w.as_str().to_owned()),
            facilities,
            visitor: super::visitor::visitor_details(&ctx, id, f, today),
            prayer,
            prayer_error,
            qibla,
            methods,
            madhabs,
            rules,
            date_value: choice.date.to_string(),
            form_errors: choice.errors,
            directions: format!("https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}"),
            geo: format!("geo:{lat},{lon}"),
            osm_link,
            source: ctx.t(&format!("map-source-{}", kind.as_str())),
            attribution: f.attribution.as_ref().map(|a| a.as_str().to_owned()),
            config_json: script_json(&map_config(&ctx, s.tiles.as_deref(), s.basemap.as_deref())),
            place_json,
            name,
            name_lang,
        },
    )
}
