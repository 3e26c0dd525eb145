//! Web Crypto (`crypto`, `crypto.subtle`, `CryptoKey`), run as JavaScript
//! through the real binary. Known-answer vectors name their source.

mod common;

use common::output::{eval_source, stderr, stdout};

/// Helpers every script can use.
const PRELUDE: &str = r#"
const subtle = crypto.subtle;
const enc = (s) => new TextEncoder().encode(s);
const hex = (b) => Array.from(ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s) => new Uint8Array((s.match(/../g) || []).map((h) => parseInt(h, 16)));
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
function assert(cond, message) { if (!cond) throw new Error("assertion failed: " + message); }
// The error a promise rejects with: "DOMException:Name" or the error's name.
async function failure(promise) {
  try { await promise; return "no error"; }
  catch (e) { return (e instanceof DOMException ? "DOMException:" : "") + e.name; }
}
function failureSync(f) {
  try { f(); return "no error"; }
  catch (e) { return (e instanceof DOMException ? "DOMException:" : "") + e.name; }
}
const E65537 = new Uint8Array([1, 0, 1]);
"#;

/// Runs `body` as the body of an async function; returns what it printed.
fn run(body: &str) -> String {
    let script = format!("{PRELUDE}\n(async () => {{\n{body}\n}})()");
    let output = eval_source(&script, &[]);
    let (stdout, stderr) = (stdout(&output), stderr(&output));
    assert!(
        output.status.success(),
        "nano failed\nstdout: {stdout}\nstderr: {stderr}"
    );
    stdout.trim_end().to_string()
}

fn lines(expected: &[&str]) -> String {
    expected.join("\n")
}

// ------------------------------------------------------------ Crypto

#[test]
fn globals_and_interfaces() {
    let out = run(r#"
        return [
            crypto instanceof Crypto,
            crypto.subtle instanceof SubtleCrypto,
            crypto.subtle === crypto.subtle,
            Object.prototype.toString.call(crypto),
            failureSync(() => new CryptoKey()),
            failureSync(() => new Crypto()),
            failureSync(() => new SubtleCrypto()),
            failureSync(() => crypto.getRandomValues.call({}, new Uint8Array(1))),
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "true",
            "true",
            "true",
            "[object Crypto]",
            "TypeError",
            "TypeError",
            "TypeError",
            "TypeError"
        ])
    );
}

#[test]
fn get_random_values() {
    let out = run(r#"
        const a = new Uint8Array(64);
        const same = crypto.getRandomValues(a) === a;
        const b = new Uint32Array(1024);
        crypto.getRandomValues(b);
        const big = new BigUint64Array(4);
        crypto.getRandomValues(big);
        // A view into the middle of a buffer fills only its window.
        const buf = new Uint8Array(32);
        crypto.getRandomValues(new Uint8Array(buf.buffer, 8, 16));
        const outside = buf.slice(0, 8).every((x) => x === 0) && buf.slice(24).every((x) => x === 0);
        return [
            same,
            a.some((x) => x !== 0),
            b.some((x) => x !== 0),
            outside,
            crypto.getRandomValues(new Uint8Array(65536)).length,
            failureSync(() => crypto.getRandomValues(new Uint8Array(65537))),
            failureSync(() => crypto.getRandomValues(new Float32Array(4))),
            failureSync(() => crypto.getRandomValues(new Float64Array(4))),
            failureSync(() => crypto.getRandomValues(new DataView(new ArrayBuffer(4)))),
            failureSync(() => crypto.getRandomValues([1, 2])),
            failureSync(() => crypto.getRandomValues()),
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "true",
            "true",
            "true",
            "true",
            "65536",
            "DOMException:QuotaExceededError",
            "DOMException:TypeMismatchError",
            "DOMException:TypeMismatchError",
            "DOMException:TypeMismatchError",
            "TypeError",
            "TypeError",
        ])
    );
}

#[test]
fn random_uuid_is_version_4() {
    let out = run(r#"
        const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
        const seen = new Set();
        for (let i = 0; i < 100; i++) {
            const id = crypto.randomUUID();
            assert(re.test(id), id);
            seen.add(id);
        }
        return seen.size;
    "#);
    assert_eq!(out, "100");
}

// ------------------------------------------------------------ digest

#[test]
fn digest_known_answers() {
    // FIPS 180-2 appendix examples: the message "abc".
    let out = run(r#"
        const out = [];
        for (const h of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) out.push(hex(await subtle.digest(h, enc("abc"))));
        out.push(hex(await subtle.digest({ name: "sha-256" }, new ArrayBuffer(0))));
        out.push(await failure(subtle.digest("MD5", enc("abc"))));
        out.push(await failure(subtle.digest("SHA-256", "abc")));
        out.push(await failure(subtle.digest({}, enc("abc"))));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "a9993e364706816aba3e25717850c26c9cd0d89d",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            // SHA-256 of the empty string (FIPS 180-4 / NIST examples).
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "DOMException:NotSupportedError",
            "TypeError",
            "TypeError",
        ])
    );
}

// ------------------------------------------------------------ HMAC

#[test]
fn hmac_rfc4231_cases_1_and_2() {
    let out = run(r#"
        const out = [];
        // RFC 4231 test case 1: key = 0x0b * 20, data = "Hi There".
        for (const h of ["SHA-256", "SHA-384", "SHA-512"]) {
            const key = await subtle.importKey("raw", new Uint8Array(20).fill(0x0b), { name: "HMAC", hash: h }, false, ["sign"]);
            out.push(hex(await subtle.sign("HMAC", key, enc("Hi There"))));
        }
        // RFC 4231 test case 2: key = "Jefe".
        for (const h of ["SHA-256", "SHA-512"]) {
            const key = await subtle.importKey("raw", enc("Jefe"), { name: "HMAC", hash: h }, false, ["sign", "verify"]);
            const sig = await subtle.sign("HMAC", key, enc("what do ya want for nothing?"));
            out.push(hex(sig));
            assert(await subtle.verify("HMAC", key, sig, enc("what do ya want for nothing?")), "verifies");
            assert(!(await subtle.verify("HMAC", key, sig, enc("what do ya want for nothing!"))), "tampered data");
        }
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        ])
    );
}

#[test]
fn hmac_generate_and_jwk_round_trip() {
    let out = run(r#"
        const key = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
        const raw = new Uint8Array(await subtle.exportKey("raw", key));
        const jwk = await subtle.exportKey("jwk", key);
        const back = await subtle.importKey("jwk", jwk, { name: "HMAC", hash: "SHA-256" }, true, ["verify"]);
        const sig = await subtle.sign("HMAC", key, enc("m"));
        assert(await subtle.verify("HMAC", back, sig, enc("m")), "jwk import verifies");
        assert(hex(await subtle.exportKey("raw", back)) === hex(raw), "same bytes");
        const short = await subtle.generateKey({ name: "HMAC", hash: "SHA-512", length: 256 }, true, ["sign"]);
        return [
            key.type, key.extractable, key.algorithm.name, key.algorithm.hash.name, key.algorithm.length,
            key.usages.join(","), raw.length, jwk.kty, jwk.alg, jwk.ext, jwk.key_ops.join(","),
            short.algorithm.length,
            (await subtle.generateKey({ name: "HMAC", hash: "SHA-384" }, false, ["sign"])).algorithm.length,
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "secret",
            "true",
            "HMAC",
            "SHA-256",
            "512",
            "sign,verify",
            "64",
            "oct",
            "HS256",
            "true",
            "sign,verify",
            "256",
            "1024"
        ])
    );
}

// ------------------------------------------------------------ AES

