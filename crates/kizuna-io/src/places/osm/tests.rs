use super::*;

fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn which_objects_are_places() {
    let yes = [
        vec![("diet:halal", "yes"), ("amenity", "restaurant")],
        vec![("diet:halal", "Limited")],
        vec![("amenity", "place_of_worship"), ("religion", "muslim")],
        vec![("amenity", "prayer_room")],
        vec![("room", "prayer"), ("religion", "muslim")],
        vec![("room", "multi_faith")],
        vec![("amenity", "place_of_worship"), ("religion", "multifaith")],
        vec![("amenity", "cafe"), ("prayer_room", "yes")],
    ];
    for t in yes {
        assert!(is_place(&Tags(&tags(&t))), "{t:?}");
    }
    let no = [
        vec![("diet:halal", "no"), ("amenity", "restaurant")],
        vec![("diet:vegetarian", "yes"), ("amenity", "restaurant")],
        vec![("amenity", "place_of_worship"), ("religion", "buddhist")],
        vec![("amenity", "prayer_room"), ("religion", "christian")],
        vec![("room", "prayer")],
        vec![("highway", "residential"), ("name", "Halal Street")],
    ];
    for t in no {
        assert!(!is_place(&Tags(&tags(&t))), "{t:?}");
    }
}

#[test]
fn names_go_where_their_script_shows() {
    assert_eq!(script_language("ハラール食堂"), "ja");
    assert_eq!(script_language("札幌"), "ja");
    assert_eq!(script_language("ร้านอาหาร"), "th");
    assert_eq!(script_language("مسجد"), "ar");
    assert_eq!(script_language("Kedai Makan"), "en");
    let (f, _) = fields(&Tags(&tags(&[("name", "ハラール食堂"), ("name:en", "Halal Diner")])));
    assert_eq!(
        (f.name_ja.as_deref(), f.name_en.as_deref()),
        (Some("ハラール食堂"), Some("Halal Diner"))
    );
    let (f, _) = fields(&Tags(&tags(&[("name", "Other"), ("name:en", "Halal Diner")])));
    assert_eq!((f.name_ja, f.name_en.as_deref()), (None, Some("Halal Diner")));
}

#[test]
fn certified_only_with_the_whole_certificate() {
    let full = [
        ("diet:halal", "only"),
        ("diet:halal:certification", "Test Halal Body"),
        ("diet:halal:certification:ref", "THB-1"),
        ("diet:halal:certification:start_date", "2026-01-01"),
        ("diet:halal:certification:end_date", "2027-01-01"),
    ];
    let (f, from) = fields(&Tags(&tags(&full)));
    assert_eq!(f.assurance.as_deref(), Some("certified"));
    assert_eq!(f.certificate_number.as_deref(), Some("THB-1"));
    assert_eq!(from["certificate_valid_until"].0, "diet:halal:certification:end_date");
    assert!(f.validate().is_err(), "no name, no position yet");
    for drop in 1..full.len() {
        let partial: Vec<_> = full
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != drop)
            .map(|(_, t)| *t)
            .collect();
        let (f, _) = fields(&Tags(&tags(&partial)));
        assert_eq!(
            f.assurance.as_deref(),
            Some("self_declared"),
            "without {:?}",
            full[drop]
        );
        assert!(f.certifier.is_none() && f.certificate_valid_from.is_none());
    }
    // A certificate on a place that is not halal-only certifies nothing.
    let mut yes = full;
    yes[0] = ("diet:halal", "yes");
    assert_eq!(fields(&Tags(&tags(&yes))).0.assurance.as_deref(), Some("self_declared"));
    // A bad date is not guessed.
    let mut bad = full;
    bad[4] = ("diet:halal:certification:end_date", "next year");
    assert_eq!(fields(&Tags(&tags(&bad))).0.assurance.as_deref(), Some("self_declared"));
}

