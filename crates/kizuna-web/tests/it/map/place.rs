//! A place's page: today's prayer times, the qibla, the certificate, directions,
//! opening hours as a week, and what follows the clock.

use super::*;

pub(crate) async fn a_place_shows_todays_prayer_times_qibla_certificate_and_directions(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let path = format!("/map/places/{}", ids.certified);
    let page = b.page(&path).await;
    let h1 = page.one("h1");
    assert_eq!(h1.text, "Crescent Kitchen Test");
    assert_eq!(h1.attr("lang"), Some("en"));
    // Today's (2026-11-23) six times in Japan time, by the default method.
    assert_eq!(page.one("#prayer-h").text, "Prayer times on 23 Nov 2026");
    assert!(
        page.one("#place-prayer")
            .text
            .contains("Times in Japan time (Asia/Tokyo).")
    );
    let mwl = expected_times("MuslimWorldLeague", today());
    for (prayer, time) in &mwl {
        assert_eq!(&time_of(&page, prayer), time, "{prayer}");
    }
    assert!(page.one("#prayer-method").text.contains("Method: Muslim World League"));
    let method = page.one("form.prayer-form select[name=method] option[selected]");
    assert_eq!(
        (method.attr("value"), method.text.as_str()),
        (Some("MuslimWorldLeague"), "Muslim World League")
    );
    let form = page.one("form.prayer-form");
    assert_eq!(form.attr("method"), Some("get"));
    assert_eq!(form.attr("action"), Some(path.as_str()));
    // At noon the next prayer is the first one after noon.
    assert_eq!(next_prayer(&page), expected_next(&mwl, noon()));
    // Another method, chosen with the GET form, gives its own times.
    let egyptian = b.page(&format!("{path}?method=Egyptian")).await;
    let egy = expected_times("Egyptian", today());
    assert_ne!(mwl[0].1, egy[0].1, "the methods differ at fajr");
    for (prayer, time) in &egy {
        assert_eq!(&time_of(&egyptian, prayer), time, "Egyptian {prayer}");
    }
    assert_eq!(
        egyptian.one("select[name=method] option[selected]").attr("value"),
        Some("Egyptian")
    );
    assert!(
        egyptian
            .one("#prayer-method")
            .text
            .contains("Method: Egyptian General Authority of Survey")
    );
    // A method not understood is said; the default is used.
    let odd = b.page(&format!("{path}?method=Sunny")).await;
    assert!(
        odd.texts("#place-prayer p.notice.bad")
            .iter()
            .any(|n| n.contains("left out: method=Sunny"))
    );
    assert_eq!(time_of(&odd, "fajr"), mwl[0].1);
    // A reader of Malay gets Malaysia's method (JAKIM, Fajr 20°, Isha 18°)
    // until choosing another; the choice is shown and can be changed.
    let mut malay = t.browser();
    let ms = malay.page(&format!("{path}?lang=ms")).await;
    let jakim = expected_times("Jakim", today());
    assert_ne!(mwl[0].1, jakim[0].1, "JAKIM's Fajr is earlier than the League's");
    for (prayer, time) in &jakim {
        assert_eq!(&time_of(&ms, prayer), time, "JAKIM {prayer}");
    }
    assert!(ms.one("#prayer-method").text.contains("Malaysia (JAKIM)"));
    assert_eq!(
        ms.one("select[name=method] option[selected]").attr("value"),
        Some("Jakim")
    );
    let ms_mwl = malay.page(&format!("{path}?lang=ms&method=MuslimWorldLeague")).await;
    assert_eq!(time_of(&ms_mwl, "fajr"), mwl[0].1);
    let values: Vec<String> = ms
        .select("select[name=method] option")
        .iter()
        .filter_map(|o| o.attr("value").map(str::to_owned))
        .collect();
    for m in ["Jakim", "Kemenag", "Singapore", "Turkey", "MuslimWorldLeague"] {
        assert!(values.iter().any(|v| v == m), "{m} offered: {values:?}");
    }
    // Qibla from Sapporo: about 293°, west-north-west, with its arrow.
    let bearing = page.one("#qibla-bearing");
    assert_eq!((bearing.name.as_str(), bearing.text.as_str()), ("strong", "293.4°"));
    assert!(
        bearing
            .attr("class")
            .is_some_and(|c| c.split(' ').any(|c| c == "bearing"))
    );
    assert!(page.one("#place-qibla").text.contains("west-north-west"));
    let arrow = page.one("#place-qibla svg g[transform]");
    assert!(
        matches!(arrow.attr("transform"), Some("rotate(293.36)" | "rotate(293.35)")),
        "{:?}",
        arrow.attr("transform")
    );
    // The certificate, told plainly.
    let facts = page.texts("#place-halal dd");
    for fact in ["Hokkaido Halal Board (test)", "HHB-T-0042", "31 Dec 2027"] {
        assert!(facts.iter().any(|d| d == fact), "{fact}: {facts:?}");
    }
    assert_eq!(page.one("#certificate-status").text, "The certificate is valid today.");
    assert!(page.one("#place-halal").text.contains("No alcohol is served."));
    assert_eq!(open_now(&page), "Open now");
    assert_eq!(page.one("code.hours").text, "24/7");
    // Contact and directions: a tel: link, and the place's position only.
    assert_eq!(page.one("a[href='tel:0115550100']").text, "011-555-0100");
    assert_eq!(
        page.one("#place-directions").attr("href"),
        Some("https://www.openstreetmap.org/directions?route=%3B43.0621%2C141.3544")
    );
    assert_eq!(page.one("#place-geo").attr("href"), Some("geo:43.0621,141.3544"));
    assert!(page.one("#place-source").text.contains("Last checked on 1 Oct 2026"));
    // Facilities say "not known" rather than "no".
    let facilities = page.one("#place-facilities").text;
    assert!(facilities.contains("Place for wudu (ablution): yes"), "{facilities}");
    assert!(
        facilities.contains("Separate space for women: not known"),
        "{facilities}"
    );

    // Expired: never shown as certified, neither on the page nor on its map marker.
    let page = b.page(&format!("/map/places/{}", ids.expired)).await;
    assert_eq!(
        page.one("#certificate-status").text,
        "The certificate has expired: this place is not certified now."
    );
    assert_eq!(page.one("#place-assurance").text, "Certificate expired");
    assert!(!page.text().contains("Halal certified"));
    assert_eq!(
        page.json_block("place-data")["label"],
        "Restaurant · Certificate expired"
    );
    // Expiring: how many days are left.
    let page = b.page(&format!("/map/places/{}", ids.expiring)).await;
    assert_eq!(
        page.one("#certificate-status").text,
        "The certificate is valid today and ends in 17 days."
    );
    // Not certified at all: what the level means; stale places flagged.
    let page = b.page(&format!("/map/places/{}", ids.mosque)).await;
    assert!(
        page.one("#place-halal")
            .text
            .contains("Nothing is known about the food here.")
    );
    assert!(
        page.one("#place-stale")
            .text
            .contains("This place has not been checked for over a year.")
    );
    assert!(page.one("#place-source").text.contains("Never checked"));
    // OpenStreetMap data keeps its attribution and links to the object.
    let page = b.page(&format!("/map/places/{}", ids.osm_cafe)).await;
    let source = page.one("#place-source");
    assert!(
        source.text.contains("© OpenStreetMap contributors, ODbL 1.0"),
        "{}",
        source.text
    );
    assert!(
        source
            .select("a")
            .iter()
            .any(|a| a.attr("href") == Some("https://www.openstreetmap.org/node/4242"))
    );
    assert!(
        page.one("#place-halal")
            .text
            .contains("The place says it is Muslim-friendly. No certifying body has checked it.")
    );
}

