//! Decoding of the Encoding standard's encodings other than UTF-8 (which
//! has its own fast path), by `encoding_rs`, for TextDecoder.

use encoding_rs::{CoderResult, Decoder, DecoderResult, Encoding};

/// The name TextDecoder reports for `encoding`: the standard's, lowercase.
pub fn encoding_name(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

/// The decoder of a TextDecoder whose encoding is not UTF-8.
pub struct LegacyDecoder {
    encoding: &'static Encoding,
    fatal: bool,
    ignore_bom: bool,
    decoder: Decoder,
}

impl LegacyDecoder {
    pub fn new(encoding: &'static Encoding, fatal: bool, ignore_bom: bool) -> Self {
        LegacyDecoder {
            encoding,
            fatal,
            ignore_bom,
            decoder: Self::fresh(encoding, ignore_bom),
        }
    }

    /// A leading BOM of the encoding's own (UTF-16) is dropped unless
    /// `ignoreBOM` keeps it.
    fn fresh(encoding: &'static Encoding, ignore_bom: bool) -> Decoder {
        if ignore_bom {
            encoding.new_decoder_without_bom_handling()
        } else {
            encoding.new_decoder_with_bom_removal()
        }
    }

    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    fn reset(&mut self) {
        self.decoder = Self::fresh(self.encoding, self.ignore_bom);
    }

    /// Decodes `bytes` after what came before; `last` ends the stream (and
    /// the next call starts a new one). None: malformed input when fatal.
    pub fn decode(&mut self, mut bytes: &[u8], last: bool) -> Option<String> {
        let mut out = String::with_capacity(bytes.len() + 4);
        loop {
            let read = if self.fatal {
                let (result, read) = self
                    .decoder
                    .decode_to_string_without_replacement(bytes, &mut out, last);
                match result {
                    DecoderResult::InputEmpty => None,
                    DecoderResult::OutputFull => Some(read),
                    DecoderResult::Malformed(..) => {
                        self.reset();
                        return None;
                    }
                }
            } else {
                let (result, read, _) = self.decoder.decode_to_string(bytes, &mut out, last);
                match result {
                    CoderResult::InputEmpty => None,
                    CoderResult::OutputFull => Some(read),
                }
            };
            match read {
                None => break,
                Some(read) => {
                    bytes = &bytes[read..];
                    out.reserve(bytes.len() * 3 + 16);
                }
            }
        }
        if last {
            self.reset();
        }
        Some(out)
    }
}
