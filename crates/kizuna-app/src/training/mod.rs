//! Training courses for overseas trainees: the statistics the office
//! reports by fiscal year and their drill-downs ([`reports`]), trainee
//! files in and out ([`transfer`]), and the staff console's lists
//! ([`console`]).

pub mod alumni;
pub mod console;
pub mod documents;
pub mod reports;
pub mod transfer;
