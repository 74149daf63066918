use kizuna_domain::FieldError;

/// What can go wrong in the store, in terms the layers above can explain.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: i64 },
    /// A write broke a rule the database enforces (a duplicate key, a
    /// reference to nothing, a record still in use), tied to a field.
    #[error("{}", .0.message)]
    Rejected(FieldError),
    #[error("the database holds a value Kizuna cannot read: {0}")]
    Corrupt(String),
    /// An update was made from version `version` of a record that is now at
    /// `current`: someone else changed it meanwhile. Nothing was written.
    #[error(
        "{entity} {id} was changed by someone else since it was read (version {version}, now {current}); nothing was saved — reload it and make the change again"
    )]
    Conflict {
        entity: &'static str,
        id: i64,
        version: i64,
        current: i64,
    },
    /// The database's tables do not match Kizuna's records.
    #[error("the database does not match this version of Kizuna: {0}")]
    Schema(String),
    #[error(
        "SQLite {0} has the WAL-reset bug that can corrupt a database; Kizuna needs SQLite 3.51.3 or later (or 3.50.7+, 3.44.6+ on those branches)"
    )]
    UnsafeSqlite(String),
    #[error("\"{0}\" is not a database URL Kizuna understands: use sqlite://PATH or postgres://USER@HOST/DB")]
    BadUrl(String),
    /// The database cannot be reached or opened, said in one line
    /// ("cannot connect to PostgreSQL at 127.0.0.1:5433: connection refused").
    #[error("{0}")]
    Connect(String),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    pub fn rejected(field: &str, code: &str, message: impl Into<String>) -> Self {
        StoreError::Rejected(FieldError::new(field, code, message))
    }

    /// Turn a constraint violation into a rejection naming `field`.
    pub(crate) fn from_write(e: sqlx::Error, entity: &str, unique_field: &str) -> Self {
        if let sqlx::Error::Database(db) = &e {
            use sqlx::error::ErrorKind;
            // SQLite enforces ON DELETE RESTRICT with an internal trigger, so its
            // refusal arrives as SQLITE_CONSTRAINT_TRIGGER (1811), not as a foreign-key code.
            let kind = match db.kind() {
                ErrorKind::Other if db.code().as_deref() == Some("1811") && db.message().contains("FOREIGN KEY") => {
                    ErrorKind::ForeignKeyViolation
                }
                k => k,
            };
            match kind {
                ErrorKind::UniqueViolation => {
                    return Self::rejected(
                        unique_field,
                        "duplicate",
                        format!("a {entity} with this {unique_field} already exists"),
                    );
                }
                ErrorKind::ForeignKeyViolation => {
                    return Self::rejected(
                        "id",
                        "in_use_or_missing_reference",
                        format!(
                            "this {entity} refers to a record that does not exist, or other records still refer to it"
                        ),
                    );
                }
                ErrorKind::CheckViolation | ErrorKind::NotNullViolation => {
                    return Self::rejected(
                        "id",
                        "invalid",
                        format!("the database refused this {entity}: {}", db.message()),
                    );
                }
                _ => {}
            }
        }
        StoreError::Database(e)
    }
}
