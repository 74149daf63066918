use chrono::Datelike;

use super::*;

/// Every word of the booklet is a message of the catalogues in every
/// language (not the id shown for a missing message), and the Japanese
/// and Thai words are written in their scripts.
#[test]
fn every_word_is_in_the_catalogues_in_four_languages() {
    for k in [
        K::Title,
        K::LevelCertified,
        K::NoteLapsed,
        K::CatPrayerRoom,
        K::CertifiedBy,
        K::FacWudu,
        K::NeverVerified,
        K::Footer,
        K::LandNote,
        K::OverviewAlt,
        K::MapAlt,
    ] {
        let id = k.id();
        for lang in Lang::ALL {
            let text = k.get(lang);
            assert_ne!(text, id, "{id} missing in {lang}");
            assert!(!text.trim().is_empty(), "{id} {lang}");
        }
        assert!(k.get(Lang::Ja).chars().any(is_cjk), "{id} ja");
        assert!(k.get(Lang::Th).chars().any(|c| script_of(c) == Some("Thai")), "{id} th");
    }
    assert_eq!(K::CatPrayerRoom.id(), "booklet-cat-prayer-room");
}

#[test]
fn counts_follow_each_language_plural_rules() {
    assert_eq!(K::PlaceCount.with(Lang::En, &[("n", "1")]), "1 place");
    assert_eq!(K::PlaceCount.with(Lang::En, &[("n", "3")]), "3 places");
    assert_eq!(K::PlaceCount.with(Lang::Ja, &[("n", "3")]), "3か所");
}

#[test]
fn dates_in_each_language() {
    let d = NaiveDate::from_ymd_opt(2027, 11, 30).unwrap();
    assert_eq!(local_date(Lang::En, d), "30 November 2027");
    assert_eq!(local_date(Lang::Ja, d), "2027年11月30日");
    assert_eq!(local_date(Lang::Th, d), "30 พฤศจิกายน 2570");
    assert_eq!(local_date(Lang::Ms, d), "30 November 2027");
    assert_eq!(local_date(Lang::Ms, d.with_month(8).unwrap()), "30 Ogos 2027");
}

/// Places of one kind in an area, by name in the booklet's language: Thai
/// by the consonant after a leading vowel, Japanese kana before kanji,
/// English accents beside the plain letter (not after "z").
#[test]
fn places_sort_by_name_the_booklet_language_way() {
    let place = |id: i64, names: serde_json::Value| -> Place {
        let mut v = serde_json::json!({"id": id, "version": 1, "office_id": 1, "category": "restaurant",
            "lat": 43.06, "lon": 141.35, "assurance": "pork_free", "source": "staff", "source_id": format!("s-{id}")});
        for (k, x) in names.as_object().expect("names") {
            v[k] = x.clone();
        }
        serde_json::from_value(v).expect("a place")
    };
    let places = || {
        vec![
            place(
                1,
                serde_json::json!({"name_en": "Zoë Grill", "name_th": "ไซตูน", "name_ja": "渡辺食堂"}),
            ),
            place(
                2,
                serde_json::json!({"name_en": "Émile Cafe", "name_th": "คาเฟ่ นูร์", "name_ja": "あべ食堂"}),
            ),
            place(
                3,
                serde_json::json!({"name_en": "Eve Kitchen", "name_th": "บารากา", "name_ja": "アオキ"}),
            ),
        ]
    };
    let order = |lang: Lang| -> Vec<i64> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let data = BookletData::new(lang, today, places(), &[]);
        data.areas.iter().flat_map(|a| a.places.iter().map(|p| p.id)).collect()
    };
    assert_eq!(order(Lang::Th), [2, 1, 3], "ค, ไซ (by ซ), บ");
    assert_eq!(order(Lang::Ja), [3, 2, 1], "アオキ, あべ, 渡辺");
    assert_eq!(order(Lang::En), [2, 3, 1], "Émile, Eve, Zoë");
}

#[test]
fn area_letters_go_past_z() {
    assert_eq!(area_letter(0), "A");
    assert_eq!(area_letter(25), "Z");
    assert_eq!(area_letter(26), "AA");
    assert_eq!(area_letter(27), "AB");
}

