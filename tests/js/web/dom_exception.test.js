// DOMException (WebIDL): constructor, legacy codes and constants, the
// interface object's and prototype's shape, stack and toString.
// Cases adapted from WPT webidl/ecmascript-binding/es-exceptions/
// DOMException-constructor-behavior.any.js, DOMException-constructor-and-prototype.any.js
// and DOMException-custom-bindings.any.js.

// Every legacy name with its code and constant (WebIDL's error names table).
const LEGACY_CODES = [
  ["IndexSizeError", "INDEX_SIZE_ERR", 1],
  ["DOMStringSizeError", "DOMSTRING_SIZE_ERR", 2],
  ["HierarchyRequestError", "HIERARCHY_REQUEST_ERR", 3],
  ["WrongDocumentError", "WRONG_DOCUMENT_ERR", 4],
  ["InvalidCharacterError", "INVALID_CHARACTER_ERR", 5],
  ["NoDataAllowedError", "NO_DATA_ALLOWED_ERR", 6],
  ["NoModificationAllowedError", "NO_MODIFICATION_ALLOWED_ERR", 7],
  ["NotFoundError", "NOT_FOUND_ERR", 8],
  ["NotSupportedError", "NOT_SUPPORTED_ERR", 9],
  ["InUseAttributeError", "INUSE_ATTRIBUTE_ERR", 10],
  ["InvalidStateError", "INVALID_STATE_ERR", 11],
  ["SyntaxError", "SYNTAX_ERR", 12],
  ["InvalidModificationError", "INVALID_MODIFICATION_ERR", 13],
  ["NamespaceError", "NAMESPACE_ERR", 14],
  ["InvalidAccessError", "INVALID_ACCESS_ERR", 15],
  ["ValidationError", "VALIDATION_ERR", 16],
  ["TypeMismatchError", "TYPE_MISMATCH_ERR", 17],
  ["SecurityError", "SECURITY_ERR", 18],
  ["NetworkError", "NETWORK_ERR", 19],
  ["AbortError", "ABORT_ERR", 20],
  ["URLMismatchError", "URL_MISMATCH_ERR", 21],
  ["QuotaExceededError", "QUOTA_EXCEEDED_ERR", 22],
  ["TimeoutError", "TIMEOUT_ERR", 23],
  ["InvalidNodeTypeError", "INVALID_NODE_TYPE_ERR", 24],
  ["DataCloneError", "DATA_CLONE_ERR", 25],
];

// WPT DOMException-constructor-behavior.any.js
test("DOMException: every legacy name maps to its code", () => {
  for (const [name, , code] of LEGACY_CODES) {
    const e = new DOMException("msg", name);
    assertEquals(e.name, name);
    assertEquals(e.message, "msg");
    assertEquals(e.code, code, name);
  }
});

// WPT DOMException-constructor-behavior.any.js: names without a legacy code
test("DOMException: modern and unknown names have code 0", () => {
  for (const name of [
    "EncodingError", "NotReadableError", "UnknownError", "ConstraintError", "DataError",
    "TransactionInactiveError", "ReadOnlyError", "VersionError", "OperationError",
    "NotAllowedError", "OptOutError", "Error", "", "indexsizeerror", "INDEX_SIZE_ERR",
  ]) {
    assertEquals(new DOMException("m", name).code, 0, name);
  }
});

// WPT DOMException-constructor-and-prototype.any.js: the constants
test("DOMException: constants on the constructor and the prototype", () => {
  for (const [, constant, code] of LEGACY_CODES) {
    for (const holder of [DOMException, DOMException.prototype]) {
      const d = Object.getOwnPropertyDescriptor(holder, constant);
      assert(d !== undefined, `${constant} missing`);
      assertEquals(d.value, code, constant);
      assertEquals(d.writable, false, constant);
      assertEquals(d.enumerable, true, constant);
      assertEquals(d.configurable, false, constant);
    }
    assertEquals(new DOMException()[constant], code, "inherited by instances");
  }
});

// WPT DOMException-constructor-behavior.any.js
test("DOMException: constructor argument defaults and conversions", () => {
  const none = new DOMException();
  assertEquals(none.message, "");
  assertEquals(none.name, "Error");
  assertEquals(none.code, 0);
  const u = new DOMException(undefined, undefined);
  assertEquals(u.message, "");
  assertEquals(u.name, "Error");
  const n = new DOMException(null, null);
  assertEquals(n.message, "null");
  assertEquals(n.name, "null");
  assertEquals(new DOMException(42).message, "42");
  const obj = { toString: () => "from toString" };
  assertEquals(new DOMException(obj, obj).message, "from toString");
  assertEquals(new DOMException(obj, obj).name, "from toString");
  assertEquals(new DOMException("m", "Custom").name, "Custom");
  assertThrows(() => new DOMException(Symbol("s")), TypeError);
  assertThrows(() => new DOMException("m", Symbol("s")), TypeError);
});

// WPT DOMException-constructor-behavior.any.js: "Cannot construct without new"
test("DOMException: requires new", () => {
  assertThrows(() => DOMException(), TypeError);
  assertThrows(() => DOMException("m", "AbortError"), TypeError);
});

