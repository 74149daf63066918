//! The partnerships console and a partner's outcomes, through the router,
//! over the demo data on SQLite and PostgreSQL: a programme made with its
//! partnership details in one form (a locality in Japan given as abroad
//! refused beside its field, nothing written), an activity and two
//! outcomes, the causal links between them with the one closing a cycle
//! refused naming both outcomes, substantiation (a stale form refused), a
//! programme with outcomes refused deletion; a partner sees only its own
//! programmes' outcomes, proposes one that staff then substantiate, and
//! gets "not found" for another programme's outcome; local links with the
//! national register's verdict, offers and needs with completeness; and
//! the pages in Japanese, Thai and Malay.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use axum::http::StatusCode;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::partnerships::activity::Activity;
use kizuna_domain::partnerships::local_link::{LinkKind, LocalLink};
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeLink, RecordedBy, Verdict};
use kizuna_domain::partnerships::partnership::{OrganisationRole, ProgrammeOrganisationInput};
use kizuna_domain::partnerships::partnership::{Partnership, ProgrammeOrganisation};
use kizuna_domain::partnerships::profile::OfferNeed;
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::english::english_left;
use kizuna_testkit::{Browser, PARTNER_ORGANISATION, TestApp};

kizuna_testkit::on_both!(
    staff_record_a_programme_and_a_bad_locality_writes_nothing,
    outcomes_are_linked_and_a_cycle_is_refused_naming_it,
    outcomes_are_substantiated_and_a_stale_form_is_refused,
    a_programme_with_outcomes_is_not_deleted,
    a_partner_sees_and_proposes_only_for_its_own_programmes,
    local_links_and_profiles_say_what_is_missing,
    the_partnership_pages_speak_japanese_thai_and_malay,
);

fn one(name: &str, value: impl ToString) -> BTreeMap<String, String> {
    [(name.to_owned(), value.to_string())].into_iter().collect()
}

async fn locality(t: &TestApp, key: &str) -> i64 {
    t.app.by_key::<Locality>(key).await.unwrap().id
}

async fn count<R: kizuna_app::records::Entity>(t: &TestApp) -> i64 {
    t.app
        .list::<R>(&BTreeMap::new(), Paging { limit: 1, offset: 0 })
        .await
        .unwrap()
        .1
}