#[test]
fn aes_gcm_nist_vectors() {
    // The GCM specification (McGrew & Viega, as used by NIST) test cases 2 and 4.
    let out = run(r#"
        const out = [];
        const k2 = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt", "decrypt"]);
        out.push(hex(await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, k2, new Uint8Array(16))));
        const k4 = await subtle.importKey("raw", unhex("feffe9928665731c6d6a8f9467308308"), "AES-GCM", false, ["encrypt", "decrypt"]);
        const p4 = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        const params = { name: "AES-GCM", iv: unhex("cafebabefacedbaddecaf888"), additionalData: unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2") };
        const c4 = await subtle.encrypt(params, k4, p4);
        out.push(hex(c4));
        out.push(hex(await subtle.decrypt(params, k4, c4)) === hex(p4));
        // A flipped tag bit, or different additional data, fails to decrypt.
        const bad = new Uint8Array(c4).slice(); bad[bad.length - 1] ^= 1;
        out.push(await failure(subtle.decrypt(params, k4, bad)));
        out.push(await failure(subtle.decrypt({ ...params, additionalData: new Uint8Array(1) }, k4, c4)));
        // Shorter tags.
        const c96 = await subtle.encrypt({ ...params, tagLength: 96 }, k4, p4);
        out.push(c96.byteLength - p4.length);
        out.push(hex(await subtle.decrypt({ ...params, tagLength: 96 }, k4, c96)) === hex(p4));
        out.push(await failure(subtle.encrypt({ ...params, tagLength: 100 }, k4, p4)));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e0915bc94fbc3221a5db94fae95ae7121a47",
            "true",
            "DOMException:OperationError",
            "DOMException:OperationError",
            "12",
            "true",
            "DOMException:OperationError",
        ])
    );
}

#[test]
fn aes_cbc_and_ctr_sp800_38a() {
    // NIST SP 800-38A, F.2.1 (CBC-AES128.Encrypt) and F.5.1 (CTR-AES128.Encrypt).
    let out = run(r#"
        const out = [];
        const key = unhex("2b7e151628aed2a6abf7158809cf4f3c");
        const plain = unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        const cbc = await subtle.importKey("raw", key, "AES-CBC", true, ["encrypt", "decrypt"]);
        const iv = unhex("000102030405060708090a0b0c0d0e0f");
        const c = new Uint8Array(await subtle.encrypt({ name: "AES-CBC", iv }, cbc, plain));
        out.push(hex(c.slice(0, 32)), c.length);
        out.push(hex(await subtle.decrypt({ name: "AES-CBC", iv }, cbc, c)) === hex(plain));
        out.push(await failure(subtle.decrypt({ name: "AES-CBC", iv }, cbc, c.slice(0, 20))));
        out.push(await failure(subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(8) }, cbc, plain)));
        const ctr = await subtle.importKey("raw", key, "AES-CTR", true, ["encrypt", "decrypt"]);
        const counter = unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        const x = await subtle.encrypt({ name: "AES-CTR", counter, length: 64 }, ctr, plain);
        out.push(hex(x));
        out.push(hex(await subtle.decrypt({ name: "AES-CTR", counter, length: 64 }, ctr, x)) === hex(plain));
        // With an 8-bit counter the second block wraps to ...fe00, not ...ff00.
        const wrapped = new Uint8Array(await subtle.encrypt({ name: "AES-CTR", counter, length: 8 }, ctr, plain));
        const second = new Uint8Array(await subtle.encrypt(
            { name: "AES-CTR", counter: unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfe00"), length: 8 }, ctr, plain.slice(16)));
        out.push(hex(wrapped.slice(16)) === hex(second), hex(wrapped.slice(0, 16)) === hex(new Uint8Array(x).slice(0, 16)));
        out.push(await failure(subtle.encrypt({ name: "AES-CTR", counter, length: 0 }, ctr, plain)));
        out.push(await failure(subtle.encrypt({ name: "AES-CTR", counter, length: 1 }, ctr, new Uint8Array(48))));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2",
            "48",
            "true",
            "DOMException:OperationError",
            "DOMException:OperationError",
            "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff",
            "true",
            "true",
            "true",
            "DOMException:OperationError",
            "DOMException:OperationError",
        ])
    );
}

#[test]
fn aes_generate_import_export() {
    let out = run(r#"
        const out = [];
        for (const name of ["AES-GCM", "AES-CBC", "AES-CTR", "AES-KW"]) {
            for (const length of [128, 192, 256]) {
                const usages = name === "AES-KW" ? ["wrapKey", "unwrapKey"] : ["encrypt", "decrypt"];
                const key = await subtle.generateKey({ name, length }, true, usages);
                const raw = new Uint8Array(await subtle.exportKey("raw", key));
                const jwk = await subtle.exportKey("jwk", key);
                const back = await subtle.importKey("jwk", jwk, name, true, usages);
                const raw2 = new Uint8Array(await subtle.exportKey("raw", back));
                assert(raw.length * 8 === length && hex(raw) === hex(raw2), name + length);
                assert(back.algorithm.length === length, "length");
                out.push(jwk.alg);
            }
        }
        out.push(await failure(subtle.generateKey({ name: "AES-GCM", length: 100 }, true, ["encrypt"])));
        out.push(await failure(subtle.importKey("raw", new Uint8Array(15), "AES-GCM", true, ["encrypt"])));
        out.push(await failure(subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["sign"])));
        out.push(await failure(subtle.generateKey({ name: "AES-GCM", length: 128 }, true, [])));
        out.push(await failure(subtle.generateKey({ name: "AES-GCM" }, true, ["encrypt"])));
        const k = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]);
        out.push(await failure(subtle.exportKey("raw", k)));
        out.push(await failure(subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, k, new Uint8Array(32))));
        out.push(await failure(subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, k, new Uint8Array(32))));
        const jwk = { kty: "oct", k: b64url(new Uint8Array(16)), alg: "A256GCM" };
        out.push(await failure(subtle.importKey("jwk", jwk, "AES-GCM", true, ["encrypt"])));
        out.push(await failure(subtle.importKey("jwk", { kty: "RSA", k: jwk.k }, "AES-GCM", true, ["encrypt"])));
        out.push(await failure(subtle.importKey("jwk", { kty: "oct", k: jwk.k, ext: false }, "AES-GCM", true, ["encrypt"])));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "A128GCM",
            "A192GCM",
            "A256GCM",
            "A128CBC",
            "A192CBC",
            "A256CBC",
            "A128CTR",
            "A192CTR",
            "A256CTR",
            "A128KW",
            "A192KW",
            "A256KW",
            "DOMException:OperationError",
            "DOMException:DataError",
            "DOMException:SyntaxError",
            "DOMException:SyntaxError",
            "TypeError",
            "DOMException:InvalidAccessError",
            "DOMException:InvalidAccessError",
            "DOMException:InvalidAccessError",
            "DOMException:DataError",
            "DOMException:DataError",
            "DOMException:DataError",
        ])
    );
}

#[test]
fn aes_kw_rfc3394() {
    // RFC 3394 section 4.1: wrap 128 bits of key data with a 128-bit KEK.
    let out = run(r#"
        const kek = await subtle.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", false, ["wrapKey", "unwrapKey"]);
        const key = await subtle.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt"]);
        const wrapped = await subtle.wrapKey("raw", key, kek, "AES-KW");
        const back = await subtle.unwrapKey("raw", wrapped, kek, "AES-KW", "AES-GCM", true, ["encrypt", "decrypt"]);
        const bad = new Uint8Array(wrapped).slice(); bad[0] ^= 1;
        return [
            hex(wrapped),
            hex(await subtle.exportKey("raw", back)),
            back.usages.join(","),
            await failure(subtle.unwrapKey("raw", bad, kek, "AES-KW", "AES-GCM", true, ["encrypt"])),
            await failure(subtle.wrapKey("raw", key, kek, { name: "AES-GCM", iv: new Uint8Array(12) })),
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
            "00112233445566778899aabbccddeeff",
            "encrypt,decrypt",
            "DOMException:OperationError",
            "DOMException:InvalidAccessError",
        ])
    );
}

// ------------------------------------------------------------ KDFs