// WPT DOMException-constructor-behavior.any.js: message, name, code are not own properties
test("DOMException: message, name, code live on the prototype", () => {
  const e = new DOMException("message", "name");
  for (const key of ["message", "name", "code"]) {
    assertEquals(Object.prototype.hasOwnProperty.call(e, key), false, `${key} is not own`);
    const d = Object.getOwnPropertyDescriptor(DOMException.prototype, key);
    assertEquals(typeof d.get, "function", `${key} getter`);
    assertEquals(d.set, undefined, `${key} setter`);
    assertEquals(d.enumerable, true, `${key} enumerable`);
    assertEquals(d.configurable, true, `${key} configurable`);
  }
  assertEquals(Object.keys(e), []);
});

// WPT DOMException-custom-bindings.any.js: the getters check their receiver
test("DOMException: getters throw on a non-DOMException receiver", () => {
  for (const key of ["message", "name", "code"]) {
    const get = Object.getOwnPropertyDescriptor(DOMException.prototype, key).get;
    assertThrows(() => get.call({}), TypeError);
    assertThrows(() => get.call(new Error("x")), TypeError);
    assertThrows(() => get.call(undefined), TypeError);
    assertThrows(() => DOMException.prototype[key], TypeError, undefined);
  }
});

// WPT DOMException-custom-bindings.any.js: prototype chain
test("DOMException: inherits from Error on the prototype side only", () => {
  assert(Object.getPrototypeOf(DOMException.prototype) === Error.prototype);
  assert(Object.getPrototypeOf(DOMException) === Function.prototype, "class side is Function.prototype");
  const e = new DOMException("m", "AbortError");
  assert(e instanceof DOMException);
  assert(e instanceof Error);
  assert(Object.getPrototypeOf(e) === DOMException.prototype);
  assertEquals(DOMException.prototype.constructor, DOMException);
});

// WPT DOMException-constructor-and-prototype.any.js: property descriptors
test("DOMException: interface object and prototype descriptors", () => {
  const g = Object.getOwnPropertyDescriptor(globalThis, "DOMException");
  assertEquals([g.writable, g.enumerable, g.configurable], [true, false, true]);
  const p = Object.getOwnPropertyDescriptor(DOMException, "prototype");
  assertEquals([p.writable, p.enumerable, p.configurable], [false, false, false]);
  const c = Object.getOwnPropertyDescriptor(DOMException.prototype, "constructor");
  assertEquals([c.writable, c.enumerable, c.configurable], [true, false, true]);
  assertEquals(DOMException.name, "DOMException");
  assertEquals(DOMException.length, 0);
  assertEquals(typeof DOMException, "function");
});

// WPT DOMException-custom-bindings.any.js: toString comes from Error.prototype
test("DOMException: toString and toStringTag", () => {
  assertEquals(Object.prototype.hasOwnProperty.call(DOMException.prototype, "toString"), false);
  assertEquals(String(new DOMException("oops", "NotFoundError")), "NotFoundError: oops");
  assertEquals(String(new DOMException("", "NotFoundError")), "NotFoundError");
  assertEquals(String(new DOMException("oops")), "Error: oops");
  assertEquals(`${new DOMException()}`, "Error");
  assertEquals(Object.prototype.toString.call(new DOMException()), "[object DOMException]");
  assertEquals(DOMException.prototype[Symbol.toStringTag], "DOMException");
});

test("DOMException: stack starts with name and message and names the caller", () => {
  function makeOne() {
    return new DOMException("went wrong", "SyntaxError");
  }
  const e = makeOne();
  assertEquals(typeof e.stack, "string");
  assert(e.stack.startsWith("SyntaxError: went wrong\n"), e.stack);
  assert(e.stack.includes("makeOne"), e.stack);
});

test("DOMException: thrown and caught like an Error; subclassable", async () => {
  try {
    throw new DOMException("m", "DataCloneError");
  } catch (e) {
    assertEquals(e.code, DOMException.DATA_CLONE_ERR);
  }
  await assertRejects(Promise.reject(new DOMException("r", "AbortError")), "AbortError");
  class MyException extends DOMException {
    constructor(message) {
      super(message, "NotSupportedError");
      this.extra = 1;
    }
  }
  const m = new MyException("sub");
  assert(m instanceof MyException);
  assert(m instanceof DOMException);
  assert(m instanceof Error);
  assertEquals(m.name, "NotSupportedError");
  assertEquals(m.message, "sub");
  assertEquals(m.code, 9);
  assertEquals(m.extra, 1);
});

test("DOMException: instances are real Error objects", () => {
  const e = new DOMException("m", "AbortError");
  // Only true Error objects get a "stack" from V8 at construction.
  assert(Object.prototype.hasOwnProperty.call(e, "stack"));
  // structuredClone keeps name and message.
  const c = structuredClone(e);
  assert(c instanceof DOMException);
  assertEquals([c.name, c.message, c.code], ["AbortError", "m", 20]);
});

test("DOMException: the names the runtime throws", () => {
  assertEquals(assertThrows(() => atob("*"), DOMException).name, "InvalidCharacterError");
  assertEquals(AbortSignal.abort().reason.code, DOMException.ABORT_ERR);
  assertEquals(assertThrows(() => structuredClone(() => {}), DOMException).code, DOMException.DATA_CLONE_ERR);
});
