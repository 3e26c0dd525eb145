// Web APIs that most apps never use stay out of the snapshot, so that an
// isolate does not carry them. Each such file (LAZY_FILES in bootstrap.rs)
// evaluates to a function of `nano` returning its globals; it runs once per
// isolate, the first time one of those globals is read. Until then each
// global is an accessor (as Node's lazy globals are); reading or assigning
// it makes it the data property WebIDL describes.
((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { defineGlobal } = internal;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const ArrayPrototypePush = Array.prototype.push;

  function defineLazyGlobals(file, names) {
    let exports;
    const load = () => {
      if (exports === undefined) {
        exports = ObjectFreeze(ops.op_load_lazy_file(file)(nano));
        for (const name of names) {
          ArrayPrototypePush.call(internal.platformInterfaces, [exports[name].prototype, name]);
        }
      }
      return exports;
    };
    for (const name of names) {
      ObjectDefineProperty(globalThis, name, {
        get() {
          const value = load()[name];
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
  }

  defineLazyGlobals("nano:urlpattern", ["URLPattern"]);
  defineLazyGlobals("nano:compression", ["CompressionStream", "DecompressionStream"]);
})(globalThis.__nano);