#[test]
fn rings_are_clipped_to_the_box() {
    let b = GeoBox {
        west: 0.0,
        south: 0.0,
        east: 10.0,
        north: 10.0,
    };
    // A square sticking out of the box's right side.
    let ring = [[5.0, 2.0], [15.0, 2.0], [15.0, 8.0], [5.0, 8.0]];
    let out = clip_ring(&ring, &b);
    assert!(
        out.iter()
            .all(|p| p[0] <= 10.0 && p[0] >= 0.0 && p[1] >= 0.0 && p[1] <= 10.0)
    );
    let xs: Vec<f64> = out.iter().map(|p| p[0]).collect();
    assert!(xs.contains(&10.0) && xs.contains(&5.0), "{out:?}");
    // Entirely outside: nothing left.
    assert!(clip_ring(&[[20.0, 20.0], [30.0, 20.0], [30.0, 30.0]], &b).is_empty());
}

fn g(adv: f32, space: bool, break_before: bool, cont: bool) -> Glyph {
    Glyph {
        font: 0,
        cid: 1,
        adv,
        dx: 0.0,
        dy: 0.0,
        width: adv,
        style: style(10.0, false, BLACK),
        space,
        break_before,
        cluster: (!cont).then(|| {
            std::sync::Arc::new(Cluster {
                text: if space { " " } else { "a" }.into(),
                actual_text: false,
            })
        }),
    }
}

#[test]
fn lines_break_at_spaces_and_drop_them() {
    // "aaa bbb": breaks at the space, which is dropped.
    let text: Vec<Glyph> = [false, false, false, true, false, false, false]
        .iter()
        .enumerate()
        .map(|(i, s)| g(5.0, *s, i == 4, false))
        .collect();
    let lines = wrap(&text, 22.0);
    assert_eq!(lines.iter().map(Vec::len).collect::<Vec<_>>(), vec![3, 3]);
}

/// Thai words (written without spaces between them) of a long text.
const THAI_WORDS: &[&str] = &[
    "ร้าน",
    "อาหาร",
    "ฮาลาล",
    "แห่ง",
    "นี้",
    "เปิด",
    "ทุก",
    "วัน",
    "ตั้งแต่",
    "เช้า",
    "จนถึง",
    "เย็น",
    "มี",
    "ห้อง",
    "ละหมาด",
    "สำหรับ",
    "ผู้",
    "ชาย",
    "และ",
    "ผู้",
    "หญิง",
    "อยู่",
    "ใกล้",
    "สถานี",
    "รถไฟ",
    "เดิน",
    "ไป",
    "ได้",
    "ภายใน",
    "ห้า",
    "นาที",
    "พนักงาน",
    "พูด",
    "ภาษา",
    "อังกฤษ",
    "ญี่ปุ่น",
    "และ",
    "ไทย",
    "ราคา",
    "ไม่",
    "แพง",
    "อร่อย",
    "มาก",
];

/// A long Thai text in a narrow column: every line ends where a word ends
/// (no word is cut, and no line starts with a vowel or tone mark), and the
/// lines' clusters together are the text.
#[test]
fn thai_lines_break_between_words_only() {
    let fonts = BookletFonts::embedded();
    let mut shaper = Shaper::new(&fonts).expect("the embedded fonts");
    let text = THAI_WORDS.concat();
    let glyphs = shaper.spans(&[(&text, style(9.0, false, BLACK))]).expect("drawn");
    assert_eq!(text_of(&glyphs), text);
    let ends: Vec<usize> = THAI_WORDS
        .iter()
        .scan(0, |n, w| {
            *n += w.len();
            Some(*n)
        })
        .collect();
    for max in [40.0, 55.0, 70.0, 120.0] {
        let lines = wrap(&glyphs, max);
        assert!(lines.len() > 2, "{max}: {} lines", lines.len());
        let mut n = 0;
        for line in &lines {
            assert!(!line[0].continues(), "width {max}: a line starts inside a cluster");
            let first = line[0].cluster.as_ref().map(|c| c.text.chars().next());
            assert!(
                !first.flatten().is_some_and(is_thai_mark),
                "width {max}: a line starts with a mark"
            );
            n += text_of(line).len();
            assert!(
                n == text.len() || ends.contains(&n),
                "width {max}: a line ends inside a word, after byte {n}: {}",
                text_of(line)
            );
        }
        assert_eq!(n, text.len());
    }
}

