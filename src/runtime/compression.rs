//! Streaming gzip / zlib / raw DEFLATE codecs behind CompressionStream and
//! DecompressionStream. The gzip wrapper (RFC 1952) is done here over raw
//! DEFLATE so the end of the stream, trailing bytes and the CRC are exact.

use flate2::{Compress, Compression, Crc, Decompress, FlushCompress, FlushDecompress, Status};

/// The formats of the Compression Streams standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Gzip,
    /// zlib (RFC 1950).
    Deflate,
    /// Raw DEFLATE (RFC 1951).
    DeflateRaw,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "gzip" => Some(Format::Gzip),
            "deflate" => Some(Format::Deflate),
            "deflate-raw" => Some(Format::DeflateRaw),
            _ => None,
        }
    }

    /// The format of an HTTP content coding (RFC 9110 §8.4.1), if it is one
    /// of these: `gzip` (or its alias `x-gzip`) and `deflate` (zlib).
    pub fn from_content_coding(coding: &str) -> Option<Format> {
        let coding = coding.trim();
        if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            Some(Format::Gzip)
        } else if coding.eq_ignore_ascii_case("deflate") {
            Some(Format::Deflate)
        } else {
            None
        }
    }
}

/// Most output one `push` hands back; the rest waits for the next call, so a
/// small input that inflates enormously arrives in pieces.
pub const MAX_OUTPUT: usize = 1 << 20;
const STEP: usize = 32 * 1024;

/// A gzip header with no name, comment or timestamp, from an unknown OS.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

pub struct Deflater {
    format: Format,
    engine: Compress,
    crc: Crc,
    started: bool,
}

impl Deflater {
    pub fn new(format: Format) -> Self {
        Deflater {
            format,
            engine: Compress::new(Compression::default(), format == Format::Deflate),
            crc: Crc::new(),
            started: false,
        }
    }

    fn header(&mut self, out: &mut Vec<u8>) {
        if !self.started {
            self.started = true;
            if self.format == Format::Gzip {
                out.extend_from_slice(&GZIP_HEADER);
            }
        }
    }

    /// Compresses `input`; returns what the encoder has ready.
    pub fn push(&mut self, mut input: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        self.header(&mut out);
        if self.format == Format::Gzip {
            self.crc.update(input);
        }
        while !input.is_empty() {
            out.reserve(STEP.max(input.len() / 2));
            let before = self.engine.total_in();
            // Compression into spare capacity cannot fail.
            let _ = self
                .engine
                .compress_vec(input, &mut out, FlushCompress::None);
            let used = (self.engine.total_in() - before) as usize;
            input = &input[used..];
        }
        out
    }

    /// Everything compressed so far, ready to decode up to here (a sync
    /// flush): what a streamed response needs after each chunk.
    pub fn flush(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.header(&mut out);
        loop {
            out.reserve(STEP);
            // Compression into spare capacity cannot fail.
            let _ = self.engine.compress_vec(&[], &mut out, FlushCompress::Sync);
            if out.len() < out.capacity() {
                return out;
            }
        }
    }

    /// Flushes the encoder and writes the format's trailer.
    pub fn finish(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.header(&mut out);
        loop {
            out.reserve(STEP);
            match self
                .engine
                .compress_vec(&[], &mut out, FlushCompress::Finish)
            {
                Ok(Status::StreamEnd) | Err(_) => break,
                Ok(_) => {}
            }
        }
        if self.format == Format::Gzip {
            out.extend_from_slice(&self.crc.sum().to_le_bytes());
            out.extend_from_slice(&self.crc.amount().to_le_bytes());
        }
        out
    }
}

enum Stage {
    /// Collecting the gzip header.
    Header,
    Body,
    /// Collecting the gzip trailer (CRC-32 and size).
    Trailer,
    Done,
}

pub struct Inflater {
    format: Format,
    engine: Decompress,
    stage: Stage,
    crc: Crc,
    /// Input not consumed yet: a partial header or trailer, or compressed
    /// bytes left over when the last call reached `MAX_OUTPUT`.
    held: Vec<u8>,
    /// The last decode filled its output, so the decoder may hold more.
    flushing: bool,
    /// The last `push` stopped at `MAX_OUTPUT`.
    more: bool,
}

