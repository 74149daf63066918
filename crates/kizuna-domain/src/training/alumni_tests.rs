use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn follow_up() -> FollowUpInput {
    FollowUpInput {
        person_id: 1,
        participation_id: Some(10),
        placement_id: None,
        milestone: Milestone::M6,
        due_on: d("2023-03-31"),
        done_on: None,
        progress: Progress::NotStarted,
        notes: None,
        evidence_url: None,
        channel: None,
    }
}

#[test]
fn milestones_fall_due_six_and_twelve_months_after_completion() {
    assert_eq!(Milestone::M6.due_on(d("2022-09-30")), Some(d("2023-03-30")));
    assert_eq!(Milestone::M12.due_on(d("2022-08-31")), Some(d("2023-08-31")));
    // The end of a shorter month.
    assert_eq!(Milestone::M6.due_on(d("2022-08-31")), Some(d("2023-02-28")));
    assert_eq!(Milestone::Other.due_on(d("2022-08-31")), None);
}

#[test]
fn about_exactly_one_thing() {
    let mut f = follow_up();
    f.participation_id = None;
    let e = f.validate(d("2024-01-01")).unwrap_err();
    assert_eq!(
        (e[0].field.as_str(), e[0].code.as_str()),
        ("participation_id", "required")
    );
    f.participation_id = Some(1);
    f.placement_id = Some(2);
    let e = f.validate(d("2024-01-01")).unwrap_err();
    assert_eq!(e[0].code, "one_of");
    f.placement_id = None;
    assert_eq!(f.about(), Some(About::Participation(1)));
    assert!(f.validate(d("2024-01-01")).is_ok());
}

#[test]
fn implemented_needs_evidence_and_a_done_date() {
    let mut f = follow_up();
    f.progress = Progress::Implemented;
    let e = f.validate(d("2024-01-01")).unwrap_err();
    let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["done_on", "evidence_url"]);
    f.done_on = Some(d("2023-04-02"));
    f.notes = Some(LocalText::en(Text::parse("Opened a halal bakery line").unwrap()));
    assert!(f.validate(d("2024-01-01")).is_ok());
    f.notes = None;
    f.evidence_url = Some(Text::parse("javascript:alert(1)").unwrap());
    assert_eq!(f.validate(d("2024-01-01")).unwrap_err()[0].code, "invalid_url");
    f.evidence_url = Some(Text::parse("https://news.example.th/bakery").unwrap());
    assert!(f.validate(d("2024-01-01")).is_ok());
    f.done_on = Some(d("2024-01-02"));
    assert_eq!(f.validate(d("2024-01-01")).unwrap_err()[0].code, "in_future");
}

#[test]
fn done_before_completion_and_wrong_due_date_refused() {
    let mut f = follow_up();
    f.done_on = Some(d("2022-09-01"));
    f.due_on = d("2023-04-01");
    let e = f.check_against(d("2022-09-30"));
    let codes: Vec<&str> = e.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["before_completion", "wrong_due_date"]);
    assert!(e[1].message.contains("2023-03-30"), "{}", e[1].message);
    f.done_on = Some(d("2023-03-30"));
    f.due_on = d("2023-03-30");
    assert!(f.check_against(d("2022-09-30")).is_empty());
}

#[test]
fn due_list_leaves_out_what_is_done_and_what_is_far_off() {
    let c = |p, id, on| Completion {
        person_id: p,
        about: About::Participation(id),
        finished_on: d(on),
    };
    let completions = [c(1, 10, "2023-01-15"), c(2, 20, "2023-10-01"), c(3, 30, "2024-05-01")];
    let existing = [
        Recorded {
            id: 100,
            about: About::Participation(10),
            milestone: Milestone::M6,
            done: true,
        },
        Recorded {
            id: 101,
            about: About::Participation(20),
            milestone: Milestone::M6,
            done: false,
        },
    ];
    let due = due_follow_ups(&completions, &existing, d("2024-04-15"), 30);
    let got: Vec<(Id, Milestone, i64, Option<Id>)> = due
        .iter()
        .map(|x| (x.person_id, x.milestone, x.days_overdue, x.follow_up_id))
        .collect();
    // Person 1: m6 done, m12 due 2024-01-15 (91 days over); person 2: m6
    // due 2024-04-01 with its planned record; person 3 not yet.
    assert_eq!(got, [(1, Milestone::M12, 91, None), (2, Milestone::M6, 14, Some(101))]);
    // Within 200 days brings person 3's 6-month follow-up (due 2024-11-01) in.
    let later = due_follow_ups(&completions, &existing, d("2024-04-15"), 200);
    assert!(later.iter().any(|x| x.person_id == 3 && x.days_overdue < 0));
    assert!(
        later
            .iter()
            .any(|x| x.person_id == 2 && x.milestone == Milestone::M12 && x.due_on == d("2024-10-01"))
    );
}
