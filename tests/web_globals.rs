//! WinterTC globals through the real binary: `nano eval` awaiting an
//! asynchronous WebAssembly compile, and a served app using WebAssembly,
//! compression streams (checked against flate2 on this side),
//! `structuredClone`, `performance` and `navigator`.

mod common;

use std::io::{Read, Write};

use common::output::{eval_source, stderr, stdout};
use common::Server;

/// `nano eval --file` on `source`: (success, stdout and stderr).
fn eval_file(source: &str) -> (bool, String) {
    let output = eval_source(source, &["--timeout-ms", "20000"]);
    let text = format!("{}{}", stdout(&output), stderr(&output));
    (output.status.success(), text)
}

#[test]
fn eval_awaits_an_asynchronous_webassembly_compile() {
    let (ok, output) = eval_file(
        r#"(async () => {
  const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,7,1,96,2,127,127,1,127,3,2,1,0,7,7,1,3,97,100,100,0,0,10,9,1,7,0,32,0,32,1,106,11]);
  const module = await WebAssembly.compile(bytes);
  const { instance } = await WebAssembly.instantiate(bytes);
  const again = await WebAssembly.instantiate(module);
  console.log("sum", instance.exports.add(40, 2), again.exports.add(1, 1));
  return "done";
})()"#,
    );
    assert!(ok, "nano eval failed: {output}");
    assert!(output.contains("sum 42 2"), "{output}");
    assert!(output.contains("done"), "{output}");
}

#[test]
fn eval_reports_the_web_globals() {
    let (ok, output) = eval_file(
        r#"console.log(navigator.userAgent, typeof performance.timeOrigin, typeof structuredClone,
  typeof CompressionStream, typeof DecompressionStream, typeof WebAssembly.instantiateStreaming);
try { structuredClone(() => {}); } catch (e) { console.log(e.name); }
try { new CompressionStream("brotli"); } catch (e) { console.log(e.constructor.name); }"#,
    );
    assert!(ok, "nano eval failed: {output}");
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        output.contains(&format!(
            "NANO/{version} number function function function function"
        )),
        "{output}"
    );
    assert!(output.contains("DataCloneError"), "{output}");
    assert!(output.contains("TypeError"), "{output}");
}

#[test]
fn a_served_app_uses_webassembly_compression_and_clone() {
    let server = Server::nano("web_globals", &["--cores", "1"]);
    for _ in 0..3 {
        let wasm = server.get("/wasm");
        assert_eq!(wasm.status, 200, "{}", wasm.text());
        assert_eq!(wasm.text(), "42 3");
    }

    let gzip = server.get("/gzip");
    assert_eq!(gzip.status, 200);
    let mut plain = String::new();
    flate2::read::GzDecoder::new(&gzip.body[..])
        .read_to_string(&mut plain)
        .expect("the app's gzip output is valid gzip");
    assert_eq!(plain, "hello ".repeat(100));

    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all("abcde".repeat(1000).as_bytes()).unwrap();
    let packed = encoder.finish().unwrap();
    let gunzip = server.request("POST", "/gunzip", &[], &packed);
    assert_eq!(gunzip.text(), "5000:abcde");
    let corrupt = server.request("POST", "/gunzip", &[], b"definitely not gzip");
    assert_eq!(
        corrupt.status, 500,
        "a corrupt body errors the app's stream"
    );

    let other = server.get("/");
    assert_eq!(
        other.text(),
        format!("NANO/{} 0 true number", env!("CARGO_PKG_VERSION"))
    );
}
