//! Content codings of app responses, as in Workers: a Response whose
//! `Content-Encoding` header names gzip or deflate has its body compressed
//! here (unless it was made with `encodeBody: "manual"`, meaning the body is
//! already encoded). A client that does not accept that coding gets the body
//! as it is, without the header, so every client can read what it receives.

use futures::StreamExt;

use super::http::{HttpResponse, ResponseBody};
use crate::runtime::{CompressionFormat as Format, Deflater};

/// What to do with a response body.
#[derive(Debug, PartialEq, Eq)]
enum Plan {
    AsIs,
    Compress(Format),
    /// The client does not accept the coding: send the body unencoded.
    DropHeader,
}

fn plan(resp: &HttpResponse, body_is_encoded: bool, accepted: Accepted) -> Plan {
    if body_is_encoded || matches!(resp.body, ResponseBody::Empty | ResponseBody::WebSocket(_)) {
        return Plan::AsIs;
    }
    let Some(coding) = resp.header("content-encoding") else {
        return Plan::AsIs;
    };
    let Some(format) = Format::from_content_coding(coding) else {
        // identity, several codings, or one NANO cannot apply (br, zstd).
        return Plan::AsIs;
    };
    if accepted.allows(format) {
        Plan::Compress(format)
    } else {
        Plan::DropHeader
    }
}

/// The codings a request's `Accept-Encoding` allows, of those NANO applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Accepted {
    gzip: bool,
    deflate: bool,
}

impl Accepted {
    /// RFC 9110 §12.5.3: a coding is allowed by name or `*`, with a weight
    /// above zero. No header allows none here: many clients (curl without
    /// `--compressed`) send none and cannot decode.
    pub(crate) fn from_header(accept_encoding: Option<&str>) -> Accepted {
        let Some(header) = accept_encoding else {
            return Accepted::default();
        };
        let (mut gzip, mut deflate, mut star) = (None, None, None);
        for item in header.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let weight = parts
                .filter_map(|param| param.trim().split_once('='))
                .find(|(key, _)| key.trim().eq_ignore_ascii_case("q"))
                .map_or(1.0, |(_, value)| value.trim().parse::<f32>().unwrap_or(0.0));
            let allowed = Some(weight > 0.0);
            match Format::from_content_coding(name) {
                Some(Format::Gzip) => gzip = allowed,
                Some(_) => deflate = allowed,
                None if name == "*" => star = allowed,
                None => {}
            }
        }
        Accepted {
            gzip: gzip.or(star).unwrap_or(false),
            deflate: deflate.or(star).unwrap_or(false),
        }
    }

    fn allows(self, format: Format) -> bool {
        match format {
            Format::Gzip => self.gzip,
            Format::Deflate | Format::DeflateRaw => self.deflate,
        }
    }
}

/// Applies the response's content coding to its body (see the module doc).
pub(crate) fn encode(resp: &mut HttpResponse, body_is_encoded: bool, accepted: Accepted) {
    let plan = plan(resp, body_is_encoded, accepted);
    if plan != Plan::AsIs {
        vary_on_accept_encoding(resp);
    }
    match plan {
        Plan::AsIs => {}
        Plan::DropHeader => resp
            .headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case("content-encoding")),
        Plan::Compress(format) => {
            let body = std::mem::replace(&mut resp.body, ResponseBody::Empty);
            resp.body = match body {
                ResponseBody::Full(bytes) => {
                    let mut deflater = Deflater::new(format);
                    let mut out = deflater.push(&bytes);
                    out.extend_from_slice(&deflater.finish());
                    ResponseBody::Full(out)
                }
                ResponseBody::Stream(chunks) => compress_stream(chunks, format),
                other @ (ResponseBody::Empty | ResponseBody::WebSocket(_)) => other,
            };
        }
    }
}

