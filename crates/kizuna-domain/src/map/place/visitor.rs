//! What a visitor checks before going: the Friday prayer (jumu'ah) at a
//! mosque, how one can pay, and how dear a place is.

use chrono::NaiveTime;

use crate::common::LocalText;
use crate::common::error::Invalid;
use crate::string_enum;

/// The earliest and latest a Friday prayer is accepted to start: it is
/// held at the midday prayer's time, which in Japan falls between about
/// 11:20 and 12:10 local time, and congregations start up to a few hours
/// later for a second jamaah.
pub const JUMUAH_EARLIEST: NaiveTime = NaiveTime::from_hms_opt(10, 0, 0).expect("a time");
pub const JUMUAH_LATEST: NaiveTime = NaiveTime::from_hms_opt(16, 0, 0).expect("a time");

/// The Friday prayer at a place where it is held, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Jumuah {
    /// When the (first) congregation starts, local time.
    pub time: NaiveTime,
    /// A second congregation, after the first.
    pub second: Option<NaiveTime>,
    /// What a visitor should know (the khutbah's language, a women's area).
    pub note: Option<LocalText>,
}

/// A Friday-prayer time as written in a file or form: `HH:MM`, within
/// [`JUMUAH_EARLIEST`]–[`JUMUAH_LATEST`].
pub fn jumuah_time(raw: &str) -> Result<NaiveTime, Invalid> {
    let t = NaiveTime::parse_from_str(raw.trim(), "%H:%M").map_err(|_| {
        Invalid::new(
            "invalid_time",
            format!("\"{raw}\" is not a time; write it as HH:MM, e.g. 12:30"),
        )
    })?;
    if !(JUMUAH_EARLIEST..=JUMUAH_LATEST).contains(&t) {
        return Err(Invalid::new(
            "out_of_range",
            format!("the Friday prayer is held at midday: {raw} is not between 10:00 and 16:00"),
        ));
    }
    Ok(t)
}

string_enum! {
    /// A way to pay at a place.
    PaymentMethod {
        Cash = "cash",
        /// Credit and debit cards.
        CreditCard = "credit_card",
        /// Transit IC cards and electronic money (Kitaca, Suica, WAON...).
        IcCard = "ic_card",
        /// QR-code payments (PayPay, Alipay, DuitNow QR...).
        QrCode = "qr_code",
    }
}

/// The ways to pay a place is known to take; empty when not known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Payments(u8);

impl Payments {
    pub const NONE: Payments = Payments(0);

    fn bit(m: PaymentMethod) -> u8 {
        1 << PaymentMethod::ALL.iter().position(|x| *x == m).unwrap_or(0)
    }
    pub fn with(self, m: PaymentMethod) -> Payments {
        Payments(self.0 | Self::bit(m))
    }
    pub fn contains(self, m: PaymentMethod) -> bool {
        self.0 & Self::bit(m) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The methods taken, in the order of [`PaymentMethod::ALL`].
    pub fn iter(self) -> impl Iterator<Item = PaymentMethod> {
        PaymentMethod::ALL.iter().copied().filter(move |m| self.contains(*m))
    }

    /// A set as written: methods separated by spaces, commas or
    /// semicolons (`cash;credit_card`); blank is none known.
    pub fn parse(raw: &str) -> Result<Payments, Invalid> {
        let mut out = Payments::NONE;
        for part in raw.split([' ', ',', ';']).filter(|s| !s.trim().is_empty()) {
            let m = part.parse::<PaymentMethod>().map_err(|_| {
                Invalid::new(
                    "unknown_value",
                    format!(
                        "\"{part}\" is not a way to pay: write cash, credit_card, ic_card or qr_code, separated by ;"
                    ),
                )
            })?;
            out = out.with(m);
        }
        Ok(out)
    }
}

impl std::fmt::Display for Payments {
    /// The methods separated by `;`, as files and the store write them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<&str> = self.iter().map(PaymentMethod::as_str).collect();
        f.write_str(&parts.join(";"))
    }
}

/// How dear a place is, from 1 (cheap) to 4 (very dear), as guides mark
/// it with ¥ to ¥¥¥¥.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PriceRange(u8);

impl PriceRange {
    pub const MAX: u8 = 4;

    pub fn new(level: i64) -> Result<PriceRange, Invalid> {
        match u8::try_from(level) {
            Ok(l @ 1..=Self::MAX) => Ok(PriceRange(l)),
            _ => Err(Invalid::new(
                "out_of_range",
                format!("the price range is a level from 1 (cheap) to 4 (very dear), not {level}"),
            )),
        }
    }
    pub fn level(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payments_read_in_any_order_and_write_in_one() {
        let p = Payments::parse(" qr_code, cash;credit-card ").unwrap();
        assert_eq!(p.to_string(), "cash;credit_card;qr_code");
        assert!(!p.contains(PaymentMethod::IcCard));
        assert_eq!(Payments::parse(&p.to_string()).unwrap(), p);
        assert!(Payments::parse("").unwrap().is_empty());
        let e = Payments::parse("cash;bitcoin").unwrap_err();
        assert!(e.message.contains("\"bitcoin\""), "{}", e.message);
    }

    #[test]
    fn price_ranges_are_one_to_four() {
        assert_eq!(PriceRange::new(1).unwrap().level(), 1);
        assert_eq!(PriceRange::new(4).unwrap().level(), 4);
        for bad in [0, 5, -1, 300] {
            assert_eq!(PriceRange::new(bad).unwrap_err().code, "out_of_range");
        }
    }

    #[test]
    fn friday_prayer_times_are_midday_clock_times() {
        assert_eq!(
            jumuah_time("12:30").unwrap(),
            NaiveTime::from_hms_opt(12, 30, 0).unwrap()
        );
        assert_eq!(jumuah_time("9:30").unwrap_err().code, "out_of_range");
        assert_eq!(jumuah_time("noon").unwrap_err().code, "invalid_time");
        assert_eq!(jumuah_time("25:00").unwrap_err().code, "invalid_time");
    }
}
