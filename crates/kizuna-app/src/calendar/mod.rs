//! One calendar of every dated activity of every system (issue 13).
