// WebCrypto corners checked against the W3C Web Cryptography API text:
// AES-GCM takes any non-empty IV (the spec only bounds it by 2^64 - 1
// bytes) and tags of 32, 64 and 96 to 128 bits; the methods copy their
// BufferSource arguments when called ("get a copy of the bytes held by").
// Vectors: test cases 2, 5 and 6 of McGrew & Viega, "The Galois/Counter
// Mode of Operation (GCM)", the GCM specification submitted to NIST.

function hex(s) {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
function toHex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
function aesKey(bytes) {
  return crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
}

const GCM_KEY = "feffe9928665731c6d6a8f9467308308";
const GCM_PLAINTEXT =
  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
const GCM_AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
const GCM_VECTORS = [
  {
    name: "test case 5: 64-bit IV",
    iv: "cafebabefacedbad",
    ciphertext:
      "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598",
    tag: "3612d2e79e3b0785561be14aaca2fccb",
  },
  {
    name: "test case 6: 480-bit IV",
    iv: "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
    ciphertext:
      "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
    tag: "619cc5aefffe0bfa462af43c1699d050",
  },
];

for (const v of GCM_VECTORS) {
  test(`AES-GCM: GCM specification ${v.name}`, async () => {
    const key = await aesKey(hex(GCM_KEY));
    const params = { name: "AES-GCM", iv: hex(v.iv), additionalData: hex(GCM_AAD) };
    const sealed = await crypto.subtle.encrypt(params, key, hex(GCM_PLAINTEXT));
    assertEquals(toHex(sealed), v.ciphertext + v.tag);
    assertEquals(toHex(await crypto.subtle.decrypt(params, key, sealed)), GCM_PLAINTEXT);
    const tampered = new Uint8Array(sealed);
    tampered[0] ^= 1;
    await assertRejects(() => crypto.subtle.decrypt(params, key, tampered), "OperationError");
  });
}

test("AES-GCM: GCM specification test case 2 (96-bit IV)", async () => {
  const key = await aesKey(new Uint8Array(16));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, new Uint8Array(16));
  assertEquals(toHex(sealed), "0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf");
});

test("AES-GCM: any non-empty IV length round-trips; an empty IV is an OperationError", async () => {
  const key = await aesKey(hex(GCM_KEY));
  const data = new TextEncoder().encode("any iv length the spec allows");
  for (const length of [1, 7, 12, 13, 16, 32, 100, 1024]) {
    const iv = new Uint8Array(length).fill(length);
    for (const tagLength of [32, 64, 96, 104, 112, 120, 128]) {
      const params = { name: "AES-GCM", iv, tagLength };
      const sealed = await crypto.subtle.encrypt(params, key, data);
      assertEquals(sealed.byteLength, data.length + tagLength / 8, `iv ${length}, tag ${tagLength}`);
      assertEquals(new Uint8Array(await crypto.subtle.decrypt(params, key, sealed)), data);
    }
  }
  await assertRejects(() => crypto.subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(0) }, key, data), "OperationError");
  await assertRejects(() => crypto.subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 100 }, key, data), "OperationError");
});

test("AES-GCM: a shorter tag is a prefix of the full tag, on every IV length", async () => {
  const key = await aesKey(hex(GCM_KEY));
  const data = hex(GCM_PLAINTEXT);
  for (const iv of [new Uint8Array(12).fill(3), new Uint8Array(16).fill(3)]) {
    const full = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, data));
    for (const tagLength of [32, 64, 96, 120]) {
      const short = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, tagLength }, key, data));
      assertEquals(short, full.subarray(0, data.length + tagLength / 8));
    }
  }
});

test("AES-GCM: a ciphertext shorter than the tag is an OperationError", async () => {
  const key = await aesKey(hex(GCM_KEY));
  for (const iv of [new Uint8Array(8), new Uint8Array(12)]) {
    await assertRejects(() => crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, new Uint8Array(15)), "OperationError");
  }
});

// WebCrypto digest(): step 2 copies data before step 3 normalizes the algorithm.
test("digest: the input is copied when digest() is called", async () => {
  const data = new TextEncoder().encode("abc");
  const pending = crypto.subtle.digest("SHA-256", data);
  data.fill(0);
  assertEquals(toHex(await pending), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const early = new TextEncoder().encode("abc");
  const algorithm = {
    get name() {
      early.fill(0);
      return "SHA-256";
    },
  };
  assertEquals(toHex(await crypto.subtle.digest(algorithm, early)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("encrypt, sign: inputs changed after the call do not change the result", async () => {
  const key = await aesKey(hex(GCM_KEY));
  const iv = new Uint8Array(12).fill(1);
  const data = new TextEncoder().encode("copied");
  const expected = toHex(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, data));
  const pending = crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, data);
  data.fill(0);
  iv.fill(0);
  assertEquals(toHex(await pending), expected);
  const hmac = await crypto.subtle.importKey("raw", new Uint8Array(32), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const message = new TextEncoder().encode("m");
  const mac = toHex(await crypto.subtle.sign("HMAC", hmac, message));
  const signing = crypto.subtle.sign("HMAC", hmac, message);
  message.fill(0);
  assertEquals(toHex(await signing), mac);
});
