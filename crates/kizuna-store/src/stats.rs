//! Trainee statistics from counts the database keeps (migration 25), so
//! that a report as of any date reads a few thousand rows however many
//! participations there are.
//!
//! The triggers of migration 25 keep, for every counted person, the day
//! they were first counted in all, in each fiscal year and in each course
//! (`trainee_firsts`), the day each course first had each country
//! (`trainee_course_countries`), and how many of those firsts fall in each
//! ten fiscal years, fiscal year, month and day (`trainee_counts`).
//! Distinct people as of D are the firsts on or before D: the decades
//! before D's, the years of D's decade before D's fiscal year, the months
//! of that year before D's month, and the days of D's month up to D.
//! Exact, because each person (or course and country) has one first.
//!
//! The same firsts are also counted with each person's nationality and
//! gender for every kind (`trainee_person_counts`, migration 27), so a
//! report narrowed to a country, a region or a gender is summed the same
//! way. What a course counts (its people and countries) under a region
//! and/or a gender is kept for each such slice as well
//! (`trainee_slice_counts`, migration 33): summed from the person counts,
//! it took one row per course, country and bucket. A report narrowed to a
//! fiscal year reads that year's person counts (kind 2) and each person's
//! first day in a course within a fiscal year, kept by course and country
//! (`trainee_course_year_firsts` and `_counts`, migration 34). A report
//! narrowed by what else a participation is in (a course, an office), or
//! to a fiscal year and a gender, is counted from the participations
//! ([`Store::trainee_facts`]): a person's first within those is not kept.
//!
//! Most of the rows a date needs (whole fiscal years of the year-keyed
//! kinds, one row per group) come back unsummed, and only the rest is
//! summed by the database ([`summary_sql`]): the groups are many (about
//! 35,000 at 100,000 participations) and a database's `GROUP BY` over
//! text keys costs more than the reading (PostgreSQL: 64 ms against 19 ms,
//! measured with `EXPLAIN ANALYZE`). The two parts are separate queries
//! that a report runs side by side on two connections.

use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::person::Gender;
use kizuna_domain::common::{CountryCode, FiscalYear, Id};
use kizuna_domain::training::stats::{TraineeAggregates, TraineeFilter};
use sqlx::AssertSqlSafe;

use crate::record::{Value, bind_all};
use crate::{Backend, Store, StoreError, with_pool};

/// The advisory lock (PostgreSQL) a write that moves the counts holds to
/// its commit; the same number as in migration 25.
pub(crate) const STATS_LOCK: i64 = 7_251_017;

/// Skips every trainee-count trigger for the rest of the transaction
/// (PostgreSQL, migration 31): for writers that count set-based
/// themselves. Gone at the transaction's end, committed or not.
pub(crate) const PAUSE_HERE: &str = "SELECT set_config('kizuna.trainee_stats', 'paused', true)";

/// The bucket bounds of a date: its ten fiscal years (`fy / 10`), their
/// first year, its fiscal year, that year's first month (April), its
/// month, that month's first day and the date itself, the last four as
/// `YYYYMM` and `YYYYMMDD`.
fn bounds(as_of: NaiveDate) -> [i64; 7] {
    let (y, m, d) = (
        i64::from(as_of.year()),
        i64::from(as_of.month()),
        i64::from(as_of.day()),
    );
    let fy = if m < 4 { y - 1 } else { y };
    let ym = y * 100 + m;
    [fy / 10, fy / 10 * 10, fy, fy * 100 + 4, ym, ym * 100 + 1, ym * 100 + d]
}

/// The two queries for the count rows of `table` that make up the figures
/// as of the date whose [`bounds`] are bound as $1..$7, each narrowed by
/// `cond` (which ends with `AND`). They are independent, so a report runs
/// them side by side on two connections ([`Store::summary_parts`]).
///
/// - `direct`: the rows of the `direct` kinds (whose group is a fiscal
///   year, `g`) for whole fiscal years up to the date's, one row per group
///   and bucket, unsummed. They are most of the rows (about 40,000 of
///   40,500 at 100,000 participations and 70,000 at 10,000,000), and
///   neither database's `GROUP BY` over them is cheap. A row whose bucket
///   is not its group's own year (an edition dated outside its fiscal
///   year) comes back with its kind plus 10, for the reader to add up.
///   PostgreSQL sends them as one array of integers (kind, group and
///   count in each) and one short text of the countries and genders:
///   packing 70,000 rows as text took longer than reading them (75 ms
///   against 58 ms at 10⁷ on a slow machine, `EXPLAIN ANALYZE`).
/// - `summed`: everything else, summed by the database.
///
/// The figures are counted back from the end of the date's ten years
/// rather than up from its start: the `other` kinds' decades up to the
/// date's own, less their years in that decade after the date's fiscal
/// year; every kind's months of the date's fiscal year after its month,
/// and days of its month after the date, are taken away. The two ways
/// read the same rows for a date in the past, but for one near the end
/// of the records (a report as of today, the one most asked) nothing
/// comes after it: a course is then its three or so decades' rows rather
/// than one for every year, month and day of the present decade it ran
/// in. A direct group of the date's own fiscal year may appear in both
/// values, negative in the second. The kinds are named in each part
/// (`kind IN (3, 4)`, not `NOT IN (1, 2)`) so that the index finds them
/// rather than a filter dropping the others.
///
/// Gender is kept for kind 1 only.
struct SummarySql {
    direct: Option<String>,
    summed: String,
}

/// PostgreSQL's packed direct row is `(kind * PACK_G + g) * PACK_N + n`:
/// a fiscal year below 4096 and a count below 2⁴⁰.
const PACK_G: i64 = 4096;
const PACK_N: i64 = 1 << 40;

