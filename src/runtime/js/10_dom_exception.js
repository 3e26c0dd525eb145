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

  class DOMException extends Error {
    #name;
    #message;

    constructor(message = "", name = "Error") {
      super();
      this.#message = util.toDOMString(message);
      this.#name = util.toDOMString(name);
      // Re-capture so the stack's first line shows the real name and message.
      if (Error.captureStackTrace) Error.captureStackTrace(this, DOMException);
    }

    get name() {
      if (!(#name in this)) throw new TypeError("Illegal invocation");
      return this.#name;
    }

    get message() {
      if (!(#name in this)) throw new TypeError("Illegal invocation");
      return this.#message;
    }

    get code() {
      if (!(#name in this)) throw new TypeError("Illegal invocation");
      return CODES.get(this.#name) ?? 0;
    }
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
