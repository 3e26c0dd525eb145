((nano) => {
  "use strict";
  const { defineGlobal, util } = nano.internal;

  // Legacy code for each name, and the constant that names it.
  const LEGACY = [
    ["IndexSizeError", "INDEX_SIZE_ERR"],
    ["DOMStringSizeError", "DOMSTRING_SIZE_ERR"],
    ["HierarchyRequestError", "HIERARCHY_REQUEST_ERR"],
    ["WrongDocumentError", "WRONG_DOCUMENT_ERR"],
    ["InvalidCharacterError", "INVALID_CHARACTER_ERR"],
    ["NoDataAllowedError", "NO_DATA_ALLOWED_ERR"],
    ["NoModificationAllowedError", "NO_MODIFICATION_ALLOWED_ERR"],
    ["NotFoundError", "NOT_FOUND_ERR"],
    ["NotSupportedError", "NOT_SUPPORTED_ERR"],
    ["InUseAttributeError", "INUSE_ATTRIBUTE_ERR"],
    ["InvalidStateError", "INVALID_STATE_ERR"],
    ["SyntaxError", "SYNTAX_ERR"],
    ["InvalidModificationError", "INVALID_MODIFICATION_ERR"],
    ["NamespaceError", "NAMESPACE_ERR"],
    ["InvalidAccessError", "INVALID_ACCESS_ERR"],
    ["ValidationError", "VALIDATION_ERR"],
    ["TypeMismatchError", "TYPE_MISMATCH_ERR"],
    ["SecurityError", "SECURITY_ERR"],
    ["NetworkError", "NETWORK_ERR"],
    ["AbortError", "ABORT_ERR"],
    ["URLMismatchError", "URL_MISMATCH_ERR"],
    ["QuotaExceededError", "QUOTA_EXCEEDED_ERR"],
    ["TimeoutError", "TIMEOUT_ERR"],
    ["InvalidNodeTypeError", "INVALID_NODE_TYPE_ERR"],
    ["DataCloneError", "DATA_CLONE_ERR"],
  ];
  const CODES = new Map(LEGACY.map(([name], i) => [name, i + 1]));
  const ErrorCtor = Error;
  const construct = Reflect.construct;

  // WebIDL: DOMException.prototype inherits from Error.prototype, but the
  // interface object itself from Function.prototype, so it cannot be a
  // `class ... extends Error`. Instances are real Error objects (made by
  // Error with new.target's prototype); a private-field class stamps them.
  class Stamp {
    constructor(target) {
      return target;
    }
  }
  class Fields extends Stamp {
    #name;
    #message;
    constructor(target, message, name) {
      super(target);
      this.#message = message;
      this.#name = name;
    }
    static check(e) {
      if (!util.isObject(e) || !(#name in e)) throw new TypeError("Illegal invocation");
      return e;
    }
    static nameOf(e) {
      return Fields.check(e).#name;
    }
    static messageOf(e) {
      return Fields.check(e).#message;
    }
  }
  const { nameOf, messageOf } = Fields;

  // `function` (not a class) for the prototype chain above; `length` is 0.
  function DOMException(message = "", name = "Error") {
    if (new.target === undefined) {
      throw new TypeError("Class constructor DOMException cannot be invoked without 'new'");
    }
    const m = util.toDOMString(message);
    const n = util.toDOMString(name);
    const self = construct(ErrorCtor, [], new.target);
    new Fields(self, m, n);
    // Re-capture so the stack's first line shows the real name and message.
    if (ErrorCtor.captureStackTrace) ErrorCtor.captureStackTrace(self, DOMException);
    return self;
  }
  Object.setPrototypeOf(DOMException.prototype, ErrorCtor.prototype);
  Object.defineProperty(DOMException, "prototype", { writable: false });
  const accessors = {
    get name() {
      return nameOf(this);
    },
    get message() {
      return messageOf(this);
    },
    get code() {
      return CODES.get(nameOf(this)) ?? 0;
    },
  };
  for (const key of ["name", "message", "code"]) {
    const d = Object.getOwnPropertyDescriptor(accessors, key);
    Object.defineProperty(DOMException.prototype, key, { get: d.get, enumerable: true, configurable: true });
  }

  util.enumerableMembers(DOMException, ["name", "message", "code"]);
  util.setToStringTag(DOMException);
  for (let i = 0; i < LEGACY.length; i++) {
    const desc = { value: i + 1, enumerable: true };
    Object.defineProperty(DOMException, LEGACY[i][1], desc);
    Object.defineProperty(DOMException.prototype, LEGACY[i][1], desc);
  }

  defineGlobal("DOMException", DOMException);
})(globalThis.__nano);