#[test]
fn pbkdf2_rfc6070() {
    // RFC 6070 test vectors 1-3 (PBKDF2-HMAC-SHA1, "password"/"salt", 20 bytes).
    let out = run(r#"
        const out = [];
        const key = await subtle.importKey("raw", enc("password"), "PBKDF2", false, ["deriveBits", "deriveKey"]);
        for (const iterations of [1, 2, 4096]) {
            out.push(hex(await subtle.deriveBits({ name: "PBKDF2", hash: "SHA-1", salt: enc("salt"), iterations }, key, 160)));
        }
        const aes = await subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: enc("salt"), iterations: 10 }, key,
            { name: "AES-GCM", length: 256 }, true, ["encrypt"]);
        out.push(aes.algorithm.name + " " + aes.algorithm.length + " " + (await subtle.exportKey("raw", aes)).byteLength);
        out.push(await failure(subtle.deriveBits({ name: "PBKDF2", hash: "SHA-1", salt: enc("salt"), iterations: 0 }, key, 160)));
        out.push(await failure(subtle.deriveBits({ name: "PBKDF2", hash: "SHA-1", salt: enc("salt"), iterations: 1 }, key, 7)));
        out.push(await failure(subtle.deriveBits({ name: "PBKDF2", hash: "SHA-1", salt: enc("salt"), iterations: 1 }, key)));
        out.push(await failure(subtle.importKey("raw", enc("p"), "PBKDF2", true, ["deriveBits"])));
        out.push(await failure(subtle.importKey("raw", enc("p"), "PBKDF2", false, ["encrypt"])));
        out.push(await failure(subtle.exportKey("raw", key)));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
            "4b007901b765489abead49d926f721d065a429c1",
            "AES-GCM 256 32",
            "DOMException:OperationError",
            "DOMException:OperationError",
            "DOMException:OperationError",
            "DOMException:SyntaxError",
            "DOMException:SyntaxError",
            "DOMException:InvalidAccessError",
        ])
    );
}

#[test]
fn hkdf_rfc5869_case_1() {
    // RFC 5869 appendix A.1 (HKDF-SHA256, L = 42).
    let out = run(r#"
        const key = await subtle.importKey("raw", new Uint8Array(22).fill(0x0b), "HKDF", false, ["deriveBits", "deriveKey"]);
        const params = { name: "HKDF", hash: "SHA-256", salt: unhex("000102030405060708090a0b0c"), info: unhex("f0f1f2f3f4f5f6f7f8f9") };
        const hmac = await subtle.deriveKey(params, key, { name: "HMAC", hash: "SHA-256", length: 128 }, true, ["sign"]);
        return [
            hex(await subtle.deriveBits(params, key, 336)),
            hex(await subtle.exportKey("raw", hmac)),
            await failure(subtle.deriveBits({ ...params, hash: "SHA-1" }, key, 255 * 160 + 8)),
            await failure(subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array() }, key, 8)),
            await failure(subtle.deriveKey(params, key, { name: "HKDF" }, false, ["deriveBits"])),
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
            "3cb25f25faacd57a90434f64d0362f2a",
            "DOMException:OperationError",
            "TypeError",
            "DOMException:OperationError",
        ])
    );
}

// ------------------------------------------------------------ EC

#[test]
fn ecdsa_rfc6979_verify() {
    // RFC 6979 appendix A.2.5 (P-256) and A.2.7 (P-521): SHA-256, message
    // "sample" (the P-521 signature also checked with OpenSSL).
    let out = run(r#"
        const vectors = [
            ["P-256",
             "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
             "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
             "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
             "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"],
            ["P-521",
             "01894550d0785932e00eaa23b694f213f8c3121f86dc97a04e5a7167db4e5bcd371123d46e45db6b5d5370a7f20fb633155d38ffa16d2bd761dcac474b9a2f5023a4",
             "00493101c962cd4d2fddf782285e64584139c2f91b47f87ff82354d6630f746a28a0db25741b5b34a828008b22acc23f924faafbd4d33f81ea66956dfeaa2bfdfcf5",
             "00fad06daa62ba3b25d2fb40133da757205de67f5bb0018fee8c86e1b68c7e75caa896eb32f1f47c70855836a6d16fcc1466f6d8fbec67db89ec0c08b0e996b83538",
             "01511bb4d675114fe266fc4372b87682baecc01d3cc62cf2303c92b3526012659d16876e25c7c1e57648f23b73564d67f61c6f14d527d54972810421e7d87589e1a7" +
             "004a171143a83163d6df460aaf61522695f207a58b95c0644d87e52aa1a347916e4f7a72930b1bc06dbe22ce3f58264afd23704cbb63b29b931f7de6c9d949a7ecfc"],
        ];
        const out = [];
        for (const [crv, x, y, d, signature] of vectors) {
            const alg = { name: "ECDSA", namedCurve: crv };
            const jwk = { kty: "EC", crv, x: b64url(unhex(x)), y: b64url(unhex(y)) };
            const pub = await subtle.importKey("jwk", jwk, alg, true, ["verify"]);
            const priv = await subtle.importKey("jwk", { ...jwk, d: b64url(unhex(d)) }, alg, true, ["sign"]);
            const sig = unhex(signature);
            const mine = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, priv, enc("sample"));
            out.push(crv,
                await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pub, sig, enc("sample")),
                await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pub, sig, enc("samplE")),
                await subtle.verify({ name: "ECDSA", hash: "SHA-384" }, pub, sig, enc("sample")),
                await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pub, mine, enc("sample")),
                mine.byteLength,
                hex(await subtle.exportKey("raw", pub)).slice(0, 4));
        }
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "P-256", "true", "false", "false", "true", "64", "0460", //
            "P-521", "true", "false", "false", "true", "132", "0401",
        ])
    );
}

