//! A JSON document read as a stream of byte slices, one value at a time,
//! for the GeoJSON reader: a long `features` array is cut into its members
//! by a scan of the bytes (strings and nesting followed, nothing decoded),
//! and each member is then parsed from its slice. serde_json parses a slice
//! several times faster than a reader (which it reads byte by byte), and
//! the properties' names are then borrowed, not copied. Memory holds the
//! read buffer and the value being cut, never the document.

use std::io::Read;

/// Bytes read from the input at a time.
const CHUNK: usize = 1 << 20;

/// A syntax problem found while cutting, with where it is.
pub(super) struct SyntaxError {
    pub(super) message: String,
    pub(super) line: usize,
    pub(super) column: usize,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

pub(super) enum ScanError {
    Io(std::io::Error),
    Syntax(SyntaxError),
}

impl From<std::io::Error> for ScanError {
    fn from(e: std::io::Error) -> Self {
        ScanError::Io(e)
    }
}

/// The input, a buffer of what was read and not yet consumed, and the
/// position in it.
pub(super) struct Split<R> {
    input: R,
    buf: Vec<u8>,
    /// The next byte to look at, in `buf`.
    pos: usize,
    /// The start of the value being cut: bytes before it may be dropped.
    mark: usize,
    eof: bool,
    /// Lines ended in the bytes dropped from the front of `buf`.
    lines_dropped: usize,
}

impl<R: Read> Split<R> {
    pub(super) fn new(input: R) -> Self {
        Split {
            input,
            buf: Vec::new(),
            pos: 0,
            mark: 0,
            eof: false,
            lines_dropped: 0,
        }
    }

    /// Read more of the input onto the end of the buffer, first dropping
    /// what lies before the mark; false at the end of the input.
    fn more(&mut self) -> std::io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        let keep = self.mark.min(self.pos);
        if keep > 0 {
            self.lines_dropped += self.buf[..keep].iter().filter(|b| **b == b'\n').count();
            self.buf.drain(..keep);
            self.pos -= keep;
            self.mark -= keep;
        }
        let len = self.buf.len();
        self.buf.resize(len + CHUNK, 0);
        let n = loop {
            match self.input.read(&mut self.buf[len..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.buf.truncate(len);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(len + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    /// The byte at the position, reading more when needed; `None` at the end.
    fn peek(&mut self) -> std::io::Result<Option<u8>> {
        while self.pos >= self.buf.len() {
            if !self.more()? {
                return Ok(None);
            }
        }
        Ok(Some(self.buf[self.pos]))
    }

    /// Past whitespace; the next byte (not consumed), `None` at the end.
    pub(super) fn skip_ws(&mut self) -> std::io::Result<Option<u8>> {
        self.mark = self.pos;
        loop {
            match self.peek()? {
                Some(b' ' | b'\t' | b'\n' | b'\r') => {
                    self.pos += 1;
                    self.mark = self.pos;
                }
                other => return Ok(other),
            }
        }
    }

    /// Consume one byte (after [`skip_ws`](Self::skip_ws) showed it).
    pub(super) fn bump(&mut self) {
        self.pos += 1;
        self.mark = self.pos;
    }

    /// Line and column (from 1) of a position in the buffer.
    fn place(&self, at: usize) -> (usize, usize) {
        let before = &self.buf[..at.min(self.buf.len())];
        let line = self.lines_dropped + before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        (line, column)
    }

    /// A syntax problem at the position.
    pub(super) fn error(&self, message: &str) -> ScanError {
        let (line, column) = self.place(self.pos);
        ScanError::Syntax(SyntaxError {
            message: message.to_owned(),
            line,
            column,
        })
    }

    /// A problem serde_json found in the value last cut, placed in the document.
    pub(super) fn placed(&self, e: &serde_json::Error) -> SyntaxError {
        let text = e.to_string();
        let message = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
        let (line, column) = self.place(self.mark);
        SyntaxError {
            message: message.to_owned(),
            line: line + e.line().saturating_sub(1),
            column: if e.line() <= 1 {
                column + e.column().saturating_sub(1)
            } else {
                e.column()
            },
        }
    }

    /// Cut the value that starts at the position (after
    /// [`skip_ws`](Self::skip_ws)): its bytes, the position past it. Only
    /// its extent is found (strings, escapes and nesting followed); the
    /// caller parses it, which finds any other problem.
    pub(super) fn value(&mut self) -> Result<&[u8], ScanError> {
        self.mark = self.pos;
        let Some(first) = self.peek()? else {
            return Err(self.error("EOF while parsing a value"));
        };
        match first {
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut in_string = false;
                let mut escaped = false;
                loop {
                    // Scan what is buffered without a call per byte.
                    let mut i = self.pos;
                    let end = self.buf.len();
                    let mut done = false;
                    while i < end {
                        let b = self.buf[i];
                        i += 1;
                        if in_string {
                            if escaped {
                                escaped = false;
                            } else if b == b'\\' {
                                escaped = true;
                            } else if b == b'"' {
                                in_string = false;
                            }
                        } else {
                            match b {
                                b'"' => in_string = true,
                                b'{' | b'[' => depth += 1,
                                b'}' | b']' => {
                                    depth -= 1;
                                    if depth == 0 {
                                        done = true;
                                        break;
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    self.pos = i;
                    if done {
                        break;
                    }
                    if !self.more()? {
                        return Err(self.error(if first == b'{' {
                            "EOF while parsing an object"
                        } else {
                            "EOF while parsing a list"
                        }));
                    }
                }
            }
            b'"' => {
                self.pos += 1;
                let mut escaped = false;
                loop {
                    let Some(b) = self.peek()? else {
                        return Err(self.error("EOF while parsing a string"));
                    };
                    self.pos += 1;
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        break;
                    }
                }
            }
            _ => {
                // A number or a literal: up to the next delimiter.
                while let Some(b) = self.peek()? {
                    if matches!(b, b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
                if self.pos == self.mark {
                    return Err(self.error("expected value"));
                }
            }
        }
        Ok(&self.buf[self.mark..self.pos])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands over a few bytes at a time, so values straddle reads.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(buf.len()).min(3);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn values_are_cut_whole_across_reads() {
        let doc = br#" {"a": [1, {"b": "x]}\"y"}], "c" : -1.5e3 ,"d":true}"#;
        let mut s = Split::new(Trickle(doc));
        assert_eq!(s.skip_ws().ok().flatten(), Some(b'{'));
        s.bump();
        let mut cut = Vec::new();
        loop {
            s.skip_ws().unwrap();
            let v = s.value().ok().map(<[u8]>::to_vec).unwrap();
            cut.push(String::from_utf8(v).unwrap());
            match s.skip_ws().unwrap() {
                Some(b':' | b',') => s.bump(),
                _ => break,
            }
        }
        assert_eq!(
            cut,
            [
                r#""a""#,
                r#"[1, {"b": "x]}\"y"}]"#,
                r#""c""#,
                "-1.5e3",
                r#""d""#,
                "true"
            ]
        );
    }

    #[test]
    fn a_cut_short_value_is_named_with_its_line() {
        let mut s = Split::new(Trickle(b"\n\n  [1, 2"));
        s.skip_ws().unwrap();
        match s.value() {
            Err(ScanError::Syntax(e)) => {
                assert_eq!(e.message, "EOF while parsing a list");
                assert_eq!(e.line, 3);
            }
            _ => panic!("a list without its end was cut"),
        }
    }
}
