//! Place imports as jobs in the background, for the staff import page: a
//! file is handed over, the import runs on its own task (the file read on
//! the blocking pool, as [`App::import_place_file`] does), at most
//! [`RUNNING_AT_ONCE`] at a time, the rest waiting their turn; whoever
//! holds the job reads its [`ImportProgress`] meanwhile, and its outcome
//! at the end — the same report or refusal as an import in the request.
//!
//! A job lives in the memory of the process that runs it: with several
//! servers, the pages that follow a job must reach the server that took
//! the file (a balancer that keeps a session on one server); elsewhere
//! the job is not known. At most [`JOBS_KEPT`] jobs are kept, finished ones
//! for [`KEPT_FOR_MINUTES`] and dropped oldest first to make room; a job
//! is known only to the account that started it.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use kizuna_domain::common::Id;
use tokio::sync::{Semaphore, watch};

use super::{ImportProgress, PlaceFile, PlaceFileFormat, PlaceImportReport};
use crate::{App, AppError};

/// Imports running at once in one process; more wait for their turn.
pub const RUNNING_AT_ONCE: usize = 2;

/// Jobs kept in one process, running, waiting or finished (each may hold
/// its file, at most `kizuna_io::limits::MAX_FILE_BYTES`).
pub const JOBS_KEPT: usize = 16;

/// How long a finished job is kept to be looked at (and a checked file to
/// be confirmed).
pub const KEPT_FOR_MINUTES: i64 = 60;

/// An import's outcome: its report, or why it was refused.
pub type ImportOutcome = Arc<Result<PlaceImportReport, AppError>>;

/// The import jobs of an [`App`] (shared by its clones).
pub struct ImportJobs {
    jobs: Mutex<VecDeque<Arc<ImportJob>>>,
    turns: Arc<Semaphore>,
}

impl Default for ImportJobs {
    fn default() -> Self {
        ImportJobs {
            jobs: Mutex::new(VecDeque::new()),
            turns: Arc::new(Semaphore::new(RUNNING_AT_ONCE)),
        }
    }
}

/// Where an import job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportPhase {
    /// Waiting for another import to finish.
    Waiting,
    /// Reading the file, each record checked as it is read (and, when
    /// confirmed, written in the transaction that is committed at the end).
    Reading,
    /// The file read: the last records checked and what would change counted.
    Checking,
    /// The file read: the places written and committed, all at once.
    Writing,
    /// Done: the outcome is there.
    Finished,
}

/// A job's progress at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportStatus {
    pub phase: ImportPhase,
    /// Bytes read in this pass over the file, of `total`.
    pub read: u64,
    /// The file's size in bytes.
    pub total: u64,
    /// The pass over the file (OpenStreetMap files are read twice), from 1.
    pub pass: u64,
    /// Records read and checked so far.
    pub places: u64,
}

impl ImportStatus {
    /// How far the current pass is, 0 to 100.
    pub fn percent(&self) -> u64 {
        match self.phase {
            ImportPhase::Waiting => 0,
            ImportPhase::Finished => 100,
            _ if self.total == 0 => 0,
            _ => (self.read.min(self.total) * 100) / self.total,
        }
    }
}

/// One import, started by one account.
pub struct ImportJob {
    /// Random, 32 hex digits: the job's address.
    pub id: String,
    /// The account that started it: the only one it is shown to.
    pub owner: Id,
    pub format: PlaceFileFormat,
    pub file_name: String,
    /// Only checked, nothing written.
    pub dry_run: bool,
    pub started: DateTime<Utc>,
    progress: Arc<ImportProgress>,
    /// The file, kept after a clean check so that it can be confirmed.
    bytes: Mutex<Option<Arc<Vec<u8>>>>,
    finished: Mutex<Option<(DateTime<Utc>, ImportOutcome)>>,
    done: watch::Sender<bool>,
}

impl ImportJob {
    /// The outcome, once finished.
    pub fn outcome(&self) -> Option<ImportOutcome> {
        lock(&self.finished).as_ref().map(|(_, o)| Arc::clone(o))
    }

    /// Where the job is now.
    pub fn status(&self) -> ImportStatus {
        let p = &self.progress;
        let (read, total) = (p.read.load(Ordering::Relaxed), p.total.load(Ordering::Relaxed));
        let pass = p.passes.load(Ordering::Relaxed);
        let phase = if lock(&self.finished).is_some() {
            ImportPhase::Finished
        } else if pass == 0 {
            ImportPhase::Waiting
        } else if read < total {
            ImportPhase::Reading
        } else if self.dry_run {
            ImportPhase::Checking
        } else {
            ImportPhase::Writing
        };
        ImportStatus {
            phase,
            read,
            total,
            pass: pass.max(1),
            places: p.places.load(Ordering::Relaxed),
        }
    }

