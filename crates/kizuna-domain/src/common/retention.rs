//! How long each kind of record holding personal data is kept, as data:
//! `kizuna purge` (and its `--dry-run`) removes what these rules say is
//! due, and the README lists them. The periods follow what each record is
//! for under Japan's APPI (keep personal data no longer than its purpose
//! needs) against what the office must be able to answer for.

/// A kind of record the retention rules cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// A sign-in session (`user_sessions`).
    Session,
    /// A trainee's contact details (e-mail) on their person record.
    TraineeContact,
    /// An API token, once revoked or expired (`api_tokens`).
    ApiToken,
    /// A one-time password link, once used or expired (`password_resets`).
    PasswordLink,
    /// A nomination file a partner sent, once staff accepted or declined
    /// it (`nominations`).
    NominationFile,
    /// The audit log.
    AuditEntry,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Session => "session",
            RecordKind::TraineeContact => "trainee_contact",
            RecordKind::ApiToken => "api_token",
            RecordKind::PasswordLink => "password_link",
            RecordKind::NominationFile => "nomination_file",
            RecordKind::AuditEntry => "audit_entry",
        }
    }
}

/// How long a record is kept after the event its rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Days(u32),
    Years(u32),
    /// Never purged.
    Always,
}

/// One rule: records of `kind` are kept for `keep` after `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub kind: RecordKind,
    pub keep: Keep,
    /// The event the period runs from.
    pub after: &'static str,
    /// Why this period.
    pub why: &'static str,
}

/// The rules, one per kind.
pub const RULES: &[Rule] = &[
    Rule {
        kind: RecordKind::Session,
        keep: Keep::Days(90),
        after: "the session expired or was ended",
        why: "an ended session only answers questions about recent sign-ins",
    },
    Rule {
        kind: RecordKind::TraineeContact,
        keep: Keep::Years(5),
        after: "the end of the person's last course",
        why: "alumni follow-up ends with the five-year follow-up survey; name, nationality, gender and participations stay for the statistics",
    },
    Rule {
        kind: RecordKind::ApiToken,
        keep: Keep::Years(1),
        after: "the token was revoked or expired",
        why: "a dead token only answers which program used the API on whose behalf; the audit log keeps what it did",
    },
    Rule {
        kind: RecordKind::PasswordLink,
        keep: Keep::Days(30),
        after: "the link was used or expired",
        why: "a spent link only shows that a password was set; the audit log keeps that",
    },
    Rule {
        kind: RecordKind::NominationFile,
        keep: Keep::Days(180),
        after: "staff accepted or declined it",
        why: "a nomination form carries sensitive data (health, family) that the decision used up; what the office keeps of an accepted trainee is in their person and participation records, and the audit log keeps who sent, read and decided what",
    },
    Rule {
        kind: RecordKind::AuditEntry,
        keep: Keep::Always,
        after: "it was written",
        why: "the office must answer for every read and change of personal data as long as it keeps the records; entries hold no personal data",
    },
];

/// The rule for a kind of record.
pub fn rule(kind: RecordKind) -> &'static Rule {
    RULES.iter().find(|r| r.kind == kind).unwrap_or(&RULES[RULES.len() - 1])
}

impl Keep {
    /// The last day a record whose period started on `from` is kept
    /// (`None`: kept for ever).
    pub fn until(self, from: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        match self {
            Keep::Days(d) => from.checked_add_days(chrono::Days::new(u64::from(d))),
            Keep::Years(y) => from.checked_add_months(chrono::Months::new(y * 12)),
            Keep::Always => None,
        }
    }

    /// The first day records are purged on, as of `today`: a record whose
    /// period started before this day is due (`None`: never).
    pub fn cutoff(self, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        match self {
            Keep::Days(d) => today.checked_sub_days(chrono::Days::new(u64::from(d))),
            Keep::Years(y) => today.checked_sub_months(chrono::Months::new(y * 12)),
            Keep::Always => None,
        }
    }
}

impl std::fmt::Display for Keep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Keep::Days(d) => write!(f, "{d} days"),
            Keep::Years(y) => write!(f, "{y} years"),
            Keep::Always => f.write_str("always"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn every_kind_has_one_rule() {
        for kind in [
            RecordKind::Session,
            RecordKind::TraineeContact,
            RecordKind::ApiToken,
            RecordKind::PasswordLink,
            RecordKind::NominationFile,
            RecordKind::AuditEntry,
        ] {
            assert_eq!(RULES.iter().filter(|r| r.kind == kind).count(), 1, "{kind:?}");
            assert_eq!(rule(kind).kind, kind);
        }
        assert_eq!(rule(RecordKind::AuditEntry).keep, Keep::Always);
    }

    #[test]
    fn cutoffs_count_back_from_today() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Keep::Days(90).cutoff(d(2026, 12, 5)), Some(d(2026, 9, 6)));
        assert_eq!(Keep::Years(5).cutoff(d(2026, 12, 5)), Some(d(2021, 12, 5)));
        assert_eq!(Keep::Years(5).until(d(2008, 3, 31)), Some(d(2013, 3, 31)));
        assert_eq!(Keep::Always.cutoff(d(2026, 12, 5)), None);
    }
}
