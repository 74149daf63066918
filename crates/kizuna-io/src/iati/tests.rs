#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::{NaiveDate, TimeZone, Utc};
use quick_xml::events::Event;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn activity(id: &str) -> Activity {
    Activity {
        identifier: format!("XX-TEST-{id}"),
        hierarchy: Some(1),
        default_currency: Some("JPY".to_owned()),
        last_updated: None,
        reporting_org: ReportingOrg {
            reference: "XX-TEST".to_owned(),
            org_type: OrgType::Government,
            name: Narratives::one("en", "Test office"),
            secondary_reporter: false,
        },
        title: Narratives(vec![
            ("en".to_owned(), "Dairy & <confectionery>".to_owned()),
            ("ja".to_owned(), "乳製品と菓子".to_owned()),
        ]),
        descriptions: vec![Description {
            kind: DescriptionType::General,
            text: Narratives::one("en", "A course \"for\" officials"),
        }],
        participating_orgs: vec![ParticipatingOrg {
            role: OrgRole::Implementing,
            reference: None,
            org_type: Some(OrgType::Academic),
            activity_id: None,
            name: Narratives::one("en", "A university"),
        }],
        status: ActivityStatus::Closed,
        dates: vec![
            ActivityDate {
                kind: DateType::ActualStart,
                date: day(2007, 9, 3),
            },
            ActivityDate {
                kind: DateType::ActualEnd,
                date: day(2007, 10, 12),
            },
        ],
        recipient_countries: vec![
            RecipientCountry {
                country: "TH".parse().unwrap(),
                percentage: Some(6667),
            },
            RecipientCountry {
                country: "MY".parse().unwrap(),
                percentage: Some(3333),
            },
        ],
        recipient_regions: vec![],
        locations: vec![],
        sectors: vec![Sector {
            vocabulary: SectorVocabulary::Dac5,
            code: "43040".to_owned(),
            percentage: None,
            name: Narratives::default(),
        }],
        default_aid_type: Some(AidType::TrainingInDonorCountry),
        budgets: vec![],
        related: vec![],
        results: vec![],
        ripples: None,
    }
}

fn file(activities: Vec<Activity>) -> ActivitiesFile {
    ActivitiesFile {
        generated: Utc.with_ymd_and_hms(2008, 3, 31, 9, 0, 0).unwrap(),
        activities,
    }
}

