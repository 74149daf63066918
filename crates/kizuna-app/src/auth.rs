//! Accounts, sign-in and API tokens.
//!
//! Passwords are hashed with argon2id (the `argon2` crate's defaults); a
//! session or API token is 32 random bytes, shown once and stored only as
//! its SHA-256 hash. Sessions last 12 hours.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::Duration;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::account::{Role, User, check_password, parse_login_email};
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::sign_in_limits::{POLICY, Scope, Verdict};
use sha2::Digest;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{App, AppError, Result};

/// How long a sign-in lasts.
pub const SESSION_HOURS: i64 = 12;

/// A new random secret: 32 bytes as 64 hex digits.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The operating system's generator; failing it there is nothing safe to do.
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A readable random password (for accounts created without one).
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

pub(crate) fn token_hash(token: &str) -> String {
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::BadFile(format!("cannot hash the password: {e}")))
}

/// What an unknown e-mail's password is checked against (it matches nothing).
const UNKNOWN_ACCOUNT_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2U";

fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), hash).is_ok()
}

/// The lowest zxcvbn score a password may have: 3 is "safely unguessable"
/// (about 10^10 guesses); 0 to 2 are refused.
pub const MIN_PASSWORD_SCORE: u8 = 3;
/// Only this many characters are scored (zxcvbn's time grows quickly with
/// length); a longer password is at least as strong as its beginning.
const SCORED_CHARS: usize = 100;

/// Why a password is too easy to guess: zxcvbn's feedback as message keys
/// (`password-warning-KEY`, `password-suggestion-KEY` in the catalogues)
/// and its English text (for the CLI and the API's error message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakPassword {
    pub score: u8,
    /// What is wrong, when zxcvbn can say.
    pub warning: Option<(&'static str, String)>,
    /// What would make it stronger.
    pub suggestions: Vec<(&'static str, String)>,
}

impl WeakPassword {
    /// The problem as one English sentence (or several).
    pub fn english(&self) -> String {
        let mut parts = vec!["this password is too easy to guess.".to_owned()];
        parts.extend(self.warning.iter().map(|(_, t)| t.clone()));
        parts.extend(self.suggestions.iter().map(|(_, t)| t.clone()));
        parts.join(" ")
    }
}

fn warning_key(w: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match w {
        W::StraightRowsOfKeysAreEasyToGuess => "key-rows",
        W::ShortKeyboardPatternsAreEasyToGuess => "key-patterns",
        W::RepeatsLikeAaaAreEasyToGuess => "repeats",
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "repeated-groups",
        W::ThisIsATop10Password => "top-10",
        W::ThisIsATop100Password => "top-100",
        W::ThisIsACommonPassword => "common",
        W::ThisIsSimilarToACommonlyUsedPassword => "similar-to-common",
        W::SequencesLikeAbcAreEasyToGuess => "sequences",
        W::RecentYearsAreEasyToGuess => "recent-years",
        W::AWordByItselfIsEasyToGuess => "one-word",
        W::DatesAreOftenEasyToGuess => "dates",
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => "names",
        W::CommonNamesAndSurnamesAreEasyToGuess => "common-names",
    }
}

fn suggestion_key(s: zxcvbn::feedback::Suggestion) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match s {
        S::UseAFewWordsAvoidCommonPhrases => "few-words",
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => "no-symbols-needed",
        S::AddAnotherWordOrTwo => "more-words",
        S::CapitalizationDoesntHelpVeryMuch => "capitals",
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "all-capitals",
        S::ReversedWordsArentMuchHarderToGuess => "reversed",
        S::PredictableSubstitutionsDontHelpVeryMuch => "substitutions",
        S::UseALongerKeyboardPatternWithMoreTurns => "longer-pattern",
        S::AvoidRepeatedWordsAndCharacters => "avoid-repeats",
        S::AvoidSequences => "avoid-sequences",
        S::AvoidRecentYears => "avoid-recent-years",
        S::AvoidYearsThatAreAssociatedWithYou => "avoid-your-years",
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => "avoid-your-dates",
    }
}

