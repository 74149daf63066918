use chrono::NaiveDate;

use crate::common::error::FieldError;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn fields() -> PlaceFields {
    PlaceFields {
        name_en: Some("Ramen Hilal (demo)".into()),
        category: Some("restaurant".into()),
        lat: Some(43.0621),
        lon: Some(141.3544),
        assurance: Some("certified".into()),
        certifier: Some("Japan Halal Association".into()),
        certificate_number: Some("JHA-2026-001".into()),
        certificate_valid_from: Some("2026-01-01".into()),
        certificate_valid_until: Some("2026-12-10".into()),
        source: Some("staff".into()),
        source_id: Some("staff-1".into()),
        last_verified: Some("2026-02-01".into()),
        ..Default::default()
    }
}

fn fields_of(errs: &[FieldError]) -> Vec<&str> {
    errs.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn a_certified_place_round_trips_through_its_flat_form() {
    let p = fields().validate().unwrap();
    assert_eq!(p.halal.level(), Assurance::Certified);
    assert_eq!(p.names.best(&["ja"]).as_str(), "Ramen Hilal (demo)");
    let flat = PlaceFields::from(&p);
    assert_eq!(flat.validate().unwrap(), p);
    let json = serde_json::to_value(Place::new(7, p.clone())).unwrap();
    assert_eq!(json["id"], 7);
    assert_eq!(json["assurance"], "certified");
    assert_eq!(json["lat"], 43.0621);
    let back: Place = serde_json::from_value(json).unwrap();
    assert_eq!(back.fields, p);
}

#[test]
fn a_place_serializes_exactly_as_its_flat_form() {
    let mut full = fields();
    full.name_ja = Some("ラーメン・ヒラル \"本店\"".into());
    full.name_th = Some("ราเมนฮิลาล".into());
    full.name_ms = Some("Ramen Hilal".into());
    full.name_ar = Some("رامن هلال".into());
    full.name_id = Some("Ramen Hilal".into());
    full.chain_en = Some("Hilal".into());
    full.chain_th = Some("ฮิลาล".into());
    full.branch_ja = Some("大通店".into());
    full.branch_ms = Some("Odori".into());
    full.address = Some("Kita 1 Nishi 2\tChuo-ku".into());
    full.phone = Some("011-555-0100".into());
    full.website = Some("https://example.org/hilal?a=1&b=2".into());
    full.locality_id = Some(3);
    full.alcohol_served = Some(false);
    full.prayer_space = Some(true);
    full.wudu = Some(true);
    full.opening_hours = Some(r#"Mo-Fr 11:00-21:00; PH off "ask""#.into());
    full.attribution = Some("© someone".into());
    let bare = PlaceFields {
        name_ar: Some("مطعم".into()),
        category: Some("cafe".into()),
        lat: Some(-0.5),
        lon: Some(-179.25),
        assurance: Some("unknown".into()),
        source: Some("openstreetmap".into()),
        source_id: Some("node/1".into()),
        ..Default::default()
    };
    for f in [full, bare] {
        let p = f.validate().unwrap();
        let flat = PlaceFields::from(&p);
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            serde_json::to_string(&flat).unwrap()
        );
        let place = Place::new(12, p);
        let mut want = serde_json::to_string(&flat).unwrap();
        want.insert_str(1, "\"id\":12,\"version\":1,\"office_id\":1,");
        assert_eq!(serde_json::to_string(&place).unwrap(), want);
        assert_eq!(serde_json::from_str::<Place>(&want).unwrap(), place);
    }
}

#[test]
fn certification_never_blurs() {
    // Certified needs all four certificate fields.
    let mut f = fields();
    f.certifier = None;
    f.certificate_valid_until = Some("2026-13-40".into());
    let errs = f.validate().unwrap_err();
    assert_eq!(fields_of(&errs), ["certifier", "certificate_valid_until"]);
    assert_eq!(errs[0].code, "required");
    assert_eq!(errs[1].code, "invalid_date");
    // Other levels carry no certificate.
    let mut f = fields();
    f.assurance = Some("self_declared".into());
    let errs = f.validate().unwrap_err();
    assert_eq!(errs.len(), 4);
    assert!(errs.iter().all(|e| e.code == "not_certified"));
    // A certificate cannot end before it starts.
    let mut f = fields();
    f.certificate_valid_until = Some("2025-12-31".into());
    assert_eq!(f.validate().unwrap_err()[0].code, "before_start");
    // Unknown levels are refused with the accepted ones named.
    let mut f = fields();
    f.assurance = Some("halal-ish".into());
    let errs = f.validate().unwrap_err();
    assert_eq!(errs[0].field, "assurance");
    assert!(errs[0].message.contains("pork_free"));
}

#[test]
fn every_bad_field_is_named() {
    let f = PlaceFields {
        name_en: Some("   ".into()),
        category: Some("bar".into()),
        lat: Some(91.0),
        lon: Some(f64::NAN),
        phone: Some("call us".into()),
        website: Some("ftp://x".into()),
        opening_hours: Some("x".repeat(300)),
        source: Some("openstreetmap".into()),
        source_id: Some("node/abc".into()),
        last_verified: Some("yesterday".into()),
        ..Default::default()
    };
    let errs = f.validate().unwrap_err();
    assert_eq!(
        fields_of(&errs),
        [
            "name_en",
            "category",
            "phone",
            "website",
            "lat",
            "lon",
            "assurance",
            "opening_hours",
            "source_id",
            "last_verified"
        ]
    );
    let none = PlaceFields::default().validate().unwrap_err();
    assert_eq!(
        fields_of(&none),
        ["name_en", "category", "lat", "lon", "assurance", "source", "source_id"]
    );
    assert!(none[0].message.contains("at least one"));
}

#[test]
fn osm_data_keeps_its_odbl_attribution() {
    let mut f = fields();
    f.source = Some("openstreetmap".into());
    f.source_id = Some("node/123".into());
    let p = f.validate().unwrap();
    assert_eq!(p.attribution.as_ref().unwrap().as_str(), OSM_ATTRIBUTION);
    f.attribution = Some("mine".into());
    assert_eq!(f.validate().unwrap_err()[0].code, "attribution_required");
    for bad in ["123", "node/", "point/1", "node/01"] {
        f.source_id = Some(bad.into());
        f.attribution = None;
        assert_eq!(f.validate().unwrap_err()[0].code, "invalid_osm_id", "{bad}");
    }
}

#[test]
fn positions_are_held_to_a_ten_millionth_of_a_degree() {
    let p = LatLon::new(43.062_112_345, -180.0).unwrap();
    assert_eq!(p.lat_e7(), 430_621_123);
    assert_eq!(p.lon(), -180.0);
    assert_eq!(LatLon::from_e7(p.lat_e7(), p.lon_e7()).unwrap(), p);
    assert!(LatLon::from_e7(900_000_001, 0).is_err());
    let q = LatLon::new(43.0621, 141.3544).unwrap();
    assert_eq!(q.lat(), 43.0621);
    assert_eq!(fields_of(&LatLon::new(-90.5, 181.0).unwrap_err()), ["lat", "lon"]);
}

#[test]
fn haversine_distances() {
    assert_eq!(haversine_m(43.0, 141.0, 43.0, 141.0), 0.0);
    // One degree of latitude on the mean sphere: πR/180 = 111,195.08 m.
    let one = haversine_m(0.0, 0.0, 1.0, 0.0);
    assert!((one - 111_195.08).abs() < 0.01, "{one}");
    // Across the antimeridian: 0.2° of longitude at the equator.
    let across = haversine_m(0.0, 179.9, 0.0, -179.9);
    assert!((across - 2.0 * 11_119.508).abs() < 0.01, "{across}");
    // Antipodes: half the circumference (haversine loses a little
    // precision there, well under a metre).
    let half = haversine_m(10.0, 20.0, -10.0, -160.0);
    assert!(
        (half - std::f64::consts::PI * EARTH_MEAN_RADIUS_M).abs() < 0.5,
        "{half}"
    );
    // Sapporo Station to Odori Park, about 1.0 km (the ellipsoid gives ~1,004 m).
    let s = haversine_m(43.0687, 141.3508, 43.0596, 141.3500);
    assert!((s - 1013.0).abs() < 5.0, "{s}");
}

#[test]
fn stale_after_twelve_months_unverified() {
    let mut p = fields().validate().unwrap();
    p.last_verified = Some(d("2025-11-23"));
    assert!(p.is_stale(d("2026-11-23")));
    assert!(!p.is_stale(d("2026-11-22")));
    p.last_verified = None;
    assert!(p.is_stale(d("2026-11-23")), "never verified is stale");
}

#[test]
fn certificates_expiring_within_thirty_days() {
    let p = fields().validate().unwrap(); // valid until 2026-12-10
    assert!(p.certificate_expires_within(d("2026-11-23"), EXPIRY_WARNING_DAYS));
    assert!(!p.certificate_expires_within(d("2026-11-09"), EXPIRY_WARNING_DAYS));
    assert!(p.certificate_expires_within(d("2026-11-10"), EXPIRY_WARNING_DAYS));
    assert!(
        !p.certificate_expires_within(d("2026-12-11"), EXPIRY_WARNING_DAYS),
        "expired"
    );
    assert_eq!(p.certificate_status(d("2026-11-23")), Some(CertificateStatus::Expiring));
    assert_eq!(p.certificate_status(d("2026-06-01")), Some(CertificateStatus::Valid));
    assert_eq!(p.certificate_status(d("2026-12-11")), Some(CertificateStatus::Expired));
    assert_eq!(
        p.certificate_status(d("2025-12-31")),
        Some(CertificateStatus::NotYetValid)
    );
    assert!(p.certified_on(d("2026-12-10")));
    assert!(!p.certified_on(d("2026-12-11")));
    let mut f = fields();
    f.assurance = Some("pork_free".into());
    f.certifier = None;
    f.certificate_number = None;
    f.certificate_valid_from = None;
    f.certificate_valid_until = None;
    let q = f.validate().unwrap();
    assert!(!q.certificate_expires_within(d("2026-11-23"), 30));
    assert_eq!(q.certificate_status(d("2026-11-23")), None);
}

#[test]
fn unknown_fields_are_refused() {
    let r: Result<PlaceFields, _> = serde_json::from_str(r#"{"name_en": "x", "halal": true}"#);
    assert!(r.unwrap_err().to_string().contains("halal"));
}

fn mosque() -> PlaceFields {
    PlaceFields {
        category: Some("mosque".into()),
        assurance: Some("unknown".into()),
        certifier: None,
        certificate_number: None,
        certificate_valid_from: None,
        certificate_valid_until: None,
        ..fields()
    }
}

#[test]
fn visitor_details_round_trip_through_the_flat_form() {
    let mut f = mosque();
    f.jumuah_time = Some("12:15".into());
    f.jumuah_second_time = Some(" 13:30 ".into());
    f.jumuah_note_en = Some("Sermon in Arabic and English".into());
    f.jumuah_note_ms = Some("Khutbah dalam bahasa Arab dan Inggeris".into());
    f.payment = Some("qr_code; cash".into());
    f.price_range = Some(2);
    let p = f.validate().unwrap();
    let j = p.jumuah.clone().expect("a Friday prayer");
    assert_eq!(j.time.format("%H:%M").to_string(), "12:15");
    assert_eq!(
        j.second.map(|t| t.format("%H:%M").to_string()).as_deref(),
        Some("13:30")
    );
    assert!(p.payment.contains(PaymentMethod::Cash) && p.payment.contains(PaymentMethod::QrCode));
    assert!(!p.payment.contains(PaymentMethod::CreditCard));
    assert_eq!(p.price_range.map(PriceRange::level), Some(2));
    let flat = PlaceFields::from(&p);
    assert_eq!(flat.payment.as_deref(), Some("cash;qr_code"));
    assert_eq!(flat.jumuah_second_time.as_deref(), Some("13:30"));
    assert_eq!(flat.validate().unwrap(), p);
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["jumuah_time"], "12:15");
    assert_eq!(json["jumuah_note_th"], serde_json::Value::Null);
    assert_eq!(json["payment"], "cash;qr_code");
    assert_eq!(json["price_range"], 2);
    assert_eq!(serde_json::to_value(&flat).unwrap(), json);

    // Nothing known: no Friday prayer, no ways to pay, no price range,
    // and the flat form says null rather than an empty list.
    let bare = fields().validate().unwrap();
    assert!(bare.jumuah.is_none() && bare.payment.is_empty() && bare.price_range.is_none());
    let json = serde_json::to_value(&bare).unwrap();
    assert_eq!(json["payment"], serde_json::Value::Null);
    assert_eq!(json["price_range"], serde_json::Value::Null);
}

#[test]
fn visitor_details_are_refused_with_a_reason_per_field() {
    let mut f = mosque();
    f.jumuah_time = Some("13:00".into());
    f.jumuah_second_time = Some("12:30".into());
    f.payment = Some("cash;cheque".into());
    f.price_range = Some(5);
    let errs = f.validate().unwrap_err();
    assert_eq!(fields_of(&errs), ["jumuah_second_time", "payment", "price_range"]);
    assert_eq!(errs[0].code, "before_first");
    assert!(errs[1].message.contains("\"cheque\""), "{}", errs[1].message);
    assert!(errs[2].message.contains("1 (cheap) to 4"), "{}", errs[2].message);

    // A restaurant has no Friday prayer; a note needs a time; times are
    // midday clock times.
    let mut r = fields();
    r.jumuah_time = Some("12:30".into());
    let errs = r.validate().unwrap_err();
    assert_eq!(
        (errs[0].field.as_str(), errs[0].code.as_str()),
        ("jumuah_time", "not_a_mosque")
    );
    let mut n = mosque();
    n.jumuah_note_ja = Some("説教は日本語".into());
    let errs = n.validate().unwrap_err();
    assert_eq!(
        (errs[0].field.as_str(), errs[0].code.as_str()),
        ("jumuah_time", "required")
    );
    for (raw, code) in [("7:00", "out_of_range"), ("half past twelve", "invalid_time")] {
        let mut t = mosque();
        t.jumuah_time = Some(raw.into());
        let errs = t.validate().unwrap_err();
        assert_eq!(
            (errs[0].field.as_str(), errs[0].code.as_str()),
            ("jumuah_time", code),
            "{raw}"
        );
    }
}