/// The [`SummarySql`] of `table` in `backend`'s SQL: `direct_kinds` read
/// by whole fiscal years, `other` summed from their decades (either may be
/// empty, as `"1, 2"` and `"3, 4"` are for the whole report).
fn summary_sql(backend: Backend, table: &str, cond: &str, direct_kinds: &str, other: &str) -> SummarySql {
    let direct = (!direct_kinds.is_empty()).then(|| {
        let from = format!("FROM {table} WHERE {cond}lvl = 0 AND bucket <= $3 AND kind IN ({direct_kinds}) AND n <> 0");
        let kind = "CASE WHEN g = bucket THEN kind ELSE kind + 10 END";
        match backend {
            // A row that would not fit the packing comes back NULL, read
            // as a corrupt count.
            Backend::Postgres => format!(
                "SELECT array_agg(CASE WHEN n > 0 AND n < {PACK_N} AND g >= 0 AND g < {PACK_G} \
                 THEN (CAST({kind} AS BIGINT) * {PACK_G} + g) * {PACK_N} + n END), \
                 string_agg(country || gender, ',') {from}"
            ),
            Backend::Sqlite => format!(
                "SELECT group_concat(({kind}) || ',' || g || ',' || country || ',' || gender || ',' || n, ';') {from}"
            ),
        }
    });
    let kinds = [direct_kinds, other]
        .into_iter()
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    // `less`: the rows taken away (those after the date).
    let select =
        |n: &str, range: &str| format!("SELECT kind, g, country, gender, {n} AS n FROM {table} WHERE {cond}{range}");
    let mut parts = Vec::new();
    if !other.is_empty() {
        parts.push(select("n", &format!("lvl = 3 AND bucket <= $1 AND kind IN ({other})")));
        parts.push(select(
            "-n",
            &format!("lvl = 0 AND bucket > $3 AND bucket < $2 + 10 AND kind IN ({other})"),
        ));
    }
    parts.push(select(
        "-n",
        &format!("lvl = 1 AND bucket > $5 AND bucket < $4 + 100 AND kind IN ({kinds})"),
    ));
    parts.push(select(
        "-n",
        &format!("lvl = 2 AND bucket > $7 AND bucket < $6 + 31 AND kind IN ({kinds})"),
    ));
    let summed = format!(
        "SELECT {PACK_TEXT} FROM (SELECT kind, g, country, gender, CAST(SUM(n) AS BIGINT) AS n FROM \
         (SELECT kind, g, country, CASE WHEN kind = 1 THEN gender ELSE '' END AS gender, n FROM \
         ({}) r) u GROUP BY kind, g, country, gender) s WHERE n <> 0",
        parts.join(" UNION ALL ")
    );
    SummarySql { direct, summed }
}

/// Rows packed as text, `kind,g,country,gender,n` joined by `;`.
const PACK_TEXT: &str = "string_agg(CAST(kind AS TEXT) || ',' || CAST(g AS TEXT) || ',' || country || ',' || gender \
                || ',' || CAST(n AS TEXT), ';')";

/// The direct rows of [`summary_sql`] as each database sends them.
enum Packed {
    None,
    /// SQLite: text rows.
    Text(String),
    /// PostgreSQL: kind, group and count packed in an integer, and the
    /// countries and genders in one text, in the same order.
    Codes(Vec<Option<i64>>, String),
}

type CountRow<'a> = (u8, i64, &'a str, &'a str, i64);

fn corrupt_count(what: &str) -> StoreError {
    StoreError::Corrupt(format!("trainee count \"{what}\" cannot be read"))
}

/// One `kind,g,country,gender,n` text row.
fn parse_count(row: &str) -> Result<CountRow<'_>, StoreError> {
    let mut f = row.split(',');
    let (Some(kind), Some(g), Some(country), Some(gender), Some(n), None) =
        (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
    else {
        return Err(corrupt_count(row));
    };
    Ok((
        kind.parse().map_err(|_| corrupt_count(row))?,
        g.parse().map_err(|_| corrupt_count(row))?,
        country,
        gender,
        n.parse().map_err(|_| corrupt_count(row))?,
    ))
}

impl Packed {
    fn rows(&self) -> Result<Vec<CountRow<'_>>, StoreError> {
        match self {
            Packed::None => Ok(Vec::new()),
            Packed::Text(t) => t.split(';').map(parse_count).collect(),
            Packed::Codes(codes, who) => {
                let mut who = who.split(',');
                let rows = codes
                    .iter()
                    .map(|code| {
                        let w = who.next().ok_or_else(|| corrupt_count("a row without its country"))?;
                        let (Some(code), Some(country), Some(gender)) = (code, w.get(..2), w.get(2..)) else {
                            return Err(corrupt_count(&format!("{code:?} {w}")));
                        };
                        let (head, n) = (code.div_euclid(PACK_N), code.rem_euclid(PACK_N));
                        let kind = u8::try_from(head / PACK_G).map_err(|_| corrupt_count(&code.to_string()))?;
                        Ok((kind, head % PACK_G, country, gender, n))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if who.next().is_some() {
                    return Err(corrupt_count("a country without its row"));
                }
                Ok(rows)
            }
        }
    }
}

/// Read the two parts of [`summary_sql`] into groups: kind 1 people by
/// first fiscal year, country and gender; kind 2 people by fiscal year and
/// country; kind 3 people per course; kind 4 countries per course — or,
/// when `course_countries_from_people`, the countries whose kind 3 sums
/// (one per course and country) are not zero.
fn read_summary(
    direct: &Packed,
    summed: Option<&str>,
    course_countries_from_people: bool,
) -> Result<TraineeAggregates, StoreError> {
    let show = |(kind, g, country, gender, n): CountRow<'_>| format!("{kind},{g},{country},{gender},{n}");
    let corrupt = |row: CountRow<'_>| corrupt_count(&show(row));
    let year = |row: CountRow<'_>| {
        i32::try_from(row.1)
            .ok()
            .and_then(|y| FiscalYear::new(y).ok())
            .ok_or_else(|| corrupt(row))
    };
    let direct = direct.rows()?;
    let mut out = TraineeAggregates::default();
    let mut courses: BTreeMap<Id, (u64, u64)> = BTreeMap::new();
    // Direct groups that also have summed rows (or rows out of their own
    // year): added up before use. Kind 2 is by year and country alone
    // (the person counts also keep its gender, which a summed row has
    // left out).
    let mut shared: HashMap<(u8, i64, &str, &str), i64> = HashMap::new();
    fn key<'a>(kind: u8, g: i64, country: &'a str, gender: &'a str) -> (u8, i64, &'a str, &'a str) {
        (kind, g, country, if kind == 1 { gender } else { "" })
    }
    for row in summed.into_iter().flat_map(|p| p.split(';')) {
        let row = parse_count(row)?;
        let (kind, g, country, gender, n) = row;
        if kind == 1 || kind == 2 {
            *shared.entry(key(kind, g, country, gender)).or_default() += n;
            continue;
        }
        // A course's sums are whole: never below nobody.
        let n = u64::try_from(n).map_err(|_| corrupt(row))?;
        match kind {
            3 => {
                let c = courses.entry(g).or_default();
                c.0 += n;
                if course_countries_from_people {
                    c.1 += 1;
                }
            }
            4 if !course_countries_from_people => courses.entry(g).or_default().1 += n,
            _ => return Err(corrupt(row)),
        }
    }
    for &(kind, g, country, gender, n) in direct.iter().filter(|r| r.0 > 10) {
        *shared.entry(key(kind - 10, g, country, gender)).or_default() += n;
    }
    let shared_groups: std::collections::BTreeSet<(u8, i64)> = shared.keys().map(|k| (k.0, k.1)).collect();
    let mut push = |row: CountRow<'_>, n: u64| {
        let (kind, _, country, gender, _) = row;
        let country: CountryCode = country.parse().map_err(|_| corrupt(row))?;
        match kind {
            1 => out
                .by_first_year
                .push((year(row)?, country, gender.parse().map_err(|_| corrupt(row))?, n)),
            2 => out.by_year_country.push((year(row)?, country, n)),
            _ => return Err(corrupt(row)),
        }
        Ok(())
    };
    for &row in direct.iter().filter(|r| r.0 <= 10) {
        let (kind, g, country, gender, n) = row;
        if shared_groups.contains(&(kind, g)) {
            *shared.entry(key(kind, g, country, gender)).or_default() += n;
        } else {
            push(row, u64::try_from(n).map_err(|_| corrupt(row))?)?;
        }
    }
    for ((kind, g, country, gender), n) in shared {
        // Whoever came after the date in its own fiscal year, taken away
        // from that year's count: nobody left, or fewer than nobody (counts
        // that disagree with each other).
        let row = (kind, g, country, gender, n);
        let Ok(n @ 1..) = u64::try_from(n) else {
            if n == 0 {
                continue;
            }
            return Err(corrupt(row));
        };
        push(row, n)?;
    }
    // A year's country may come in several rows: the person counts keep it
    // by gender, and a direct group's summed rows come apart from its
    // direct ones. Its people are those rows' sum (a person has one
    // nationality and one gender).
    out.by_year_country.sort_unstable_by_key(|(y, c, _)| (*y, *c));
    out.by_year_country.dedup_by(|later, kept| {
        let same = (later.0, later.1) == (kept.0, kept.1);
        if same {
            kept.2 += later.2;
        }
        same
    });
    out.by_course = courses
        .into_iter()
        .filter(|(_, (people, _))| *people > 0)
        .map(|(id, (people, countries))| (id, people, countries))
        .collect();
    Ok(out)
}

