//! Incremental decoder for `Transfer-Encoding: chunked` bodies (RFC 9112
//! §7.1), with a cap on the decoded size. Chunk extensions are skipped and
//! trailer fields discarded. The server decodes request bodies with it and
//! outbound `fetch` response bodies.

/// Why a chunked body was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ChunkedError {
    #[error("malformed chunked body: {0}")]
    Malformed(&'static str),
    #[error("the chunked body is larger than allowed")]
    TooLarge,
    #[error("the chunked body's trailer section is too large")]
    TrailerTooLarge,
}

/// Longest chunk-size line (size plus extensions) accepted.
const MAX_SIZE_LINE: usize = 1024;
/// Most trailer bytes accepted after the last chunk.
const MAX_TRAILER_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Reading the hex size; `digits` seen so far, `in_ext` once past them.
    Size {
        value: u64,
        digits: usize,
        in_ext: bool,
        line: usize,
    },
    /// Expecting LF after the size line's CR.
    SizeLf {
        value: u64,
    },
    Data {
        left: u64,
    },
    DataCr,
    DataLf,
    /// Reading trailer lines; `line` bytes into the current one.
    Trailer {
        line: usize,
        total: usize,
    },
    TrailerLf {
        line: usize,
        total: usize,
    },
    Done,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ChunkedDecoder {
    state: State,
    max: usize,
}