    /// Wait until the job is finished; its outcome.
    pub async fn wait(&self) -> ImportOutcome {
        let mut rx = self.done.subscribe();
        // The sender lives in the job, so the wait ends only when it is done.
        let _ = rx.wait_for(|d| *d).await;
        self.outcome().unwrap_or_else(|| Arc::new(Err(stopped())))
    }

    /// The file of a clean check, to import it for real.
    pub fn checked_file(&self) -> Option<Arc<Vec<u8>>> {
        if !self.dry_run || !matches!(self.outcome().as_deref(), Some(Ok(_))) {
            return None;
        }
        lock(&self.bytes).clone()
    }

    fn finished_at(&self) -> Option<DateTime<Utc>> {
        lock(&self.finished).as_ref().map(|(at, _)| *at)
    }
}

/// Why a job was not started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{JOBS_KEPT} imports are running or waiting already; try again when one has finished")]
pub struct ImportsBusy;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn stopped() -> AppError {
    AppError::BadFile("the import stopped before it finished (the server failed while importing)".into())
}

fn job_id() -> String {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).expect("the operating system provides random bytes");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

impl App {
    /// Start importing `bytes` in the background for `owner` (see the
    /// module); the job, to follow. Refused when [`JOBS_KEPT`] jobs are
    /// running or waiting. Must be called within the Tokio runtime.
    pub fn start_place_import(
        &self,
        owner: Id,
        file_name: &str,
        format: PlaceFileFormat,
        bytes: Arc<Vec<u8>>,
        dry_run: bool,
    ) -> Result<Arc<ImportJob>, ImportsBusy> {
        let now = self.now();
        let file = PlaceFile::bytes(bytes.to_vec());
        let (done, _) = watch::channel(false);
        let job = Arc::new(ImportJob {
            id: job_id(),
            owner,
            format,
            file_name: file_name.to_owned(),
            dry_run,
            started: now,
            progress: Arc::clone(&file.progress),
            bytes: Mutex::new(dry_run.then_some(bytes)),
            finished: Mutex::new(None),
            done,
        });
        {
            let mut jobs = lock(&self.import_jobs.jobs);
            let expired = |j: &ImportJob| {
                j.finished_at()
                    .is_some_and(|at| now - at > chrono::Duration::minutes(KEPT_FOR_MINUTES))
            };
            jobs.retain(|j| !expired(j));
            while jobs.len() >= JOBS_KEPT {
                // The oldest finished job makes room; none finished, none is started.
                let Some(at) = jobs.iter().position(|j| j.finished_at().is_some()) else {
                    return Err(ImportsBusy);
                };
                jobs.remove(at);
            }
            jobs.push_back(Arc::clone(&job));
        }
        let app = self.clone();
        let clock = self.clone();
        let turns = Arc::clone(&self.import_jobs.turns);
        let running = Arc::clone(&job);
        tokio::spawn(async move {
            let outcome = match turns.acquire_owned().await {
                Ok(turn) => {
                    let work = tokio::spawn(async move {
                        let r = app.import_place_file(format, file, dry_run, false).await;
                        drop(turn);
                        r
                    });
                    match work.await {
                        Ok(r) => r,
                        Err(e) => {
                            tracing::error!(error = %e, "a place import failed");
                            Err(stopped())
                        }
                    }
                }
                Err(_) => Err(stopped()),
            };
            if outcome.is_err() {
                // Nothing to confirm.
                lock(&running.bytes).take();
            }
            *lock(&running.finished) = Some((clock.now(), Arc::new(outcome)));
            running.done.send_replace(true);
        });
        Ok(job)
    }

    /// The job `id`, when it is kept and `owner` started it.
    pub fn place_import_job(&self, owner: Id, id: &str) -> Option<Arc<ImportJob>> {
        lock(&self.import_jobs.jobs)
            .iter()
            .find(|j| j.id == id && j.owner == owner)
            .cloned()
    }
}

/// Place imports held back (see [`App::hold_place_imports`]) while this is kept.
pub struct ImportsHeld {
    _turns: tokio::sync::OwnedSemaphorePermit,
}

impl App {
    /// Hold back place imports: wait for those running to finish, then
    /// none starts until the answer is dropped; jobs started meanwhile
    /// wait their turn ([`ImportPhase::Waiting`]). For maintenance, and
    /// for tests that look at a waiting job.
    pub async fn hold_place_imports(&self) -> ImportsHeld {
        let all = u32::try_from(RUNNING_AT_ONCE).unwrap_or(u32::MAX);
        let turns = Arc::clone(&self.import_jobs.turns)
            .acquire_many_owned(all)
            .await
            .expect("the turns of imports are never closed");
        ImportsHeld { _turns: turns }
    }
}