/// Japanese keeps its line-start rules: no small kana, long-vowel mark or
/// closing punctuation begins a line.
#[test]
fn japanese_lines_keep_their_start_rules() {
    let fonts = BookletFonts::embedded();
    let mut shaper = Shaper::new(&fonts).expect("the embedded fonts");
    let text = "ハラールのラーメン、ちょっとしたカフェ。「ショップ」もあります。";
    let glyphs = shaper.spans(&[(text, style(9.0, false, BLACK))]).expect("drawn");
    assert_eq!(text_of(&glyphs), text);
    for g in glyphs.iter().filter(|g| g.break_before) {
        let first = g
            .cluster
            .as_ref()
            .and_then(|c| c.text.chars().next())
            .expect("a cluster starts");
        assert!(!"ーっょ、。」ャッ".contains(first), "a line may start with {first}");
    }
    assert!(glyphs.iter().filter(|g| g.break_before).count() > 10);
}

#[test]
fn the_embedded_fonts_draw_every_script_of_the_booklet() {
    let fonts = BookletFonts::embedded();
    assert_eq!(fonts.sources().len(), 2, "{:?}", fonts.sources());
    assert!(fonts.sources()[0].starts_with("Noto Sans JP (npm @expo-google-fonts/noto-sans-jp "));
    let shaper = Shaper::new(&fonts).expect("the embedded fonts");
    for text in [
        "Kedai Makan Émile, 12:30–14:00",
        "ร้านอาหารฮาลาล ๑๒",
        "札幌駅のハラールラーメン（ｗ）",
    ] {
        assert!(shaper.can_draw(text), "{text}");
    }
}

/// Opening hours print as days and times in the booklet's language, days
/// with the same hours together, not as OpenStreetMap's syntax.
#[test]
fn opening_hours_read_as_days_and_times() {
    // A Monday in a week without a public holiday.
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let read = |text: &str, lang| readable_hours(text, 43.06, 141.35, today, lang).unwrap();
    assert_eq!(
        read("Mo-Fr 11:00-21:00; Sa 11:00-15:00; Su off", Lang::En),
        "Mon–Fri 11:00–21:00; Sat 11:00–15:00; Sun closed"
    );
    assert_eq!(
        read("Mo-Fr 11:00-21:00; Sa 11:00-15:00; Su off", Lang::Ja),
        "月–金 11:00–21:00; 土 11:00–15:00; 日 休み"
    );
    assert_eq!(
        read("Mo-Fr 11:00-21:00; Sa 11:00-15:00; Su off", Lang::Th),
        "จ.–ศ. 11:00–21:00; ส. 11:00–15:00; อา. ปิด"
    );
    assert_eq!(read("24/7", Lang::Ms), "Setiap hari dibuka 24 jam");
    assert_eq!(
        read("Tu,We 10:00+", Lang::En),
        "Mon closed; Tue, Wed from 10:00; Thu–Sun closed"
    );
    assert_eq!(
        read("Mo-Su 11:00-14:00,17:00-22:00", Lang::En),
        "Daily 11:00–14:00, 17:00–22:00"
    );
    assert!(readable_hours("not hours", 43.06, 141.35, today, Lang::En).is_none());
}