/// The body now depends on the request's `Accept-Encoding`: caches must
/// know (RFC 9110 §12.5.5).
fn vary_on_accept_encoding(resp: &mut HttpResponse) {
    let vary = resp
        .headers
        .iter_mut()
        .find(|(name, _)| name.eq_ignore_ascii_case("vary"));
    match vary {
        None => resp.headers.push(("vary".into(), "Accept-Encoding".into())),
        Some((_, value)) => {
            let listed = value.split(',').any(|field| {
                let field = field.trim();
                field == "*" || field.eq_ignore_ascii_case("accept-encoding")
            });
            if !listed {
                value.to_mut().push_str(", Accept-Encoding");
            }
        }
    }
}

/// Compresses each chunk as it comes, flushed so that the client can decode
/// it at once (a streamed response stays streamed).
fn compress_stream(
    chunks: futures::stream::LocalBoxStream<'static, Result<Vec<u8>, String>>,
    format: Format,
) -> ResponseBody {
    let compressed = futures::stream::unfold(
        (chunks, Some(Deflater::new(format))),
        |(mut chunks, deflater)| async move {
            let mut deflater = deflater?;
            loop {
                match chunks.next().await {
                    Some(Ok(chunk)) if chunk.is_empty() => {}
                    Some(Ok(chunk)) => {
                        let mut out = deflater.push(&chunk);
                        out.extend_from_slice(&deflater.flush());
                        return Some((Ok(out), (chunks, Some(deflater))));
                    }
                    Some(Err(error)) => return Some((Err(error), (chunks, None))),
                    None => return Some((Ok(deflater.finish()), (chunks, None))),
                }
            }
        },
    );
    ResponseBody::Stream(compressed.boxed_local())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(header: Option<&str>, format: Format) -> bool {
        Accepted::from_header(header).allows(format)
    }

    #[test]
    fn accept_encoding_names_weights_and_star() {
        assert!(accepts(Some("gzip, deflate, br"), Format::Gzip));
        assert!(accepts(Some("GZIP;q=0.5"), Format::Gzip));
        assert!(accepts(Some("x-gzip"), Format::Gzip));
        assert!(!accepts(Some("gzip;q=0"), Format::Gzip));
        assert!(!accepts(Some("br"), Format::Gzip));
        assert!(accepts(Some("*"), Format::Deflate));
        assert!(!accepts(Some("*, deflate;q=0"), Format::Deflate));
        assert!(accepts(Some("*, deflate;q=0"), Format::Gzip));
        assert!(!accepts(Some("identity"), Format::Gzip));
        assert!(!accepts(None, Format::Gzip));
    }

    fn response(headers: &[(&str, &str)], body: ResponseBody) -> HttpResponse {
        HttpResponse {
            status: 200,
            reason: None,
            headers: headers
                .iter()
                .map(|(name, value)| (name.to_string().into(), value.to_string().into()))
                .collect(),
            body,
        }
    }

    #[test]
    fn plans_follow_the_header_the_flag_and_the_client() {
        let full = || ResponseBody::Full(b"text".to_vec());
        let gzip = [("Content-Encoding", "gzip")];
        let any = Accepted::from_header(Some("*"));
        let none = Accepted::default();
        let plan_of = |headers: &[(&str, &str)], body, encoded, accepted| {
            plan(&response(headers, body), encoded, accepted)
        };
        assert_eq!(
            plan_of(&gzip, full(), false, any),
            Plan::Compress(Format::Gzip)
        );
        assert_eq!(plan_of(&gzip, full(), true, any), Plan::AsIs);
        assert_eq!(plan_of(&gzip, full(), false, none), Plan::DropHeader);
        assert_eq!(plan_of(&gzip, ResponseBody::Empty, false, any), Plan::AsIs);
        let mut varied = response(&[("Vary", "Origin"), ("content-encoding", "gzip")], full());
        encode(&mut varied, false, none);
        assert_eq!(varied.header("vary"), Some("Origin, Accept-Encoding"));
        assert_eq!(varied.header("content-encoding"), None);
        let brotli = [("content-encoding", "br")];
        assert_eq!(plan_of(&brotli, full(), false, any), Plan::AsIs);
        assert_eq!(plan_of(&[], full(), false, any), Plan::AsIs);
    }
}
