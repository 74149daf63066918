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

// ---------------------------------------------------------------------------
// PBF: a small writer for the tests, and the reader against osmpbf
// ---------------------------------------------------------------------------

/// Protocol buffer writing, enough for PBF test files.
mod pb {
    pub fn varint(out: &mut Vec<u8>, mut v: u64) {
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }
    pub fn zz(v: i64) -> u64 {
        ((v << 1) ^ (v >> 63)) as u64
    }
    pub fn int(out: &mut Vec<u8>, field: u32, v: u64) {
        varint(out, u64::from(field) << 3);
        varint(out, v);
    }
    pub fn bytes(out: &mut Vec<u8>, field: u32, b: &[u8]) {
        varint(out, (u64::from(field) << 3) | 2);
        varint(out, b.len() as u64);
        out.extend_from_slice(b);
    }
    pub fn packed(out: &mut Vec<u8>, field: u32, vs: impl IntoIterator<Item = u64>) {
        let mut p = Vec::new();
        for v in vs {
            varint(&mut p, v);
        }
        bytes(out, field, &p);
    }
    /// Deltas of `vs`, zigzagged.
    pub fn deltas(vs: &[i64]) -> Vec<u64> {
        let mut prev = 0;
        vs.iter()
            .map(|v| {
                let d = zz(v - prev);
                prev = *v;
                d
            })
            .collect()
    }
}

/// An object for [`pbf_file`]: a node (id, lat, lon, tags), a way (id,
/// tags, nodes) or a relation (id, tags, members).
enum Obj<'a> {
    Node(i64, f64, f64, &'a [(&'a str, &'a str)]),
    Way(i64, &'a [(&'a str, &'a str)], &'a [i64]),
    Rel(i64, &'a [(&'a str, &'a str)], &'a [(Kind, i64)]),
}

/// A PBF file of `blocks`, each one block (dense nodes, ways or
/// relations, as its objects are), zlib-compressed when `zlib`.
fn pbf_file(blocks: &[&[Obj]], zlib: bool) -> Vec<u8> {
    use pb::*;
    let mut file = Vec::new();
    let blob = |file: &mut Vec<u8>, kind: &str, block: Vec<u8>| {
        let mut b = Vec::new();
        if zlib {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            std::io::Write::write_all(&mut z, &block).unwrap();
            int(&mut b, 2, block.len() as u64);
            bytes(&mut b, 3, &z.finish().unwrap());
        } else {
            bytes(&mut b, 1, &block);
        }
        let mut h = Vec::new();
        bytes(&mut h, 1, kind.as_bytes());
        int(&mut h, 3, b.len() as u64);
        file.extend_from_slice(&(h.len() as u32).to_be_bytes());
        file.extend_from_slice(&h);
        file.extend_from_slice(&b);
    };
    let mut header = Vec::new();
    bytes(&mut header, 4, b"OsmSchema-V0.6");
    bytes(&mut header, 4, b"DenseNodes");
    blob(&mut file, "OSMHeader", header);
    for objects in blocks {
        let mut strings: Vec<String> = vec![String::new()];
        let mut s = |x: &str| -> u64 {
            if let Some(i) = strings.iter().position(|y| *y == x) {
                return i as u64;
            }
            strings.push(x.to_owned());
            (strings.len() - 1) as u64
        };
        let mut group = Vec::new();
        let nodes: Vec<_> = objects
            .iter()
            .filter_map(|o| match o {
                Obj::Node(id, lat, lon, t) => Some((*id, *lat, *lon, *t)),
                _ => None,
            })
            .collect();
        if !nodes.is_empty() {
            let mut dense = Vec::new();
            let ids: Vec<i64> = nodes.iter().map(|n| n.0).collect();
            let lats: Vec<i64> = nodes.iter().map(|n| (n.1 * 1e7).round() as i64).collect();
            let lons: Vec<i64> = nodes.iter().map(|n| (n.2 * 1e7).round() as i64).collect();
            packed(&mut dense, 1, deltas(&ids));
            packed(&mut dense, 8, deltas(&lats));
            packed(&mut dense, 9, deltas(&lons));
            let mut kv = Vec::new();
            for n in &nodes {
                for (k, v) in n.3 {
                    kv.push(s(k));
                    kv.push(s(v));
                }
                kv.push(0);
            }
            packed(&mut dense, 10, kv);
            bytes(&mut group, 2, &dense);
        }
        for o in *objects {
            match o {
                Obj::Node(..) => {}
                Obj::Way(id, t, refs) => {
                    let mut w = Vec::new();
                    int(&mut w, 1, *id as u64);
                    packed(&mut w, 2, t.iter().map(|(k, _)| s(k)).collect::<Vec<_>>());
                    packed(&mut w, 3, t.iter().map(|(_, v)| s(v)).collect::<Vec<_>>());
                    packed(&mut w, 8, deltas(refs));
                    bytes(&mut group, 3, &w);
                }
                Obj::Rel(id, t, members) => {
                    let mut r = Vec::new();
                    int(&mut r, 1, *id as u64);
                    packed(&mut r, 2, t.iter().map(|(k, _)| s(k)).collect::<Vec<_>>());
                    packed(&mut r, 3, t.iter().map(|(_, v)| s(v)).collect::<Vec<_>>());
                    let role = s("outer");
                    packed(&mut r, 8, members.iter().map(|_| role));
                    let ids: Vec<i64> = members.iter().map(|m| m.1).collect();
                    packed(&mut r, 9, deltas(&ids));
                    packed(
                        &mut r,
                        10,
                        members.iter().map(|m| match m.0 {
                            Kind::Node => 0,
                            Kind::Way => 1,
                            Kind::Relation => 2,
                        }),
                    );
                    bytes(&mut group, 4, &r);
                }
            }
        }
        let mut table = Vec::new();
        for x in &strings {
            bytes(&mut table, 1, x.as_bytes());
        }
        let mut block = Vec::new();
        bytes(&mut block, 1, &table);
        bytes(&mut block, 2, &group);
        int(&mut block, 17, 100);
        blob(&mut file, "OSMData", block);
    }
    file
}