/// A date column as the integer `YYYYMMDD`, in the backend's SQL.
fn ymd_of(backend: Backend, column: &str) -> String {
    match backend {
        Backend::Sqlite => format!("CAST(replace({column}, '-', '') AS INTEGER)"),
        Backend::Postgres => format!("CAST(to_char({column}, 'YYYYMMDD') AS INTEGER)"),
    }
}

/// The bucket of level `l.lvl` for the day `f.ymd` (`YYYYMMDD`): its fiscal
/// year (0), month (1), day (2) or ten fiscal years (3).
const BUCKET: &str = "CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END \
     WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd \
     ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END";

/// The four levels, joined to every first.
const LEVELS: &str = "(SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l";

/// The three slices of a trainee a count can be in (migration 33): `x.s`
/// 0 the region with any gender, 1 the gender with any region, 2 both.
const SLICES: &str = "(SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x";

/// Move `trainee_slice_counts` by the rows of `source`, each
/// `(kind, g, country, gender, ymd, lo, hi, d)`: `d` counted in the four
/// buckets of `ymd`, in slices `lo..=hi` of [`SLICES`] (0..=2 for a
/// course's person; 0..=0 for a course's country, any gender; 1..=2 for
/// its country and gender). `tail` ends the statement (an `ORDER BY` into
/// an empty table, or an `ON CONFLICT` that adds).
fn slice_counts_sql(source: &str, tail: &str) -> String {
    format!(
        "INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n) \
         SELECT f.region, f.gender, l.lvl, {BUCKET}, f.kind, f.g, SUM(f.d) \
         FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region, \
         CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d \
         FROM ({source}) u JOIN trainee_regions reg ON reg.country = u.country \
         JOIN {SLICES} ON x.s BETWEEN u.lo AND u.hi) f \
         CROSS JOIN {LEVELS} WHERE 1 = 1 GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM(f.d) <> 0 {tail}"
    )
}

/// Adds to the slice counts already kept.
const ADD_SLICES: &str =
    "ON CONFLICT (region, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_slice_counts.n + excluded.n";

/// The participations a count reads, with their editions and people, and
/// those that count (migration 25's rule).
const COUNTED_FROM: &str =
    "FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id";
const COUNTED: &str = "pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')";

/// Each counted person's first day in a course within one fiscal year
/// (migration 34), for the people `cond` selects (`WHERE {cond} AND …`).
fn course_year_firsts_sql(cond: &str) -> String {
    format!(
        "INSERT INTO trainee_course_year_firsts (person_id, fiscal_year, programme_id, country, first_on) \
         SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on) \
         {COUNTED_FROM} WHERE {cond} {COUNTED} GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality"
    )
}

/// Count the course-year firsts `cond` selects into
/// `trainee_course_year_counts` at its three levels (fiscal year, month,
/// day); `tail` ends the statement as in [`slice_counts_sql`].
fn course_year_counts_sql(backend: Backend, cond: &str, tail: &str) -> String {
    let ymd = ymd_of(backend, "first_on");
    format!(
        "INSERT INTO trainee_course_year_counts (fiscal_year, lvl, bucket, programme_id, country, n) \
         SELECT f.fiscal_year, l.lvl, {BUCKET}, f.programme_id, f.country, COUNT(*) \
         FROM (SELECT fiscal_year, programme_id, country, {ymd} AS ymd FROM trainee_course_year_firsts \
         WHERE {cond}) f CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2) l \
         WHERE 1 = 1 GROUP BY 1, 2, 3, 4, 5 {tail}"
    )
}

/// The rows of a fiscal year's counts (bound as `$1`) that make up the
/// figures as of a date, each with its signed count as `n` (as an
/// `INTEGER`: PostgreSQL sums those as `bigint`, where a `BIGINT` column
/// is summed as `numeric`, a third slower over the 90,000 rows of a year
/// at 10⁷): counted back from the end of the date's fiscal year as
/// [`summary_sql`] counts back from the end of its decade, so that a
/// report as of a day near the end of the records (today, the one most
/// asked) reads the year's rows alone, not its months and days. Every
/// whole fiscal year up to the date's (`$2`), less the months of its
/// fiscal year after its month (`$4`; `$3` is April of that year) and the
/// days of its month after it (`$6`; `$5` its first day). `cols` are the
/// other columns; `cond` narrows further and ends with `AND`.
///
/// `split`: three selects joined, so that each range is an index's
/// condition, for the person counts, whose index leads with the year
/// alone: PostgreSQL read all 100,000 rows of a year's person counts for
/// one condition of three `OR`ed ranges (100 ms at 10⁷, against 3 ms).
/// The course-year counts' key leads with the year and the level, and
/// their one select with the ranges `OR`ed is read by one bitmap of the
/// three ranges: 116–129 ms at 10⁷ against 153–168 ms split (psql, the
/// same year, one after the other).
fn fiscal_year_rows(cols: &str, table: &str, cond: &str, split: bool) -> String {
    let ranges = [
        ("", "lvl = 0 AND bucket <= $2"),
        ("-", "lvl = 1 AND bucket > $4 AND bucket < $3 + 100"),
        ("-", "lvl = 2 AND bucket > $6 AND bucket < $5 + 31"),
    ];
    if split {
        return ranges
            .map(|(sign, range)| {
                format!("SELECT {cols}, CAST({sign}n AS INTEGER) AS n FROM {table} WHERE {cond}{range}")
            })
            .join(" UNION ALL ");
    }
    let any = ranges.map(|(_, range)| format!("({range})")).join(" OR ");
    format!(
        "SELECT {cols}, CAST(CASE WHEN lvl = 0 THEN n ELSE -n END AS INTEGER) AS n FROM {table} WHERE {cond}({any})"
    )
}

