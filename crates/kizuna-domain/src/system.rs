//! The systems of the product, as the change feed knows them: each has its
//! own version, bumped by every write to its records, so that what is
//! computed from one system (statistics, the map's index, later the search
//! index) is kept until that system changes, not until anything does.

use crate::string_enum;

string_enum! {
    System {
        /// Localities, organisations, people, programmes, offices.
        Common = "common",
        /// Course editions, participations, sessions and attendance.
        Training = "training",
        /// Delegations, dispatches, symposiums and awards.
        Exchanges = "exchanges",
        /// Places of the Muslim-friendly map.
        Map = "map",
        /// Partnership programmes, activities, outcomes and their links,
        /// local-to-local links, offers and needs.
        Partnerships = "partnerships",
        /// Volunteer placements, their hours, reports and documents.
        Volunteers = "volunteers",
        /// Travel fairs, their leads, campaigns, tourism trainings' links
        /// and visitor flows.
        Tourism = "tourism",
    }
}
