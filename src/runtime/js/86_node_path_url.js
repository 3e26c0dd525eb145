// `node:path` (POSIX, with "/" as the working directory, as on Workers) and
// `node:url`.
(nano) => {
  "use strict";
  const { internal } = nano;
  const { nodeError, invalidArgType } = internal.node;

  function checkPath(path, name = "path") {
    if (typeof path !== "string") throw invalidArgType(name, "of type string", path);
  }

  // Resolves "." and ".." segments; `keepAbove` keeps leading ".." (for
  // relative paths).
  function normalizeSegments(path, keepAbove) {
    const out = [];
    for (const segment of path.split("/")) {
      if (segment === "" || segment === ".") continue;
      if (segment === "..") {
        if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
        else if (keepAbove) out.push("..");
      } else {
        out.push(segment);
      }
    }
    return out.join("/");
  }

  function normalize(path) {
    checkPath(path);
    if (path === "") return ".";
    const absolute = path.startsWith("/");
    const trailing = path.endsWith("/");
    let out = normalizeSegments(path, !absolute);
    if (out === "" && !absolute) out = ".";
    if (out !== "" && trailing) out += "/";
    return absolute ? `/${out}` : out;
  }

  function join(...paths) {
    for (const path of paths) checkPath(path);
    const joined = paths.filter((path) => path !== "").join("/");
    return joined === "" ? "." : normalize(joined);
  }

  function resolve(...paths) {
    let resolved = "";
    for (let i = paths.length - 1; i >= 0 && !resolved.startsWith("/"); i--) {
      checkPath(paths[i], `paths[${i}]`);
      if (paths[i] !== "") resolved = resolved === "" ? paths[i] : `${paths[i]}/${resolved}`;
    }
    return `/${normalizeSegments(resolved, false)}`;
  }

  function relative(from, to) {
    checkPath(from, "from");
    checkPath(to, "to");
    const a = resolve(from).split("/").filter(Boolean);
    const b = resolve(to).split("/").filter(Boolean);
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    return [...Array(a.length - common).fill(".."), ...b.slice(common)].join("/");
  }

  const SLASH = 0x2f;
  const DOT = 0x2e;

  // The last segment of `path` (scanning down to `from`), trailing slashes
  // aside: where it starts (0 when no slash ends the scan) and ends, and
  // where its extension starts (-1: none), by Node's rules (a leading dot,
  // as in ".profile", starts no extension).
  function lastSegment(path, from) {
    let startPart = 0;
    let end = -1;
    let startDot = -1;
    // 0: no dot seen before the last one; 1: only dots; -1: other characters.
    let preDotState = 0;
    for (let i = path.length - 1; i >= from; i--) {
      const code = path.charCodeAt(i);
      if (code === SLASH) {
        if (end !== -1) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end === -1) end = i + 1;
      if (code === DOT) {
        if (startDot === -1) startDot = i;
        else if (preDotState !== 1) preDotState = 1;
      } else if (startDot !== -1) {
        preDotState = -1;
      }
    }
    const noExtension = startDot === -1 || end === -1 || preDotState === 0 ||
      (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1);
    return { startPart, end, extension: noExtension ? -1 : startDot };
  }

  function dirname(path) {
    checkPath(path);
    if (path === "") return ".";
    const hasRoot = path.charCodeAt(0) === SLASH;
    let end = -1;
    let matchedSlash = true;
    for (let i = path.length - 1; i >= 1; i--) {
      if (path.charCodeAt(i) === SLASH) {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) return hasRoot ? "/" : ".";
    if (hasRoot && end === 1) return "//";
    return path.slice(0, end);
  }

  function basename(path, suffix) {
    checkPath(path);
    if (suffix !== undefined) checkPath(suffix, "ext");
    if (suffix === undefined || suffix === "" || suffix.length > path.length) {
      const { startPart, end } = lastSegment(path, 0);
      return end === -1 ? "" : path.slice(startPart, end);
    }
    if (suffix === path) return "";
    // Node's scan: the suffix is matched backwards from the segment's end.
    let start = 0;
    let end = -1;
    let suffixIndex = suffix.length - 1;
    let segmentEnd = -1;
    for (let i = path.length - 1; i >= 0; i--) {
      const code = path.charCodeAt(i);
      if (code === SLASH) {
        if (segmentEnd !== -1) {
          start = i + 1;
          break;
        }
        continue;
      }
      if (segmentEnd === -1) segmentEnd = i + 1;
      if (suffixIndex >= 0) {
        if (code === suffix.charCodeAt(suffixIndex)) {
          if (--suffixIndex === -1) end = i;
        } else {
          suffixIndex = -1;
          end = segmentEnd;
        }
      }
    }
    if (start === end) end = segmentEnd;
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }

  function extname(path) {
    checkPath(path);
    const { end, extension } = lastSegment(path, 0);
    return extension === -1 ? "" : path.slice(extension, end);
  }

  function parse(path) {
    checkPath(path);
    const parsed = { root: "", dir: "", base: "", ext: "", name: "" };
    if (path === "") return parsed;
    const absolute = path.charCodeAt(0) === SLASH;
    if (absolute) parsed.root = "/";
    const { startPart, end, extension } = lastSegment(path, absolute ? 1 : 0);
    if (end !== -1) {
      const start = startPart === 0 && absolute ? 1 : startPart;
      parsed.base = path.slice(start, end);
      parsed.name = extension === -1 ? parsed.base : path.slice(start, extension);
      if (extension !== -1) parsed.ext = path.slice(extension, end);
    }
    if (startPart > 0) parsed.dir = path.slice(0, startPart - 1);
    else if (absolute) parsed.dir = "/";
    return parsed;
  }

  function format(parts) {
    if (parts === null || typeof parts !== "object") throw invalidArgType("pathObject", "of type object", parts);
    const dir = parts.dir || parts.root;
    const base = parts.base || `${parts.name || ""}${parts.ext ? (parts.ext.startsWith(".") ? "" : ".") + parts.ext : ""}`;
    if (!dir) return base;
    return dir === parts.root ? `${dir}${base}` : `${dir}/${base}`;
  }

  const path = {
    basename,
    delimiter: ":",
    dirname,
    extname,
    format,
    isAbsolute: (p) => {
      checkPath(p);
      return p.startsWith("/");
    },
    join,
    normalize,
    parse,
    relative,
    resolve,
    sep: "/",
  };
  path.posix = path;
  internal.nodeModules.path = { exports: path, default: path };

  // ---- url -----------------------------------------------------------------

  const { URL: URLCtor, URLSearchParams } = internal.node.web;

  function fileURLToPath(url) {
    const parsed = typeof url === "string" ? new URLCtor(url) : url;
    if (!(parsed instanceof URLCtor)) throw invalidArgType("path", "of type string or an instance of URL", url);
    if (parsed.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
    if (parsed.hostname !== "") {
      throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
    }
    if (/%2f/i.test(parsed.pathname)) {
      throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
    }
    return decodeURIComponent(parsed.pathname);
  }

  function pathToFileURL(filepath) {
    checkPath(filepath);
    let resolved = resolve(filepath);
    if (filepath.endsWith("/") && !resolved.endsWith("/")) resolved += "/";
    const url = new URLCtor("file://");
    // The pathname setter escapes "?" and "#"; these it would keep or drop.
    url.pathname = resolved.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/\t/g, "%09");
    return url;
  }

  const url = { URL: URLCtor, URLSearchParams, fileURLToPath, pathToFileURL };
  internal.nodeModules.url = { exports: url, default: url };
};