/// The statements that count people who have no firsts yet (people just
/// written by a bulk insert, with the triggers paused in the writing
/// transaction: on PostgreSQL by [`PAUSE_HERE`], on SQLite by
/// `trainee_stats_state.paused = 1` there, unseen by anyone else until the
/// commit, which comes after these have run and the flag is set back). Set-based: their firsts in one `INSERT … SELECT`, then each
/// count row moved once by a grouped upsert, where the row triggers would
/// move the same hot rows (a decade's, a year's) once per first — on
/// PostgreSQL each such update in one transaction lengthens the row's
/// version chain that the next update walks, so a 10,000-trainee import
/// cost ~14 ms a trainee and grew with the import.
///
/// `ids` are the new people's ids (integers, written into the SQL). On
/// PostgreSQL the caller holds [`STATS_LOCK`] first.
pub(crate) fn count_new_people_sql(backend: Backend, ids: &[i64]) -> Vec<String> {
    let list = ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let ymd = ymd_of(backend, "first_on");
    let (counted, join) = (COUNTED, COUNTED_FROM);
    let firsts = format!(
        "INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on) \
         SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on) {join} \
         WHERE pa.person_id IN ({list}) AND {counted} GROUP BY pa.person_id, pe.nationality, pe.gender \
         UNION ALL SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on) {join} \
         WHERE pa.person_id IN ({list}) AND {counted} GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender \
         UNION ALL SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on) {join} \
         WHERE pa.person_id IN ({list}) AND {counted} GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender"
    );
    let add_counts =
        "ON CONFLICT (lvl, bucket, kind, g, country, gender) DO UPDATE SET n = trainee_counts.n + excluded.n";
    let counts = format!(
        "INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) \
         SELECT l.lvl, {BUCKET}, f.kind, f.g, f.country, f.gender, COUNT(*) \
         FROM (SELECT kind, g, CASE WHEN kind = 3 THEN '' ELSE country END AS country, \
         CASE WHEN kind = 1 THEN gender ELSE '' END AS gender, {ymd} AS ymd FROM trainee_firsts \
         WHERE person_id IN ({list})) f CROSS JOIN {LEVELS} WHERE 1 = 1 GROUP BY 1, 2, 3, 4, 5, 6 {add_counts}"
    );
    let person_counts = format!(
        "INSERT INTO trainee_person_counts (country, gender, lvl, bucket, kind, g, n) \
         SELECT f.country, f.gender, l.lvl, {BUCKET}, f.kind, f.g, COUNT(*) \
         FROM (SELECT kind, g, country, gender, {ymd} AS ymd FROM trainee_firsts WHERE person_id IN ({list})) f \
         CROSS JOIN {LEVELS} WHERE 1 = 1 GROUP BY 1, 2, 3, 4, 5, 6 \
         ON CONFLICT (country, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_person_counts.n + excluded.n"
    );
    // A course's countries: the new people's earliest day per course and
    // country (`np`) replaces a later kept day, or is the first.
    let new_pairs = format!(
        "(SELECT g, country, MIN(first_on) AS m FROM trainee_firsts WHERE kind = 3 AND person_id IN ({list}) \
         GROUP BY g, country) np"
    );
    let cc_ymd = ymd_of(backend, "cc.first_on");
    let np_ymd = ymd_of(backend, "np.m");
    let later_uncounted = format!(
        "INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) \
         SELECT l.lvl, {BUCKET}, 4, f.programme_id, '', '', -COUNT(*) \
         FROM (SELECT cc.programme_id, {cc_ymd} AS ymd FROM trainee_course_countries cc JOIN {new_pairs} \
         ON np.g = cc.programme_id AND np.country = cc.country WHERE cc.first_on > np.m) f \
         CROSS JOIN {LEVELS} WHERE 1 = 1 GROUP BY 1, 2, 3, 4, 5, 6 {add_counts}"
    );
    let later_deleted = format!(
        "DELETE FROM trainee_course_countries WHERE EXISTS (SELECT 1 FROM trainee_firsts f \
         WHERE f.kind = 3 AND f.person_id IN ({list}) AND f.g = trainee_course_countries.programme_id \
         AND f.country = trainee_course_countries.country AND f.first_on < trainee_course_countries.first_on)"
    );
    let unkept = "NOT EXISTS (SELECT 1 FROM trainee_course_countries cc WHERE cc.programme_id = np.g AND cc.country = np.country)";
    let firsts_counted = format!(
        "INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) \
         SELECT l.lvl, {BUCKET}, 4, f.g, '', '', COUNT(*) \
         FROM (SELECT np.g, {np_ymd} AS ymd FROM {new_pairs} WHERE {unkept}) f \
         CROSS JOIN {LEVELS} WHERE 1 = 1 GROUP BY 1, 2, 3, 4, 5, 6 {add_counts}"
    );
    let firsts_kept = format!(
        "INSERT INTO trainee_course_countries (programme_id, country, first_on) \
         SELECT np.g, np.country, np.m FROM {new_pairs} WHERE {unkept}"
    );
    // The slices (migration 33), from the same firsts and the course-country
    // days before they move: a kept day later than the new people's is
    // uncounted, and a new people's day counted unless one as early is kept.
    // The same by country and gender (`npg`), then those days kept.
    let new_gendered = format!(
        "(SELECT g, country, gender, MIN(first_on) AS m FROM trainee_firsts WHERE kind = 3 AND person_id IN ({list}) \
         GROUP BY g, country, gender) npg"
    );
    let ccg_ymd = ymd_of(backend, "ccg.first_on");
    let npg_ymd = ymd_of(backend, "npg.m");
    let ccg_key = "ccg.programme_id = npg.g AND ccg.country = npg.country AND ccg.gender = npg.gender";
    let slices = slice_counts_sql(
        &format!(
            "SELECT 3 AS kind, g, country, gender, {ymd} AS ymd, 0 AS lo, 2 AS hi, 1 AS d FROM trainee_firsts \
             WHERE kind = 3 AND person_id IN ({list}) \
             UNION ALL SELECT 4, cc.programme_id, cc.country, '', {cc_ymd}, 0, 0, -1 FROM trainee_course_countries cc \
             JOIN {new_pairs} ON np.g = cc.programme_id AND np.country = cc.country WHERE cc.first_on > np.m \
             UNION ALL SELECT 4, np.g, np.country, '', {np_ymd}, 0, 0, 1 FROM {new_pairs} WHERE NOT EXISTS \
             (SELECT 1 FROM trainee_course_countries cc WHERE cc.programme_id = np.g AND cc.country = np.country \
             AND cc.first_on <= np.m) \
             UNION ALL SELECT 4, ccg.programme_id, ccg.country, ccg.gender, {ccg_ymd}, 1, 2, -1 \
             FROM trainee_course_country_genders ccg JOIN {new_gendered} ON {ccg_key} WHERE ccg.first_on > npg.m \
             UNION ALL SELECT 4, npg.g, npg.country, npg.gender, {npg_ymd}, 1, 2, 1 FROM {new_gendered} WHERE NOT EXISTS \
             (SELECT 1 FROM trainee_course_country_genders ccg WHERE {ccg_key} AND ccg.first_on <= npg.m)"
        ),
        ADD_SLICES,
    );
    let gendered_later_deleted = format!(
        "DELETE FROM trainee_course_country_genders WHERE EXISTS (SELECT 1 FROM trainee_firsts f \
         WHERE f.kind = 3 AND f.person_id IN ({list}) AND f.g = trainee_course_country_genders.programme_id \
         AND f.country = trainee_course_country_genders.country AND f.gender = trainee_course_country_genders.gender \
         AND f.first_on < trainee_course_country_genders.first_on)"
    );
    let gendered_kept = format!(
        "INSERT INTO trainee_course_country_genders (programme_id, country, gender, first_on) \
         SELECT npg.g, npg.country, npg.gender, npg.m FROM {new_gendered} WHERE NOT EXISTS \
         (SELECT 1 FROM trainee_course_country_genders ccg WHERE {ccg_key})"
    );
    vec![
        firsts,
        counts,
        person_counts,
        slices,
        later_uncounted,
        later_deleted,
        firsts_counted,
        firsts_kept,
        gendered_later_deleted,
        gendered_kept,
        course_year_firsts_sql(&format!("pa.person_id IN ({list}) AND")),
        course_year_counts_sql(
            backend,
            &format!("person_id IN ({list})"),
            "ON CONFLICT (fiscal_year, lvl, bucket, programme_id, country) \
             DO UPDATE SET n = trainee_course_year_counts.n + excluded.n",
        ),
    ]
}

