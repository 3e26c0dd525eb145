// Run by tests/node_builtin_modules.rs; the .expected file beside it is what Node 20 prints.
import path, { join, resolve, relative, normalize, dirname, basename, extname, parse, format, isAbsolute, sep, delimiter, posix } from "node:path";
import url, { URL as NodeURL, URLSearchParams as Params, fileURLToPath, pathToFileURL } from "node:url";
console.log(join("/a/", "b", "../c", "./d"), join("a", "", "b/"), join(""), join("..", "x"), join("/", ".."));
console.log(resolve("/foo/bar", "./baz"), resolve("/foo/bar", "/tmp/file/"), resolve("/a", "b", "../c/"));
console.log(relative("/data/orandea/test/aaa", "/data/orandea/impl/bbb"), JSON.stringify(relative("/a/b", "/a/b")), relative("/a", "/a/b/c"));
console.log(normalize("/foo/bar//baz/asdf/quux/.."), normalize("./a/../../b/"), normalize(""), normalize("a/.."));
console.log(dirname("/a/b/c"), dirname("/a/b/"), dirname("a"), dirname("/a"), basename("/a/b/index.html"), basename("/a/b/index.html", ".html"), basename("/a/b/"));
console.log(extname("index.html"), extname("index.coffee.md"), JSON.stringify(extname(".index")), extname("index."), JSON.stringify(extname("index")));
console.log(JSON.stringify(parse("/home/user/dir/file.txt")), JSON.stringify(parse("file.txt")));
console.log(format({ root: "/ignored", dir: "/home/user/dir", base: "file.txt" }), format({ root: "/", name: "file", ext: ".txt" }));
console.log(isAbsolute("/x"), isAbsolute("x"), sep, delimiter, posix === path, path.posix.join("a", "b"));
console.log(fileURLToPath("file:///home/u/a%20b.txt"), pathToFileURL("/tmp/a b#c?d%e.txt").href, pathToFileURL("/tmp/dir/").href);
try { fileURLToPath("https://example.com/x"); } catch (e) { console.log(e.name, e.code, e.message); }
try { fileURLToPath("file:///a%2Fb"); } catch (e) { console.log(e.code); }
console.log(NodeURL === URL, Params === URLSearchParams, url.fileURLToPath === fileURLToPath, new NodeURL("../x", "http://h/a/b").href);