const MOSQUE: &[(&str, &str)] = &[
    ("amenity", "place_of_worship"),
    ("religion", "muslim"),
    ("name", "Masjid"),
];

#[test]
fn pbf_ways_and_relations_are_at_their_nodes_centroid() {
    let eatery: &[(&str, &str)] = &[
        ("amenity", "restaurant"),
        ("diet:halal", "yes"),
        ("name", "Halal Bistro"),
    ];
    let plain: &[(&str, &str)] = &[];
    // Nodes over three blocks; the places' ways and relations in the last.
    let b1 = [
        Obj::Node(1, 43.0, 141.0, plain),
        Obj::Node(2, 43.0, 141.002, plain),
        Obj::Node(3, 43.002, 141.002, plain),
        Obj::Node(4, 43.002, 141.0, plain),
        Obj::Node(5, 43.5, 141.5, &[("amenity", "bench")]),
    ];
    let b2 = [
        Obj::Node(100, 35.0, 139.0, plain),
        Obj::Node(101, 35.0, 139.2, plain),
        Obj::Node(102, 35.2, 139.1, eatery),
    ];
    let b3 = [Obj::Node(200, 10.0, 10.0, plain), Obj::Node(201, 10.0, 10.1, plain)];
    let ways = [
        Obj::Way(10, &[("building", "yes")], &[100, 101, 100]),
        Obj::Way(
            11,
            &[
                ("building", "yes"),
                ("amenity", "place_of_worship"),
                ("religion", "muslim"),
                ("name", "Masjid"),
            ],
            &[1, 2, 3, 4, 1],
        ),
        Obj::Way(12, &[("highway", "residential")], &[200, 201]),
    ];
    let rels = [
        Obj::Rel(
            20,
            &[
                ("type", "multipolygon"),
                ("amenity", "place_of_worship"),
                ("religion", "muslim"),
                ("name", "Kompleks"),
            ],
            &[(Kind::Way, 10)],
        ),
        Obj::Rel(21, &[("type", "route")], &[(Kind::Way, 12)]),
        Obj::Rel(
            22,
            &[("type", "multipolygon"), ("amenity", "prayer_room"), ("name", "Gone")],
            &[(Kind::Way, 999)],
        ),
    ];
    for zlib in [false, true] {
        let file = pbf_file(&[&b1, &b2, &b3, &ways, &rels], zlib);
        let f = read(&file, Encoding::Pbf, true).unwrap();
        assert_eq!((f.read, f.skipped), (4, 12), "four places among 16 objects");
        let at: Vec<(String, f64, f64)> = f
            .records
            .iter()
            .map(|r| (r.label.clone().unwrap(), r.input.position.lat(), r.input.position.lon()))
            .collect();
        assert_eq!(at.len(), 3, "{at:?}");
        assert_eq!(at[0].0, "node/102");
        // The way: its four corners once each (the closing node not twice).
        assert_eq!(at[1].0, "way/11");
        assert!(
            (at[1].1 - 43.001).abs() < 1e-6 && (at[1].2 - 141.001).abs() < 1e-6,
            "{at:?}"
        );
        // The relation: the nodes of its member way (read in a pass for ways).
        assert_eq!(at[2].0, "relation/20");
        assert!(
            (at[2].1 - 35.0).abs() < 1e-3 && (at[2].2 - 139.1).abs() < 1e-6,
            "{at:?}"
        );
        // A relation whose member way is not in the file: left out, saying why.
        assert_eq!(f.left_out.len(), 1);
        assert_eq!(
            (f.left_out[0].object.as_str(), f.left_out[0].code.as_str()),
            ("relation/22", "no_position")
        );
        assert!(
            f.left_out[0].reason.contains("none of this relation's 1 members"),
            "{}",
            f.left_out[0].reason
        );
        // Rows count every object in file order.
        assert_eq!(f.records[0].row, 8);
        assert_eq!(f.records[1].row, 12);
    }
}

