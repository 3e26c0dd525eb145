// The global `console`, printing through op_print in the style of Node's
// console (formatting, groups, timers, counters, tables).
((nano) => {
  "use strict";

  const { ops, internal } = nano;
  const { inspect, formatWithOptions, stringWidth } = internal;

  const LEVEL_DEBUG = 0;
  const LEVEL_LOG = 1;
  const LEVEL_WARN = 2;
  const LEVEL_ERROR = 3;

  const isArray = Array.isArray;
  const objectKeys = Object.keys;
  const objectValues = Object.values;
  const hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
  const captureStackTrace = Error.captureStackTrace;
  const StringCtor = String;
  const MapCtor = Map;
  const mapGet = Function.prototype.call.bind(Map.prototype.get);
  const mapSet = Function.prototype.call.bind(Map.prototype.set);
  const mapHas = Function.prototype.call.bind(Map.prototype.has);
  const mapDelete = Function.prototype.call.bind(Map.prototype.delete);
  const mapEntries = Function.prototype.call.bind(Map.prototype.entries);
  const setValues = Function.prototype.call.bind(Set.prototype.values);
  const mapSizeGet = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(Map.prototype, "size").get);
  const setSizeGet = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(Set.prototype, "size").get);
  const iterNext = (it) => it.next();
  const isMap = (v) => {
    try {
      mapSizeGet(v);
      return true;
    } catch {
      return false;
    }
  };
  const isSet = (v) => {
    try {
      setSizeGet(v);
      return true;
    } catch {
      return false;
    }
  };

  // State is created fresh per isolate: the snapshot holds empty tables.
  let groupIndent = "";
  const counts = new MapCtor();
  const timers = new MapCtor();

  function emit(level, text) {
    if (groupIndent.length !== 0) {
      if (text.includes("\n")) text = text.replace(/\n/g, `\n${groupIndent}`);
      text = groupIndent + text;
    }
    ops.op_print(level, text);
  }

  // Node reports misuse of labels as a process warning on stderr.
  const warning = (message) => emit(LEVEL_WARN, `Warning: ${message}`);

  const printer = (level) => function (...args) {
    emit(level, formatWithOptions(undefined, ...args));
  };

  const log = printer(LEVEL_LOG);
  const warn = printer(LEVEL_WARN);
  const error = printer(LEVEL_ERROR);

  function trace(...args) {
    const err = { name: "Trace", message: formatWithOptions(undefined, ...args) };
    if (typeof captureStackTrace === "function") captureStackTrace(err, trace);
    emit(LEVEL_ERROR, typeof err.stack === "string" ? err.stack : `Trace: ${err.message}`);
  }

  function assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? "" : `: ${args[0]}`}`;
      warn(...args);
    }
  }

  function count(label = "default") {
    label = `${label}`;
    const n = (mapGet(counts, label) || 0) + 1;
    mapSet(counts, label, n);
    log(`${label}: ${n}`);
  }

  function countReset(label = "default") {
    label = `${label}`;
    if (!mapHas(counts, label)) {
      warning(`Count for '${label}' does not exist`);
      return;
    }
    mapDelete(counts, label);
  }

  function group(...data) {
    if (data.length > 0) log(...data);
    groupIndent += "  ";
  }

  function groupEnd() {
    groupIndent = groupIndent.slice(0, groupIndent.length - 2);
  }

  // 1.234ms, 1.500s, 1:02.345 (m:ss.mmm), 1:02:03.456 (h:mm:ss.mmm)
  function formatDuration(ms) {
    let hours = 0;
    let minutes = 0;
    let seconds = 0;
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) {
          hours = Math.floor(ms / 3600000);
          ms %= 3600000;
        }
        minutes = Math.floor(ms / 60000);
        ms %= 60000;
      }
      seconds = ms / 1000;
    }
    if (hours !== 0 || minutes !== 0) {
      const [sec, milli] = seconds.toFixed(3).split(".");
      const pad = (n) => StringCtor(n).padStart(2, "0");
      const head = hours !== 0 ? `${hours}:${pad(minutes)}` : `${minutes}`;
      return `${head}:${pad(sec)}.${milli} (${hours !== 0 ? "h:m" : ""}m:ss.mmm)`;
    }
    if (seconds !== 0) return `${seconds.toFixed(3)}s`;
    return `${Number(ms.toFixed(3))}ms`;
  }

  function time(label = "default") {
    label = `${label}`;
    if (mapHas(timers, label)) {
      warning(`Label '${label}' already exists for console.time()`);
      return;
    }
    mapSet(timers, label, ops.op_now());
  }

  function logElapsed(name, label, data) {
    const start = mapGet(timers, label);
    if (start === undefined) {
      warning(`No such label '${label}' for console.${name}()`);
      return false;
    }
    const elapsed = formatDuration(ops.op_now() - start);
    log("%s: %s", label, elapsed, ...data);
    return true;
  }

  function timeEnd(label = "default") {
    label = `${label}`;
    if (logElapsed("timeEnd", label, [])) mapDelete(timers, label);
  }

  function timeLog(label = "default", ...data) {
    logElapsed("timeLog", `${label}`, data);
  }

  function dir(object, options) {
    emit(LEVEL_LOG, inspect(object, { customInspect: false, ...options }));
  }

  // ---- table ---------------------------------------------------------------

  function renderRow(cells, widths) {
    let out = "\u2502 ";
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      out += cell + " ".repeat(widths[i] - stringWidth(cell));
      if (i !== cells.length - 1) out += " \u2502 ";
    }
    return `${out} \u2502`;
  }

  function renderTable(head, columns) {
    const widths = head.map((h) => stringWidth(h));
    const rowCount = Math.max(...columns.map((c) => c.length));
    const rows = [];
    for (let i = 0; i < head.length; i++) {
      const column = columns[i];
      for (let j = 0; j < rowCount; j++) {
        if (rows[j] === undefined) rows[j] = [];
        const cell = hasOwn(column, j) ? column[j] : "";
        rows[j][i] = cell;
        widths[i] = Math.max(widths[i] || 0, stringWidth(cell));
      }
    }
    const rule = widths.map((w) => "\u2500".repeat(w + 2));
    let out = `\u250c${rule.join("\u252c")}\u2510\n${renderRow(head, widths)}\n\u251c${rule.join("\u253c")}\u2524\n`;
    for (const row of rows) out += `${renderRow(row, widths)}\n`;
    return `${out}\u2514${rule.join("\u2534")}\u2518`;
  }

  // Cells are short one-line renderings; wide objects collapse entirely.
  function cell(v) {
    const depth = v !== null && typeof v === "object" && !isArray(v) && objectKeys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
  }
  const indexColumn = (n) => Array.from({ length: n }, (_, i) => cell(i));

  function table(data, properties) {
    if (properties !== undefined && !isArray(properties)) {
      const got = properties === null ? "null" : typeof properties;
      throw new TypeError(`The "properties" argument must be an instance of Array. Received ${got}`);
    }
    if (data === null || typeof data !== "object") {
      log(data);
      return;
    }
    const print = (head, columns) => log(renderTable(head, columns));

    if (isMap(data)) {
      const keys = [];
      const values = [];
      const it = mapEntries(data);
      for (let step = iterNext(it); !step.done; step = iterNext(it)) {
        keys.push(cell(step.value[0]));
        values.push(cell(step.value[1]));
      }
      print(["(iteration index)", "Key", "Values"], [indexColumn(keys.length), keys, values]);
      return;
    }
    if (isSet(data)) {
      const values = [];
      const it = setValues(data);
      for (let step = iterNext(it); !step.done; step = iterNext(it)) values.push(cell(step.value));
      print(["(iteration index)", "Values"], [indexColumn(values.length), values]);
      return;
    }

    // A null-prototype record keeps V8's key order (integer keys first).
    const byColumn = { __proto__: null };
    let hasPrimitives = false;
    const primitiveValues = [];
    const rowKeys = objectKeys(data);
    for (let i = 0; i < rowKeys.length; i++) {
      const item = data[rowKeys[i]];
      const primitive = item === null || (typeof item !== "function" && typeof item !== "object");
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        primitiveValues[i] = cell(item);
      } else {
        const keys = properties || objectKeys(item);
        for (const key of keys) {
          if (byColumn[key] === undefined) byColumn[key] = [];
          byColumn[key][i] = (primitive && properties) || !hasOwn(item, key) ? "" : cell(item[key]);
        }
      }
    }
    const head = objectKeys(byColumn);
    const columns = objectValues(byColumn);
    if (hasPrimitives) {
      head.push("Values");
      columns.push(primitiveValues);
    }
    head.unshift("(index)");
    columns.unshift(rowKeys);
    print(head, columns);
  }

  const noop = function () {};

  const methods = {
    log,
    info: printer(LEVEL_LOG),
    debug: printer(LEVEL_DEBUG),
    warn,
    error,
    trace,
    assert,
    table,
    time,
    timeEnd,
    timeLog,
    count,
    countReset,
    group,
    groupCollapsed: (...data) => group(...data),
    groupEnd,
    dir,
    dirxml: printer(LEVEL_LOG),
    // Inspector-only in Node; present so feature checks and calls succeed.
    clear: noop,
    profile: noop,
    profileEnd: noop,
    timeStamp: noop,
  };

  const consoleObject = {};
  for (const name of objectKeys(methods)) {
    const fn = methods[name];
    // Named like the method for stack traces and `console.log.name`.
    Object.defineProperty(fn, "name", { value: name, configurable: true });
    Object.defineProperty(consoleObject, name, { value: fn, writable: true, configurable: true, enumerable: true });
  }
  Object.defineProperty(consoleObject, Symbol.toStringTag,
    { value: "console", writable: false, enumerable: false, configurable: true });

  Object.defineProperty(globalThis, "console",
    { value: consoleObject, writable: true, configurable: true, enumerable: false });

  internal.console = consoleObject;
  internal.formatDuration = formatDuration;
})(globalThis.__nano);