#[test]
fn ecdsa_round_trips_every_format() {
    let out = run(r#"
        const out = [];
        for (const [namedCurve, size] of [["P-256", 64], ["P-384", 96], ["P-521", 132]]) {
            const alg = { name: "ECDSA", namedCurve };
            const pair = await subtle.generateKey(alg, true, ["sign", "verify"]);
            assert(pair.privateKey.type === "private" && pair.publicKey.type === "public", "types");
            assert(pair.privateKey.usages.join() === "sign" && pair.publicKey.usages.join() === "verify", "usages");
            for (const hash of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
                const sig = await subtle.sign({ name: "ECDSA", hash }, pair.privateKey, enc("data"));
                assert(sig.byteLength === size, "P1363 size");
                assert(await subtle.verify({ name: "ECDSA", hash }, pair.publicKey, sig, enc("data")), hash);
                assert(!(await subtle.verify({ name: "ECDSA", hash }, pair.publicKey, sig, enc("dat4"))), "tampered");
            }
            const sig = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, enc("data"));
            for (const format of ["raw", "spki", "jwk"]) {
                const data = await subtle.exportKey(format, pair.publicKey);
                const key = await subtle.importKey(format, data, alg, true, ["verify"]);
                assert(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, sig, enc("data")), format);
                assert(key.algorithm.namedCurve === namedCurve, "curve");
            }
            for (const format of ["pkcs8", "jwk"]) {
                const data = await subtle.exportKey(format, pair.privateKey);
                const key = await subtle.importKey(format, data, alg, true, ["sign"]);
                const again = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, enc("data"));
                assert(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pair.publicKey, again, enc("data")), format);
            }
            const jwk = await subtle.exportKey("jwk", pair.privateKey);
            out.push(`${namedCurve} ${jwk.kty} ${jwk.crv} ${jwk.alg} ${typeof jwk.d}`);
            out.push(await failure(subtle.exportKey("raw", pair.privateKey)));
            out.push(await failure(subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.publicKey, enc("x"))));
            out.push(await failure(subtle.importKey("pkcs8", await subtle.exportKey("pkcs8", pair.privateKey), alg, true, ["verify"])));
        }
        const p256 = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
        const spki = await subtle.exportKey("spki", p256.publicKey);
        out.push(await failure(subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-384" }, true, ["verify"])));
        out.push(await failure(subtle.importKey("raw", new Uint8Array(65), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"])));
        out.push(await failure(subtle.generateKey({ name: "ECDSA", namedCurve: "P-192" }, true, ["sign"])));
        out.push(await failure(subtle.verify({ name: "ECDSA", hash: "SHA-256" }, p256.privateKey, new Uint8Array(64), enc("x"))));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "P-256 EC P-256 ES256 string",
            "DOMException:InvalidAccessError",
            "DOMException:InvalidAccessError",
            "DOMException:SyntaxError",
            "P-384 EC P-384 ES384 string",
            "DOMException:InvalidAccessError",
            "DOMException:InvalidAccessError",
            "DOMException:SyntaxError",
            "P-521 EC P-521 ES512 string",
            "DOMException:InvalidAccessError",
            "DOMException:InvalidAccessError",
            "DOMException:SyntaxError",
            "DOMException:DataError",
            "DOMException:DataError",
            "DOMException:NotSupportedError",
            "DOMException:InvalidAccessError",
        ])
    );
}

#[test]
fn ecdh_agreement_both_ways() {
    let out = run(r#"
        const out = [];
        for (const [namedCurve, bits] of [["P-256", 256], ["P-384", 384], ["P-521", 528]]) {
            const alg = { name: "ECDH", namedCurve };
            const a = await subtle.generateKey(alg, true, ["deriveBits", "deriveKey"]);
            const b = await subtle.generateKey(alg, true, ["deriveBits"]);
            const ab = await subtle.deriveBits({ name: "ECDH", public: b.publicKey }, a.privateKey, bits);
            const ba = await subtle.deriveBits({ name: "ECDH", public: a.publicKey }, b.privateKey, null);
            assert(hex(ab) === hex(ba) && ab.byteLength * 8 === bits, "agreement " + namedCurve);
            const short = await subtle.deriveBits({ name: "ECDH", public: a.publicKey }, b.privateKey, 12);
            const first = new Uint8Array(ab);
            out.push(hex(short) === hex(new Uint8Array([first[0], first[1] & 0xf0])));
            // Keys through every format agree too.
            const spki = await subtle.importKey("spki", await subtle.exportKey("spki", b.publicKey), alg, true, []);
            const pkcs8 = await subtle.importKey("pkcs8", await subtle.exportKey("pkcs8", a.privateKey), alg, true, ["deriveBits"]);
            const jwk = await subtle.importKey("jwk", await subtle.exportKey("jwk", a.privateKey), alg, true, ["deriveBits"]);
            const raw = await subtle.importKey("raw", await subtle.exportKey("raw", b.publicKey), alg, true, []);
            assert(hex(await subtle.deriveBits({ name: "ECDH", public: spki }, pkcs8, bits)) === hex(ab), "spki/pkcs8");
            assert(hex(await subtle.deriveBits({ name: "ECDH", public: raw }, jwk, bits)) === hex(ab), "raw/jwk");
            const aes = await subtle.deriveKey({ name: "ECDH", public: b.publicKey }, a.privateKey, { name: "AES-GCM", length: 128 }, true, ["encrypt"]);
            out.push(hex(await subtle.exportKey("raw", aes)) === hex(ab).slice(0, 32));
            out.push(await failure(subtle.deriveBits({ name: "ECDH", public: b.publicKey }, a.privateKey, bits + 8)));
            out.push(await failure(subtle.importKey("raw", await subtle.exportKey("raw", b.publicKey), alg, true, ["deriveBits"])));
        }
        const p256 = await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
        const p384 = await subtle.generateKey({ name: "ECDH", namedCurve: "P-384" }, true, ["deriveBits"]);
        out.push(await failure(subtle.deriveBits({ name: "ECDH", public: p384.publicKey }, p256.privateKey, 256)));
        out.push(await failure(subtle.deriveBits({ name: "ECDH", public: p256.privateKey }, p256.privateKey, 256)));
        out.push(await failure(subtle.deriveBits({ name: "ECDH", public: "nope" }, p256.privateKey, 256)));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "true",
            "true",
            "DOMException:OperationError",
            "DOMException:SyntaxError",
            "true",
            "true",
            "DOMException:OperationError",
            "DOMException:SyntaxError",
            "true",
            "true",
            "DOMException:OperationError",
            "DOMException:SyntaxError",
            "DOMException:InvalidAccessError",
            "DOMException:InvalidAccessError",
            "TypeError",
        ])
    );
}

// ------------------------------------------------------------ Ed25519 / X25519

#[test]
fn ed25519_rfc8032_test_1() {
    // RFC 8032 section 7.1, TEST 1 (empty message); the PKCS #8 wrapping is RFC 8410's.
    let out = run(r#"
        const seed = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        const pkcs8 = new Uint8Array([...unhex("302e020100300506032b657004220420"), ...seed]);
        const priv = await subtle.importKey("pkcs8", pkcs8, "Ed25519", true, ["sign"]);
        const pub = await subtle.importKey("raw", unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), "Ed25519", true, ["verify"]);
        const sig = await subtle.sign("Ed25519", priv, new Uint8Array(0));
        const jwk = await subtle.exportKey("jwk", priv);
        return [
            hex(sig),
            await subtle.verify("Ed25519", pub, sig, new Uint8Array(0)),
            await subtle.verify("Ed25519", pub, sig, new Uint8Array(1)),
            hex(await subtle.exportKey("pkcs8", priv)) === hex(pkcs8),
            jwk.kty + " " + jwk.crv + " " + jwk.x,
            hex(await subtle.exportKey("spki", pub)),
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            "true",
            "false",
            "true",
            "OKP Ed25519 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            // RFC 8410 SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }.
            "302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        ])
    );
}

#[test]
fn ed25519_round_trips() {
    let out = run(r#"
        const pair = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
        const sig = await subtle.sign("Ed25519", pair.privateKey, enc("hello"));
        for (const format of ["raw", "spki", "jwk"]) {
            const key = await subtle.importKey(format, await subtle.exportKey(format, pair.publicKey), "Ed25519", true, ["verify"]);
            assert(await subtle.verify("Ed25519", key, sig, enc("hello")), format);
            assert(!(await subtle.verify("Ed25519", key, sig, enc("hellO"))), format + " tampered");
        }
        for (const format of ["pkcs8", "jwk"]) {
            const key = await subtle.importKey(format, await subtle.exportKey(format, pair.privateKey), { name: "Ed25519" }, true, ["sign"]);
            assert(hex(await subtle.sign("Ed25519", key, enc("hello"))) === hex(sig), format);
        }
        const jwk = await subtle.exportKey("jwk", pair.privateKey);
        return [
            sig.byteLength, pair.privateKey.algorithm.name, pair.publicKey.extractable,
            await failure(subtle.importKey("jwk", { ...jwk, x: jwk.x.replace(/^./, jwk.x[0] === "A" ? "B" : "A") }, "Ed25519", true, ["sign"])),
            await failure(subtle.importKey("raw", new Uint8Array(31), "Ed25519", true, ["verify"])),
            await failure(subtle.importKey("spki", new Uint8Array(10), "Ed25519", true, ["verify"])),
            await failure(subtle.generateKey("Ed25519", true, ["encrypt"])),
            await failure(subtle.exportKey("raw", pair.privateKey)),
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "64",
            "Ed25519",
            "true",
            "DOMException:DataError",
            "DOMException:DataError",
            "DOMException:DataError",
            "DOMException:SyntaxError",
            "DOMException:InvalidAccessError",
        ])
    );
}

