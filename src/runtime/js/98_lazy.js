// Web APIs that most apps never use stay out of the snapshot, so that an
// isolate does not carry them: each such global is loaded in an isolate the
// first time it is read. Until then it is an accessor (as Node's lazy
// globals are); reading or assigning it makes it the data property WebIDL
// describes.
((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { defineGlobal } = internal;
  const ObjectDefineProperty = Object.defineProperty;
  const ArrayPrototypePush = Array.prototype.push;

  function defineLazyGlobal(name, load) {
    ObjectDefineProperty(globalThis, name, {
      get() {
        const value = load();
        defineGlobal(name, value);
        return value;
      },
      set(value) {
        defineGlobal(name, value);
      },
      enumerable: false,
      configurable: true,
    });
  }

  // A file of LAZY_FILES (bootstrap.rs) that evaluates to a function of
  // `nano` returning its interfaces, which structuredClone must then know.
  // Returns the file's loader, for its other exports and for NANO's own
  // JavaScript that needs it.
  function defineLazyInterfaces(file, names) {
    let exports;
    const load = () => {
      if (exports === undefined) {
        exports = ops.op_load_lazy_file(file)(nano);
        for (const name of names) {
          ArrayPrototypePush.call(internal.platformInterfaces, [exports[name].prototype, name]);
        }
      }
      return exports;
    };
    for (const name of names) defineLazyGlobal(name, () => load()[name]);
    return load;
  }

  defineLazyInterfaces("nano:urlpattern", ["URLPattern"]);
  defineLazyInterfaces("nano:compression", ["CompressionStream", "DecompressionStream"]);
  defineLazyInterfaces("nano:html_rewriter", ["HTMLRewriter"]);
  const loadCache = defineLazyInterfaces("nano:cache", ["Cache", "CacheStorage"]);
  defineLazyGlobal("caches", () => loadCache().caches);
  // An upgraded fetch makes a WebSocket whether or not the app named one.
  internal.loadWebSockets = defineLazyInterfaces("nano:websocket", [
    "WebSocket",
    "WebSocketPair",
    "MessageEvent",
    "CloseEvent",
    "ErrorEvent",
  ]);
  // As on Workers with nodejs_compat.
  defineLazyGlobal("Buffer", () => internal.nodeModule("buffer").exports.Buffer);
})(globalThis.__nano);