/// The rows of a place's week table, each as its visible text.
fn week(page: &Page) -> Vec<String> {
    page.texts("table#place-week tr")
}

pub(crate) async fn opening_hours_read_as_a_week_in_the_readers_language(backend: Backend) {
    let t = TestApp::empty(backend).await;
    // Monday 23 November 2026 is Labour Thanksgiving Day, a public holiday.
    let id = t.app.create_place(lunch_and_supper()).await.expect("a place").id;
    let unreadable = place(
        "Odd Hours Test|変な時間（テスト）|เวลาแปลก (ทดสอบ)|Waktu Pelik (ujian)",
        "cafe",
        43.07,
        141.36,
        "unknown",
        None,
        None,
        None,
    );
    let odd = t.app.create_place(unreadable).await.expect("a place").id;
    let mut b = t.browser();
    let page = b.page(&format!("/map/places/{id}")).await;
    let want = [
        "Day Hours",
        "Monday (today) Closed",
        "Tuesday 11:00–14:00, 17:00–21:30",
        "Wednesday 11:00–14:00, 17:00–21:30",
        "Thursday 11:00–14:00, 17:00–21:30",
        "Friday 11:00–14:00, 17:00–21:30",
        "Saturday 10:00–24:00",
        // Sunday's own rule replaces the hour after midnight that Saturday's
        // 10:00-02:00 would give it, as the opening_hours specification says.
        "Sunday 12:00–16:00 (call first)",
    ];
    assert_eq!(week(&page), want);
    assert_eq!(
        page.one("table#place-week tr.today[aria-current=date] th[scope=row]")
            .text,
        "Monday (today)"
    );
    assert_eq!(page.one("table#place-week caption").text, "The next seven days");
    assert!(page.text().contains("As written (OpenStreetMap opening_hours):"));
    let ja = week(&b.page(&format!("/map/places/{id}?lang=ja")).await);
    assert_eq!(ja[1], "月曜日（今日） 休業", "{ja:?}");
    assert_eq!(ja[6], "土曜日 10:00–24:00");
    assert_eq!(ja[7], "日曜日 12:00–16:00（call first）");
    let th = week(&b.page(&format!("/map/places/{id}?lang=th")).await);
    assert_eq!(th[1], "วันจันทร์ (วันนี้) ปิด");
    let ms = week(&b.page(&format!("/map/places/{id}?lang=ms")).await);
    assert_eq!(ms[1], "Isnin (hari ini) Tutup");
    // No hours: no table, and the page says they are not known.
    let page = b.page(&format!("/map/places/{odd}?lang=en")).await;
    assert!(!page.has("#place-week"));
    assert!(page.text().contains("Opening hours not known"));
    // Open-ended hours (10:00+): open from ten, the closing time not known,
    // never "until midnight"; and not called open in the evening.
    let open_end = place(
        "Late Stall Test|屋台（テスト）|แผงลอย (ทดสอบ)|Gerai Lewat (ujian)",
        "restaurant",
        43.071,
        141.361,
        "unknown",
        None,
        Some("Tu-Su 10:00+"),
        None,
    );
    let late = t.app.create_place(open_end).await.expect("a place").id;
    let en = week(&b.page(&format!("/map/places/{late}?lang=en")).await);
    assert_eq!(en[2], "Tuesday from 10:00, closing time not known", "{en:?}");
    let ja = week(&b.page(&format!("/map/places/{late}?lang=ja")).await);
    assert_eq!(ja[2], "火曜日 10:00から（閉店時刻は不明）", "{ja:?}");
    let th = week(&b.page(&format!("/map/places/{late}?lang=th")).await);
    assert!(th[2].ends_with("ตั้งแต่ 10:00 (ไม่ทราบเวลาปิด)"), "{th:?}");
    let ms = week(&b.page(&format!("/map/places/{late}?lang=ms")).await);
    assert!(ms[2].ends_with("dari 10:00, waktu tutup tidak diketahui"), "{ms:?}");
}