#[test]
fn pbf_node_passes_read_only_blocks_that_can_hold_their_nodes() {
    let plain: &[(&str, &str)] = &[];
    let b1 = [Obj::Node(1, 1.0, 1.0, plain), Obj::Node(2, 1.0, 1.1, plain)];
    let b2 = [Obj::Node(50, 2.0, 2.0, plain), Obj::Node(60, 2.0, 2.1, plain)];
    let ways = [Obj::Way(7, MOSQUE, &[50, 60, 50])];
    let file = pbf_file(&[&b1, &b2, &ways], true);
    let source = Source::Pbf(&super::super::Bytes(&file));
    let mut index = BlobIndex::default();
    let (seen, kept) = scan(&source, &Want::Places, &mut index).unwrap();
    assert_eq!((seen, kept.len()), (5, 1));
    // Damage the first node block's data: a pass that reads it fails, one
    // that passes over it (its ids 1–2 hold none wanted) does not.
    let mut damaged = file.clone();
    let first_data = find_blob(&file, 1);
    for b in &mut damaged[first_data.0 + 8..first_data.1] {
        *b ^= 0x55;
    }
    let source = Source::Pbf(&super::super::Bytes(&damaged));
    let (_, nodes) = scan(&source, &Want::Nodes(&[50, 60]), &mut index).unwrap();
    let ids: Vec<i64> = nodes.iter().map(|(_, e)| e.id).collect();
    assert_eq!(ids, [50, 60]);
    assert!(
        scan(&source, &Want::Nodes(&[2]), &mut index).is_err(),
        "the damaged block is read"
    );
}

/// The byte range of blob `n` (from 0) of a PBF file: its blob message.
fn find_blob(file: &[u8], n: usize) -> (usize, usize) {
    let mut at = 0;
    for i in 0.. {
        let h = u32::from_be_bytes(file[at..at + 4].try_into().unwrap()) as usize;
        // The header's datasize: its last field (a varint).
        let header = &file[at + 4..at + 4 + h];
        let mut size = 0usize;
        let mut p = 0;
        while p < header.len() {
            let key = header[p];
            p += 1;
            if key & 7 == 2 {
                let len = header[p] as usize;
                p += 1 + len;
            } else {
                let (mut v, mut s) = (0usize, 0);
                loop {
                    let b = header[p];
                    p += 1;
                    v |= ((b & 0x7f) as usize) << s;
                    s += 7;
                    if b < 0x80 {
                        break;
                    }
                }
                if key >> 3 == 3 {
                    size = v;
                }
            }
        }
        let start = at + 4 + h;
        if i == n {
            return (start, start + size);
        }
        at = start + size;
    }
    unreachable!()
}

/// The real extract (central Helsinki, ODbL; see its README) read by
/// osmpbf object by object, as the reference.
const HELSINKI: &[u8] = include_bytes!("../../../../kizuna/tests/data/osm/helsinki-halal.osm.pbf");

