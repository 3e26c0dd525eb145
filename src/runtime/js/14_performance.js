// `performance` (High Resolution Time and a small User Timing: mark, measure
// and the entry getters), `navigator.userAgent` and
// `navigator.hardwareConcurrency`. Nothing here calls an op while the
// bootstrap runs: it runs once, into the snapshot, so the time
// origin is read on first use.
((nano) => {
  "use strict";
  const { ops, internal } = nano;
  const { defineGlobal, util } = internal;

  const ILLEGAL = Symbol("illegal constructor");
  const DOMExceptionCtor = DOMException;
  // Marks and measures kept at most; the oldest go first beyond this.
  const MAX_ENTRIES = 10000;

  let timeOrigin;
  function origin() {
    if (timeOrigin === undefined) timeOrigin = ops.op_time_origin();
    return timeOrigin;
  }
  const now = () => ops.op_now();

  function toTimestamp(v, where) {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new TypeError(`${where}: the time is not a finite number`);
    if (n < 0) throw new TypeError(`${where}: the time may not be negative`);
    return n;
  }

  function cloneDetail(detail) {
    return detail === undefined || detail === null ? null : internal.structuredClone(detail);
  }

  class PerformanceEntry {
    #name;
    #type;
    #start;
    #duration;
    constructor(key, name, type, start, duration) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
      this.#name = name;
      this.#type = type;
      this.#start = start;
      this.#duration = duration;
    }
    get name() {
      if (!(#name in this)) throw new TypeError("Illegal invocation");
      return this.#name;
    }
    get entryType() {
      if (!(#name in this)) throw new TypeError("Illegal invocation");
      return this.#type;
    }
    get startTime() {
      if (!(#name in this)) throw new TypeError("Illegal invocation");
      return this.#start;
    }
    get duration() {
      if (!(#name in this)) throw new TypeError("Illegal invocation");
      return this.#duration;
    }
    toJSON() {
      return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration };
    }
  }
  util.enumerableMembers(PerformanceEntry, ["name", "entryType", "startTime", "duration", "toJSON"]);
  util.setToStringTag(PerformanceEntry);

  class PerformanceMark extends PerformanceEntry {
    #detail;
    constructor(markName, markOptions = undefined) {
      util.requireArgs(arguments.length, 1, "PerformanceMark");
      const name = util.toDOMString(markName);
      const opts = util.toDictionary(markOptions, "PerformanceMark");
      const start = opts.startTime === undefined ? now() : toTimestamp(opts.startTime, "PerformanceMark");
      super(ILLEGAL, name, "mark", start, 0);
      this.#detail = cloneDetail(opts.detail);
    }
    get detail() {
      if (!(#detail in this)) throw new TypeError("Illegal invocation");
      return this.#detail;
    }
    toJSON() {
      return { ...super.toJSON(), detail: this.detail };
    }
  }
  util.enumerableMembers(PerformanceMark, ["detail", "toJSON"]);
  util.setToStringTag(PerformanceMark);

  class PerformanceMeasure extends PerformanceEntry {
    #detail;
    constructor(key, name, start, duration, detail) {
      super(key, name, "measure", start, duration);
      this.#detail = detail;
    }
    get detail() {
      if (!(#detail in this)) throw new TypeError("Illegal invocation");
      return this.#detail;
    }
    toJSON() {
      return { ...super.toJSON(), detail: this.detail };
    }
  }
  util.enumerableMembers(PerformanceMeasure, ["detail", "toJSON"]);
  util.setToStringTag(PerformanceMeasure);

  const entries = [];

  function record(entry) {
    entries.push(entry);
    if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
  }

  // A mark name (its latest entry) or a timestamp, as User Timing converts.
  function markTime(mark, where) {
    if (typeof mark === "number") return toTimestamp(mark, where);
    const name = util.toDOMString(mark);
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].entryType === "mark" && entries[i].name === name) return entries[i].startTime;
    }
    throw new DOMExceptionCtor(`${where}: the mark '${name}' does not exist`, "SyntaxError");
  }

  function sorted(list) {
    return list.slice().sort((a, b) => a.startTime - b.startTime);
  }

  function clear(type, name) {
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
    }
  }

  class Performance extends EventTarget {
    constructor(key = undefined) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
      super();
    }
    get timeOrigin() {
      if (!(this instanceof Performance)) throw new TypeError("Illegal invocation");
      return origin();
    }
    now() {
      if (!(this instanceof Performance)) throw new TypeError("Illegal invocation");
      return now();
    }
    toJSON() {
      return { timeOrigin: this.timeOrigin };
    }
    mark(markName, markOptions = undefined) {
      util.requireArgs(arguments.length, 1, "Performance.mark");
      const mark = new PerformanceMark(markName, markOptions);
      record(mark);
      return mark;
    }
    measure(measureName, startOrOptions = undefined, endMark = undefined) {
      util.requireArgs(arguments.length, 1, "Performance.measure");
      const where = "Performance.measure";
      const name = util.toDOMString(measureName);
      let start;
      let end;
      let detail = null;
      const isOptions = util.isObject(startOrOptions) && typeof startOrOptions === "object";
      if (isOptions) {
        const { start: s, end: e, duration: d } = startOrOptions;
        if (s === undefined && e === undefined && d === undefined && startOrOptions.detail === undefined) {
          throw new TypeError(`${where}: the options need a start, end, duration or detail`);
        }
        if (s !== undefined && e !== undefined && d !== undefined) {
          throw new TypeError(`${where}: start, end and duration may not all be given`);
        }
        if (endMark !== undefined) throw new TypeError(`${where}: an end mark may not follow options`);
        const dur = d === undefined ? undefined : toTimestamp(d, where);
        if (e !== undefined) end = markTime(e, where);
        else if (s !== undefined && dur !== undefined) end = markTime(s, where) + dur;
        else end = now();
        if (s !== undefined) start = markTime(s, where);
        else if (dur !== undefined && e !== undefined) start = end - dur;
        else start = 0;
        detail = cloneDetail(startOrOptions.detail);
      } else {
        end = endMark === undefined ? now() : markTime(endMark, where);
        start = startOrOptions === undefined ? 0 : markTime(startOrOptions, where);
      }
      const measure = new PerformanceMeasure(ILLEGAL, name, start, end - start, detail);
      record(measure);
      return measure;
    }
    clearMarks(markName = undefined) {
      clear("mark", markName === undefined ? undefined : util.toDOMString(markName));
    }
    clearMeasures(measureName = undefined) {
      clear("measure", measureName === undefined ? undefined : util.toDOMString(measureName));
    }
    getEntries() {
      return sorted(entries);
    }
    getEntriesByType(type) {
      util.requireArgs(arguments.length, 1, "Performance.getEntriesByType");
      const t = util.toDOMString(type);
      return sorted(entries.filter((e) => e.entryType === t));
    }
    getEntriesByName(name, type = undefined) {
      util.requireArgs(arguments.length, 1, "Performance.getEntriesByName");
      const n = util.toDOMString(name);
      const t = type === undefined ? undefined : util.toDOMString(type);
      return sorted(entries.filter((e) => e.name === n && (t === undefined || e.entryType === t)));
    }
  }
  util.enumerableMembers(Performance, [
    "timeOrigin", "now", "toJSON", "mark", "measure", "clearMarks", "clearMeasures",
    "getEntries", "getEntriesByType", "getEntriesByName",
  ]);
  util.setToStringTag(Performance);

  let userAgent;
  class Navigator {
    constructor(key = undefined) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
    }
    get userAgent() {
      if (!(this instanceof Navigator)) throw new TypeError("Illegal invocation");
      if (userAgent === undefined) userAgent = ops.op_user_agent();
      return userAgent;
    }
    get hardwareConcurrency() {
      if (!(this instanceof Navigator)) throw new TypeError("Illegal invocation");
      return ops.op_hardware_concurrency();
    }
  }
  util.enumerableMembers(Navigator, ["userAgent", "hardwareConcurrency"]);
  util.setToStringTag(Navigator);

  defineGlobal("Performance", Performance);
  defineGlobal("PerformanceEntry", PerformanceEntry);
  defineGlobal("PerformanceMark", PerformanceMark);
  defineGlobal("PerformanceMeasure", PerformanceMeasure);
  defineGlobal("performance", new Performance(ILLEGAL));
  defineGlobal("Navigator", Navigator);
  defineGlobal("navigator", new Navigator(ILLEGAL));
})(globalThis.__nano);