pub(crate) async fn open_now_and_todays_prayer_times_follow_the_clock(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let diner = t.app.create_place(lunch_and_supper()).await.expect("a place").id;
    let mut b = t.browser();
    let diner_path = format!("/map/places/{diner}");
    let always_open = vec![ids.certified, ids.mosque, ids.expiring];
    let mut with_diner = [always_open.clone(), vec![diner]].concat();
    with_diner.sort_unstable();
    let monday = today();
    let tuesday = date(2026, 11, 24);

    // Noon on Monday 23 November, a public holiday: the diner is closed, the
    // places open every hour are open.
    assert_eq!(t.app.now(), in_japan(monday, 12, 0), "the kit's clock starts at noon");
    let page = b.page(&diner_path).await;
    assert_eq!(open_now(&page), "Closed now");
    assert_eq!(page.one("table#place-week tr.today th").text, "Monday (today)");
    assert_eq!(listed_sorted(&b.page("/map?open_now=true").await), always_open);

    // Noon on Tuesday: open for lunch, on the list, the page and the week.
    t.clock.set(in_japan(tuesday, 12, 0));
    let page = b.page(&diner_path).await;
    assert_eq!(open_now(&page), "Open · closes 14:00");
    assert_eq!(
        page.one("table#place-week tr.today th").text,
        "Tuesday (today)",
        "the week starts on the new day"
    );
    assert_eq!(
        week(&page)[7],
        "Monday 11:00–14:00, 17:00–21:30",
        "next Monday is no holiday"
    );
    let list = b.page("/map?open_now=true").await;
    assert_eq!(listed_sorted(&list), with_diner);
    assert_eq!(badge(&item(&list, diner), "hours-open"), "Open · closes 14:00");

    // Between lunch and supper, then at supper, then at night: closed, open, closed.
    // Each says until when, or when it opens again today.
    for (hour, minute, open, said) in [
        (15, 0, false, "Closed · opens 17:00"),
        (18, 0, true, "Open · closes 21:30"),
        (21, 29, true, "Open · closes 21:30"),
        (21, 30, false, "Closed now"),
        (23, 0, false, "Closed now"),
    ] {
        t.clock.set(in_japan(tuesday, hour, minute));
        let at = format!("{hour:02}:{minute:02}");
        let class = if open { "hours-open" } else { "hours-closed" };
        assert_eq!(open_now(&b.page(&diner_path).await), said, "at {at}");
        assert_eq!(
            badge(&item(&b.page("/map").await, diner), class),
            said,
            "the list at {at}"
        );
        let want = if open { &with_diner } else { &always_open };
        assert_eq!(
            &listed_sorted(&b.page("/map?open_now=true").await),
            want,
            "open now at {at}"
        );
    }
    // The places open every hour stay open at night.
    let page = b.page(&format!("/map/places/{}", ids.certified)).await;
    assert_eq!(open_now(&page), "Open now");

    // Today's prayer times and the next prayer follow the clock too.
    let path = format!("/map/places/{}", ids.certified);
    let mon = expected_times("MuslimWorldLeague", monday);
    let before_fajr = time_in(&mon, "fajr") - TimeDelta::minutes(10);
    let after_isha = time_in(&mon, "isha") + TimeDelta::minutes(10);
    let at_noon = expected_next(&mon, noon());
    assert!(at_noon.as_deref().is_some_and(|p| p != "fajr"), "noon and dawn differ");
    for (at, want) in [
        (before_fajr, Some("fajr".to_owned())),
        (noon(), at_noon),
        (after_isha, None),
    ] {
        t.clock.set(at_japan(monday, at));
        let page = b.page(&path).await;
        assert_eq!(page.one("#prayer-h").text, "Prayer times on 23 Nov 2026", "at {at}");
        assert_eq!(next_prayer(&page), want, "the next prayer at {at}");
        // The first screen says the next prayer from now and how long until it.
        let first = page.one("#place-next-prayer").text;
        match want.as_deref() {
            Some("fajr") => assert_eq!(
                first,
                format!(
                    "Next prayer: Fajr at {} in 10 min",
                    time_in(&mon, "fajr").format("%H:%M")
                )
            ),
            Some(p) => assert!(
                first.contains(&format!("at {}", time_in(&mon, p).format("%H:%M"))),
                "{first}"
            ),
            None => {
                let tue = expected_times("MuslimWorldLeague", tuesday);
                assert!(
                    first.starts_with(&format!(
                        "Next prayer: Fajr at {} (tomorrow) in ",
                        time_in(&tue, "fajr").format("%H:%M")
                    )),
                    "after isha, tomorrow's fajr: {first}"
                );
            }
        }
    }
    // A minute past midnight in Japan (still the 23rd in UTC) is the next
    // day: its times, and its first prayer next.
    t.clock.set(in_japan(tuesday, 0, 1));
    assert_eq!(t.app.now().date_naive(), monday, "still Monday in UTC");
    let page = b.page(&path).await;
    assert_eq!(page.one("#prayer-h").text, "Prayer times on 24 Nov 2026");
    let tue = expected_times("MuslimWorldLeague", tuesday);
    assert_ne!(tue, mon, "the times move from day to day");
    for (prayer, time) in &tue {
        assert_eq!(&time_of(&page, prayer), time, "{prayer} on the 24th");
    }
    assert_eq!(next_prayer(&page).as_deref(), Some("fajr"));
    assert_eq!(
        page.one("form.prayer-form input[name=date]").attr("value"),
        Some("2026-11-24"),
        "the form's date is today"
    );
    // Another day asked for is not today: no prayer is "next" on it.
    let page = b.page(&format!("{path}?date=2026-11-23")).await;
    assert_eq!(page.one("#prayer-h").text, "Prayer times on 23 Nov 2026");
    assert_eq!(next_prayer(&page), None);

    // The day moves certificates too: on 11 December the one that ended on
    // the 10th is expired, on the list, the filters and the place's page.
    t.clock.set(in_japan(date(2026, 12, 11), 12, 0));
    let list = b.page("/map").await;
    let x = item(&list, ids.expiring);
    assert_eq!(badge(&x, "level-expired"), "Certificate expired");
    assert!(
        x.select("p.cert")[0].text.contains("ended on 10 Dec 2026"),
        "{}",
        x.text
    );
    assert_eq!(
        listed_sorted(&b.page("/map?assurance=certified").await),
        [ids.certified]
    );
    let page = b.page(&format!("/map/places/{}", ids.expiring)).await;
    assert_eq!(
        page.one("#certificate-status").text,
        "The certificate has expired: this place is not certified now."
    );
}