impl Store {
    /// Whether the counts are kept (not paused for a rebuild or a bulk load).
    pub async fn trainee_stats_live(&self) -> Result<bool, StoreError> {
        let sql = "SELECT CAST(paused AS BIGINT) FROM trainee_stats_state WHERE id = 1";
        let paused: Option<i64> = with_pool!(self, p => sqlx::query_scalar(sql).fetch_optional(p).await?);
        Ok(paused == Some(0))
    }

    /// Stop (or restart) keeping the counts: for loading many
    /// participations at once, after which [`Store::rebuild_trainee_stats`]
    /// counts them all. While paused, reports are counted from the
    /// participations.
    pub async fn pause_trainee_stats(&self, paused: bool) -> Result<(), StoreError> {
        let sql = "UPDATE trainee_stats_state SET paused = $1 WHERE id = 1";
        with_pool!(self, p => sqlx::query(sql).bind(i64::from(paused)).execute(p).await.map(|_| ())?);
        Ok(())
    }

    /// Count every person again from the participations, in one
    /// transaction, and keep the counts from then on: the repair for a
    /// store whose counts are in doubt, and the end of a bulk load.
    ///
    /// Set-based: one `INSERT … SELECT … GROUP BY` per table, each in its
    /// key's order (appended to its index's last page rather than written
    /// all over it), and no row trigger: on PostgreSQL the tables are
    /// emptied by `TRUNCATE` and the count triggers skipped for this
    /// transaction (`kizuna.trainee_stats = 'paused'`, migration 31),
    /// where before each row deleted and inserted queued a trigger event
    /// and a plpgsql call that only returned, and the new rows were
    /// written beside the deleted ones' index entries. Reports that read
    /// the counts while a PostgreSQL rebuild runs wait for its commit
    /// (`TRUNCATE` holds the tables to it); writes that move the counts
    /// waited for it already (the advisory lock). SQLite's triggers read
    /// the table flag in their `WHEN`, with no call.
    pub async fn rebuild_trainee_stats(&self) -> Result<(), StoreError> {
        let backend = self.backend();
        let ymd = ymd_of(backend, "first_on");
        let (counted, join) = (COUNTED, COUNTED_FROM);
        let firsts = format!(
            "INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on) \
             SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on) {join} \
             WHERE {counted} GROUP BY pa.person_id, pe.nationality, pe.gender \
             UNION ALL SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on) {join} \
             WHERE {counted} GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender \
             UNION ALL SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on) {join} \
             WHERE {counted} GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender \
             ORDER BY 1, 2, 3"
        );
        let course_countries = "INSERT INTO trainee_course_countries (programme_id, country, first_on) \
             SELECT g, country, MIN(first_on) FROM trainee_firsts WHERE kind = 3 GROUP BY g, country ORDER BY 1, 2";
        let counts = format!(
            "INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) \
             SELECT l.lvl, {BUCKET}, f.kind, f.g, f.country, f.gender, COUNT(*) \
             FROM (SELECT kind, g, CASE WHEN kind = 3 THEN '' ELSE country END AS country, \
             CASE WHEN kind = 1 THEN gender ELSE '' END AS gender, {ymd} AS ymd FROM trainee_firsts \
             UNION ALL SELECT 4, programme_id, '', '', {ymd} FROM trainee_course_countries) f \
             CROSS JOIN {LEVELS} GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6"
        );
        let person_counts = format!(
            "INSERT INTO trainee_person_counts (country, gender, lvl, bucket, kind, g, n) \
             SELECT f.country, f.gender, l.lvl, {BUCKET}, f.kind, f.g, COUNT(*) \
             FROM (SELECT kind, g, country, gender, {ymd} AS ymd FROM trainee_firsts) f \
             CROSS JOIN {LEVELS} GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6"
        );
        let gendered = "INSERT INTO trainee_course_country_genders (programme_id, country, gender, first_on) \
             SELECT g, country, gender, MIN(first_on) FROM trainee_firsts WHERE kind = 3 GROUP BY g, country, gender \
             ORDER BY 1, 2, 3";
        let slices = slice_counts_sql(
            &format!(
                "SELECT 3 AS kind, g, country, gender, {ymd} AS ymd, 0 AS lo, 2 AS hi, 1 AS d FROM trainee_firsts \
                 WHERE kind = 3 \
                 UNION ALL SELECT 4, programme_id, country, '', {ymd}, 0, 0, 1 FROM trainee_course_countries \
                 UNION ALL SELECT 4, programme_id, country, gender, {ymd}, 1, 2, 1 FROM trainee_course_country_genders"
            ),
            "ORDER BY 1, 2, 3, 4, 5, 6",
        );
        let year_firsts = format!("{} ORDER BY 1, 2, 3", course_year_firsts_sql(""));
        let year_counts = course_year_counts_sql(backend, "1 = 1", "ORDER BY 1, 2, 3, 4, 5");
        let tables = [
            "trainee_course_year_counts",
            "trainee_course_year_firsts",
            "trainee_counts",
            "trainee_person_counts",
            "trainee_slice_counts",
            "trainee_course_country_genders",
            "trainee_course_countries",
            "trainee_firsts",
        ];
        let postgres = backend == Backend::Postgres;
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            if postgres {
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(STATS_LOCK).execute(&mut *tx).await?;
                sqlx::query(PAUSE_HERE).execute(&mut *tx).await?;
                // Room to group and sort in memory (a one-off repair).
                sqlx::query("SELECT set_config('work_mem', '128MB', true)").execute(&mut *tx).await?;
            }
            sqlx::query("UPDATE trainee_stats_state SET paused = 1 WHERE id = 1").execute(&mut *tx).await?;
            if postgres {
                sqlx::query(AssertSqlSafe(format!("TRUNCATE {}", tables.join(", ")))).execute(&mut *tx).await?;
            } else {
                for table in tables {
                    sqlx::query(AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut *tx).await?;
                }
            }
            sqlx::query(AssertSqlSafe(firsts.as_str())).execute(&mut *tx).await?;
            sqlx::query(course_countries).execute(&mut *tx).await?;
            sqlx::query(AssertSqlSafe(counts.as_str())).execute(&mut *tx).await?;
            sqlx::query(AssertSqlSafe(person_counts.as_str())).execute(&mut *tx).await?;
            sqlx::query(gendered).execute(&mut *tx).await?;
            sqlx::query(AssertSqlSafe(slices.as_str())).execute(&mut *tx).await?;
            sqlx::query(AssertSqlSafe(year_firsts.as_str())).execute(&mut *tx).await?;
            sqlx::query(AssertSqlSafe(year_counts.as_str())).execute(&mut *tx).await?;
            sqlx::query("UPDATE trainee_stats_state SET paused = 0 WHERE id = 1").execute(&mut *tx).await?;
            tx.commit().await?;
        });
        if postgres {
            // VACUUM as well as ANALYZE: the visibility map of the new rows.
            // Without it the years of a report narrowed to a gender at
            // 1,000,000 participations took 200–240 ms against 35 ms after
            // it (EXPLAIN ANALYZE): the planner chose the key by country,
            // and index-only scans fetched each row from the table.
            for table in tables {
                with_pool!(self, p => sqlx::query(AssertSqlSafe(format!("VACUUM (ANALYZE) {table}"))).execute(p).await.map(|_| ()))?;
            }
        }
        Ok(())
    }

    /// The two parts of a [`summary_sql`], run side by side on two
    /// connections: each is one scan that neither database splits.
    async fn summary_parts(&self, sql: &SummarySql, values: &[Value]) -> Result<(Packed, Option<String>), StoreError> {
        let direct = async {
            let Some(q) = &sql.direct else {
                return Ok(Packed::None);
            };
            let q = AssertSqlSafe(q.as_str());
            Ok::<_, StoreError>(match &self.pool {
                crate::Pool::Postgres(p) => {
                    let (codes, who): (Option<Vec<Option<i64>>>, Option<String>) =
                        bind_all!(sqlx::query_as(q), values.iter().cloned())
                            .fetch_one(p)
                            .await?;
                    match (codes, who) {
                        (Some(codes), Some(who)) => Packed::Codes(codes, who),
                        _ => Packed::None,
                    }
                }
                crate::Pool::Sqlite(p) => {
                    let (text,): (Option<String>,) = bind_all!(sqlx::query_as(q), values.iter().cloned())
                        .fetch_one(p)
                        .await?;
                    text.map_or(Packed::None, Packed::Text)
                }
            })
        };
        let summed = async {
            let (text,): (Option<String>,) = with_pool!(self, p => bind_all!(sqlx::query_as(AssertSqlSafe(sql.summed.as_str())), values.iter().cloned()).fetch_one(p).await?);
            Ok::<_, StoreError>(text)
        };
        tokio::try_join!(direct, summed)
    }

    /// The whole report's groups as of a date, summed from the counts.
    /// The caller checks [`Store::trainee_stats_live`] first.
    pub async fn trainee_summary(&self, as_of: NaiveDate) -> Result<TraineeAggregates, StoreError> {
        let values: Vec<Value> = bounds(as_of).into_iter().map(|v| Value::Int(Some(v))).collect();
        let sql = summary_sql(self.backend(), "trainee_counts", "", "1, 2", "3, 4");
        let (direct, summed) = self.summary_parts(&sql, &values).await?;
        read_summary(&direct, summed.as_deref(), false)
    }

    /// The groups of a report narrowed to a country, a region and/or a
    /// gender (and nothing else but the date), summed from the counts kept
    /// by nationality and gender; a region's or a gender's courses from
    /// the counts kept for that slice (migration 33). `None` when the
    /// filter narrows by anything else: such a report is counted from the
    /// participations.
    /// The caller checks [`Store::trainee_stats_live`] first.
    pub async fn trainee_summary_narrowed(
        &self,
        filter: &TraineeFilter,
        as_of: NaiveDate,
    ) -> Result<Option<TraineeAggregates>, StoreError> {
        if filter.programme_id.is_some() || filter.office_id.is_some() {
            return Ok(None);
        }
        let countries: Vec<CountryCode> = all_countries()
            .iter()
            .map(|c| c.code)
            .filter(|c| filter.country.is_none_or(|f| f == *c))
            .filter(|c| filter.region.is_none_or(|r| r == c.region()))
            .collect();
        if countries.is_empty() {
            // A country outside the region asked: nobody.
            return Ok(Some(TraineeAggregates::default()));
        }
        if let Some(fy) = filter.fiscal_year {
            // The course-year counts keep no gender.
            if filter.gender.is_some() {
                return Ok(None);
            }
            let narrowed = filter.country.is_some() || filter.region.is_some();
            return self
                .trainee_summary_fiscal_year(fy, narrowed.then_some(&countries[..]), as_of)
                .await
                .map(Some);
        }
        let genders: Vec<Gender> = Gender::ALL
            .iter()
            .copied()
            .filter(|g| filter.gender.is_none_or(|f| f == *g))
            .collect();
        let mut values: Vec<Value> = bounds(as_of).into_iter().map(|v| Value::Int(Some(v))).collect();
        let list = |texts: Vec<String>, values: &mut Vec<Value>| {
            let marks: Vec<String> = texts
                .into_iter()
                .map(|t| {
                    values.push(Value::Text(Some(t)));
                    format!("${}", values.len())
                })
                .collect();
            marks.join(", ")
        };
        let mut slice_values = values.clone();
        // Every country (no country or region asked) needs no list.
        let who = if filter.country.is_none() && filter.region.is_none() {
            String::new()
        } else {
            format!(
                "country IN ({}) AND ",
                list(countries.iter().map(ToString::to_string).collect(), &mut values)
            )
        };
        let genders = list(genders.iter().map(ToString::to_string).collect(), &mut values);
        let who = format!("{who}gender IN ({genders}) AND ");
        if filter.country.is_some() || (filter.region.is_none() && filter.gender.is_none()) {
            // One country's rows are few: every kind from the person counts
            // (which keep kinds 1 to 3: a course's countries are those of
            // its people).
            let sql = summary_sql(self.backend(), "trainee_person_counts", &who, "1, 2", "3");
            let (direct, summed) = self.summary_parts(&sql, &values).await?;
            return read_summary(&direct, summed.as_deref(), true).map(Some);
        }
        // A region and/or a gender: the years by country from the person
        // counts' kinds 1 and 2 alone (their own index, migration 33), the
        // courses from the slice counts; the three queries side by side.
        let years_table = match self.backend() {
            Backend::Sqlite => "trainee_person_counts INDEXED BY trainee_person_counts_years",
            Backend::Postgres => "trainee_person_counts",
        };
        let years = summary_sql(
            self.backend(),
            years_table,
            &format!("{who}kind IN (1, 2) AND "),
            "1, 2",
            "",
        );
        let slice = |v: Option<String>| Value::Text(Some(v.unwrap_or_default()));
        slice_values.push(slice(filter.region.map(|r| r.to_string())));
        slice_values.push(slice(filter.gender.map(|g| g.to_string())));
        let courses = summary_sql(
            self.backend(),
            "(SELECT lvl, bucket, kind, g, '' AS country, '' AS gender, n FROM trainee_slice_counts \
             WHERE region = $8 AND gender = $9) s",
            "",
            "",
            "3, 4",
        );
        let ((direct, summed), (none, courses)) = tokio::try_join!(
            self.summary_parts(&years, &values),
            self.summary_parts(&courses, &slice_values)
        )?;
        let mut out = read_summary(&direct, summed.as_deref(), true)?;
        out.by_course = read_summary(&none, courses.as_deref(), false)?.by_course;
        Ok(Some(out))
    }

    /// The groups of a report narrowed to a fiscal year (and perhaps to
    /// `countries`), as of a date: the year's people by country and gender
    /// from the person counts of kind 2, its courses' people and countries
    /// from the course-year counts (migration 34); the two queries side by
    /// side.
    async fn trainee_summary_fiscal_year(
        &self,
        fy: FiscalYear,
        countries: Option<&[CountryCode]>,
        as_of: NaiveDate,
    ) -> Result<TraineeAggregates, StoreError> {
        let b = bounds(as_of);
        let mut values: Vec<Value> = std::iter::once(i64::from(fy.year()))
            .chain(b[2..].iter().copied())
            .map(|v| Value::Int(Some(v)))
            .collect();
        let who = match countries {
            None => String::new(),
            Some(countries) => {
                let marks: Vec<String> = countries
                    .iter()
                    .map(|c| {
                        values.push(Value::Text(Some(c.to_string())));
                        format!("${}", values.len())
                    })
                    .collect();
                format!("country IN ({}) AND ", marks.join(", "))
            }
        };
        let years = format!(
            "SELECT country, gender, CAST(SUM(n) AS BIGINT) FROM ({}) r \
             GROUP BY country, gender HAVING SUM(n) <> 0",
            fiscal_year_rows(
                "country, gender",
                "trainee_person_counts",
                &format!("kind = 2 AND g = $1 AND {who}"),
                true,
            )
        );
        // Per course: its people (the sum over its countries), its countries
        // (those with anyone) and the least of their sums (below zero only
        // in counts that disagree with each other).
        let courses = format!(
            "SELECT programme_id, CAST(SUM(n) AS BIGINT), CAST(COUNT(*) AS BIGINT), CAST(MIN(n) AS BIGINT) \
             FROM (SELECT programme_id, country, CAST(SUM(n) AS INTEGER) AS n FROM ({}) r \
             GROUP BY programme_id, country HAVING SUM(n) <> 0) c GROUP BY programme_id",
            fiscal_year_rows(
                "programme_id, country",
                "trainee_course_year_counts",
                &format!("fiscal_year = $1 AND {who}"),
                false,
            )
        );
        let years = async {
            let rows: Vec<(String, String, i64)> = with_pool!(self, p => bind_all!(sqlx::query_as(AssertSqlSafe(years.as_str())), values.iter().cloned()).fetch_all(p).await?);
            Ok::<_, StoreError>(rows)
        };
        let courses = async {
            let rows: Vec<(i64, i64, i64, i64)> = with_pool!(self, p => bind_all!(sqlx::query_as(AssertSqlSafe(courses.as_str())), values.iter().cloned()).fetch_all(p).await?);
            Ok::<_, StoreError>(rows)
        };
        let (years, courses) = tokio::try_join!(years, courses)?;
        let corrupt = |what: String| StoreError::Corrupt(format!("trainee count of fiscal year {fy}: {what}"));
        let mut out = TraineeAggregates::default();
        let mut by_country: BTreeMap<CountryCode, u64> = BTreeMap::new();
        for (country, gender, n) in years {
            let code: CountryCode = country.parse().map_err(|_| corrupt(format!("country {country}")))?;
            let gender: Gender = gender.parse().map_err(|_| corrupt(format!("gender {gender}")))?;
            let n = u64::try_from(n).map_err(|_| corrupt(format!("{n} people of {country}")))?;
            out.by_first_year.push((fy, code, gender, n));
            *by_country.entry(code).or_default() += n;
        }
        out.by_year_country = by_country.into_iter().map(|(c, n)| (fy, c, n)).collect();
        for (id, people, countries, least) in courses {
            let (Ok(people), Ok(countries), 1..) = (u64::try_from(people), u64::try_from(countries), least) else {
                return Err(corrupt(format!("course {id}: {people} people, a country at {least}")));
            };
            out.by_course.push((id, people, countries));
        }
        Ok(out)
    }

    /// The same groups counted by the databases' own `GROUP BY … COUNT(DISTINCT …)`
    /// over the participations: the plain way, for comparison.
    pub async fn trainee_aggregates_grouped(
        &self,
        filter: &TraineeFilter,
        as_of: NaiveDate,
    ) -> Result<TraineeAggregates, StoreError> {
        let (cond, values) = crate::training::trainee_where(filter, as_of);
        let from = crate::training::TRAINEE_FROM;
        let first = format!(
            "SELECT CAST(fy AS BIGINT), nationality, gender, COUNT(*) FROM (SELECT pa.person_id, MIN(e.fiscal_year) AS fy, \
             pe.nationality, pe.gender {from} WHERE {cond} GROUP BY pa.person_id, pe.nationality, pe.gender) f \
             GROUP BY fy, nationality, gender"
        );
        let year = format!(
            "SELECT CAST(e.fiscal_year AS BIGINT), pe.nationality, COUNT(DISTINCT pa.person_id) {from} WHERE {cond} \
             GROUP BY e.fiscal_year, pe.nationality"
        );
        let course = format!(
            "SELECT e.programme_id, COUNT(DISTINCT pa.person_id), COUNT(DISTINCT pe.nationality) {from} \
             WHERE {cond} GROUP BY e.programme_id"
        );
        let first: Vec<(i64, String, String, i64)> = with_pool!(self, p => bind_all!(sqlx::query_as(AssertSqlSafe(first.as_str())), values.clone()).fetch_all(p).await?);
        let year: Vec<(i64, String, i64)> = with_pool!(self, p => bind_all!(sqlx::query_as(AssertSqlSafe(year.as_str())), values.clone()).fetch_all(p).await?);
        let course: Vec<(i64, i64, i64)> = with_pool!(self, p => bind_all!(sqlx::query_as(AssertSqlSafe(course.as_str())), values).fetch_all(p).await?);
        let corrupt = |what: String| StoreError::Corrupt(format!("trainee group {what} cannot be read"));
        let fy = |y: i64| {
            i32::try_from(y)
                .ok()
                .and_then(|y| FiscalYear::new(y).ok())
                .ok_or_else(|| corrupt(format!("fiscal year {y}")))
        };
        let code = |c: &str| c.parse::<CountryCode>().map_err(|_| corrupt(format!("country {c}")));
        let n = |v: i64| u64::try_from(v).map_err(|_| corrupt(format!("count {v}")));
        let mut out = TraineeAggregates::default();
        for (y, c, g, k) in first {
            let gender = g.parse().map_err(|_| corrupt(format!("gender {g}")))?;
            out.by_first_year.push((fy(y)?, code(&c)?, gender, n(k)?));
        }
        for (y, c, k) in year {
            out.by_year_country.push((fy(y)?, code(&c)?, n(k)?));
        }
        for (id, people, countries) in course {
            out.by_course.push((id, n(people)?, n(countries)?));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::{PACK_G, PACK_N, Packed, bounds, read_summary};
    use chrono::NaiveDate;
    use kizuna_domain::common::person::Gender;
    use kizuna_domain::common::{CountryCode, FiscalYear};

    /// PostgreSQL's packing of a direct row, as `summary_sql` writes it.
    fn code(kind: i64, g: i64, n: i64) -> Option<i64> {
        Some((kind * PACK_G + g) * PACK_N + n)
    }

    #[test]
    fn packed_rows_read_back_as_written() {
        let packed = Packed::Codes(
            vec![code(1, 2020, 5), code(12, 1954, (1 << 40) - 1), code(2, 4095, 1)],
            "JPmale,TH,VN".to_owned(),
        );
        assert_eq!(
            packed.rows().unwrap(),
            vec![
                (1, 2020, "JP", "male", 5),
                (12, 1954, "TH", "", (1 << 40) - 1),
                (2, 4095, "VN", "", 1)
            ]
        );
        let text = Packed::Text("1,2020,JP,female,5;2,2019,TH,,3".to_owned());
        assert_eq!(
            text.rows().unwrap(),
            vec![(1, 2020, "JP", "female", 5), (2, 2019, "TH", "", 3)]
        );
        // A row the database could not pack (NULL), a country short of its
        // two letters, and the two parts of different lengths: corrupt
        // counts, not a wrong report.
        for bad in [
            Packed::Codes(vec![code(1, 2020, 5), None], "JPmale,TH".to_owned()),
            Packed::Codes(vec![code(1, 2020, 5)], "J".to_owned()),
            Packed::Codes(vec![code(1, 2020, 5)], "JPmale,TH".to_owned()),
            Packed::Codes(vec![code(1, 2020, 5), code(2, 2020, 1)], "JPmale".to_owned()),
            Packed::Text("1,2020,JP,male".to_owned()),
        ] {
            assert!(bad.rows().is_err());
        }
    }

    #[test]
    fn rows_out_of_their_own_year_add_to_their_group() {
        let fy = |y| FiscalYear::new(y).unwrap();
        let c = |s: &str| s.parse::<CountryCode>().unwrap();
        // Kind 1 of 2020 from Japan: 5 in its own year's bucket, 2 dated
        // in another (kind 11), 1 taken away by the summed part (someone
        // after the date). Kind 2 of 2019 from Thailand only out of its
        // year (kind 12), in two genders' rows of the person counts.
        let direct = Packed::Codes(
            vec![
                code(1, 2020, 5),
                code(11, 2020, 2),
                code(12, 2019, 3),
                code(12, 2019, 4),
            ],
            "JPmale,JPmale,THfemale,THmale".to_owned(),
        );
        let a = read_summary(&direct, Some("1,2020,JP,male,-1"), true).unwrap();
        assert_eq!(a.by_first_year, vec![(fy(2020), c("JP"), Gender::Male, 6)]);
        assert_eq!(a.by_year_country, vec![(fy(2019), c("TH"), 7)]);
        // More taken away than there were: the counts disagree.
        assert!(read_summary(&direct, Some("1,2020,JP,male,-9"), true).is_err());
    }

    #[test]
    fn a_date_splits_into_years_months_and_days() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // February belongs to the fiscal year that began the April before.
        assert_eq!(
            bounds(d(2008, 2, 15)),
            [200, 2000, 2007, 200704, 200802, 20080201, 20080215]
        );
        // The first day of a fiscal year: no months of it yet.
        assert_eq!(
            bounds(d(2007, 4, 1)),
            [200, 2000, 2007, 200704, 200704, 20070401, 20070401]
        );
        // The first day of a decade's first fiscal year: no years of it yet.
        assert_eq!(
            bounds(d(2010, 4, 1)),
            [201, 2010, 2010, 201004, 201004, 20100401, 20100401]
        );
        // March belongs to the fiscal year (and decade) before.
        assert_eq!(
            bounds(d(1990, 3, 31)),
            [198, 1980, 1989, 198904, 199003, 19900301, 19900331]
        );
    }
}
