// `node:path` (POSIX, with "/" as the working directory, as on Workers) and
// `node:url`.
((nano) => {
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

  function trimTrailingSlashes(path) {
    let end = path.length;
    while (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
    return path.slice(0, end);
  }

  function dirname(path) {
    checkPath(path);
    if (path === "") return ".";
    const trimmed = trimTrailingSlashes(path);
    const slash = trimmed.lastIndexOf("/");
    if (slash === -1) return ".";
    if (slash === 0) return "/";
    return trimTrailingSlashes(trimmed.slice(0, slash));
  }

  function basename(path, suffix) {
    checkPath(path);
    if (suffix !== undefined) checkPath(suffix, "ext");
    const trimmed = trimTrailingSlashes(path);
    const base = trimmed === "/" ? "" : trimmed.slice(trimmed.lastIndexOf("/") + 1);
    return suffix !== undefined && suffix !== base && base.endsWith(suffix) ? base.slice(0, base.length - suffix.length) : base;
  }

  function extname(path) {
    checkPath(path);
    const base = basename(path);
    const dot = base.lastIndexOf(".");
    return dot <= 0 || (dot === 1 && base === "..") ? "" : base.slice(dot);
  }

  function parse(path) {
    checkPath(path);
    const root = path.startsWith("/") ? "/" : "";
    const base = basename(path);
    const ext = extname(path);
    let dir = dirname(path);
    if (dir === "." && !path.startsWith(".") && !path.includes("/")) dir = "";
    return { root, dir, base, ext, name: ext === "" ? base : base.slice(0, base.length - ext.length) };
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

  const URLCtor = URL;

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
})(globalThis.__nano);
