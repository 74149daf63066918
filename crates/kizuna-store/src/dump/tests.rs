//! The file's values and lines, without a database.

use super::*;

fn col(ty: Ty) -> Column {
    Column {
        name: "c".to_owned(),
        ty,
        width: Width::Full,
    }
}

fn round_trip(cell: &Cell, ty: Ty) -> Cell {
    let line = row_line(std::slice::from_ref(cell));
    let v: Vec<Json> = serde_json::from_str(&line).expect("a JSON row");
    Cell::from_json(&v[0], &col(ty), Backend::Sqlite).expect("reads back")
}

#[test]
fn values_read_back_exactly() {
    for x in [
        0.1,
        1e-300,
        -0.0,
        5e-324,
        f64::MAX,
        1.0 / 3.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        let back = round_trip(&Cell::Float(x), Ty::Float);
        let Cell::Float(y) = back else { panic!("not a float") };
        assert_eq!(x.to_bits(), y.to_bits(), "{x:?}");
    }
    let Cell::Float(nan) = round_trip(&Cell::Float(f64::NAN), Ty::Float) else {
        panic!("not a float")
    };
    assert!(nan.is_nan());
    for cell in [
        Cell::Text("ภาษาไทย ยาวมาก 日本語のとても長い文章 \"quoted\" \\ \t\n".repeat(200)),
        Cell::Text(String::new()),
        Cell::Null,
    ] {
        assert_eq!(round_trip(&cell, Ty::Text), cell);
    }
    let bytes = Cell::Bytes((0..=255u8).collect());
    assert_eq!(round_trip(&bytes, Ty::Bytes), bytes);
    let t = Cell::Time(
        DateTime::parse_from_rfc3339("2026-12-06T04:07:30.123456+09:00")
            .expect("a time")
            .with_timezone(&Utc),
    );
    assert_eq!(round_trip(&t, Ty::Time), t);
    assert_eq!(row_line(std::slice::from_ref(&t)), "[\"2026-12-05T19:07:30.123456Z\"]");
    let nanos = DateTime::parse_from_rfc3339("2026-12-06T05:00:28.737662809Z")
        .expect("a time")
        .with_timezone(&Utc);
    assert_eq!(row_line(&[Cell::Time(nanos)]), "[\"2026-12-06T05:00:28.737662Z\"]");
    let d = Cell::Date(NaiveDate::from_ymd_opt(1950, 1, 31).expect("a date"));
    assert_eq!(round_trip(&d, Ty::Date), d);
    assert_eq!(round_trip(&Cell::Int(i64::MIN), Ty::Int), Cell::Int(i64::MIN));
    assert_eq!(round_trip(&Cell::Bool(false), Ty::Bool), Cell::Bool(false));
}

#[test]
fn bad_values_are_named() {
    let c = col(Ty::Date);
    let e = Cell::from_json(&Json::from("2026-13-01"), &c, Backend::Sqlite).expect_err("refused");
    assert!(e.contains("YYYY-MM-DD"), "{e}");
    let narrow = Column {
        width: Width::I32,
        ..col(Ty::Int)
    };
    assert!(Cell::from_json(&Json::from(1i64 << 40), &narrow, Backend::Postgres).is_err());
    let nul = Cell::from_json(&Json::from("a\0b"), &col(Ty::Text), Backend::Postgres).expect_err("refused");
    assert!(nul.contains("NUL"), "{nul}");
    assert!(Cell::from_json(&Json::from("a\0b"), &col(Ty::Text), Backend::Sqlite).is_ok());
}

#[test]
fn migrations_declare_booleans_dates_and_times() {
    let t = declared_types();
    assert_eq!(t.get(&("places".to_owned(), "wudu".to_owned())), Some(&Ty::Bool));
    assert_eq!(t.get(&("changes".to_owned(), "changed_at".to_owned())), Some(&Ty::Time));
    assert_eq!(
        t.get(&("participations".to_owned(), "completed_on".to_owned())),
        Some(&Ty::Date)
    );
    // Dropped in migration 13.
    assert_eq!(t.get(&("attendance".to_owned(), "present".to_owned())), None);
}