/// An object as the reference reads it: its osm id, tags, nodes, members, position.
type Parts = (
    String,
    Vec<(String, String)>,
    Vec<i64>,
    Vec<(Kind, i64)>,
    Option<(f64, f64)>,
);
/// A place with its row.
type Seen = (
    usize,
    String,
    Vec<(String, String)>,
    Vec<i64>,
    Vec<(Kind, i64)>,
    Option<(f64, f64)>,
);

#[test]
fn pbf_reader_reads_a_real_extract_as_osmpbf_does() {
    use osmpbf::{Element as E, ElementReader, RelMemberType};
    let mut all = 0usize;
    let mut places: Vec<Seen> = Vec::new();
    let mut positions: HashMap<i64, (f64, f64)> = HashMap::new();
    let mut way_refs: Vec<i64> = Vec::new();
    ElementReader::new(HELSINKI)
        .for_each(|e| {
            all += 1;
            let (id, tags, refs, members, pos): Parts = match &e {
                E::Node(n) => (
                    format!("node/{}", n.id()),
                    n.tags().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                    vec![],
                    vec![],
                    Some((n.nano_lat() as f64 / 1e9, n.nano_lon() as f64 / 1e9)),
                ),
                E::DenseNode(n) => {
                    positions.insert(n.id(), (n.nano_lat() as f64 / 1e9, n.nano_lon() as f64 / 1e9));
                    (
                        format!("node/{}", n.id()),
                        n.tags().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                        vec![],
                        vec![],
                        Some((n.nano_lat() as f64 / 1e9, n.nano_lon() as f64 / 1e9)),
                    )
                }
                E::Way(w) => {
                    way_refs.extend(w.refs());
                    (
                        format!("way/{}", w.id()),
                        w.tags().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                        w.refs().collect(),
                        vec![],
                        None,
                    )
                }
                E::Relation(r) => (
                    format!("relation/{}", r.id()),
                    r.tags().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                    vec![],
                    r.members()
                        .map(|m| {
                            let k = match m.member_type {
                                RelMemberType::Node => Kind::Node,
                                RelMemberType::Way => Kind::Way,
                                RelMemberType::Relation => Kind::Relation,
                            };
                            (k, m.member_id)
                        })
                        .collect(),
                    None,
                ),
            };
            if is_place(&Tags(&tags)) {
                places.push((all, id, tags, refs, members, pos));
            }
        })
        .unwrap();
    let source = Source::Pbf(&super::super::Bytes(HELSINKI));
    let mut index = BlobIndex::default();
    let (seen, kept) = scan(&source, &Want::Places, &mut index).unwrap();
    assert_eq!(seen, all);
    assert!(places.len() > 50, "{}", places.len());
    let ours: Vec<_> = kept
        .iter()
        .map(|(row, e)| {
            (
                *row,
                e.osm_id(),
                e.tags.clone(),
                e.refs.clone(),
                e.members.clone(),
                e.pos,
            )
        })
        .collect();
    assert_eq!(ours.len(), places.len());
    for (a, b) in ours.iter().zip(&places) {
        assert_eq!(a, b);
    }
    // Every node the ways name, at the same position (those in the file).
    way_refs.sort_unstable();
    way_refs.dedup();
    let (_, nodes) = scan(&source, &Want::Nodes(&way_refs), &mut index).unwrap();
    let got: HashMap<i64, (f64, f64)> = nodes.iter().map(|(_, e)| (e.id, e.pos.unwrap())).collect();
    let want: HashMap<i64, (f64, f64)> = way_refs
        .iter()
        .filter_map(|n| positions.get(n).map(|p| (*n, *p)))
        .collect();
    assert!(want.len() > 10_000, "{}", want.len());
    assert_eq!(got, want);
}