#[test]
fn x25519_rfc7748_and_round_trips() {
    // RFC 7748 section 6.1: Alice's and Bob's keys and their shared secret.
    let out = run(r#"
        const wrap = (k) => new Uint8Array([...unhex("302e020100300506032b656e04220420"), ...k]);
        const alice = await subtle.importKey("pkcs8", wrap(unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")), "X25519", true, ["deriveBits"]);
        const bobPub = await subtle.importKey("raw", unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), "X25519", true, []);
        const bob = await subtle.importKey("pkcs8", wrap(unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")), "X25519", true, ["deriveBits"]);
        const alicePub = await subtle.importKey("raw", unhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), "X25519", true, []);
        const out = [
            hex(await subtle.deriveBits({ name: "X25519", public: bobPub }, alice, 256)),
            hex(await subtle.deriveBits({ name: "X25519", public: alicePub }, bob, 256)),
            (await subtle.exportKey("jwk", alice)).x === b64url(unhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")),
        ];
        const a = await subtle.generateKey("X25519", true, ["deriveBits", "deriveKey"]);
        const b = await subtle.generateKey("X25519", true, ["deriveBits"]);
        const ab = await subtle.deriveBits({ name: "X25519", public: b.publicKey }, a.privateKey, 256);
        for (const format of ["raw", "spki", "jwk"]) {
            const pub = await subtle.importKey(format, await subtle.exportKey(format, b.publicKey), "X25519", true, []);
            for (const pformat of ["pkcs8", "jwk"]) {
                const priv = await subtle.importKey(pformat, await subtle.exportKey(pformat, a.privateKey), "X25519", true, ["deriveBits"]);
                assert(hex(await subtle.deriveBits({ name: "X25519", public: pub }, priv, 256)) === hex(ab), format + pformat);
            }
        }
        const hmac = await subtle.deriveKey({ name: "X25519", public: a.publicKey }, a.privateKey, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
        out.push(hmac.algorithm.length);
        out.push(await failure(subtle.deriveBits({ name: "X25519", public: new Uint8Array(32) }, a.privateKey, 256)));
        const zero = await subtle.importKey("raw", new Uint8Array(32), "X25519", true, []);
        out.push(await failure(subtle.deriveBits({ name: "X25519", public: zero }, a.privateKey, 256)));
        const ed = await subtle.generateKey("Ed25519", true, ["sign"]);
        out.push(await failure(subtle.deriveBits({ name: "X25519", public: ed.publicKey }, a.privateKey, 256)));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
            "true",
            "256",
            "TypeError",
            "DOMException:OperationError",
            "DOMException:InvalidAccessError",
        ])
    );
}

// ------------------------------------------------------------ RSA

#[test]
fn rsassa_pkcs1_v1_5_and_pss() {
    let out = run(r#"
        const out = [];
        for (const name of ["RSASSA-PKCS1-v1_5", "RSA-PSS"]) {
            const pair = await subtle.generateKey({ name, modulusLength: 1024, publicExponent: E65537, hash: "SHA-256" }, true, ["sign", "verify"]);
            const params = { name, saltLength: 32 };
            const sig = await subtle.sign(params, pair.privateKey, enc("message"));
            assert(sig.byteLength === 128, "signature size");
            assert(await subtle.verify(params, pair.publicKey, sig, enc("message")), "verifies");
            assert(!(await subtle.verify(params, pair.publicKey, sig, enc("messagE"))), "tampered");
            const bad = new Uint8Array(sig).slice(); bad[5] ^= 0x40;
            assert(!(await subtle.verify(params, pair.publicKey, bad, enc("message"))), "tampered signature");
            for (const format of ["spki", "jwk"]) {
                const key = await subtle.importKey(format, await subtle.exportKey(format, pair.publicKey), { name, hash: "SHA-256" }, true, ["verify"]);
                assert(await subtle.verify(params, key, sig, enc("message")), format);
                assert(key.algorithm.modulusLength === 1024 && hex(key.algorithm.publicExponent) === "010001", "algorithm");
            }
            for (const format of ["pkcs8", "jwk"]) {
                const key = await subtle.importKey(format, await subtle.exportKey(format, pair.privateKey), { name, hash: "SHA-256" }, true, ["sign"]);
                const again = await subtle.sign(params, key, enc("message"));
                assert(await subtle.verify(params, pair.publicKey, again, enc("message")), format);
            }
            const jwk = await subtle.exportKey("jwk", pair.privateKey);
            out.push(`${jwk.kty} ${jwk.alg} ${jwk.e} ${["n", "d", "p", "q", "dp", "dq", "qi"].every((m) => typeof jwk[m] === "string")}`);
            out.push(pair.publicKey.algorithm.hash.name + " " + pair.privateKey.usages.join());
            out.push(await failure(subtle.exportKey("raw", pair.publicKey)));
            out.push(await failure(subtle.importKey("jwk", { ...jwk, alg: "RS1" }, { name, hash: "SHA-256" }, true, ["sign"])));
        }
        // PKCS#1 v1.5 signatures are deterministic.
        const pair = await subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: E65537, hash: "SHA-1" }, false, ["sign"]);
        out.push(hex(await subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, enc("x"))) === hex(await subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, enc("x"))));
        out.push(await failure(subtle.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: E65537 }, true, ["sign"])));
        out.push(await failure(subtle.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: [1, 0, 1], hash: "SHA-256" }, true, ["sign"])));
        out.push(await failure(subtle.sign({ name: "RSA-PSS", saltLength: 32 }, pair.privateKey, enc("x"))));
        out.push(await failure(subtle.importKey("spki", new Uint8Array(20), { name: "RSA-PSS", hash: "SHA-256" }, true, ["verify"])));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "RSA RS256 AQAB true",
            "SHA-256 sign",
            "DOMException:NotSupportedError",
            "DOMException:DataError",
            "RSA PS256 AQAB true",
            "SHA-256 sign",
            "DOMException:NotSupportedError",
            "DOMException:DataError",
            "true",
            "TypeError",
            "TypeError",
            "DOMException:InvalidAccessError",
            "DOMException:DataError",
        ])
    );
}

#[test]
fn rsa_oaep_encrypt_wrap() {
    let out = run(r#"
        const out = [];
        const alg = { name: "RSA-OAEP", modulusLength: 2048, publicExponent: E65537, hash: "SHA-256" };
        const pair = await subtle.generateKey(alg, true, ["encrypt", "decrypt", "wrapKey", "unwrapKey"]);
        out.push(pair.publicKey.usages.join() + " / " + pair.privateKey.usages.join());
        const c = await subtle.encrypt({ name: "RSA-OAEP", label: enc("label") }, pair.publicKey, enc("secret"));
        out.push(new TextDecoder().decode(await subtle.decrypt({ name: "RSA-OAEP", label: enc("label") }, pair.privateKey, c)));
        out.push(await failure(subtle.decrypt({ name: "RSA-OAEP", label: enc("other") }, pair.privateKey, c)));
        const bad = new Uint8Array(c).slice(); bad[3] ^= 1;
        out.push(await failure(subtle.decrypt({ name: "RSA-OAEP" }, pair.privateKey, bad)));
        // Wrap an AES key (raw and jwk) with RSA-OAEP.
        const aes = await subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
        for (const format of ["raw", "jwk"]) {
            const wrapped = await subtle.wrapKey(format, aes, pair.publicKey, { name: "RSA-OAEP" });
            const back = await subtle.unwrapKey(format, wrapped, pair.privateKey, { name: "RSA-OAEP" }, "AES-GCM", true, ["decrypt"]);
            out.push(format + " " + (hex(await subtle.exportKey("raw", back)) === hex(await subtle.exportKey("raw", aes))));
        }
        const priv = await subtle.importKey("pkcs8", await subtle.exportKey("pkcs8", pair.privateKey), { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]);
        const pub = await subtle.importKey("jwk", await subtle.exportKey("jwk", pair.publicKey), { name: "RSA-OAEP", hash: "SHA-256" }, true, ["encrypt"]);
        out.push(new TextDecoder().decode(await subtle.decrypt("RSA-OAEP", priv, await subtle.encrypt("RSA-OAEP", pub, enc("again")))));
        out.push((await subtle.exportKey("jwk", pub)).alg);
        out.push(await failure(subtle.encrypt("RSA-OAEP", pair.publicKey, new Uint8Array(191))));
        out.push(await failure(subtle.encrypt("RSA-OAEP", priv, enc("x"))));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "encrypt,wrapKey / decrypt,unwrapKey",
            "secret",
            "DOMException:OperationError",
            "DOMException:OperationError",
            "raw true",
            "jwk true",
            "again",
            "RSA-OAEP-256",
            "DOMException:OperationError",
            "DOMException:InvalidAccessError",
        ])
    );
}