/// The id at the end of a redirect to `/console/partnerships/{id}?…`.
fn id_in(location: &str) -> i64 {
    location
        .trim_start_matches("/console/partnerships/")
        .split(['?', '#', '/'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// A new programme through the form; its id.
async fn new_programme(t: &TestApp, b: &mut Browser, key: &str) -> i64 {
    let obihiro = locality(t, "jp/hokkaido/tokachi/obihiro").await.to_string();
    let bangkok = locality(t, "th/bangkok").await.to_string();
    b.get("/console/partnerships/new").await.expect(StatusCode::OK);
    let got = b
        .submit(
            "/console/partnerships/new",
            &[
                ("key", key),
                ("title_en", "Tokachi sweets with Bangkok"),
                ("title_ja", "十勝スイーツとバンコク"),
                ("funding_scheme_en", "JICA Partnership Program"),
                ("japan_locality_id", &obihiro),
                ("abroad_locality_ids", &bangkok),
                ("themes", "confectionery"),
                ("themes", "halal"),
                ("starts_on", "2020-04-01"),
                ("status", "implementation"),
                ("budget_amount", "1000000"),
                ("budget_currency", "JPY"),
                ("public", "true"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    id_in(got.location())
}

/// A new outcome of `programme` through the form; its id.
async fn new_outcome(t: &TestApp, b: &mut Browser, programme: i64, title: &str, on: &str) -> i64 {
    let actor = t
        .app
        .by_key::<Organisation>("tokachi-seika")
        .await
        .unwrap()
        .id
        .to_string();
    let uri = format!("/console/partnerships/{programme}/outcomes/new");
    b.get(&uri).await.expect(StatusCode::OK);
    let got = b
        .submit(
            &uri,
            &[
                ("title_en", title),
                ("description_en", "A company does something new"),
                ("kind", "joint_product"),
                ("side", "both"),
                ("occurred_on", on),
                ("actor_organisation_id", &actor),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    got.location().rsplit("#o-").next().unwrap().parse().unwrap()
}

async fn staff_record_a_programme_and_a_bad_locality_writes_nothing(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let list = b.page("/console/partnerships").await;
    assert!(
        list.text().contains("Food Valley Tokachi"),
        "the demo's programmes are listed"
    );

    // A locality in Japan chosen as abroad: told beside the field.
    let before = count::<Programme>(&t).await;
    let obihiro = locality(&t, "jp/hokkaido/tokachi/obihiro").await.to_string();
    let sapporo_like = obihiro.clone();
    b.get("/console/partnerships/new").await.expect(StatusCode::OK);
    let refused = b
        .submit(
            "/console/partnerships/new",
            &[
                ("key", "refused-programme"),
                ("title_en", "Refused"),
                ("funding_scheme_en", "JICA Partnership Program"),
                ("japan_locality_id", &obihiro),
                ("abroad_locality_ids", &sapporo_like),
                ("themes", "halal"),
                ("starts_on", "2020-04-01"),
                ("status", "pipeline"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        refused.has("#e-abroad_locality_ids"),
        "the error is beside the localities abroad: {}",
        refused.text()
    );
    assert_eq!(
        refused.one("#f-key").attr("value"),
        Some("refused-programme"),
        "the typing is kept"
    );
    assert_eq!(count::<Programme>(&t).await, before, "no programme half-made");

    let id = new_programme(&t, &mut b, "tokachi-sweets-bangkok").await;
    let d = t.app.partnership_of(id).await.unwrap().unwrap();
    assert_eq!(d.fields.themes.to_string(), "confectionery halal");
    assert_eq!(d.fields.abroad_locality_ids, vec![locality(&t, "th/bangkok").await]);
    assert_eq!(d.fields.budget_amount, Some(1_000_000));
    assert!(d.fields.public);
    let page = b.page(&format!("/console/partnerships/{id}")).await;
    assert_eq!(page.one("h1").text, "Tokachi sweets with Bangkok");
    assert_eq!(
        page.one("#ripple-link").attr("href"),
        Some(format!("/console/partnerships/{id}/ripple").as_str())
    );

    // Changed: a stale version is refused and the typing kept.
    let edit = b.page(&format!("/console/partnerships/{id}/edit")).await;
    let mut fields = edit.form("form.stack");
    let set = |fields: &mut Vec<(String, String)>, k: &str, v: &str| {
        fields.retain(|(n, _)| n != k);
        fields.push((k.to_owned(), v.to_owned()));
    };
    set(&mut fields, "status", "closed");
    set(&mut fields, "ends_on", "2023-03-31");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.submit(&format!("/console/partnerships/{id}/edit"), &pairs)
        .await
        .expect(StatusCode::SEE_OTHER);
    let d = t.app.partnership_of(id).await.unwrap().unwrap();
    assert_eq!(d.fields.status.as_str(), "closed");
    assert_eq!(d.fields.abroad_locality_ids.len(), 1, "the localities abroad are kept");
    let stale = b
        .submit(&format!("/console/partnerships/{id}/edit"), &pairs)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(stale.has("#e-version"), "a stale edit is told: {}", stale.text());

    // An organisation in a role, added and shown.
    let tica = t.app.by_key::<Organisation>("tica").await.unwrap().id.to_string();
    b.submit(
        &format!("/console/partnerships/{id}/organisations"),
        &[("organisation_id", &tica), ("role", "implementing")],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    let roles = t
        .app
        .list::<ProgrammeOrganisation>(&one("programme_id", id), Paging::ALL)
        .await
        .unwrap()
        .0;
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].fields.role, OrganisationRole::Implementing);
}

async fn outcomes_are_linked_and_a_cycle_is_refused_naming_it(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let p = new_programme(&t, &mut b, "cycle-programme").await;
    let uri = format!("/console/partnerships/{p}/activities/new");
    b.get(&uri).await.expect(StatusCode::OK);
    b.submit(
        &uri,
        &[
            ("kind", "training"),
            ("title_en", "Confectionery training"),
            ("starts_on", "2016-02-01"),
            ("ends_on", "2016-01-01"),
        ],
    )
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    b.submit(
        &uri,
        &[
            ("kind", "training"),
            ("title_en", "Confectionery training"),
            ("starts_on", "2016-02-01"),
        ],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    let activity = t
        .app
        .list::<Activity>(&one("programme_id", p), Paging::ALL)
        .await
        .unwrap()
        .0;
    assert_eq!(activity.len(), 1, "the activity ending before it starts was not saved");
    let daifuku = new_outcome(&t, &mut b, p, "Halal Daifuku", "2016-06-01").await;
    let cert = new_outcome(&t, &mut b, p, "Factory certified halal", "2017-03-01").await;
    let links = format!("/console/partnerships/{p}/links");
    b.submit(
        &links,
        &[("from", &format!("a:{}", activity[0].id)), ("to", &daifuku.to_string())],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    b.submit(&links, &[("from", &format!("o:{daifuku}")), ("to", &cert.to_string())])
        .await
        .expect(StatusCode::SEE_OTHER);
    let before = count::<OutcomeLink>(&t).await;
    let refused = b
        .submit(&links, &[("from", &format!("o:{cert}")), ("to", &daifuku.to_string())])
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let msg = refused.one("#e-from").text;
    assert!(
        msg.contains("Halal Daifuku") && msg.contains("Factory certified halal") && msg.contains('→'),
        "the cycle is named: {msg}"
    );
    assert_eq!(count::<OutcomeLink>(&t).await, before, "nothing written");
    let page = b.page(&format!("/console/partnerships/{p}")).await;
    assert_eq!(page.count("#link-list li"), 2);
    // Removing the outcome takes its links with it, after the confirmation.
    let confirm = b.page(&format!("/console/outcomes/{daifuku}/delete")).await;
    assert!(confirm.has("#going-with"), "the links going with it are named");
    let version = t.app.get::<Outcome>(daifuku).await.unwrap().version.to_string();
    b.submit(&format!("/console/outcomes/{daifuku}/delete"), &[("version", &version)])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(count::<OutcomeLink>(&t).await, before - 2);
}

async fn outcomes_are_substantiated_and_a_stale_form_is_refused(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let p = new_programme(&t, &mut b, "verified-programme").await;
    let o = new_outcome(&t, &mut b, p, "Halal Daifuku", "2016-06-01").await;
    let page = b
        .page(&format!("/console/outcomes/unsubstantiated?programme={p}"))
        .await;
    assert_eq!(page.count("section.waiting"), 1, "only this programme's outcome");
    let version = t.app.get::<Outcome>(o).await.unwrap().version.to_string();
    let uri = format!("/console/outcomes/{o}/substantiate");
    // Confirmed before it happened: refused beside the date.
    let refused = b
        .submit(
            &uri,
            &[
                ("version", &version),
                ("substantiated_by", "Selangor company's director"),
                ("substantiated_on", "2015-01-01"),
                ("verdict", "agree"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(refused.has(&format!("#e-on-{o}")), "{}", refused.text());
    b.submit(
        &uri,
        &[
            ("version", &version),
            ("substantiated_by", "Selangor company's director"),
            ("substantiated_on", "2019-05-10"),
            ("verdict", "partly"),
            ("substantiation_note", "by telephone"),
        ],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    let got = t.app.get::<Outcome>(o).await.unwrap();
    assert_eq!(got.fields.verdict, Some(Verdict::Partly));
    assert_eq!(got.fields.substantiation_note.unwrap().as_str(), "by telephone");
    assert!(t.app.unsubstantiated_outcomes(Some(p)).await.unwrap().is_empty());
    // An edit of the outcome keeps its substantiation.
    let edit = b.page(&format!("/console/outcomes/{o}/edit")).await;
    let fields = edit.form("form.stack");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.submit(&format!("/console/outcomes/{o}/edit"), &pairs)
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(
        t.app.get::<Outcome>(o).await.unwrap().fields.verdict,
        Some(Verdict::Partly)
    );
    // A second outcome, substantiated from a stale form: 409, nothing written.
    let o2 = new_outcome(&t, &mut b, p, "Factory certified", "2017-03-01").await;
    let stale = (t.app.get::<Outcome>(o2).await.unwrap().version - 1).to_string();
    b.submit(
        &format!("/console/outcomes/{o2}/substantiate"),
        &[
            ("version", &stale),
            ("substantiated_by", "someone"),
            ("substantiated_on", "2018-01-01"),
            ("verdict", "agree"),
        ],
    )
    .await
    .expect(StatusCode::CONFLICT);
    assert_eq!(t.app.get::<Outcome>(o2).await.unwrap().fields.verdict, None);
}

async fn a_programme_with_outcomes_is_not_deleted(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let demo = t.app.by_key::<Programme>("food-valley-tokachi-malaysia").await.unwrap();
    let page = b.page(&format!("/console/partnerships/{}/delete", demo.id)).await;
    assert!(page.has("#blocked"), "the outcomes are named: {}", page.text());
    b.submit(
        &format!("/console/partnerships/{}/delete", demo.id),
        &[("version", &demo.version.to_string())],
    )
    .await
    .expect(StatusCode::CONFLICT);
    assert!(t.app.partnership_of(demo.id).await.unwrap().is_some());
    // An empty one goes, with its details and roles.
    let p = new_programme(&t, &mut b, "short-lived").await;
    let version = t.app.get::<Programme>(p).await.unwrap().version.to_string();
    b.submit(&format!("/console/partnerships/{p}/delete"), &[("version", &version)])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(t.app.partnership_of(p).await.unwrap().is_none());
    b.get(&format!("/console/partnerships/{p}"))
        .await
        .expect(StatusCode::NOT_FOUND);
}

async fn a_partner_sees_and_proposes_only_for_its_own_programmes(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let org = t.app.by_key::<Organisation>(PARTNER_ORGANISATION).await.unwrap();
    let mine = t.app.by_key::<Programme>("food-valley-tokachi-thailand").await.unwrap();
    let other = t.app.by_key::<Programme>("food-valley-tokachi-malaysia").await.unwrap();
    t.app
        .create::<ProgrammeOrganisation>(&ProgrammeOrganisationInput {
            programme_id: mine.id,
            organisation_id: org.id,
            role: OrganisationRole::Implementing,
        })
        .await
        .unwrap();
    let other_outcome = t
        .app
        .list::<Outcome>(&one("programme_id", other.id), Paging::ALL)
        .await
        .unwrap()
        .0[0]
        .clone();
    let mut partner = t.partner().await;
    assert!(partner.page("/partner").await.has("a[href='/partner/outcomes']"));
    let page = partner.page("/partner/outcomes").await;
    let text = page.text();
    assert!(text.contains("Food Valley Tokachi"), "{text}");
    assert!(
        !page.has(&format!("#o-{}", other_outcome.id)),
        "no other programme's outcome"
    );
    assert_eq!(
        page.count("#f-programme_id option"),
        1,
        "only its own programme to propose for"
    );
    partner
        .get(&format!("/partner/outcomes/{}", other_outcome.id))
        .await
        .expect(StatusCode::NOT_FOUND);

    // Proposing for another's programme is refused; for its own, kept as the partner's.
    let before = count::<Outcome>(&t).await;
    partner
        .submit(
            "/partner/outcomes",
            &[
                ("programme_id", &other.id.to_string()),
                ("title_en", "Not ours"),
                ("description_en", "Something"),
                ("kind", "agreement"),
                ("side", "abroad"),
                ("occurred_on", "2020-01-01"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count::<Outcome>(&t).await, before);
    let got = partner
        .submit(
            "/partner/outcomes",
            &[
                ("programme_id", &mine.id.to_string()),
                ("title_en", "Thai buyers order again"),
                ("description_en", "A Bangkok importer orders a second season"),
                ("kind", "agreement"),
                ("side", "abroad"),
                ("occurred_on", "2020-01-01"),
                ("public", "true"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    let id: i64 = got.location().rsplit("#o-").next().unwrap().parse().unwrap();
    let o = t.app.get::<Outcome>(id).await.unwrap();
    assert_eq!(o.fields.recorded_by, RecordedBy::Partner);
    assert!(!o.fields.public, "a proposal is not public");
    assert_eq!(o.fields.actor_organisation_id, Some(org.id));
    let own = partner.page(&format!("/partner/outcomes/{id}")).await;
    assert!(own.has("#state"));

    // Staff see it waiting, marked as the partner's, and substantiate it.
    let mut staff = t.staff().await;
    let waiting = staff.page("/console/outcomes/unsubstantiated").await;
    assert!(waiting.one(&format!("#o-{id}")).text.contains(&kizuna_i18n::message(
        Lang::En,
        "partnerships-by-partner",
        &[]
    )));
    staff
        .submit(
            &format!("/console/outcomes/{id}/substantiate"),
            &[
                ("version", &o.version.to_string()),
                ("substantiated_by", "Office staff, by visit"),
                ("substantiated_on", "2020-02-01"),
                ("verdict", "agree"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(
        t.app.get::<Outcome>(id).await.unwrap().fields.verdict,
        Some(Verdict::Agree)
    );
    // Staff are not partners.
    staff.get("/partner/outcomes").await.expect(StatusCode::FORBIDDEN);
}

async fn local_links_and_profiles_say_what_is_missing(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let obihiro = locality(&t, "jp/hokkaido/tokachi/obihiro").await.to_string();
    let bangkok = locality(&t, "th/bangkok").await.to_string();
    b.get("/console/local-links/new").await.expect(StatusCode::OK);
    b.submit(
        "/console/local-links/new",
        &[
            ("japan_locality_id", &obihiro),
            ("abroad_locality_id", &bangkok),
            ("kind", "sister_city"),
            ("since", "2019-01-01"),
            ("agreement_on", "2019-01-01"),
            ("signatories", "Mayor of Obihiro; Governor of Bangkok"),
            ("exchange_fields", "economy"),
        ],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    let link = t
        .app
        .list::<LocalLink>(&one("japan_locality_id", &obihiro), Paging::ALL)
        .await
        .unwrap()
        .0
        .into_iter()
        .find(|l| l.fields.abroad_locality_id.to_string() == bangkok && l.fields.kind == LinkKind::SisterCity)
        .unwrap();
    let list = b.page("/console/local-links").await;
    let row = list.one(&format!("#ll-{}", link.id)).text;
    let gap = |k: &str| kizuna_i18n::message(Lang::En, k, &[]);
    assert!(row.contains(&gap("partnerships-gap-single-field")), "{row}");
    assert!(row.contains(&gap("partnerships-gap-no-council-approval")), "{row}");
    // The same locality on both sides is refused beside the field.
    let refused = b
        .submit(
            "/console/local-links/new",
            &[
                ("japan_locality_id", &obihiro),
                ("abroad_locality_id", &obihiro),
                ("kind", "friendship"),
                ("since", "2019-01-01"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(refused.has("#e-abroad_locality_id"));

    // A profile: an organisation with an offer only is not matchable, for want of a need.
    let org = t.app.by_key::<Organisation>("kunaw-publishing").await.unwrap();
    let existing = t
        .app
        .list::<OfferNeed>(&one("organisation_id", org.id), Paging::ALL)
        .await
        .unwrap()
        .0;
    let uri = format!("/console/profiles/organisation/{}", org.id);
    for item in &existing {
        b.submit(&format!("/console/offers-needs/{}/delete", item.id), &[])
            .await
            .expect(StatusCode::SEE_OTHER);
    }
    b.submit(
        &uri,
        &[
            ("direction", "offer"),
            ("theme", "nature_tourism"),
            ("detail_ja", "北海道の自然"),
        ],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    let page = b.page(&uri).await;
    let state = page.one("#completeness").text;
    assert!(state.contains(&gap("partnerships-profile-gap-no-need")), "{state}");
    assert!(page.one("#offers").text.contains("北海道の自然"));
    b.submit(&uri, &[("direction", "need"), ("theme", "halal")])
        .await
        .expect(StatusCode::SEE_OTHER);
    let page = b.page(&uri).await;
    assert_eq!(page.one("#completeness").text.trim(), gap("partnerships-matchable"));
    b.submit(&uri, &[("direction", "need"), ("theme", "sushi")])
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(b.page("/console/profiles").await.has(&format!("a[href='{uri}']")));
}

async fn the_partnership_pages_speak_japanese_thai_and_malay(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let p = t.app.by_key::<Programme>("food-valley-tokachi-malaysia").await.unwrap();
    let o = t
        .app
        .list::<Outcome>(&one("programme_id", p.id), Paging::ALL)
        .await
        .unwrap()
        .0[0]
        .clone();
    let a = t
        .app
        .list::<Activity>(&one("programme_id", p.id), Paging::ALL)
        .await
        .unwrap()
        .0[0]
        .clone();
    let org = t.app.by_key::<Organisation>("tokachi-seika").await.unwrap();
    // Names and other data shown as stored are not interface text.
    let mut data: Vec<String> = Vec::new();
    for x in t
        .app
        .list::<Organisation>(&BTreeMap::new(), Paging::ALL)
        .await
        .unwrap()
        .0
    {
        data.extend(x.fields.name.get("en").map(ToString::to_string));
    }
    for x in t.app.list::<Locality>(&BTreeMap::new(), Paging::ALL).await.unwrap().0 {
        data.extend(x.fields.name.get("en").map(ToString::to_string));
    }
    for x in t.app.list::<Programme>(&BTreeMap::new(), Paging::ALL).await.unwrap().0 {
        data.push(x.fields.key.to_string());
        data.extend(x.fields.title.get("en").map(ToString::to_string));
    }
    for x in t
        .app
        .list::<Partnership>(&BTreeMap::new(), Paging::ALL)
        .await
        .unwrap()
        .0
    {
        data.extend(x.fields.funding_scheme.get("en").map(ToString::to_string));
    }
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let en = CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == "en" && *f == "partnerships")
        .unwrap()
        .2;
    let ids = message_ids(en);
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        for path in [
            "/console/partnerships".to_owned(),
            "/console/partnerships/new".to_owned(),
            format!("/console/partnerships/{}", p.id),
            format!("/console/partnerships/{}/edit", p.id),
            format!("/console/partnerships/{}/delete", p.id),
            format!("/console/activities/{}/edit", a.id),
            format!("/console/outcomes/{}/edit", o.id),
            "/console/outcomes/unsubstantiated".to_owned(),
            "/console/local-links".to_owned(),
            "/console/local-links/new".to_owned(),
            "/console/profiles".to_owned(),
            format!("/console/profiles/organisation/{}", org.id),
        ] {
            let page = b.page(&format!("{path}?lang={code}")).await;
            assert_eq!(page.lang(), code, "{path}");
            let mut text = page.readable();
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            let left = english_left(lang, &ids, &text);
            assert!(left.is_empty(), "{code} {path}: English on the page: {left:?}");
        }
    }
}
