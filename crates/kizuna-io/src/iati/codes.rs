//! The IATI 2.03 code lists Kizuna writes, as enums: each value knows its
//! code, so that a code outside the list cannot be written. The codes are
//! the official lists' (iatistandard.org, Standard 2.03); the tests check
//! every one against those lists (`crates/kizuna-io/tests/data/iati-codelists/`).

/// An enum whose variants stand for codes of one IATI code list.
macro_rules! code_list {
    ($(#[$doc:meta])* $name:ident ($list:literal) { $($(#[$vdoc:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// The code list's name, as iatistandard.org names its file.
            pub const LIST: &'static str = $list;
            /// Every value Kizuna may write.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value's code in the list.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }
        }
    };
}

code_list! {
    /// What an organisation does in an activity.
    OrgRole ("OrganisationRole") {
        /// Provides the money.
        Funding = "1",
        /// Answers for the activity (e.g. the ministry, the proposer).
        Accountable = "2",
        /// Manages the funds on the funder's behalf (e.g. JICA).
        Extending = "3",
        /// Carries the activity out.
        Implementing = "4",
    }
}

code_list! {
    /// The kind of an organisation.
    OrgType ("OrganisationType") {
        Government = "10",
        LocalGovernment = "11",
        OtherPublicSector = "15",
        InternationalNgo = "21",
        NationalNgo = "22",
        RegionalNgo = "23",
        PartnerCountryNgo = "24",
        PublicPrivatePartnership = "30",
        Multilateral = "40",
        Foundation = "60",
        PrivateSector = "70",
        /// A business in the providing country (Japan, for Kizuna).
        PrivateSectorProvider = "71",
        /// A business in the recipient country.
        PrivateSectorRecipient = "72",
        PrivateSectorThirdCountry = "73",
        Academic = "80",
        Other = "90",
    }
}

code_list! {
    /// Where an activity stands in its life.
    ActivityStatus ("ActivityStatus") {
        Pipeline = "1",
        Implementation = "2",
        Finalisation = "3",
        Closed = "4",
        Cancelled = "5",
        Suspended = "6",
    }
}

code_list! {
    /// Which date of an activity a date is.
    DateType ("ActivityDateType") {
        PlannedStart = "1",
        ActualStart = "2",
        PlannedEnd = "3",
        ActualEnd = "4",
    }
}

code_list! {
    /// What a description describes.
    DescriptionType ("DescriptionType") {
        General = "1",
        Objectives = "2",
        TargetGroups = "3",
        Other = "4",
    }
}

code_list! {
    /// How another activity relates to this one.
    RelatedType ("RelatedActivityType") {
        /// The other is this one's parent.
        Parent = "1",
        /// The other is one of this one's children.
        Child = "2",
        /// The other shares this one's parent.
        Sibling = "3",
        CoFunded = "4",
        ThirdParty = "5",
    }
}

code_list! {
    /// The kind of a result.
    ResultType ("ResultType") {
        Output = "1",
        Outcome = "2",
        Impact = "3",
        Other = "9",
    }
}

code_list! {
    /// What an indicator's values measure.
    IndicatorMeasure ("IndicatorMeasure") {
        Unit = "1",
        Percentage = "2",
        Nominal = "3",
        Ordinal = "4",
        Qualitative = "5",
    }
}

code_list! {
    /// Whether a budget is the first one or a revision.
    BudgetType ("BudgetType") {
        Original = "1",
        Revised = "2",
    }
}

code_list! {
    /// Whether a budget is an estimate or committed.
    BudgetStatus ("BudgetStatus") {
        Indicative = "1",
        Committed = "2",
    }
}

code_list! {
    /// The vocabulary a sector code comes from.
    SectorVocabulary ("SectorVocabulary") {
        /// OECD DAC CRS purpose codes (5 digits).
        Dac5 = "1",
        /// OECD DAC CRS sector categories (3 digits).
        Dac3 = "2",
        /// The reporting organisation's own codes.
        ReportingOrg = "99",
    }
}

code_list! {
    /// The vocabulary a region code comes from.
    RegionVocabulary ("RegionVocabulary") {
        /// OECD DAC regions.
        Dac = "1",
        /// UN M49 regions.
        UnM49 = "2",
    }
}

code_list! {
    /// Whether a location is where the activity happens or where those it
    /// serves live.
    LocationReach ("GeographicLocationReach") {
        Activity = "1",
        Beneficiaries = "2",
    }
}

code_list! {
    /// What kind of thing a location is.
    LocationClass ("GeographicLocationClass") {
        AdministrativeRegion = "1",
        PopulatedPlace = "2",
        Structure = "3",
        OtherTopographicalFeature = "4",
    }
}

code_list! {
    /// The gazetteer a location's administrative code comes from.
    GeographicVocabulary ("GeographicVocabulary") {
        /// ISO 3166-1 alpha-2 country codes.
        Iso3166_1 = "A4",
        /// GeoNames.
        Geonames = "G1",
        /// OpenStreetMap.
        OpenStreetMap = "G2",
    }
}

code_list! {
    /// The GeoNames feature code a location is designated by (a few of the
    /// `LocationType` list).
    FeatureDesignation ("LocationType") {
        /// A first-order administrative division (a prefecture, a state).
        Adm1 = "ADM1",
        /// A second-order administrative division (a subprefecture).
        Adm2 = "ADM2",
        /// A populated place (a city, town or village).
        Ppl = "PPL",
        /// An area.
        Area = "AREA",
    }
}

code_list! {
    /// Broad kinds of aid (vocabulary 1, OECD DAC).
    AidType ("AidType") {
        /// Donor country personnel.
        DonorCountryPersonnel = "D01",
        /// Other technical assistance.
        OtherTechnicalAssistance = "D02",
        /// Scholarships and training in the donor country.
        TrainingInDonorCountry = "E01",
    }
}

code_list! {
    /// The vocabulary an indicator's reference code comes from.
    IndicatorVocabulary ("IndicatorVocabulary") {
        /// The reporting organisation's own indicator codes.
        ReportingOrg = "99",
    }
}