/// Why decompression failed; a TypeError in JavaScript.
#[derive(Debug, PartialEq, Eq)]
pub struct CorruptData(pub &'static str);

/// Length of a complete gzip header at the start of `buf`, None when more
/// bytes are needed.
fn gzip_header_len(buf: &[u8]) -> Result<Option<usize>, CorruptData> {
    let magic_ok = matches!(buf, [] | [0x1f] | [0x1f, 0x8b, ..]);
    if !magic_ok {
        return Err(CorruptData("not in gzip format"));
    }
    if buf.get(2).is_some_and(|&method| method != 8) {
        return Err(CorruptData("unknown gzip compression method"));
    }
    if buf.len() < 10 {
        return Ok(None);
    }
    let flags = buf[3];
    if flags & 0xe0 != 0 {
        return Err(CorruptData("reserved gzip header flags are set"));
    }
    let mut pos = 10;
    if flags & 0x04 != 0 {
        let Some(extra) = buf.get(pos..pos + 2) else {
            return Ok(None);
        };
        pos += 2 + u16::from_le_bytes([extra[0], extra[1]]) as usize;
    }
    for flag in [0x08, 0x10] {
        if flags & flag != 0 {
            let Some(rest) = buf.get(pos..) else {
                return Ok(None);
            };
            let Some(end) = rest.iter().position(|&b| b == 0) else {
                return Ok(None);
            };
            pos += end + 1;
        }
    }
    if flags & 0x02 != 0 {
        pos += 2;
    }
    Ok((buf.len() >= pos).then_some(pos))
}

impl Inflater {
    pub fn new(format: Format) -> Self {
        Inflater {
            format,
            engine: Decompress::new(format == Format::Deflate),
            stage: if format == Format::Gzip {
                Stage::Header
            } else {
                Stage::Body
            },
            crc: Crc::new(),
            held: Vec::new(),
            flushing: false,
            more: false,
        }
    }

    /// Whether the last `push` stopped early (call `push(&[])` again).
    pub fn has_more(&self) -> bool {
        self.more
    }

    /// Decompresses `input` (after anything held back); returns at most
    /// about `MAX_OUTPUT` bytes.
    pub fn push(&mut self, input: &[u8]) -> Result<Vec<u8>, CorruptData> {
        self.held.extend_from_slice(input);
        let mut out = Vec::new();
        loop {
            match self.stage {
                Stage::Header => match gzip_header_len(&self.held)? {
                    None => return Ok(out),
                    Some(len) => {
                        self.held.drain(..len);
                        self.stage = Stage::Body;
                    }
                },
                Stage::Body => {
                    self.more = out.len() >= MAX_OUTPUT;
                    if self.more || (self.held.is_empty() && !self.flushing) {
                        return Ok(out);
                    }
                    let start = out.len();
                    out.reserve(STEP.max(self.held.len() * 2).min(MAX_OUTPUT));
                    let (before_in, before_out) = (self.engine.total_in(), self.engine.total_out());
                    let status = self
                        .engine
                        .decompress_vec(&self.held, &mut out, FlushDecompress::None)
                        .map_err(|_| CorruptData("the compressed data is corrupt"))?;
                    let used = (self.engine.total_in() - before_in) as usize;
                    let made = (self.engine.total_out() - before_out) as usize;
                    if self.format == Format::Gzip {
                        self.crc.update(&out[start..]);
                    }
                    self.held.drain(..used);
                    self.flushing = out.len() == out.capacity();
                    if status == Status::StreamEnd {
                        self.stage = if self.format == Format::Gzip {
                            Stage::Trailer
                        } else {
                            Stage::Done
                        };
                    } else if used == 0 && made == 0 && !self.flushing {
                        // The decoder wants more input than there is.
                        return Ok(out);
                    }
                }
                Stage::Trailer => {
                    if self.held.len() < 8 {
                        return Ok(out);
                    }
                    let crc = u32::from_le_bytes(self.held[0..4].try_into().expect("4 bytes"));
                    let size = u32::from_le_bytes(self.held[4..8].try_into().expect("4 bytes"));
                    if crc != self.crc.sum() || size != self.crc.amount() {
                        return Err(CorruptData("gzip checksum mismatch"));
                    }
                    self.held.drain(..8);
                    self.stage = Stage::Done;
                }
                Stage::Done => {
                    // Bytes after the end are an error, but the output decoded
                    // before them is handed out first: the caller sees
                    // `has_more` and the next `push` fails.
                    self.more = !self.held.is_empty() && !out.is_empty();
                    if !self.held.is_empty() && out.is_empty() {
                        return Err(CorruptData(
                            "junk found after the end of the compressed data",
                        ));
                    }
                    return Ok(out);
                }
            }
        }
    }

    /// The input ended: fails unless the compressed stream was complete.
    pub fn finish(&mut self) -> Result<(), CorruptData> {
        match self.stage {
            Stage::Done if self.held.is_empty() => Ok(()),
            Stage::Done => Err(CorruptData(
                "junk found after the end of the compressed data",
            )),
            _ => Err(CorruptData("the compressed data ended early")),
        }
    }
}

pub enum Codec {
    Compress(Deflater),
    Decompress(Inflater),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(format: Format, data: &[u8], split: usize) -> Vec<u8> {
        let mut deflater = Deflater::new(format);
        let mut packed = Vec::new();
        for piece in data.chunks(split.max(1)) {
            packed.extend(deflater.push(piece));
        }
        packed.extend(deflater.finish());
        let mut inflater = Inflater::new(format);
        let mut plain = Vec::new();
        for piece in packed.chunks(7) {
            plain.extend(inflater.push(piece).unwrap());
            while inflater.has_more() {
                plain.extend(inflater.push(&[]).unwrap());
            }
        }
        inflater.finish().unwrap();
        plain
    }

    #[test]
    fn every_format_round_trips_in_pieces() {
        let data: Vec<u8> = (0..200_000u32)
            .map(|i| (i % 251) as u8 ^ (i / 1000) as u8)
            .collect();
        for format in [Format::Gzip, Format::Deflate, Format::DeflateRaw] {
            assert_eq!(round_trip(format, &data, 4096), data, "{format:?}");
            assert_eq!(round_trip(format, b"", 1), b"", "{format:?}");
        }
    }

    #[test]
    fn gzip_reads_what_flate2_writes_with_a_named_header() {
        use std::io::Write;
        let mut encoder = flate2::GzBuilder::new()
            .filename("a.txt")
            .comment("c")
            .extra(vec![1, 2, 3])
            .write(Vec::new(), Compression::best());
        encoder.write_all(b"hello hello hello").unwrap();
        let packed = encoder.finish().unwrap();
        let mut inflater = Inflater::new(Format::Gzip);
        let mut plain = Vec::new();
        for byte in &packed {
            plain.extend(inflater.push(std::slice::from_ref(byte)).unwrap());
        }
        inflater.finish().unwrap();
        assert_eq!(plain, b"hello hello hello");
    }

    #[test]
    fn corrupt_truncated_and_trailing_input_fail() {
        let mut deflater = Deflater::new(Format::Gzip);
        let packed = [deflater.push(b"abc"), deflater.finish()].concat();

        let mut inflater = Inflater::new(Format::Gzip);
        assert!(inflater.push(b"not gzip at all").is_err());

        let mut inflater = Inflater::new(Format::Gzip);
        inflater.push(&packed[..packed.len() - 3]).unwrap();
        assert!(inflater.finish().is_err());

        let mut inflater = Inflater::new(Format::Gzip);
        let mut trailing = packed.clone();
        trailing.push(0);
        assert_eq!(inflater.push(&trailing).unwrap(), b"abc");
        assert!(inflater.has_more());
        assert!(inflater.push(&[]).is_err());

        let mut inflater = Inflater::new(Format::Gzip);
        assert_eq!(inflater.push(&packed).unwrap(), b"abc");
        assert!(!inflater.has_more());
        assert!(inflater.push(&[0]).is_err());

        let mut bad_crc = packed.clone();
        let at = bad_crc.len() - 6;
        bad_crc[at] ^= 0xff;
        assert!(Inflater::new(Format::Gzip).push(&bad_crc).is_err());

        assert!(Inflater::new(Format::Deflate)
            .push(&[0xff, 0xff, 0xff])
            .is_err());
    }

    #[test]
    fn a_small_bomb_arrives_in_bounded_pieces() {
        let zeros = vec![0u8; 8 * MAX_OUTPUT];
        let mut deflater = Deflater::new(Format::DeflateRaw);
        let packed = [deflater.push(&zeros), deflater.finish()].concat();
        let mut inflater = Inflater::new(Format::DeflateRaw);
        let mut total = 0;
        let mut piece = inflater.push(&packed).unwrap();
        loop {
            assert!(piece.len() <= MAX_OUTPUT + STEP.max(packed.len() * 2));
            total += piece.len();
            if !inflater.has_more() {
                break;
            }
            piece = inflater.push(&[]).unwrap();
        }
        inflater.finish().unwrap();
        assert_eq!(total, zeros.len());
    }
}
