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
            matches!(read(bytes, Encoding::Xml, false), Err(IoError::BadFile(_))),
            "{bytes:?}"
        );
        assert!(
            matches!(read(bytes, Encoding::Pbf, false), Err(IoError::BadFile(_))),
            "{bytes:?}"
        );
    }
    // Cut short after a whole object: refused, not half imported.
    let cut = b"<osm version=\"0.6\"><node id=\"1\" lat=\"43\" lon=\"141\"><tag k=\"diet:halal\" v=\"yes\"/></node>";
    assert!(matches!(read(cut, Encoding::Xml, false), Err(IoError::BadFile(m)) if m.contains("cut short")));
    assert!(read(b"<osm version=\"0.6\"/>", Encoding::Xml, false).is_ok_and(|f| f.read == 0));
    // A blob header length far beyond what PBF allows.
    assert!(matches!(
        read(b"\x7f\xff\xff\xffjunk", Encoding::Pbf, false),
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

#[test]
fn halal_shops_and_butchers() {
    let cat = |t: &[(&str, &str)]| category(&Tags(&tags(t)));
    assert_eq!(cat(&[("shop", "butcher"), ("butcher", "halal")]), "halal_shop");
    assert_eq!(cat(&[("shop", "supermarket"), ("diet:halal", "only")]), "halal_shop");
    assert_eq!(cat(&[("shop", "clothes"), ("diet:halal", "yes")]), "halal_shop");
    assert_eq!(cat(&[("shop", "halal")]), "halal_shop");
    // Some halal food among the rest is still a grocery.
    assert_eq!(cat(&[("shop", "supermarket"), ("diet:halal", "limited")]), "grocery");
    assert_eq!(cat(&[("amenity", "restaurant"), ("diet:halal", "only")]), "restaurant");
    // A halal butcher is a place whatever its diet:halal says.
    assert!(is_place(&Tags(&tags(&[("shop", "butcher"), ("butcher", "halal")]))));
    assert!(!is_place(&Tags(&tags(&[("shop", "butcher")]))));
}

/// One node as an OpenStreetMap XML file.
fn node_file(nodes: &[(i64, &[(&str, &str)])]) -> Vec<u8> {
    let mut s = String::from("<osm version=\"0.6\">");
    for (id, t) in nodes {
        s.push_str(&format!("<node id=\"{id}\" lat=\"60.17\" lon=\"24.94\">"));
        for (k, v) in *t {
            s.push_str(&format!("<tag k=\"{k}\" v=\"{v}\"/>"));
        }
        s.push_str("</node>");
    }
    s.push_str("</osm>");
    s.into_bytes()
}

#[test]
fn read_leniently_objects_are_mended_or_left_out_with_their_reason() {
    let halal = ("diet:halal", "yes");
    let file = node_file(&[
        (1, &[halal, ("amenity", "restaurant"), ("brand", "Hesburger")]),
        (2, &[halal, ("amenity", "fast_food"), ("operator", "Kotipizza Oyj")]),
        (3, &[halal, ("amenity", "cafe"), ("addr:street", "Bulevardi")]),
        (4, &[halal, ("amenity", "restaurant"), ("addr:street", "北一条通")]),
        (5, &[halal, ("amenity", "restaurant")]),
        (
            6,
            &[
                halal,
                ("name", "Teemaa"),
                ("website", "www.teemaa.com"),
                ("phone", "call us"),
            ],
        ),
        (7, &[halal, ("name", "Long"), ("name:en", &"x".repeat(501))]),
        (8, &[("amenity", "bench")]),
    ]);
    let f = read(&file, Encoding::Xml, true).unwrap();
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert!(f.lenient);
    assert_eq!((f.read, f.skipped, f.records.len(), f.left_out.len()), (7, 1, 5, 2));
    let names: Vec<String> = f
        .records
        .iter()
        .map(|r| r.input.names.best(&["en", "ja"]).to_string())
        .collect();
    assert_eq!(
        names,
        [
            "Hesburger",
            "Kotipizza Oyj",
            "Café, Bulevardi",
            "レストラン（北一条通）",
            "Teemaa"
        ]
    );
    let website = f.records[4].input.website.as_ref().map(ToString::to_string);
    assert_eq!(website.as_deref(), Some("https://www.teemaa.com"));
    assert!(f.records[4].input.phone.is_none());
    let codes: Vec<(&str, &str, &str)> = f
        .warnings
        .iter()
        .map(|w| (w.object.as_str(), w.tag.as_str(), w.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("node/1", "brand", "name_from_brand"),
            ("node/2", "operator", "name_from_operator"),
            ("node/3", "addr:street", "name_from_street"),
            ("node/4", "addr:street", "name_from_street"),
            ("node/6", "website", "website_https_added"),
            ("node/6", "phone", "phone_dropped"),
        ]
    );
    let out: Vec<(&str, &str, &str)> = f
        .left_out
        .iter()
        .map(|w| (w.object.as_str(), w.tag.as_str(), w.code.as_str()))
        .collect();
    assert_eq!(out, [("node/5", "name", "no_name"), ("node/7", "name:en", "too_long")]);
    assert!(
        f.left_out[0].reason.contains("brand, operator or addr:street"),
        "{}",
        f.left_out[0].reason
    );

    // Read strictly, the same file refuses: every problem an error, nothing mended.
    let f = read(&file, Encoding::Xml, false).unwrap();
    assert!(f.left_out.is_empty() && f.warnings.is_empty() && !f.lenient);
    let objects: Vec<&str> = f
        .errors
        .iter()
        .map(|e| e.reason.rsplit('[').next().unwrap_or(""))
        .collect();
    assert_eq!(
        objects,
        [
            "node/1]", "node/2]", "node/3]", "node/4]", "node/5]", "node/6]", "node/6]", "node/7]"
        ]
    );
}

#[test]
fn payment_tags_say_how_one_can_pay() {
    let pay = |pairs: &[(&str, &str)]| {
        let mut all = vec![("amenity", "restaurant"), ("diet:halal", "yes"), ("name", "X")];
        all.extend_from_slice(pairs);
        fields(&Tags(&tags(&all))).0.payment
    };
    assert_eq!(
        pay(&[
            ("payment:cash", "yes"),
            ("payment:credit_cards", "yes"),
            ("payment:kitaca", "yes"),
            ("payment:paypay", "yes"),
        ])
        .as_deref(),
        Some("cash;credit_card;ic_card;qr_code")
    );
    // Brands and kinds of one way count once; "no" is not taken.
    assert_eq!(
        pay(&[
            ("payment:visa", "yes"),
            ("payment:jcb", "Yes"),
            ("payment:cash", "no"),
            ("payment:electronic_purses", "yes"),
        ])
        .as_deref(),
        Some("credit_card;ic_card")
    );
    assert_eq!(pay(&[("payment:coins", "only")]).as_deref(), Some("cash"));
    assert_eq!(pay(&[("payment:contactless", "yes")]).as_deref(), Some("credit_card"));
    assert_eq!(pay(&[("payment:cash", "no"), ("payment:bitcoin", "yes")]), None);
    assert_eq!(pay(&[]), None, "no tag: not known");
    // What the mapping writes, the place's rules read.
    let all = pay(&[("payment:ic_cards", "yes"), ("payment:alipay", "yes")]).unwrap();
    assert_eq!(
        kizuna_domain::map::place::Payments::parse(&all).unwrap().to_string(),
        "ic_card;qr_code"
    );
}
