//! Tourism both ways: travel fairs attended or hosted with the leads they
//! brought and their follow-up, promotion campaigns, the young-leader
//! training programmes (links to the training system's editions, not a
//! second record of them), and visitor flows in both directions by month
//! with the stage of each figure.

pub mod campaign;
pub mod fair;
pub mod flows;
pub mod itinerary;
pub mod training;