/// Not a test: the reader's speed on the PBF file `KIZUNA_PBF_FILE`, beside
/// osmpbf decoding every block in parallel and looking at every object's
/// tags (as this reader did before it read blocks itself). Run in release:
/// `KIZUNA_PBF_FILE=x.osm.pbf cargo test --release -p kizuna-io --lib pbf_speed -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, not a test"]
fn pbf_speed() {
    use std::time::Instant;
    let Some(path) = std::env::var_os("KIZUNA_PBF_FILE") else {
        return;
    };
    struct File(std::path::PathBuf);
    impl super::super::Input for File {
        fn open(&self) -> std::io::Result<Box<dyn std::io::Read + Send + '_>> {
            Ok(Box::new(std::fs::File::open(&self.0)?))
        }
    }
    let file = File(path.into());
    let mb = std::fs::metadata(&file.0).unwrap().len() as f64 / 1e6;
    let source = Source::Pbf(&file);
    let t = Instant::now();
    let mut index = BlobIndex::default();
    let (seen, kept) = scan(&source, &Want::Places, &mut index).unwrap();
    let pass1 = t.elapsed().as_secs_f64();
    let mut needed: Vec<i64> = kept.iter().flat_map(|(_, e)| e.refs.iter().copied()).collect();
    needed.sort_unstable();
    needed.dedup();
    let t2 = Instant::now();
    let (_, nodes) = scan(&source, &Want::Nodes(&needed), &mut index).unwrap();
    let pass3 = t2.elapsed().as_secs_f64();
    let whole = Instant::now();
    let mut places = 0usize;
    super::stream(&file, Encoding::Pbf, true, &mut |f| {
        if matches!(f, super::super::Found::Record(_)) {
            places += 1;
        }
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let whole = whole.elapsed().as_secs_f64();
    println!(
        "{mb:.1} MB, {seen} objects, {} kept: places pass {pass1:.2} s ({:.0} MB/s); {} nodes wanted, {} found in {pass3:.2} s; whole read {whole:.2} s ({:.0} MB/s), {places} places",
        kept.len(),
        mb / pass1,
        needed.len(),
        nodes.len(),
        mb / whole
    );
    let t = Instant::now();
    let reader = osmpbf::ElementReader::from_path(&file.0).unwrap();
    let n = reader
        .par_map_reduce(
            |e| match e {
                osmpbf::Element::DenseNode(n) => usize::from(n.raw_tags().len() > 0),
                osmpbf::Element::Node(n) => usize::from(n.raw_tags().len() > 0),
                osmpbf::Element::Way(w) => usize::from(w.raw_tags().len() > 0),
                osmpbf::Element::Relation(r) => usize::from(r.raw_tags().len() > 0),
            },
            || 0,
            |a, b| a + b,
        )
        .unwrap();
    let o = t.elapsed().as_secs_f64();
    println!(
        "osmpbf par_map_reduce over every object: {o:.2} s ({:.0} MB/s), {n} tagged",
        mb / o
    );
}

/// A place as located: its row, object, tags and position.
type LocatedPlace = (usize, String, Vec<(String, String)>, Option<(f64, f64)>);

/// The places of a file and their positions as plain passes find them
/// (the places; then their relations' ways; then every node they need,
/// each pass over the whole file): what [`locate`] must give, however it
/// reads the file.
fn plainly(source: &Source) -> (usize, Vec<LocatedPlace>) {
    let mut index = BlobIndex::default();
    let (seen, kept) = scan(source, &Want::Places, &mut index).unwrap();
    let mut located = Located::default();
    let mut members = Vec::new();
    for (_, e) in &kept {
        match e.kind() {
            Kind::Way => {
                located.way_nodes.insert(e.id, e.refs.clone());
            }
            Kind::Relation => members.extend(e.members.iter().filter(|m| m.0 == Kind::Way).map(|m| m.1)),
            Kind::Node => {}
        }
    }
    members.sort_unstable();
    members.dedup();
    for (_, e) in scan(source, &Want::Ways(&members), &mut index).unwrap().1 {
        located.way_nodes.entry(e.id).or_insert(e.refs);
    }
    let mut needed: Vec<i64> = located.way_nodes.values().flatten().copied().collect();
    for (_, e) in &kept {
        needed.extend(e.members.iter().filter(|m| m.0 == Kind::Node).map(|m| m.1));
        if let Some(p) = e.pos {
            located.positions.insert(e.id, p);
        }
    }
    needed.sort_unstable();
    needed.dedup();
    for (_, e) in scan(source, &Want::Nodes(&needed), &mut index).unwrap().1 {
        located.positions.insert(e.id, e.pos.unwrap());
    }
    let places = kept
        .iter()
        .map(|(row, e)| (*row, e.osm_id(), e.tags.clone(), located.of(e)))
        .collect();
    (seen, places)
}

/// The places of a file and their positions as [`locate`] finds them.
fn located(source: &Source) -> (usize, Vec<LocatedPlace>) {
    let (seen, kept, located) = locate(source).unwrap();
    let places = kept
        .iter()
        .map(|(row, e)| (*row, e.osm_id(), e.tags.clone(), located.of(e)))
        .collect();
    (seen, places)
}

#[test]
fn pbf_places_are_located_as_plain_passes_locate_them_in_any_block_order() {
    let plain: &[(&str, &str)] = &[];
    let eatery: &[(&str, &str)] = &[("amenity", "restaurant"), ("diet:halal", "yes"), ("name", "Bistro")];
    let n1 = [
        Obj::Node(1, 43.0, 141.0, plain),
        Obj::Node(2, 43.0, 141.002, plain),
        Obj::Node(3, 43.002, 141.002, plain),
        Obj::Node(4, 43.002, 141.0, eatery),
    ];
    let n2 = [
        Obj::Node(100, 35.0, 139.0, plain),
        Obj::Node(101, 35.0, 139.2, plain),
        Obj::Node(102, 35.2, 139.1, plain),
    ];
    let n3 = [Obj::Node(300, 1.0, 2.0, plain), Obj::Node(301, 1.5, 2.5, eatery)];
    let ways = [
        Obj::Way(10, &[("building", "yes")], &[100, 101, 102, 100]),
        Obj::Way(11, MOSQUE, &[1, 2, 3, 4, 1]),
        // A node outside the file.
        Obj::Way(12, MOSQUE, &[300, 301, 999, 300]),
    ];
    let rels = [
        Obj::Rel(20, MOSQUE, &[(Kind::Way, 10), (Kind::Node, 301)]),
        Obj::Rel(21, MOSQUE, &[(Kind::Way, 13), (Kind::Way, 998)]),
    ];
    // Nodes, a way and a relation's member way in one block.
    let mixed = [
        Obj::Node(400, 20.0, 20.0, plain),
        Obj::Node(401, 20.0, 20.2, eatery),
        Obj::Way(13, &[("building", "yes")], &[400, 401, 100]),
        Obj::Way(14, MOSQUE, &[400, 1, 300]),
    ];
    let orders: [&[&[Obj]]; 5] = [
        &[&n1, &n2, &n3, &ways, &rels],
        &[&ways, &rels, &n1, &n2, &n3],
        &[&n1, &ways, &n2, &rels, &n3],
        &[&rels, &mixed, &n2, &ways, &n1, &n3],
        &[&n3, &mixed, &ways, &n1, &rels, &n2],
    ];
    for blocks in orders {
        for zlib in [false, true] {
            let file = pbf_file(blocks, zlib);
            let source = Source::Pbf(&super::super::Bytes(&file));
            let want = plainly(&source);
            assert!(want.1.iter().filter(|p| p.3.is_some()).count() >= 4, "{want:?}");
            assert_eq!(located(&source), want);
        }
    }
}

/// A file in memory that counts how often it is opened.
struct Counted<'a>(&'a [u8], std::sync::atomic::AtomicUsize);

