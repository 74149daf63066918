//! The map's searches read the places they found through
//! `Store::places_by_ids` (each batch of rows as one JSON value): the
//! places it reads are the places `Store::get_many` reads, field for field,
//! on both databases — every field given (certificate dates, flags true and
//! false, texts with quotes, backslashes, scripts and emoji), few given,
//! ids that do not exist, and more ids than one batch holds.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use kizuna_domain::common::{DEFAULT_OFFICE, Id};
use kizuna_domain::fields::Fields as _;
use kizuna_domain::map::place::{Place, PlaceFields};
use kizuna_store::{Actor, Backend, Store};
use kizuna_testkit::fresh_store;

kizuna_testkit::on_both!(places_read_by_id_are_the_places_get_many_reads);

fn full(i: usize) -> PlaceFields {
    let odd = i % 2 == 1;
    PlaceFields {
        name_ja: Some(format!("ナラ \"ハラール\" \\ 食堂 {i}")),
        name_en: Some(format!("Nara Halal </script> & 'quotes' {i}")),
        name_th: Some("ร้านอาหารฮาลาล".into()),
        name_ms: Some("Restoran Halal 😀".into()),
        name_ar: Some("مطعم حلال".into()),
        name_id: Some("Rumah Makan".into()),
        category: Some(if odd { "mosque" } else { "restaurant" }.into()),
        chain_en: Some("Zam Zam Group".into()),
        chain_ja: Some("ザムザム".into()),
        chain_th: Some("แซมแซม".into()),
        chain_ms: Some("Kumpulan Zam Zam".into()),
        branch_en: Some("Station \\ Branch".into()),
        branch_ja: Some("駅前店".into()),
        branch_th: Some("สาขาสถานี".into()),
        branch_ms: Some("Cawangan Stesen".into()),
        address: Some("奈良市 1-2-3 \"A\" Bldg".into()),
        phone: Some("+81 742-00-0000".into()),
        website: Some("https://example.org/halal?a=1&b=2".into()),
        lat: Some(34.685_123_4 + i as f64 * 1e-7),
        lon: Some(-135.804_987_6 + i as f64 * 1e-7),
        assurance: Some("certified".into()),
        certifier: Some("Japan Halal Association".into()),
        certificate_number: Some(format!("JHA-{i:04}")),
        certificate_valid_from: Some("2025-01-31".into()),
        certificate_valid_until: Some("2027-12-01".into()),
        alcohol_served: Some(odd),
        prayer_space: Some(!odd),
        wudu: Some(true),
        women_space: Some(false),
        qibla_marked: Some(odd),
        prayer_mats: Some(true),
        jumuah_time: odd.then(|| "12:15".into()),
        jumuah_second_time: odd.then(|| "13:30".into()),
        jumuah_note_en: odd.then(|| "Sermon in English".into()),
        jumuah_note_ja: odd.then(|| "説教は日本語".into()),
        jumuah_note_th: odd.then(|| "เทศนา".into()),
        jumuah_note_ms: odd.then(|| "Khutbah".into()),
        payment: Some("cash;credit_card;ic_card;qr_code".into()),
        price_range: Some(i64::try_from(i % 4 + 1).unwrap()),
        opening_hours: Some("Mo-Sa 11:00-21:00; Su off".into()),
        source: Some("staff".into()),
        source_id: Some(format!("full-{i}")),
        attribution: Some("Kizuna \"staff\"".into()),
        last_verified: Some("2026-11-23".into()),
        description_en: Some("Line one\nline two\ttabbed".into()),
        description_ja: Some("説明".into()),
        description_th: Some("คำอธิบาย".into()),
        description_ms: Some("Keterangan".into()),
        ..PlaceFields::default()
    }
}

fn few(i: usize) -> PlaceFields {
    PlaceFields {
        name_en: Some(format!("Place {i}")),
        category: Some("cafe".into()),
        lat: Some(-43.0 + i as f64 * 0.001),
        lon: Some(179.999),
        assurance: Some("unknown".into()),
        source: Some("import".into()),
        source_id: Some(format!("few-{i}")),
        ..PlaceFields::default()
    }
}

async fn places_read_by_id_are_the_places_get_many_reads(backend: Backend) {
    let store: Store = fresh_store(backend)
        .await
        .unwrap()
        .acting(Actor::request(Some(3), "console", None));
    let mut ids: Vec<Id> = Vec::new();
    for i in 0..620 {
        let f = if i % 3 == 0 { full(i) } else { few(i) };
        let p = store
            .insert::<Place>(DEFAULT_OFFICE, &f.validate().unwrap())
            .await
            .unwrap();
        ids.push(p.id);
    }
    // Not in id order, with ids that do not exist, over one batch (500).
    let mut asked: Vec<Id> = ids.iter().rev().copied().collect();
    asked.insert(7, 9_999_999);
    asked.push(-1);
    let mut read = store.places_by_ids(&asked).await.unwrap();
    read.sort_by_key(|p| p.id);
    let expected = store.get_many::<Place>(&ids).await.unwrap();
    assert_eq!(read.len(), ids.len());
    assert_eq!(read, expected);
    // A place with every field given compares field for field (certificate, flags, texts).
    for i in [0, 3] {
        let read_full = read.iter().find(|p| p.id == ids[i]).unwrap();
        let fields = PlaceFields::from(&read_full.fields);
        assert_eq!(fields, PlaceFields::from(&full(i).validate().unwrap()));
        let columns = PlaceFields::columns();
        let empty: Vec<&str> = fields
            .write()
            .iter()
            .zip(columns)
            .filter(|(v, _)| v.is_null())
            .map(|(_, c)| c.name.as_str())
            .collect();
        let jumuah = [
            "jumuah_time",
            "jumuah_second_time",
            "jumuah_note_en",
            "jumuah_note_ja",
            "jumuah_note_th",
            "jumuah_note_ms",
        ];
        // The mosque (3) has every column but its locality; the restaurant no Friday prayer.
        let expected: Vec<&str> = std::iter::once("locality_id")
            .chain(jumuah.into_iter().filter(|_| i == 0))
            .collect();
        assert_eq!(empty, expected, "place {i}");
    }
    assert!(store.places_by_ids(&[]).await.unwrap().is_empty());
    assert!(store.places_by_ids(&[123_456_789]).await.unwrap().is_empty());
}
