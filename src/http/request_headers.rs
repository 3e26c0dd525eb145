//! A request's header fields as one Latin-1 text, `name:value\n` per field:
//! names lower-cased, values trimmed, order and repeats kept. The app gets
//! the text as one V8 string and splits it only if it reads
//! `request.headers`; the server looks up the few fields it needs.

use std::borrow::Cow;

use crate::latin1;

/// Ends a field's name; never part of a name (a token).
const NAME_END: u8 = b':';
/// Ends a field; never part of a name or a value (the parser splits lines
/// on it).
const FIELD_END: u8 = b'\n';

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestHeaders {
    text: Vec<u8>,
}

impl RequestHeaders {
    /// Room for `bytes` of fields without growing.
    pub fn with_capacity(bytes: usize) -> RequestHeaders {
        RequestHeaders {
            text: Vec::with_capacity(bytes),
        }
    }

    /// Appends a field. `name` is a token and `value` has no line break, as
    /// the HTTP parser guarantees (checked in debug builds only: this runs
    /// for every header of every request).
    pub fn push(&mut self, name: &[u8], value: &[u8]) {
        debug_assert!(
            !name.is_empty() && !name.contains(&NAME_END) && !name.contains(&FIELD_END),
            "a header name is a token"
        );
        debug_assert!(!value.contains(&FIELD_END), "a header value is one line");
        let start = self.text.len();
        self.text.extend_from_slice(name);
        self.text[start..].make_ascii_lowercase();
        self.text.push(NAME_END);
        self.text.extend_from_slice(value);
        self.text.push(FIELD_END);
    }

    /// Each field's `name:value`, without its line break.
    fn lines(&self) -> impl Iterator<Item = &[u8]> {
        let mut rest = &self.text[..];
        std::iter::from_fn(move || {
            let end = memchr::memchr(FIELD_END, rest)?;
            let line = &rest[..end];
            rest = &rest[end + 1..];
            Some(line)
        })
    }

    /// Every value of the field `name` (lower case), as text.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = Cow<'a, str>> + 'a {
        self.lines()
            .filter_map(move |line| value_of(line, name))
            .map(latin1::text)
    }

    /// The first value of the field `name` (lower case), as text.
    pub fn get<'a>(&'a self, name: &'a str) -> Option<Cow<'a, str>> {
        self.get_all(name).next()
    }

    /// Drops every field named `name` (lower case).
    pub fn remove(&mut self, name: &str) {
        if !self.lines().any(|line| value_of(line, name).is_some()) {
            return;
        }
        let mut kept = Vec::with_capacity(self.text.len());
        for line in self.lines().filter(|line| value_of(line, name).is_none()) {
            kept.extend_from_slice(line);
            kept.push(FIELD_END);
        }
        self.text = kept;
    }

    /// The whole text, one byte per character.
    pub fn as_latin1(&self) -> &[u8] {
        &self.text
    }
}

/// The value of the field `line` (`name:value`) when its name is `name`.
fn value_of<'a>(line: &'a [u8], name: &str) -> Option<&'a [u8]> {
    line.strip_prefix(name.as_bytes())?
        .strip_prefix(&[NAME_END])
}

#[cfg(test)]
mod tests {
    use super::RequestHeaders;

    fn sample() -> RequestHeaders {
        let mut headers = RequestHeaders::default();
        headers.push(b"Host", b"example.com");
        headers.push(b"X-Tag", b"a:b");
        headers.push(b"x-tag", b"\xe6\xff");
        headers
    }

    #[test]
    fn names_are_lower_cased_and_order_and_repeats_kept() {
        let headers = sample();
        assert_eq!(
            headers.as_latin1(),
            b"host:example.com\nx-tag:a:b\nx-tag:\xe6\xff\n"
        );
    }

    #[test]
    fn values_read_as_latin1_text() {
        let headers = sample();
        assert_eq!(headers.get("x-tag").as_deref(), Some("a:b"));
        let all: Vec<String> = headers.get_all("x-tag").map(|v| v.into_owned()).collect();
        assert_eq!(all, ["a:b", "\u{e6}\u{ff}"]);
        assert_eq!(headers.get("accept"), None);
    }

    #[test]
    fn a_name_inside_another_name_or_a_value_is_not_that_field() {
        let mut headers = RequestHeaders::default();
        headers.push(b"x-host", b"a");
        headers.push(b"referer", b"host:b");
        headers.push(b"host", b"c");
        assert_eq!(headers.get("host").as_deref(), Some("c"));
        assert_eq!(headers.get("x-host").as_deref(), Some("a"));
        assert_eq!(headers.get("ost"), None);
    }

    #[test]
    fn remove_drops_every_field_of_a_name() {
        let mut headers = sample();
        headers.remove("x-tag");
        assert_eq!(headers.as_latin1(), b"host:example.com\n");
        headers.remove("absent");
        assert_eq!(headers.as_latin1(), b"host:example.com\n");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "one line")]
    fn a_value_with_a_line_break_is_refused() {
        RequestHeaders::default().push(b"x", b"a\nb");
    }
}