/// Whether a password is hard enough to guess (zxcvbn's estimate, with its
/// word lists compiled in: nothing is looked up elsewhere). `context` are
/// words a guesser would try first: the e-mail address, the product's name.
/// CPU work of a few milliseconds: call it where blocking is allowed.
pub fn password_strength(password: &str, context: &[&str]) -> Result<(), WeakPassword> {
    let scored: String = password.chars().take(SCORED_CHARS).collect();
    let mut words = vec!["kizuna", "絆"];
    words.extend_from_slice(context);
    for c in context {
        // The parts of an e-mail address: its name and its domain's words.
        words.extend(c.split(['@', '.', '-', '_', '+']).filter(|w| w.len() >= 3));
    }
    let estimate = zxcvbn::zxcvbn(&scored, &words);
    let score = u8::from(estimate.score());
    if score >= MIN_PASSWORD_SCORE {
        return Ok(());
    }
    let feedback = estimate.feedback();
    Err(WeakPassword {
        score,
        warning: feedback
            .and_then(zxcvbn::feedback::Feedback::warning)
            .map(|w| (warning_key(w), w.to_string())),
        suggestions: feedback
            .map(|f| {
                f.suggestions()
                    .iter()
                    .map(|s| (suggestion_key(*s), s.to_string()))
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// The domain's rule (length) and then [`password_strength`], as a field error.
fn check_new_password(password: &str, email: &str) -> Result<(), FieldError> {
    check_password(password).map_err(|e| e.at("password"))?;
    password_strength(password, &[email]).map_err(|w| FieldError::new("password", "weak_password", w.english()))
}

/// How many password hashes or checks may run at once: one per core
/// (argon2id takes a core for tens of milliseconds; more at once would only
/// queue on the CPU and crowd out every other request).
pub fn password_workers() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// The setting holding the salt of the sign-in limits' keys.
const SALT_SETTING: &str = "sign_in_salt";
/// Failures written since start; every [`PURGE_EVERY`]th also purges.
static FAILURES_WRITTEN: AtomicU64 = AtomicU64::new(0);
const PURGE_EVERY: u64 = 64;

/// What a sign-in attempt came to (see [`App::sign_in_from`]).
#[derive(Debug, Clone)]
pub enum SignInOutcome {
    Signed(NewSession),
    /// Wrong e-mail or password (or a disabled account), alike.
    Refused,
    /// Too many failures: try again after this many seconds; the password
    /// was not checked.
    Wait {
        seconds: i64,
    },
}

/// The nice value of a thread doing password work (Linux): when the CPU is
/// busy, answering requests comes first, so that a flood of sign-ins slows
/// sign-ins rather than everything; an idle CPU still goes to them in full.
/// A blocking-pool thread keeps it for whatever it runs next (an
/// unprivileged thread cannot raise its priority again).
pub const PASSWORD_NICE: i32 = 10;

#[cfg(target_os = "linux")]
fn yield_to_requests() {
    thread_local!(static LOWERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    LOWERED.with(|lowered| {
        if !lowered.get() {
            // Best effort: if the system refuses, the work runs as before.
            let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), PASSWORD_NICE);
            lowered.set(true);
        }
    });
}

#[cfg(not(target_os = "linux"))]
fn yield_to_requests() {}

/// A signed-in session: the cookie's secret and the token forms must carry.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub user: User,
}

impl App {
    /// Run password work (argon2id, zxcvbn) on the blocking pool, at most
    /// [`password_workers`] at a time across the whole application, at a
    /// lower priority than serving requests ([`PASSWORD_NICE`]). Callers
    /// beyond that wait for a permit asynchronously, holding no thread; the
    /// permit goes with the work, so it is released only when the work ends
    /// (even if the caller gave up waiting).
    pub async fn password_work<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        let permit = self
            .password_permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| AppError::BadFile("the password workers have stopped".into()))?;
        tokio::task::spawn_blocking(move || {
            yield_to_requests();
            let out = work();
            drop(permit);
            out
        })
        .await
        .map_err(|e| AppError::BadFile(format!("a password check failed: {e}")))
    }

    /// Create an account. Without a password, a random one is made and
    /// returned (to be shown once). Partners belong to an organisation.
    pub async fn add_user(
        &self,
        email: &str,
        role: Role,
        organisation_key: Option<&str>,
        password: Option<&str>,
    ) -> Result<(User, Option<String>)> {
        self.add_account(email, role, organisation_key, None, password).await
    }

    /// Create an account as [`App::add_user`] does; a volunteer account
    /// is a person (`person_id`, required for volunteers and only for them).
    pub async fn add_account(
        &self,
        email: &str,
        role: Role,
        organisation_key: Option<&str>,
        person_id: Option<Id>,
        password: Option<&str>,
    ) -> Result<(User, Option<String>)> {
        let mut errors = Vec::new();
        match (role, person_id) {
            (Role::Volunteer, None) => errors.push(FieldError::new(
                "person",
                "required",
                "a volunteer account is a person: give the person's id",
            )),
            (Role::Volunteer, Some(id)) => {
                if !self.store.exists::<kizuna_domain::common::person::Person>(id).await? {
                    errors.push(FieldError::new(
                        "person",
                        "not_found",
                        format!("no person has the id {id}"),
                    ));
                }
            }
            (_, Some(_)) => errors.push(FieldError::new(
                "person",
                "not_a_volunteer",
                "only a volunteer account is linked to a person",
            )),
            (_, None) => {}
        }
        let email = parse_login_email(email).map_err(|e| errors.push(e.at("email"))).ok();
        let generated = password.is_none().then(random_password);
        let password = password
            .map(str::to_owned)
            .or_else(|| generated.clone())
            .unwrap_or_default();
        let (p, e) = (password.clone(), email.clone().unwrap_or_default());
        if let Err(e) = self.password_work(move || check_new_password(&p, &e)).await? {
            errors.push(e);
        }
        let organisation_id = match organisation_key {
            Some(key) => match self.by_key::<Organisation>(key).await {
                Ok(o) => Some(o.id),
                Err(_) => {
                    errors.push(FieldError::new(
                        "organisation",
                        "not_found",
                        format!("no organisation has the key \"{key}\""),
                    ));
                    None
                }
            },
            None => None,
        };
        if role == Role::Partner && organisation_key.is_none() {
            errors.push(FieldError::new(
                "organisation",
                "required",
                "a partner account belongs to an organisation",
            ));
        }
        let (Some(email), true) = (email, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let hash = self.password_work(move || hash_password(&password)).await??;
        let user = self
            .store
            .insert_user(&email, &hash, role, organisation_id, person_id, self.now())
            .await?;
        self.note_access(
            kizuna_store::Action::Create,
            "account",
            user.id,
            &format!("role-{}", role.as_str()),
        )
        .await?;
        Ok((user, generated))
    }

    /// Check an e-mail and password; on success open a session.
    /// Wrong e-mail and wrong password fail alike. No sign-in limits: what
    /// people and clients reach goes through [`App::sign_in_from`].
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<Option<NewSession>> {
        let Ok(email) = parse_login_email(email) else {
            return Ok(None);
        };
        let Some((user, hash)) = self.store.user_by_email(&email).await? else {
            // Spend the same time as a real check, so timing does not tell which accounts exist.
            let p = password.to_owned();
            self.password_work(move || verify_password(&p, UNKNOWN_ACCOUNT_HASH))
                .await?;
            return Ok(None);
        };
        let p = password.to_owned();
        if !self.password_work(move || verify_password(&p, &hash)).await? {
            return Ok(None);
        }
        // A disabled account fails like a wrong password (see accounts.rs).
        if self.store.user_disabled(user.id).await? {
            return Ok(None);
        }
        let token = random_token();
        let csrf = random_token();
        let now = self.now();
        self.store
            .insert_session(
                &token_hash(&token),
                user.id,
                &csrf,
                now,
                now + Duration::hours(SESSION_HOURS),
            )
            .await?;
        Ok(Some(NewSession { token, csrf, user }))
    }

    /// Sign in from a client address, within the sign-in limits
    /// (`kizuna_domain::common::sign_in_limits`): an address that has failed
    /// too often on this account, or on too many accounts, or an address
    /// never used by an account that is under attack from everywhere, is
    /// told to wait without its password being checked. Failures are
    /// counted in the store (so they hold across restarts and servers); a
    /// success forgets this address's failures on this account and
    /// remembers the address as known to the account. Every key is a salted
    /// hash: the store keeps no e-mail or address for this.
    pub async fn sign_in_from(&self, email: &str, password: &str, address: &str) -> Result<SignInOutcome> {
        let account =
            parse_login_email(email).unwrap_or_else(|_| email.trim().to_lowercase().chars().take(320).collect());
        let now = self.now().timestamp();
        let salt = self.sign_in_salt().await?;
        let key = |kind: &str, a: &str, b: &str| {
            let mut h = sha2::Sha256::new();
            for part in [salt.as_str(), kind, a, b] {
                h.update(part.as_bytes());
                h.update([0]);
            }
            h.finalize().iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        let keys = [
            (Scope::Pair, key("pair", &account, address)),
            (Scope::Address, key("address", address, "")),
            (Scope::Account, key("account", &account, "")),
        ];
        let known_key = key("known", &account, address);
        let counts = self.store.sign_in_failures(&keys).await?;
        let known = self.store.sign_in_known(&known_key, now).await?;
        if let Verdict::Wait(seconds) = POLICY.check(now, &counts, known) {
            return Ok(SignInOutcome::Wait { seconds });
        }
        match self.sign_in(email, password).await? {
            Some(session) => {
                self.store.clear_sign_in_failures(Scope::Pair, &keys[0].1).await?;
                self.store.remember_sign_in(&known_key, now).await?;
                self.store.purge_sign_in_limits(now, &POLICY).await?;
                let by = kizuna_store::Actor::request(Some(session.user.id), "console", Some(address.to_owned()));
                self.acting(by)
                    .note_access(kizuna_store::Action::SignIn, "account", session.user.id, "")
                    .await?;
                Ok(SignInOutcome::Signed(session))
            }
            None => {
                self.store.add_sign_in_failures(&keys, now, &POLICY).await?;
                if FAILURES_WRITTEN
                    .fetch_add(1, Ordering::Relaxed)
                    .is_multiple_of(PURGE_EVERY)
                {
                    self.store.purge_sign_in_limits(now, &POLICY).await?;
                }
                Ok(SignInOutcome::Refused)
            }
        }
    }

    /// The store's secret salt for the sign-in limits' keys, made on first use.
    async fn sign_in_salt(&self) -> Result<String> {
        Ok(self.store.setting_or_insert(SALT_SETTING, &random_token()).await?)
    }

    /// Delete the sign-in limits' expired rows now (they are also purged as
    /// sign-ins are written); how many went.
    pub async fn purge_sign_in_limits(&self) -> Result<u64> {
        Ok(self.store.purge_sign_in_limits(self.now().timestamp(), &POLICY).await?)
    }

    /// The account and CSRF token behind a session cookie, if it is valid.
    pub async fn session_user(&self, token: &str) -> Result<Option<(User, String)>> {
        Ok(self.store.session(&token_hash(token), self.now()).await?)
    }

    pub async fn sign_out(&self, token: &str) -> Result<()> {
        Ok(self.store.delete_session(&token_hash(token)).await?)
    }

    /// Create an API token for an account; the token is returned once.
    pub async fn create_token(&self, email: &str, name: &str) -> Result<String> {
        let email = parse_login_email(email).map_err(|e| AppError::Invalid(vec![e.at("email")]))?;
        let Some((user, _)) = self.store.user_by_email(&email).await? else {
            return Err(AppError::NotFound {
                entity: "account",
                id: email,
            });
        };
        let token = random_token();
        self.store
            .insert_token(&token_hash(&token), user.id, name, self.now())
            .await?;
        Ok(token)
    }

    /// The account an API token belongs to (see [`App::token_access`]).
    pub async fn token_user(&self, token: &str) -> Result<Option<User>> {
        Ok(self.token_access(token).await?.map(|(user, _)| user))
    }

    /// Make sure the demo has an administrator; returns the new password the
    /// first time only.
    pub async fn ensure_demo_admin(&self) -> Result<Option<(String, String)>> {
        let email = "admin@kizuna.example";
        if self.store.user_by_email(email).await?.is_some() {
            return Ok(None);
        }
        let (_, password) = self.add_user(email, Role::Admin, None, None).await?;
        Ok(password.map(|p| (email.to_owned(), p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterz", &h));
    }

    #[test]
    fn guessable_passwords_are_refused_with_the_reason() {
        for weak in [
            "password1234",
            "qwertyuiopasdf",
            "aaaaaaaaaaaaaaaa",
            "abcdefghijklmnop",
            "kizuna-kizuna-2026",
            "staff@example.org1",
        ] {
            let got = password_strength(weak, &["staff@example.org"]);
            assert!(got.is_err(), "{weak} is accepted");
        }
        let common = password_strength("password1234", &[]).unwrap_err();
        assert!(common.score < MIN_PASSWORD_SCORE);
        assert!(common.warning.is_some() || !common.suggestions.is_empty(), "{common:?}");
        assert!(common.english().starts_with("this password is too easy to guess."));
        // Generated passwords and a few uncommon words pass.
        for strong in [random_password(), "lantern obihiro paddle quietly".to_owned()] {
            assert_eq!(password_strength(&strong, &[]), Ok(()), "{strong}");
        }
        // The length rule still holds first.
        let short = check_new_password("Xq7#pL", "a@b.example").unwrap_err();
        assert_eq!(
            (short.field.as_str(), short.code.as_str()),
            ("password", "weak_password")
        );
        let weak = check_new_password("password1234", "a@b.example").unwrap_err();
        assert!(weak.message.contains("too easy to guess"), "{}", weak.message);
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(random_password().len(), 20);
    }
}
