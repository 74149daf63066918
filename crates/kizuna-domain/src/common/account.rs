//! Accounts and what each role may see and do.

use serde::{Deserialize, Serialize};

use super::Id;
use super::error::Invalid;
use crate::string_enum;

string_enum! {
    /// What an account may do. Anonymous visitors have no account and see
    /// public pages only.
    Role {
        /// Everything, including accounts.
        Admin = "admin",
        /// Programme staff: every record, personal data included.
        Staff = "staff",
        /// A partner organisation: only its own organisation's records,
        /// without other people's personal data.
        Partner = "partner",
        /// A volunteer: only their own placements, hours and documents,
        /// read and logged through their pages; never others' records.
        Volunteer = "volunteer",
    }
}

impl Role {
    /// May create and change records.
    pub fn can_write(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }

    /// May read personal data (birth dates, contacts) of people outside
    /// their own organisation.
    pub fn sees_personal_data(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }
}

/// A signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: Id,
    pub email: String,
    pub role: Role,
    /// For partners: the organisation whose records they see.
    pub organisation_id: Option<Id>,
    /// For volunteers: the person the account is (whose placements,
    /// hours and documents they see).
    #[serde(default)]
    pub person_id: Option<Id>,
}

/// An e-mail address used to sign in, folded to lower case.
pub fn parse_login_email(s: &str) -> Result<String, Invalid> {
    let t = s.trim().to_lowercase();
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !t.contains(char::is_whitespace)
        }
        None => false,
    };
    if ok && t.len() <= 254 {
        Ok(t)
    } else {
        Err(Invalid::new(
            "invalid_email",
            format!("\"{}\" is not an e-mail address", s.trim()),
        ))
    }
}

/// A password is at least 12 characters; nothing else is required of it.
pub fn check_password(s: &str) -> Result<(), Invalid> {
    if s.chars().count() >= 12 && s.len() <= 1024 {
        Ok(())
    } else {
        Err(Invalid::new("weak_password", "a password needs at least 12 characters"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_logins() {
        assert!(Role::Staff.can_write() && !Role::Partner.can_write());
        assert!(!Role::Partner.sees_personal_data());
        assert!(!Role::Volunteer.can_write() && !Role::Volunteer.sees_personal_data());
        assert_eq!(
            parse_login_email(" Admin@Kizuna.Example ").unwrap(),
            "admin@kizuna.example"
        );
        assert!(parse_login_email("admin").is_err());
        assert!(check_password("short").is_err());
        assert!(check_password("correct horse battery").is_ok());
    }
}