impl ChunkedDecoder {
    pub fn new(max_body: usize) -> Self {
        ChunkedDecoder {
            state: State::Size {
                value: 0,
                digits: 0,
                in_ext: false,
                line: 0,
            },
            max: max_body,
        }
    }

    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Decodes from `input` into `out`. Returns the bytes of `input` used;
    /// once [`is_done`](Self::is_done), bytes after that belong to the next
    /// request.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<usize, ChunkedError> {
        let mut i = 0;
        while i < input.len() {
            match self.state {
                State::Done => break,
                State::Data { left } => {
                    let take = (input.len() - i).min(usize::try_from(left).unwrap_or(usize::MAX));
                    out.extend_from_slice(&input[i..i + take]);
                    i += take;
                    let left = left - take as u64;
                    self.state = if left == 0 {
                        State::DataCr
                    } else {
                        State::Data { left }
                    };
                }
                state => {
                    self.state = self.step(state, input[i], out.len())?;
                    i += 1;
                }
            }
        }
        Ok(i)
    }

    fn step(&self, state: State, b: u8, decoded: usize) -> Result<State, ChunkedError> {
        let bad = |why| Err(ChunkedError::Malformed(why));
        match state {
            State::Size {
                value,
                digits,
                in_ext,
                line,
            } => {
                if line >= MAX_SIZE_LINE {
                    return bad("chunk size line too long");
                }
                if b == b'\r' {
                    if digits == 0 {
                        return bad("missing chunk size");
                    }
                    return Ok(State::SizeLf { value });
                }
                if !in_ext {
                    if let Some(d) = (b as char).to_digit(16) {
                        if digits >= 16 {
                            return bad("chunk size too long");
                        }
                        let value = value * 16 + u64::from(d);
                        if value.saturating_add(decoded as u64) > self.max as u64 {
                            return Err(ChunkedError::TooLarge);
                        }
                        return Ok(State::Size {
                            value,
                            digits: digits + 1,
                            in_ext,
                            line: line + 1,
                        });
                    }
                    if digits == 0 || !(b == b';' || b == b' ' || b == b'\t') {
                        return bad("invalid chunk size");
                    }
                } else if b == b'\n' || b == 0 {
                    return bad("invalid chunk extension");
                }
                Ok(State::Size {
                    value,
                    digits,
                    in_ext: true,
                    line: line + 1,
                })
            }
            State::SizeLf { value } => {
                if b != b'\n' {
                    return bad("expected LF after chunk size");
                }
                Ok(if value == 0 {
                    State::Trailer { line: 0, total: 0 }
                } else {
                    State::Data { left: value }
                })
            }
            State::DataCr => {
                if b != b'\r' {
                    return bad("expected CRLF after chunk data");
                }
                Ok(State::DataLf)
            }
            State::DataLf => {
                if b != b'\n' {
                    return bad("expected CRLF after chunk data");
                }
                Ok(State::Size {
                    value: 0,
                    digits: 0,
                    in_ext: false,
                    line: 0,
                })
            }
            State::Trailer { line, total } => {
                if total >= MAX_TRAILER_BYTES {
                    return Err(ChunkedError::TrailerTooLarge);
                }
                if b == b'\r' {
                    return Ok(State::TrailerLf {
                        line,
                        total: total + 1,
                    });
                }
                if b == b'\n' {
                    return bad("bare LF in trailer");
                }
                Ok(State::Trailer {
                    line: line + 1,
                    total: total + 1,
                })
            }
            State::TrailerLf { line, total } => {
                if b != b'\n' {
                    return bad("expected LF in trailer");
                }
                Ok(if line == 0 {
                    State::Done
                } else {
                    State::Trailer {
                        line: 0,
                        total: total + 1,
                    }
                })
            }
            State::Data { .. } | State::Done => Ok(state),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(input: &[u8], max: usize) -> Result<(Vec<u8>, usize), ChunkedError> {
        let mut d = ChunkedDecoder::new(max);
        let mut out = Vec::new();
        let n = d.feed(input, &mut out)?;
        assert!(d.is_done(), "not done");
        Ok((out, n))
    }

    #[test]
    fn decodes_chunks_extensions_and_trailers() {
        let input = b"5;name=v\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\nNEXT";
        let (out, n) = decode_all(input, 100).unwrap();
        assert_eq!(out, b"hello world");
        assert_eq!(&input[n..], b"NEXT");
    }

    #[test]
    fn byte_at_a_time() {
        let input = b"A\r\n0123456789\r\n0\r\n\r\n";
        let mut d = ChunkedDecoder::new(100);
        let mut out = Vec::new();
        for b in input.iter() {
            assert_eq!(d.feed(std::slice::from_ref(b), &mut out).unwrap(), 1);
        }
        assert!(d.is_done());
        assert_eq!(out, b"0123456789");
    }

    #[test]
    fn limits_and_errors() {
        assert_eq!(
            decode_all(b"20\r\n", 16).err(),
            Some(ChunkedError::TooLarge)
        );
        assert!(decode_all(b"zz\r\n", 16).is_err());
        assert!(decode_all(b"\r\n", 16).is_err());
        assert!(decode_all(b"3\r\nabcX\r\n", 16).is_err());
        assert!(decode_all(b"fffffffffffffffffff\r\n", usize::MAX).is_err());
    }

    /// Mutated chunked bodies fed in random pieces: the decoder never
    /// panics, never consumes more than it is given, never passes its size
    /// limit, and stops at the first error.
    #[test]
    fn arbitrary_input_never_panics() {
        use rand::{Rng, SeedableRng};
        let valid = b"5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-T: 1\r\n\r\n";
        let alphabet = b"0123456789abcdefxX;\r\n ";
        let mut rng = rand::rngs::StdRng::seed_from_u64(0x6368756e6b);
        for _ in 0..20_000 {
            let mut input = valid.to_vec();
            for _ in 0..rng.gen_range(0..5) {
                let at = rng.gen_range(0..input.len());
                input[at] = alphabet[rng.gen_range(0..alphabet.len())];
            }
            let max = rng.gen_range(0..40);
            let mut decoder = ChunkedDecoder::new(max);
            let mut out = Vec::new();
            let mut rest = &input[..];
            while !rest.is_empty() && !decoder.is_done() {
                let piece = rng.gen_range(1..=rest.len());
                match decoder.feed(&rest[..piece], &mut out) {
                    Ok(used) => {
                        assert!(used <= piece);
                        rest = &rest[used..];
                        if used == 0 && piece == rest.len() {
                            break;
                        }
                    }
                    Err(_) => break,
                }
                assert!(out.len() <= max, "{} > {max}", out.len());
            }
        }
    }
}
