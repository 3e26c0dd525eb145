//! Compiles the V8 bridge and links the V8 that ships inside libnode, as a
//! copy that binds its functions lazily (see `write_lazily_bound_copy`).
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
    let source = lib_dir.join("libnode.so.108");
    println!("cargo:rerun-if-changed={}", source.display());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("libnode");
    write_lazily_bound_copy(&source, &out_dir);
    println!("cargo:rustc-link-search=native={}", out_dir.display());
    println!("cargo:rustc-link-lib=dylib:+verbatim=libnode.so.108");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", out_dir.display());
}

/// libnode is linked with `-z now`, so the loader would bind all of its
/// ~30,000 function slots before `main`: a third of `nano eval 1+1`. The
/// program links a copy that asks for lazy binding instead: a function is
/// bound on its first call, and the few thousand a process calls cost far
/// less than binding them all. Two fields change: the flags that ask for
/// immediate binding are cleared, and the read-only-after-relocation range
/// (`PT_GNU_RELRO`) ends where the function slots (`DT_PLTGOT`) begin, since
/// lazy binding writes them later. The price is partial RELRO: the function
/// slots stay writable; the rest of the relocated data stays read-only.
fn write_lazily_bound_copy(source: &Path, out_dir: &Path) {
    use object::elf::{
        Dyn64, FileHeader64, ProgramHeader64, DF_1_NOW, DF_BIND_NOW, DT_BIND_NOW, DT_FLAGS,
        DT_FLAGS_1, DT_PLTGOT, PT_GNU_RELRO,
    };
    use object::read::elf::{Dyn, FileHeader, ProgramHeader};
    use object::{Endian, Endianness};
    use std::mem::{offset_of, size_of};

    let mut bytes = std::fs::read(source)
        .unwrap_or_else(|error| panic!("reading {}: {error}", source.display()));
    let header = FileHeader64::<Endianness>::parse(&*bytes).expect("libnode is a 64-bit ELF file");
    let endian = header.endian().expect("libnode's ELF byte order");
    let segments = header
        .program_headers(endian, &*bytes)
        .expect("libnode's program headers");
    // (file offset, new 64-bit value)
    let mut patches = Vec::new();
    let mut function_slots = None;
    for segment in segments {
        let Some(entries) = segment
            .dynamic(endian, &*bytes)
            .expect("libnode's dynamic section")
        else {
            continue;
        };
        let segment_start = segment.p_offset(endian) as usize;
        for (index, entry) in entries.iter().enumerate() {
            let value_at = segment_start
                + index * size_of::<Dyn64<Endianness>>()
                + offset_of!(Dyn64<Endianness>, d_val);
            let value = entry.val(endian);
            match entry.tag(endian) {
                DT_FLAGS => patches.push((value_at, value & !DF_BIND_NOW.0)),
                DT_FLAGS_1 => patches.push((value_at, value & !DF_1_NOW.0)),
                DT_PLTGOT => function_slots = Some(value),
                DT_BIND_NOW => {
                    panic!("libnode has a DT_BIND_NOW entry, which cannot be cleared in place")
                }
                _ => {}
            }
        }
    }
    let function_slots = function_slots.expect("libnode has function slots (DT_PLTGOT)");
    let headers_start = header.e_phoff(endian) as usize;
    for (index, segment) in segments.iter().enumerate() {
        let start = segment.p_vaddr(endian);
        let end = start + segment.p_memsz(endian);
        if segment.p_type(endian) == PT_GNU_RELRO && (start..end).contains(&function_slots) {
            let at = headers_start + index * size_of::<ProgramHeader64<Endianness>>();
            let size = function_slots - start;
            patches.push((at + offset_of!(ProgramHeader64<Endianness>, p_filesz), size));
            patches.push((at + offset_of!(ProgramHeader64<Endianness>, p_memsz), size));
        }
    }
    for (at, value) in patches {
        bytes[at..at + 8].copy_from_slice(&endian.write_u64(value));
    }
    // Written aside and renamed: a running test may have the old copy mapped.
    std::fs::create_dir_all(out_dir).unwrap();
    let partial = out_dir.join("libnode.so.108.partial");
    std::fs::write(&partial, &bytes).unwrap();
    std::fs::rename(&partial, out_dir.join("libnode.so.108")).unwrap();
}
