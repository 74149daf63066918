//! Validation errors that name the field, the value and the reason.

use serde::Serialize;

/// One rejected value: which field, what was wrong, and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as it appears in the API and in import headers.
    pub field: String,
    /// A stable machine-readable reason, e.g. `required`, `unknown_country`.
    pub code: String,
    /// A message for people, naming the value and what to do.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    pub fn required(field: &str) -> Self {
        Self::new(field, "required", format!("{field} is required"))
    }
}

/// A reason a value could not be parsed, before it is tied to a field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub code: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// Attach the field this value was given for.
    pub fn at(self, field: &str) -> FieldError {
        FieldError {
            field: field.to_owned(),
            code: self.code.to_owned(),
            message: self.message,
        }
    }
}

/// Collects field errors while validating a whole input, so that a person
/// sees every problem at once rather than one per attempt.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    /// Keep the value, or record the error under `field` and return `None`.
    pub fn take<T>(&mut self, field: &str, r: Result<T, Invalid>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e.at(field));
                None
            }
        }
    }

    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() { Ok(value()) } else { Err(self.0) }
    }
}