impl super::super::Input for Counted<'_> {
    fn open(&self) -> std::io::Result<Box<dyn std::io::Read + Send + '_>> {
        self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Box::new(self.0))
    }
}

#[test]
fn pbf_a_sorted_file_is_read_in_three_passes_even_with_objects_missing() {
    let plain: &[(&str, &str)] = &[];
    let nodes = [Obj::Node(1, 1.0, 1.0, plain), Obj::Node(2, 1.0, 1.1, plain)];
    let more = [Obj::Node(3, 2.0, 2.0, plain), Obj::Node(4, 2.0, 2.1, MOSQUE)];
    let ways = [
        Obj::Way(7, MOSQUE, &[1, 2, 999, 1]),
        Obj::Way(8, &[("building", "yes")], &[3, 4, 3]),
    ];
    let rels = [Obj::Rel(
        9,
        MOSQUE,
        &[(Kind::Way, 8), (Kind::Way, 998), (Kind::Node, 997)],
    )];
    let file = pbf_file(&[&nodes, &more, &ways, &rels], true);
    let input = Counted(&file, std::sync::atomic::AtomicUsize::new(0));
    let source = Source::Pbf(&input);
    let got = located(&source);
    // Relations (and a look at every block), ways, nodes; what is missing
    // (node 999, way 998, node 997) is not looked for again.
    assert_eq!(input.1.load(std::sync::atomic::Ordering::Relaxed), 3);
    assert_eq!(got, plainly(&Source::Pbf(&super::super::Bytes(&file))));
    let at: Vec<(&str, bool)> = got.1.iter().map(|p| (p.1.as_str(), p.3.is_some())).collect();
    assert_eq!(at, [("node/4", true), ("way/7", true), ("relation/9", true)]);
}