/// A 2048-bit key and outputs made with OpenSSL 3 (`openssl genpkey`,
/// `openssl dgst -sign` and `openssl pkeyutl -encrypt`): PKCS #1 v1.5 and
/// PSS with saltLength 0 are deterministic, so NANO's signatures must equal
/// them byte for byte; the OAEP ciphertext has a label that is not UTF-8.
const OPENSSL_RSA_PKCS8: &[&str] = &[
    "MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDPZ+DFhf9tHypiEsvl7VAPDJx/nDfcp7+A52oVIF/AEtyl",
    "AXR/Ar83vdHZ9ivYJ5QQFw+wMo6tTY1vBIEXg1VOEr3GRLPgW/hN9uRZJEFqEJAtIrJjzz6huaN3CDhUiFYFlehwF9dPFRHm",
    "inbF7P1drKs0GODVJDsg/HONEsZM1Td7564zdZEThqd0O6xrJbaLfGG9XNIlDWsNZe+Fxpj6VNmnVvS40MBH+wzsm1u/u4SU",
    "e1U0TN8biYoudG5puRDkbM/YuN5yH7L5EyZP9wV0PqAZuYZ9vc/OpfS6k9rnXUjf0kiXMi+byF2rcSj3O1hrNW+T7BtDFOkl",
    "7Sb/BkdtAgMBAAECggEAB0N+d7lA2ZpLan8S02adDl0R56MAKDyOITGTLlI7IdSHR0mzW49fd9BKCfW5HpGkRqJhuXkyNGRd",
    "UHoHG1yAhekNUTHh958nWKbafTsfBcJQVx3tj9lLB3CJudPfEfbRLGway9iWtDC36ivUC3J7trNWLs9NChBOxQT4w9DYgqN7",
    "MmU4VS+Fwr9CD2LjltzVT+OzstfygRAk09Dl8O16ggk4k4V97/lJkMy57YR8CF4koPjX86gByC2wIrldLnPaUplY0EHbf7ap",
    "S3fkDzpmifFqPZh6ok33rnrjbVBD2U+7oSnEkA9WNaKvGlI61oK2jn2kVl52RDbKm69fDiQzcQKBgQD4ecqRi+Bkn/1RK6uY",
    "wMqfuasw4VCyFFk553JSoIFsGj5eAViYBSXZGhV2p0igfIcKfMENEKcFH/T7h661/Pjh5Igs/kVQZ1q5BMiG1bqw91OcvC4J",
    "Hs8UtFqKsjw88c7HTqYViHYpqnXec/A5f2IIuQ4dVk9qUSkiLfZxD7cLQwKBgQDVr7VNGw/ki/YEnGwNlLcQwrald2+OJrdI",
    "WjnoiYSAiaeL+96cscp/QveTKkkC0aP9+9AhFxIxw5ppTra9iAdkQ5DqPJLm1DAHXm6LxEokWtZhb0QUkoeJzEnzx90QcYsZ",
    "g7i44G96i/JnR8X1itw54PofjpaNfXKOY3Fz6iC/jwKBgQCH+V45N+qcJlFh0hwdg6NetSRRo3udeDU70sRlIyCwH8xxdRse",
    "VfLYU8XbIMBF0t+zhYG/vJUp4MsXurCJNt6b/4vl01/rGCQ1i8CQyPVZUn+XDgPDSfDYy7mgnNkKIOmfeBK7Reoj8vx9t8SG",
    "ModbbqmitFDRRYjVA4IRbSAmMQKBgQCIjGKHpi5utn18jtSBjTG6dSKv8/WGWfkvM/DjRtU0KkK1sjqb2QT0c7+u/Atx0LNB",
    "vuNN8ec/g6Ytew5NaRqIGKEG/bRF6vvSCacMi19xgdaSpr5Tgxs3lCMBtArw0g24PTMSeODj53/8PaIjeRunpLtQ5RYRzkMg",
    "+CzsjIVmwwKBgQCWazC9y7RBncv6MtMqNV/NcdT0ofpz0ZSX0lzxFZbj4d/NGdUbZGRMEkFZW/7Tczt9rO7ePsV6Go7jEOMM",
    "URDXmy38/sli9pVqIu9M4iLGzgPQwAZSXbBIsu9Gsex/ROpm1aUeMEXotSLiwxmJa9XnD3yB67n2Yg13J5EbJ32lcw==",
];
const OPENSSL_PKCS1_SHA256_SIG: &str = "iPqz/Efm9Cm9ee436XIz1cxKWWuqZtOFg+8sH2/G4ODaiFzaccqVR0gDx8nRmwszXczW2Xdff0XgUAWFKxekWUKZeMv5b2i3nC9TTW+oCylLOmqbNbiECkfGlQpviROBtbHM4zR1pLp5NBABcj0fn9NOnaYctax8j94BpLStO0QYCVt7zmb8inhEMsZKzupRv7pGXaYPqTN901Mr4vja9CO5PB+/MhYKQLPTC55FVISb+bse6cJ0b8waWWXVbO6AnYkr87jFGvGvaAzsHivWxI4Rcy7jDHep/SAORQbTl4aF/niBkAP8D6W4BstL+1/ZXQDduV2EJhDqvinfZzZyTQ==";
const OPENSSL_PSS_SHA384_SALT0_SIG: &str = "hcgS3EmMr5A49fpkQ2JJuH/HH7Wf6AUsXBfaMmilftArC+40flNEiP2lXDHlF+huTGgp3HDXRugkmmSIjwqjbiMpBru3S5Bq2KyqWCobz8AJtKL0bgvHCw9PYqx/q6fIkcAq/Yehug1EMYQk4pGtKiYaQYYm2pNgGpaX8oWQXLxoqbpXl3fkN9PgekzTXFiERb2D5CTjX6i/qs5VHkkBElixgec6rdhyTcYwB8U2Mktltrcw7B73kyJegXzkpKv4kVZ/V9weWCVb9IhJoYcl8OPa30VR3IyfmTov2lf7HSe3vYq0yYcS/lHly+Jor036KD8lAY2ZjfFp8KOy7ulaPQ==";
const OPENSSL_OAEP_SHA256_CIPHERTEXT: &str = "A7oqnl8erntLDnYONHhSGaPMwiHskzSVOTP1uqP467SfL9gpoOAVndo2WFVfzMSmGXDw0GFce40mo+YWPrR6aPIPryrvYJ0ozKS8WBxsr3VvBDFP/51mFYb++NMWoDP439IKYTmLwmpasBjZJ2WrAuk78GiuP+4+BmYzQwdMLVNo2ldcPNt535zlqHnbUcrTMXbG0MkBqJP6yn8RK7pj3d5EHNhZMs7T0yp40rIhw+76/VoP1jmqfRVDEuUjM6F6eBiYjh1HizVzg2hPfiAICMIuwbPnjP4GP/rhtdgSL9NLRd0HH5PmRRvanA2GR9vQ1pMamQVPOrnM/wwdnSZMGw==";

/// JavaScript declaring an OpenSSL key (`KEY`, PKCS #8 in base64) and its
/// outputs (`PKCS1`, `PSS0`, `OAEP`), with `bytes` to decode them.
fn openssl_vectors(key: &[&str], pkcs1: &str, pss0: &str, oaep: &str) -> String {
    format!(
        "const KEY = \"{}\"; const PKCS1 = \"{pkcs1}\"; const PSS0 = \"{pss0}\"; const OAEP = \"{oaep}\";\nconst bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));",
        key.concat()
    )
}

