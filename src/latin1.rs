//! Byte strings: HTTP header values and reason phrases, and the strings V8
//! holds one byte per character. Each byte is one character (U+0000 to
//! U+00FF), as the Fetch standard and V8 read them.

use std::borrow::Cow;

/// `bytes` as text, one character per byte.
pub fn decode(bytes: &[u8]) -> String {
    text(bytes).into_owned()
}

/// `bytes` as text, one character per byte; ASCII is borrowed as it is.
pub fn text(bytes: &[u8]) -> Cow<'_, str> {
    if bytes.is_ascii() {
        // ASCII is already UTF-8; `from_utf8` checks it word by word.
        return Cow::Borrowed(std::str::from_utf8(bytes).expect("ASCII is UTF-8"));
    }
    Cow::Owned(bytes.iter().map(|&byte| char::from(byte)).collect())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn every_byte_is_one_character() {
        assert_eq!(decode(b"text/plain"), "text/plain");
        assert_eq!(decode(&[0x63, 0xe6, 0xff]), "c\u{e6}\u{ff}");
        assert_eq!(decode(&[0xe6, 0x97, 0xa5]).chars().count(), 3);
    }
}
