//! Compiles the V8 bridge and links the V8 that ships inside libnode.
//!
//! V8 is looked for in this order: `NANO_V8_DIR` (a folder holding
//! `include/node/v8.h` and `lib/…/libnode.so*`), the project's
//! `third_party/libnode/usr` (filled by `scripts/setup.sh`), then the system.

use std::path::{Path, PathBuf};

fn find_v8() -> (PathBuf, PathBuf) {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut roots = Vec::new();
    if let Ok(dir) = std::env::var("NANO_V8_DIR") {
        roots.push(PathBuf::from(dir));
    }
    roots.push(manifest.join("third_party/libnode/usr"));
    roots.push(PathBuf::from("/usr"));
    for root in &roots {
        let include = root.join("include/node");
        let version = include.join("v8-version.h");
        let is_v8_10 = std::fs::read_to_string(&version)
            .map(|text| text.contains("#define V8_MAJOR_VERSION 10"))
            .unwrap_or(false);
        if !is_v8_10 {
            continue;
        }
        for lib in ["lib/x86_64-linux-gnu", "lib/aarch64-linux-gnu", "lib"] {
            let lib_dir = root.join(lib);
            if lib_dir.join("libnode.so.108").exists() {
                return (include, lib_dir);
            }
        }
    }
    panic!(
        "V8 10.2 (libnode108 + libnode-dev) not found in {:?}; run `make setup` or set NANO_V8_DIR",
        roots
    );
}

fn main() {
    let (include, lib_dir) = find_v8();
    println!("cargo:rerun-if-changed=src/v8/bridge.cc");
    println!("cargo:rerun-if-changed=src/v8/code_range_hint.cc");
    println!("cargo:rerun-if-env-changed=NANO_V8_DIR");

    cc::Build::new()
        .cpp(true)
        .file("src/v8/bridge.cc")
        .file("src/v8/code_range_hint.cc")
        .include(&include)
        .flag("-std=c++17")
        .flag("-fno-rtti")
        .flag_if_supported("-Wno-unused-parameter")
        .compile("nano_v8_bridge");

    link_libnode(&lib_dir);
    // Nothing in the program calls it, so the linker is told to keep it, and
    // libnode binds to the executable's definition only if it is exported.
    println!("cargo:rustc-link-arg=-Wl,--undefined={CODE_RANGE_HINT_SYMBOL}");
    println!("cargo:rustc-link-arg=-Wl,--export-dynamic-symbol={CODE_RANGE_HINT_SYMBOL}");
}

/// `v8::base::OS::GetFreeMemoryRangesWithin`, replaced by
/// src/v8/code_range_hint.cc.
const CODE_RANGE_HINT_SYMBOL: &str = "_ZN2v84base2OS25GetFreeMemoryRangesWithinEmmmm";

fn link_libnode(lib_dir: &Path) {
    // libnode.so may be absent when only the run-time package is unpacked.
    let link_name = if lib_dir.join("libnode.so").exists() {
        "node".to_string()
    } else {
        ":libnode.so.108".to_string()
    };
    println!("cargo:rustc-link-search=native={}", lib_dir.display());
    println!("cargo:rustc-link-lib=dylib={link_name}");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib_dir.display());
}