/// Thai words with marks on marks, as the shaper gives them in Noto Sans
/// Thai: the marks (by the font's GDEF classes) take no room, and the
/// font's GPOS tables move them (ปั้น's tone mark left of ป's tall stem and
/// down onto the upper vowel; the same glyph sits elsewhere in น้ำ); sara
/// am is split into nikhahit and sara aa around the tone mark.
#[test]
fn thai_marks_sit_where_the_font_puts_them() {
    let fonts = BookletFonts::embedded();
    let mut shaper = Shaper::new(&fonts).expect("the embedded fonts");
    let thai = shaper.font_for('ก', None).expect("a Thai font");
    let mut tone_over = Vec::new();
    for word in ["น้ำ", "ที่", "กี่", "ปั้น"] {
        let glyphs = shaper.shape(thai, word);
        let face = &shaper.faces[thai].face;
        let gdef = face.tables().gdef.expect("Noto Sans Thai classes its glyphs");
        let is_mark =
            |g: &Shaped| gdef.glyph_class(ttf_parser::GlyphId(g.gid)) == Some(ttf_parser::gdef::GlyphClass::Mark);
        let marks: Vec<&Shaped> = glyphs.iter().filter(|g| is_mark(g)).collect();
        assert!(marks.len() >= 2, "{word}: {glyphs:?}");
        for m in &marks {
            assert_eq!(m.x_advance, 0, "{word}: a mark takes no room: {glyphs:?}");
        }
        assert!(
            marks.iter().any(|m| m.x_offset != 0 || m.y_offset != 0),
            "{word}: the marks are placed: {glyphs:?}"
        );
        for base in glyphs.iter().filter(|g| !is_mark(g)) {
            assert!(base.x_advance > 0, "{word}: {glyphs:?}");
        }
        assert!(
            marks.iter().all(|g| g.cluster == 0),
            "{word}: marks go with their letter"
        );
        tone_over.push(**marks.last().expect("a mark"));
    }
    let (nam, pan) = (tone_over[0], tone_over[3]);
    assert_eq!(nam.gid, pan.gid, "น้ำ and ปั้น draw the tone mark with one glyph");
    assert!(pan.x_offset < nam.x_offset - 100 && pan.y_offset < 0, "{nam:?} {pan:?}");
    assert_eq!(shaper.shape(thai, "น้ำ").len(), 4, "น, nikhahit, tone mark, sara aa");
}

/// The shaper's glyphs and places are HarfBuzz's own (its `hb-shape`, from
/// Debian's libharfbuzz-bin, which scripts/test installs; without it the
/// test says so, and fails under `CI=true`).
#[test]
fn shaping_agrees_with_harfbuzz() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules/@expo-google-fonts/noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf");
    let fonts =
        BookletFonts::with_files(vec![(path.clone(), std::fs::read(&path).expect("the npm font"))]).expect("a font");
    let mut shaper = Shaper::new(&fonts).expect("the fonts");
    for word in ["น้ำ", "ที่", "กี่", "ปั้น", "ญี่ปุ่น", "ผู้หญิง", "ตั้งแต่"]
    {
        let Ok(out) = std::process::Command::new("hb-shape")
            .args([
                "--no-glyph-names".as_ref(),
                "--utf8-clusters".as_ref(),
                path.as_os_str(),
                word.as_ref(),
            ])
            .output()
        else {
            let why = "hb-shape (Debian's libharfbuzz-bin) is not installed";
            assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}, and CI=true");
            eprintln!("skipped: {why}");
            return;
        };
        let theirs = String::from_utf8(out.stdout).expect("UTF-8");
        let ours: Vec<String> = shaper
            .shape(0, word)
            .iter()
            .map(|g| {
                let at = if (g.x_offset, g.y_offset) == (0, 0) {
                    String::new()
                } else {
                    format!("@{},{}", g.x_offset, g.y_offset)
                };
                format!("{}={}{at}+{}", g.gid, g.cluster, g.x_advance)
            })
            .collect();
        assert_eq!(format!("[{}]", ours.join("|")), theirs.trim(), "{word}");
    }
}

/// No line starts with a mark or inside a cluster, whatever the width:
/// Thai with marks on most letters, cut as narrow as a single word.
#[test]
fn no_line_starts_with_a_mark() {
    let fonts = BookletFonts::embedded();
    let mut shaper = Shaper::new(&fonts).expect("the embedded fonts");
    let text = "น้ำที่กี่ปั้นญี่ปุ่นผู้หญิงตั้งแต่ชั่วโมงพื้นที่ร้านน้ำชา ที่นี่ปั้นหม้อ";
    let glyphs = shaper.spans(&[(text, style(11.0, true, BLACK))]).expect("drawn");
    for max in [1.0, 5.0, 12.0, 20.0, 33.0, 50.0, 80.0] {
        let lines = wrap(&glyphs, max);
        let mut read = String::new();
        for line in &lines {
            assert!(!line[0].continues(), "width {max}");
            let first = text_of(line).chars().next().expect("a line has text");
            assert!(!is_thai_mark(first), "width {max}: {}", text_of(line));
            read.push_str(&text_of(line));
        }
        assert_eq!(read.replace(' ', ""), text.replace(' ', ""), "width {max}");
    }
}