/// The element names directly inside the first `iati-activity`, in order.
fn children_of_activity(xml: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0;
    let mut out = Vec::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => {
                if depth == 2 {
                    out.push(e.name().as_ref().to_owned());
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 2 => out.push(e.name().as_ref().to_owned()),
            Event::End(_) => {
                depth -= 1;
                if depth == 1 {
                    return out;
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

#[test]
fn texts_are_escaped_and_read_back() {
    let xml = String::from_utf8(to_bytes(&file(vec![activity("a")])).unwrap()).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{xml}");
    assert!(xml.contains("Dairy &amp; &lt;confectionery&gt;"), "{xml}");
    assert!(
        xml.contains("<narrative xml:lang=\"ja\">乳製品と菓子</narrative>"),
        "{xml}"
    );
    assert!(xml.contains("generated-datetime=\"2008-03-31T09:00:00Z\""), "{xml}");
    assert!(xml.contains("xmlns:kizuna=\"urn:kizuna:iati:ripples:1\""), "{xml}");
    // Read back by an XML parser, each narrative is the text given.
    let narratives = narrative_texts(&xml);
    assert_eq!(narratives[1], "Dairy & <confectionery>");
    assert_eq!(narratives[2], "乳製品と菓子");
    assert_eq!(narratives[3], "A course \"for\" officials");
}

/// Every `narrative`'s text, in document order, as a parser reads it.
fn narrative_texts(xml: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut inside = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "narrative" => {
                inside = true;
                out.push(String::new());
            }
            Event::End(e) if e.name().as_ref() == "narrative" => inside = false,
            Event::Text(t) if inside => out.last_mut().unwrap().push_str(&t.xml10_content()),
            Event::GeneralRef(g) if inside => {
                let c = quick_xml::escape::resolve_predefined_entity(&g).unwrap();
                out.last_mut().unwrap().push_str(c);
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

#[test]
fn elements_come_in_the_schema_order() {
    let mut a = activity("a");
    a.recipient_regions.push(RecipientRegion {
        code: "798".to_owned(),
        vocabulary: RegionVocabulary::Dac,
        percentage: None,
        name: Narratives::default(),
    });
    a.recipient_countries.iter_mut().for_each(|c| c.percentage = None);
    a.locations.push(Location {
        reference: Some("jp-hokkaido".to_owned()),
        reach: LocationReach::Activity,
        name: Narratives::one("en", "Hokkaido"),
        description: Narratives::default(),
        administrative: vec![(GeographicVocabulary::Iso3166_1, "JP".to_owned(), Some(0))],
        class: Some(LocationClass::AdministrativeRegion),
        feature: Some(FeatureDesignation::Adm1),
    });
    a.budgets.push(Budget {
        kind: BudgetType::Original,
        status: BudgetStatus::Indicative,
        start: day(2007, 4, 1),
        end: day(2008, 3, 31),
        value: Money {
            amount: 1_200_000,
            currency: "JPY".to_owned(),
            value_date: day(2007, 4, 1),
        },
    });
    a.related.push(RelatedActivity {
        reference: "XX-TEST-parent".to_owned(),
        kind: RelatedType::Parent,
    });
    a.results.push(ResultEntry {
        kind: ResultType::Output,
        title: Narratives::one("en", "Trainees"),
        description: Narratives::default(),
        aggregation_status: Some(true),
        indicators: vec![Indicator {
            measure: IndicatorMeasure::Unit,
            ascending: Some(true),
            title: Narratives::one("en", "Trainees completed"),
            description: Narratives::default(),
            reference: Some((IndicatorVocabulary::ReportingOrg, "trainees-completed".to_owned())),
            baseline: Some(Baseline {
                year: 2007,
                date: Some(day(2007, 4, 1)),
                value: "0".to_owned(),
            }),
            periods: vec![Period {
                start: day(2007, 4, 1),
                end: day(2008, 3, 31),
                target: Some("30".to_owned()),
                actuals: vec![Actual {
                    value: "28".to_owned(),
                    dimensions: vec![],
                }],
            }],
        }],
    });
    a.ripples = Some(Ripples::default());
    let xml = String::from_utf8(to_bytes(&file(vec![a])).unwrap()).unwrap();
    assert_eq!(
        children_of_activity(&xml),
        [
            "iati-identifier",
            "reporting-org",
            "title",
            "description",
            "participating-org",
            "activity-status",
            "activity-date",
            "activity-date",
            "recipient-country",
            "recipient-country",
            "recipient-region",
            "location",
            "sector",
            "default-aid-type",
            "budget",
            "related-activity",
            "result",
            "kizuna:ripples",
        ]
    );
    assert!(
        xml.contains("<value currency=\"JPY\" value-date=\"2007-04-01\">1200000</value>"),
        "{xml}"
    );
    assert!(
        xml.contains("<baseline year=\"2007\" iso-date=\"2007-04-01\" value=\"0\"/>"),
        "{xml}"
    );
}

#[test]
fn ripples_carry_sides_and_links() {
    let mut a = activity("p");
    a.results.push(ResultEntry {
        kind: ResultType::Outcome,
        title: Narratives::one("en", "Joint products"),
        description: Narratives::default(),
        aggregation_status: None,
        indicators: vec![Indicator {
            measure: IndicatorMeasure::Unit,
            ascending: None,
            title: Narratives::one("en", "Joint products"),
            description: Narratives::default(),
            reference: None,
            baseline: None,
            periods: vec![Period {
                start: day(2016, 4, 1),
                end: day(2017, 3, 31),
                target: None,
                actuals: vec![Actual {
                    value: "1".to_owned(),
                    dimensions: vec![("side".to_owned(), "abroad".to_owned())],
                }],
            }],
        }],
    });
    a.ripples = Some(Ripples {
        activities: vec![ActivityNote {
            id: "activity-3".to_owned(),
            kind: "training".to_owned(),
            date: Some(day(2015, 9, 1)),
            title: Narratives::one("en", "Confectionery training"),
        }],
        outcomes: vec![OutcomeNote {
            id: "outcome-7".to_owned(),
            kind: "joint_product".to_owned(),
            side: Side::Abroad,
            date: Some(day(2016, 5, 10)),
            title: Narratives::one("en", "Halal Daifuku"),
            result: Some(1),
        }],
        links: vec![CausalLink {
            from: Node::Activity("activity-3".to_owned()),
            to: Node::Outcome("outcome-7".to_owned()),
        }],
    });
    let xml = String::from_utf8(to_bytes(&file(vec![a])).unwrap()).unwrap();
    assert!(
        xml.contains(
            "<kizuna:outcome id=\"outcome-7\" kind=\"joint_product\" side=\"abroad\" date=\"2016-05-10\" result=\"1\">"
        ),
        "{xml}"
    );
    assert!(
        xml.contains(
            "<kizuna:led-to from-kind=\"activity\" from=\"activity-3\" to-kind=\"outcome\" to=\"outcome-7\"/>"
        ),
        "{xml}"
    );
    assert!(xml.contains("<dimension name=\"side\" value=\"abroad\"/>"), "{xml}");
}

#[test]
fn what_the_schema_or_rules_refuse_is_named() {
    let mut a = activity("a/b");
    a.descriptions.clear();
    a.participating_orgs.clear();
    a.sectors.clear();
    a.recipient_countries[0].percentage = Some(6000);
    a.dates = vec![ActivityDate {
        kind: DateType::ActualEnd,
        date: day(2009, 1, 1),
    }];
    let mut b = activity("ok");
    b.identifier = "OTHER-ok".to_owned();
    let problems = check(&file(vec![a, b]));
    let all = problems.join("\n");
    for expected in [
        "XX-TEST-a/b: the identifier \"XX-TEST-a/b\" holds '/'",
        "XX-TEST-a/b: a description is needed",
        "XX-TEST-a/b: no participating organisation",
        "XX-TEST-a/b: no sector",
        "XX-TEST-a/b: no start date",
        "XX-TEST-a/b: an actual date (2009-01-01) is after the file's date (2008-03-31)",
        "XX-TEST-a/b: recipient countries and regions: the percentages add up to 93.33, not 100",
        "OTHER-ok: the identifier does not begin with the reporting organisation's (XX-TEST-)",
    ] {
        assert!(all.contains(expected), "missing «{expected}» in:\n{all}");
    }
    assert_eq!(problems.len(), 8, "{all}");
    assert!(matches!(
        to_bytes(&file(vec![activity("c"), activity("c")])),
        Err(IatiError::Invalid(p)) if p == ["XX-TEST-c: the identifier is used twice"]
    ));
    assert!(check(&file(vec![activity("fine")])).is_empty());
}

#[test]
fn shares_add_up_to_exactly_one_hundred() {
    assert_eq!(shares(&[1, 1, 1]), [3334, 3333, 3333]);
    assert_eq!(shares(&[2, 1]), [6667, 3333]);
    assert_eq!(shares(&[5]), [10_000]);
    assert_eq!(shares(&[0, 0]), [0, 0]);
    assert!(shares(&[]).is_empty());
    for weights in [vec![7, 13, 1, 1, 1, 29], vec![1; 57], vec![3, 0, 997]] {
        let s = shares(&weights);
        assert_eq!(s.iter().sum::<u32>(), 10_000, "{weights:?} → {s:?}");
    }
    assert_eq!(write::percent(10_000), "100");
    assert_eq!(write::percent(3333), "33.33");
    assert_eq!(write::percent(1250), "12.5");
    assert_eq!(write::percent(5), "0.05");
}

#[test]
fn characters_xml_forbids_are_replaced() {
    assert_eq!(write::clean("a\u{1}b\tc\u{FFFF}"), "a\u{FFFD}b\tc\u{FFFD}");
}