#[test]
fn centroids_on_the_sphere() {
    let (lat, lon) =
        centroid([(43.0, 141.0), (43.0, 141.002), (43.002, 141.002), (43.002, 141.0)].into_iter()).unwrap();
    assert!(
        (lat - 43.001).abs() < 1e-6 && (lon - 141.001).abs() < 1e-9,
        "{lat},{lon}"
    );
    let (_, lon) = centroid([(0.0, 179.9), (0.0, -179.9)].into_iter()).unwrap();
    assert!((lon.abs() - 180.0).abs() < 1e-9, "{lon}");
    assert_eq!(centroid(std::iter::empty()), None);
}

#[test]
fn garbage_is_a_bad_file_in_both_encodings() {
    for bytes in [
        &b""[..],
        b"\x00\x01\x02\xff\xfe",
        b"<html></html>",
        b"{\"type\": \"FeatureCollection\"}",
    ] {
        assert!(
            matches!(read(bytes, Encoding::Xml), Err(IoError::BadFile(_))),
            "{bytes:?}"
        );
        assert!(
            matches!(read(bytes, Encoding::Pbf), Err(IoError::BadFile(_))),
            "{bytes:?}"
        );
    }
    // Cut short after a whole object: refused, not half imported.
    let cut = b"<osm version=\"0.6\"><node id=\"1\" lat=\"43\" lon=\"141\"><tag k=\"diet:halal\" v=\"yes\"/></node>";
    assert!(matches!(read(cut, Encoding::Xml), Err(IoError::BadFile(m)) if m.contains("cut short")));
    assert!(read(b"<osm version=\"0.6\"/>", Encoding::Xml).is_ok_and(|f| f.read == 0));
    // A blob header length far beyond what PBF allows.
    assert!(matches!(
        read(b"\x7f\xff\xff\xffjunk", Encoding::Pbf),
        Err(IoError::BadFile(_))
    ));
}

#[test]
fn brand_and_branch_go_to_their_language() {
    let local = |f: &PlaceFields| {
        [
            [&f.chain_en, &f.chain_ja, &f.chain_th, &f.chain_ms].map(Clone::clone),
            [&f.branch_en, &f.branch_ja, &f.branch_th, &f.branch_ms].map(Clone::clone),
        ]
    };
    let s = |v: &str| Some(v.to_owned());
    // Plain tags, in Japan in Japanese: the language their script shows.
    let (f, from) = fields(&Tags(&tags(&[("brand", "ヒラルラーメン北"), ("branch", "札幌駅前店")])));
    assert_eq!(
        local(&f),
        [
            [None, s("ヒラルラーメン北"), None, None],
            [None, s("札幌駅前店"), None, None]
        ]
    );
    assert_eq!(from["chain_ja"].0, "brand");
    assert_eq!(from["branch_ja"].0, "branch");
    let (f, _) = fields(&Tags(&tags(&[("brand", "ฮิลาลราเมน"), ("branch", "Odori")])));
    assert_eq!(
        local(&f),
        [[None, None, s("ฮิลาลราเมน"), None], [s("Odori"), None, None, None]]
    );
    // Tags with a language go to it; the plain one fills another language
    // only when that one is not given.
    let (f, from) = fields(&Tags(&tags(&[
        ("brand", "ヒラルラーメン北"),
        ("brand:ja", "ヒラルラーメン北海道"),
        ("brand:en", "Hilal Ramen Kita"),
        ("brand:th", "ฮิลาลราเมนคิตะ"),
        ("brand:ms", "Ramen Hilal Kita"),
        ("branch", "Odori"),
        ("branch:ja", "大通店"),
        ("branch:th", "สาขาโอโดริ"),
        ("branch:fr", "Odori (fr)"),
    ])));
    assert_eq!(
        local(&f),
        [
            [
                s("Hilal Ramen Kita"),
                s("ヒラルラーメン北海道"),
                s("ฮิลาลราเมนคิตะ"),
                s("Ramen Hilal Kita")
            ],
            [s("Odori"), s("大通店"), s("สาขาโอโดริ"), None],
        ]
    );
    assert_eq!(from["chain_ja"].0, "brand:ja");
    assert_eq!(from["branch_en"].0, "branch");
    assert_eq!(from["branch_th"].0, "branch:th");
}