#[test]
fn rsa_2048_matches_openssl_and_takes_any_salt_and_label() {
    let vectors = openssl_vectors(
        OPENSSL_RSA_PKCS8,
        OPENSSL_PKCS1_SHA256_SIG,
        OPENSSL_PSS_SHA384_SALT0_SIG,
        OPENSSL_OAEP_SHA256_CIPHERTEXT,
    );
    let out = run(&(vectors
        + r#"
        const out = [];
        const key = (name, hash, usages) => subtle.importKey("pkcs8", bytes(KEY), { name, hash }, true, usages);
        const pkcs1 = await key("RSASSA-PKCS1-v1_5", "SHA-256", ["sign"]);
        out.push(hex(await subtle.sign("RSASSA-PKCS1-v1_5", pkcs1, enc("message"))) === hex(bytes(PKCS1)));
        const pss = await key("RSA-PSS", "SHA-384", ["sign"]);
        out.push(hex(await subtle.sign({ name: "RSA-PSS", saltLength: 0 }, pss, enc("message"))) === hex(bytes(PSS0)));
        // Salt lengths other than the hash's, and the largest one the key allows.
        const pair = await subtle.generateKey({ name: "RSA-PSS", modulusLength: 2048, publicExponent: E65537, hash: "SHA-256" }, false, ["sign", "verify"]);
        for (const saltLength of [0, 20, 32, 222]) {
            const sig = await subtle.sign({ name: "RSA-PSS", saltLength }, pair.privateKey, enc("m"));
            const other = saltLength === 20 ? 32 : 20;
            out.push(`${saltLength} ${await subtle.verify({ name: "RSA-PSS", saltLength }, pair.publicKey, sig, enc("m"))} ${await subtle.verify({ name: "RSA-PSS", saltLength: other }, pair.publicKey, sig, enc("m"))}`);
        }
        out.push(await failure(subtle.sign({ name: "RSA-PSS", saltLength: 223 }, pair.privateKey, enc("m"))));
        const oaep = await key("RSA-OAEP", "SHA-256", ["decrypt"]);
        const label = new Uint8Array([0xff, 0xfe, 0]);
        out.push(new TextDecoder().decode(await subtle.decrypt({ name: "RSA-OAEP", label }, oaep, bytes(OAEP))));
        out.push(await failure(subtle.decrypt({ name: "RSA-OAEP" }, oaep, bytes(OAEP))));
        // An exponent aws-lc does not generate still works (on the fallback).
        const three = await subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([3]), hash: "SHA-256" }, false, ["sign", "verify"]);
        const sig = await subtle.sign("RSASSA-PKCS1-v1_5", three.privateKey, enc("m"));
        out.push(hex(three.publicKey.algorithm.publicExponent) + " " + await subtle.verify("RSASSA-PKCS1-v1_5", three.publicKey, sig, enc("m")));
        return out.join("\n");
    "#));
    assert_eq!(
        out,
        lines(&[
            "true",
            "true",
            "0 true false",
            "20 true false",
            "32 true false",
            "222 true false",
            "DOMException:OperationError",
            "secret",
            "DOMException:OperationError",
            "03 true",
        ])
    );
}

/// A 1024-bit key and outputs made with OpenSSL 3, all with SHA-1: a
/// PKCS #1 v1.5 signature and a PSS signature with saltLength 0 (both
/// deterministic) of "message", and an OAEP ciphertext of "secret" with the
/// label ff fe 00, which is not UTF-8. aws-lc refuses such keys and SHA-1
/// signatures, so these run on the `rsa` 0.10 fallback.
const OPENSSL_RSA_1024_PKCS8: &[&str] = &[
    "MIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBANov5EI9UgoWXuEAXWKC39AKOc2fzRYNvFjYNbp0gJEM4K37",
    "uPZb61q4SMcLxtwx4aFfsa+Eo4ps5NzHT5W4+ofz2byUnYxgzZr7NlW9MfoO/UCkUQLsGaJxFsV8P5c/lRqUhNmOCgZMFWn4",
    "U8cbkAeOC6LiItPMvxm+ZqRtGuenAgMBAAECgYEAgt5I7gYzyAMlA5YhbS4Mqo8HnrMj4v94Il4E1AJ+/wGXXiPnDDWUFEUG",
    "ugTxUS/GIvHv9NP899Fa8KXHsYlTEs4hyHyzhjhkuqtyNXRXusQyMp+w09qfi3lYcXxb7kMQDiIvkRNzuOSPyEcQa5R1ArX9",
    "IJM/VpH3TJ4eOWjGjRkCQQD/6gJ5E1Y+qffpnTzsChhOjLj8MFj0aHYsHuklSpheUrWCRJH9ExbJUdzBsT9nIZ5A9KygsgNh",
    "7s3yQibnfA/TAkEA2kKj4JNbA6KNX9wNeaO6urIeVlcz3etk4iDj/JSN7wFTvW181qL8t1+99eO4+q2F3W8SiyMBAUrbi5J0",
    "/0E4XQJBALE+E8RjfiIcehWUz3Lzcu5ETIJtwc5U4zOfnP408d6yDgBRGYNbyzZXujt0VWNKR17Zlw4c/HbBfGXDJ0rAA/0C",
    "QQCWTFGhcpe4NxX3rwcwfok1yzaM6lvzNAgyl8enxXy/20AZL+5Jt88jT7D2RKy7IwcN51Dzs1Ub2Lq6sE4VAIqZAkAUU9G+",
    "XrCBpkgLs8hvxn+lqMnMKeRAin4MU68VtxoTsV2iGEouaLCXpI6ZOSONu5yNtgrOEB7PtznDiiM4ggMk",
];
const OPENSSL_1024_PKCS1_SHA1_SIG: &str = "XDRQGxIenhJvA4y0/YlkG9JoDuZEehXFVxUEcdkxNN3E09Im+QSCdtaMtZNc3RA+ntWDmklKKDPtd8io0PCP2zTtHWtLL1UHKrPsvxG7c7UvPO1dp6FruXe9XiWcyyAQgLRaYU2pxVAQOCIaKW+Bi4yJtAnb+wZXJ9Cfh1kr/6M=";
const OPENSSL_1024_PSS_SHA1_SALT0_SIG: &str = "m4pOZ3ALoorvTbEdD5NofO1mX3wtd6LmtlQuI0bir7sEAkocu2NniE9ATH01IbJACsY/7wuNnAo2Ez/F/SgrkHnD3crxC1cr5lRu/cNqBj/YxG9SqOJDV/T9rl0cZ6RJa5R+iHyQ/ma8IALB3O4zOR1R1qCEiSNYOakb4w9PnHM=";
const OPENSSL_1024_OAEP_SHA1_CIPHERTEXT: &str = "CoTfm2llECIv7+eogoR5/0chymGPfrQEfP2TPkYlnw+hZPzdMln39pRQur6R7Ys3/6vCvecspySwGK55LpqHoBJ5sgscQWwIId8GUbf2aW5dePkYsAVOgmX/u9G4HKvr8nC1aa88WD59wSoxuqRwi5sVUAWgBpeyS3JjqiYlgsc=";

