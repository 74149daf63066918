//! (issue 13: to be written)
