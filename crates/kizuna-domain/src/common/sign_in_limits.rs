//! How failed sign-ins slow attackers without locking out an account's
//! owner: the policy, without a clock or storage (the application gives it
//! the counts it keeps in the store and the time).
//!
//! Three counts of recent failures are kept, each by a key of its own:
//!
//! - one account from one address ([`Scope::Pair`]): after
//!   [`Policy::pair_free`] failures, that address waits 2, 4, 8 … seconds
//!   (doubling with each further failure, at most [`Policy::max_wait_s`])
//!   before it may try that account again;
//! - one address over every account ([`Scope::Address`]): the same,
//!   from [`Policy::address_free`] failures on (it stops one address
//!   trying one password on many accounts);
//! - one account from every address ([`Scope::Account`]): from the much
//!   higher [`Policy::account_free`] on, the delay applies only to
//!   addresses that have never signed in to the account: its owner, from an
//!   address it signed in from before, is never held up by others' failures.
//!
//! A count is forgotten [`Policy::window_s`] after its last failure.

/// Which count a failure is added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// One account from one address.
    Pair,
    /// One address, over every account.
    Address,
    /// One account, from every address.
    Account,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Pair, Scope::Address, Scope::Account];

    /// The name the store keeps the count under.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Pair => "pair",
            Scope::Address => "address",
            Scope::Account => "account",
        }
    }
}

/// Recent failures of one key: how many, and when the last was (Unix
/// seconds; the caller reads the clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Failures {
    pub count: u32,
    pub last: i64,
}

/// The numbers of the policy (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failures of one account from one address before that address waits.
    pub pair_free: u32,
    /// Failures from one address over all accounts before it waits.
    pub address_free: u32,
    /// Failures of one account from all addresses before addresses it has
    /// never signed in from wait.
    pub account_free: u32,
    /// The longest wait, in seconds.
    pub max_wait_s: i64,
    /// How long a count is kept after its last failure, in seconds.
    pub window_s: i64,
}

/// The policy Kizuna uses.
pub const POLICY: Policy = Policy {
    pair_free: 5,
    address_free: 20,
    account_free: 100,
    max_wait_s: 15 * 60,
    window_s: 24 * 3600,
};

/// Whether a sign-in may be tried now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Not before this many seconds from now (at least 1).
    Wait(i64),
}

impl Policy {
    /// The wait after `count` failures when `free` are allowed without one:
    /// none below `free`, then 2 s doubling with each failure, at most
    /// [`Policy::max_wait_s`].
    pub fn wait_after(&self, count: u32, free: u32) -> i64 {
        if count < free {
            return 0;
        }
        let doublings = (count - free + 1).min(40);
        (1i64 << doublings).min(self.max_wait_s)
    }

    /// When a key with these failures may try again (Unix seconds); a count
    /// older than the window counts for nothing.
    pub fn free_at(&self, scope: Scope, f: Failures, now: i64) -> i64 {
        if now - f.last >= self.window_s {
            return now;
        }
        let free = match scope {
            Scope::Pair => self.pair_free,
            Scope::Address => self.address_free,
            Scope::Account => self.account_free,
        };
        f.last + self.wait_after(f.count, free)
    }

    /// Whether an address may try to sign in to an account now, given the
    /// three counts (absent: none) and whether that address has signed in
    /// to that account before (`known`).
    pub fn check(&self, now: i64, counts: &[(Scope, Failures)], known: bool) -> Verdict {
        let until = counts
            .iter()
            .filter(|(scope, _)| !(known && *scope == Scope::Account))
            .map(|(scope, f)| self.free_at(*scope, *f, now))
            .max()
            .unwrap_or(now);
        if until > now {
            Verdict::Wait(until - now)
        } else {
            Verdict::Allowed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Policy = POLICY;
    const NOW: i64 = 1_800_000_000;

    fn f(count: u32, ago: i64) -> Failures {
        Failures { count, last: NOW - ago }
    }

    #[test]
    fn waits_double_after_the_free_failures_up_to_the_cap() {
        let waits: Vec<i64> = (0..16).map(|n| P.wait_after(n, 5)).collect();
        assert_eq!(waits, [0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
        assert_eq!(P.wait_after(u32::MAX, 5), 900, "no overflow");
    }

    #[test]
    fn an_address_waits_after_five_failures_on_one_account() {
        for n in 0..5 {
            assert_eq!(P.check(NOW, &[(Scope::Pair, f(n, 0))], false), Verdict::Allowed);
        }
        assert_eq!(P.check(NOW, &[(Scope::Pair, f(5, 0))], false), Verdict::Wait(2));
        assert_eq!(P.check(NOW, &[(Scope::Pair, f(5, 1))], false), Verdict::Wait(1));
        assert_eq!(P.check(NOW, &[(Scope::Pair, f(5, 2))], false), Verdict::Allowed);
        assert_eq!(P.check(NOW, &[(Scope::Pair, f(30, 0))], false), Verdict::Wait(900));
        // Even a known address: these are its own failures on the account.
        assert_eq!(P.check(NOW, &[(Scope::Pair, f(30, 0))], true), Verdict::Wait(900));
    }

    #[test]
    fn an_address_spraying_accounts_waits() {
        assert_eq!(P.check(NOW, &[(Scope::Address, f(19, 0))], false), Verdict::Allowed);
        assert_eq!(P.check(NOW, &[(Scope::Address, f(20, 0))], false), Verdict::Wait(2));
        assert_eq!(P.check(NOW, &[(Scope::Address, f(200, 0))], true), Verdict::Wait(900));
    }

    #[test]
    fn an_attacked_account_slows_only_unknown_addresses() {
        let attacked = [
            (Scope::Account, f(5_000, 0)),
            (Scope::Pair, f(0, 0)),
            (Scope::Address, f(0, 0)),
        ];
        assert_eq!(P.check(NOW, &attacked, false), Verdict::Wait(900));
        assert_eq!(P.check(NOW, &attacked, true), Verdict::Allowed, "the owner signs in");
        assert_eq!(P.check(NOW, &[(Scope::Account, f(99, 0))], false), Verdict::Allowed);
    }

    #[test]
    fn counts_are_forgotten_after_the_window() {
        assert_eq!(
            P.check(NOW, &[(Scope::Pair, f(1_000, P.window_s))], false),
            Verdict::Allowed
        );
        // Within the window, the last failure still counts.
        let within = f(1_000, P.window_s - 1);
        assert_eq!(P.free_at(Scope::Pair, within, NOW), within.last + P.max_wait_s);
    }

    #[test]
    fn the_longest_wait_of_the_three_counts() {
        let counts = [
            (Scope::Pair, f(6, 0)),
            (Scope::Address, f(25, 0)),
            (Scope::Account, f(0, 0)),
        ];
        assert_eq!(P.check(NOW, &counts, false), Verdict::Wait(64));
        assert_eq!(P.check(NOW, &[], false), Verdict::Allowed);
    }
}