#[test]
fn rsa_1024_and_sha1_match_openssl_and_round_trip() {
    let vectors = openssl_vectors(
        OPENSSL_RSA_1024_PKCS8,
        OPENSSL_1024_PKCS1_SHA1_SIG,
        OPENSSL_1024_PSS_SHA1_SALT0_SIG,
        OPENSSL_1024_OAEP_SHA1_CIPHERTEXT,
    );
    let out = run(&(vectors
        + r#"
        const out = [];
        const key = (name, usages) => subtle.importKey("pkcs8", bytes(KEY), { name, hash: "SHA-1" }, true, usages);
        out.push(hex(await subtle.sign("RSASSA-PKCS1-v1_5", await key("RSASSA-PKCS1-v1_5", ["sign"]), enc("message"))) === hex(bytes(PKCS1)));
        out.push(hex(await subtle.sign({ name: "RSA-PSS", saltLength: 0 }, await key("RSA-PSS", ["sign"]), enc("message"))) === hex(bytes(PSS0)));
        const oaep = await key("RSA-OAEP", ["decrypt"]);
        out.push(new TextDecoder().decode(await subtle.decrypt({ name: "RSA-OAEP", label: new Uint8Array([0xff, 0xfe, 0]) }, oaep, bytes(OAEP))));
        out.push(await failure(subtle.decrypt({ name: "RSA-OAEP" }, oaep, bytes(OAEP))));
        // Sign and verify, 1024 bits with SHA-1 and SHA-256, 2048 bits with SHA-1.
        for (const [modulusLength, hash] of [[1024, "SHA-1"], [1024, "SHA-256"], [2048, "SHA-1"]]) {
            for (const [name, params] of [["RSASSA-PKCS1-v1_5", "RSASSA-PKCS1-v1_5"], ["RSA-PSS", { name: "RSA-PSS", saltLength: 20 }]]) {
                const pair = await subtle.generateKey({ name, modulusLength, publicExponent: E65537, hash }, false, ["sign", "verify"]);
                const sig = await subtle.sign(params, pair.privateKey, enc("m"));
                out.push(`${name} ${modulusLength} ${hash} ${sig.byteLength} ${await subtle.verify(params, pair.publicKey, sig, enc("m"))} ${await subtle.verify(params, pair.publicKey, sig, enc("M"))}`);
            }
        }
        // OAEP round trips with 1024 bits, with and without a label.
        for (const hash of ["SHA-1", "SHA-256"]) {
            const pair = await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: E65537, hash }, false, ["encrypt", "decrypt"]);
            for (const label of [undefined, enc("label")]) {
                const c = await subtle.encrypt({ name: "RSA-OAEP", label }, pair.publicKey, enc("secret"));
                const bad = new Uint8Array(c).slice(); bad[7] ^= 1;
                out.push(`${hash} ${label ? "label" : "none"} ${new TextDecoder().decode(await subtle.decrypt({ name: "RSA-OAEP", label }, pair.privateKey, c))} ${await failure(subtle.decrypt({ name: "RSA-OAEP", label }, pair.privateKey, bad))}`);
            }
        }
        return out.join("\n");
    "#));
    assert_eq!(
        out,
        lines(&[
            "true",
            "true",
            "secret",
            "DOMException:OperationError",
            "RSASSA-PKCS1-v1_5 1024 SHA-1 128 true false",
            "RSA-PSS 1024 SHA-1 128 true false",
            "RSASSA-PKCS1-v1_5 1024 SHA-256 128 true false",
            "RSA-PSS 1024 SHA-256 128 true false",
            "RSASSA-PKCS1-v1_5 2048 SHA-1 256 true false",
            "RSA-PSS 2048 SHA-1 256 true false",
            "SHA-1 none secret DOMException:OperationError",
            "SHA-1 label secret DOMException:OperationError",
            "SHA-256 none secret DOMException:OperationError",
            "SHA-256 label secret DOMException:OperationError",
        ])
    );
}

// ------------------------------------------------------------ wrapKey / errors

#[test]
fn wrap_with_aes_modes_and_every_format() {
    let out = run(r#"
        const out = [];
        const gcm = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["wrapKey", "unwrapKey"]);
        const cbc = await subtle.generateKey({ name: "AES-CBC", length: 256 }, false, ["wrapKey", "unwrapKey"]);
        const kw = await subtle.generateKey({ name: "AES-KW", length: 256 }, false, ["wrapKey", "unwrapKey"]);
        const ec = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
        const iv = new Uint8Array(16);
        const cases = [
            [gcm, { name: "AES-GCM", iv: iv.slice(0, 12) }, "pkcs8"],
            [cbc, { name: "AES-CBC", iv }, "jwk"],
            [kw, "AES-KW", "jwk"],
        ];
        for (const [wrapper, alg, format] of cases) {
            const wrapped = await subtle.wrapKey(format, ec.privateKey, wrapper, alg);
            const back = await subtle.unwrapKey(format, wrapped, wrapper, alg, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
            const sig = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, back, enc("w"));
            out.push(`${wrapper.algorithm.name} ${format} ${await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, ec.publicKey, sig, enc("w"))} ${back.extractable}`);
        }
        const locked = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]);
        out.push(await failure(subtle.wrapKey("raw", locked, kw, "AES-KW")));
        out.push(await failure(subtle.wrapKey("raw", ec.publicKey, locked, { name: "AES-GCM", iv: iv.slice(0, 12) })));
        out.push(await failure(subtle.wrapKey("raw", ec.publicKey, gcm, "HMAC")));
        out.push(await failure(subtle.unwrapKey("jwk", new Uint8Array(24), kw, "AES-KW", "AES-GCM", true, ["encrypt"])));
        return out.join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "AES-GCM pkcs8 true false",
            "AES-CBC jwk true false",
            "AES-KW jwk true false",
            "DOMException:InvalidAccessError",
            "DOMException:InvalidAccessError",
            "DOMException:NotSupportedError",
            "DOMException:OperationError",
        ])
    );
}

#[test]
fn webidl_and_algorithm_errors() {
    let out = run(r#"
        const hmac = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
        return [
            await failure(subtle.generateKey({ name: "Nope" }, true, ["sign"])),
            await failure(subtle.generateKey({ name: "HMAC" }, true, ["sign"])),
            await failure(subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["bogus"])),
            await failure(subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, "sign")),
            await failure(subtle.importKey("bogus", new Uint8Array(16), "AES-GCM", true, ["encrypt"])),
            await failure(subtle.importKey("raw", "not bytes", "AES-GCM", true, ["encrypt"])),
            await failure(subtle.importKey("spki", new Uint8Array(16), "AES-GCM", true, ["encrypt"])),
            await failure(subtle.sign("HMAC", {}, enc("x"))),
            await failure(subtle.verify("HMAC", hmac, enc("x"), enc("x"))),
            await failure(subtle.sign({ name: "ECDSA", hash: "SHA-256" }, hmac, enc("x"))),
            await failure(subtle.encrypt({ name: "AES-GCM" }, hmac, enc("x"))),
            await failure(subtle.sign("HMAC", hmac)),
            await failure(subtle.importKey("raw", new Uint8Array(0), { name: "HMAC", hash: "SHA-256" }, true, ["sign"])),
            await failure(subtle.importKey("raw", new Uint8Array(16), { name: "HMAC", hash: "SHA-256" }, true, [])),
            await failure(subtle.importKey("jwk", { kty: "oct", k: "!!!" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"])),
            await failure(subtle.importKey("jwk", { kty: "oct", k: "AAAA", alg: "HS512" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"])),
            await failure(subtle.digest.call({}, "SHA-256", enc("x"))),
            Object.keys(hmac).length + " " + ["type", "extractable", "algorithm", "usages"].every((k) => k in hmac),
            hmac.algorithm === hmac.algorithm,
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "DOMException:NotSupportedError",
            "TypeError",
            "TypeError",
            "TypeError",
            "TypeError",
            "TypeError",
            "DOMException:NotSupportedError",
            "TypeError",
            "DOMException:InvalidAccessError",
            "DOMException:InvalidAccessError",
            "TypeError",
            "TypeError",
            "DOMException:DataError",
            "DOMException:SyntaxError",
            "DOMException:DataError",
            "DOMException:DataError",
            "TypeError",
            "0 true",
            "true",
        ])
    );
}

#[test]
fn key_internals_ignore_script_changes() {
    let out = run(r#"
        const key = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
        key.usages.push("verify");
        key.algorithm.hash.name = "SHA-1";
        key.algorithm.name = "AES-GCM";
        const sig = await subtle.sign("HMAC", key, enc("x"));
        return [
            await failure(subtle.verify("HMAC", key, sig, enc("x"))),
            sig.byteLength,
            (await subtle.exportKey("jwk", key)).alg,
            failureSync(() => Object.getOwnPropertyDescriptor(CryptoKey.prototype, "type").get.call({})),
        ].join("\n");
    "#);
    assert_eq!(
        out,
        lines(&[
            "DOMException:InvalidAccessError",
            "32",
            "HS256",
            "TypeError"
        ])
    );
}