#[test]
fn pbf_a_real_extract_is_located_as_plain_passes_locate_it() {
    let source = Source::Pbf(&super::super::Bytes(HELSINKI));
    let want = plainly(&source);
    assert!(want.1.len() > 50, "{}", want.1.len());
    assert_eq!(located(&source), want);
}

/// Not a test: [`locate`] beside the plain passes on the PBF file
/// `KIZUNA_PBF_FILE` (the same places at the same positions), each timed:
/// `KIZUNA_PBF_FILE=x.osm.pbf cargo test --release -p kizuna-io --lib pbf_locate_speed -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, not a test"]
fn pbf_locate_speed() {
    use std::time::Instant;
    let Some(path) = std::env::var_os("KIZUNA_PBF_FILE") else {
        return;
    };
    struct File(std::path::PathBuf);
    impl super::super::Input for File {
        fn open(&self) -> std::io::Result<Box<dyn std::io::Read + Send + '_>> {
            Ok(Box::new(std::fs::File::open(&self.0)?))
        }
    }
    let file = File(path.into());
    let mb = std::fs::metadata(&file.0).unwrap().len() as f64 / 1e6;
    let source = Source::Pbf(&file);
    let runs: usize = std::env::var("KIZUNA_PBF_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    // This process's processor time (user and system), in seconds.
    let cpu = || -> f64 {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let f: Vec<f64> = after.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
        // utime and stime (fields 14 and 15), in ticks of 1/100 s.
        f.get(11).zip(f.get(12)).map_or(0.0, |(u, s)| (u + s) / 100.0)
    };
    let mut got = None;
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu());
        let g = located(&source);
        let (ours, ours_cpu) = (t.elapsed().as_secs_f64(), cpu() - c);
        println!(
            "{mb:.1} MB, {} places: locate {ours:.2} s ({:.0} MB/s), {ours_cpu:.2} s of processor time",
            g.1.len(),
            mb / ours
        );
        got = Some(g);
    }
    let t = Instant::now();
    let want = plainly(&source);
    let plain = t.elapsed().as_secs_f64();
    println!("plain passes {plain:.2} s ({:.0} MB/s)", mb / plain);
    assert!(!want.1.is_empty());
    assert_eq!(got, Some(want));
}

#[test]
fn pbf_blocks_are_told_from_their_first_bytes() {
    use super::pbf::{Starts, starts_with};
    let plain: &[(&str, &str)] = &[];
    let nodes = [Obj::Node(1, 1.0, 1.0, plain), Obj::Node(2, 1.0, 1.1, MOSQUE)];
    let ways = [Obj::Way(7, MOSQUE, &[1, 2, 1])];
    let rels = [Obj::Rel(8, MOSQUE, &[(Kind::Way, 7)])];
    // A string table longer than the first 16 KiB inflated.
    let long = "x".repeat(40_000);
    let long_tags: &[(&str, &str)] = &[("note", &long)];
    let long_nodes = [Obj::Node(3, 1.0, 1.0, long_tags)];
    for zlib in [false, true] {
        let file = pbf_file(&[&nodes, &ways, &rels, &[], &long_nodes], zlib);
        let told: Vec<Starts> = (1..=5)
            .map(|n| {
                let (a, b) = find_blob(&file, n);
                starts_with(&file[a..b])
            })
            .collect();
        assert_eq!(
            told,
            [Starts::Nodes, Starts::Ways, Starts::Other, Starts::Other, Starts::Nodes],
            "zlib {zlib}"
        );
        // Cut short: not told (read whole first, and refused there).
        let (a, b) = find_blob(&file, 5);
        assert_eq!(starts_with(&file[a..a + (b - a) / 2]), Starts::Other, "zlib {zlib}");
    }
}
