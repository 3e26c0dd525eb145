//! Compiles the V8 bridge and links the V8 that ships inside libnode, as a
//! copy that starts faster (see `write_relinked_copy`).
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
    write_relinked_copy(&source, &out_dir);
    println!("cargo:rustc-link-search=native={}", out_dir.display());
    println!("cargo:rustc-link-lib=dylib:+verbatim=libnode.so.108");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", out_dir.display());
}

/// libnode as the program loads it, changed in two ways that cut its
/// start-up (see `bind_functions_lazily` and `bind_own_symbols`), written
/// to `out_dir`.
fn write_relinked_copy(source: &Path, out_dir: &Path) {
    let mut bytes = std::fs::read(source)
        .unwrap_or_else(|error| panic!("reading {}: {error}", source.display()));
    bind_functions_lazily(&mut bytes);
    bind_own_symbols(&mut bytes);
    // Written aside and renamed: a running test may have the old copy mapped.
    std::fs::create_dir_all(out_dir).unwrap();
    let partial = out_dir.join("libnode.so.108.partial");
    std::fs::write(&partial, &bytes).unwrap();
    std::fs::rename(&partial, out_dir.join("libnode.so.108")).unwrap();
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
fn bind_functions_lazily(bytes: &mut [u8]) {
    use object::elf::{
        Dyn64, FileHeader64, ProgramHeader64, DF_1_NOW, DF_BIND_NOW, DT_BIND_NOW, DT_FLAGS,
        DT_FLAGS_1, DT_PLTGOT, PT_GNU_RELRO,
    };
    use object::read::elf::{Dyn, FileHeader, ProgramHeader};
    use object::{Endian, Endianness};
    use std::mem::{offset_of, size_of};

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
}

/// libnode exports every symbol it defines, and refers to its own through
/// the symbol table: ~30,000 data relocations (vtables, function pointers)
/// that the loader resolves by name at every start, searching library
/// after library: two thirds of `nano --help`. Here each one whose symbol
/// libnode defines is resolved now to that definition: it becomes a
/// relative relocation (load address + offset), applied without a lookup.
///
/// Left to the loader: undefined symbols; indirect functions (resolved by
/// calling them); the code range hint, which the executable replaces;
/// names libstdc++ exports, which it may define first (it is searched
/// before libnode); and unique symbols, of which the loader keeps one per
/// process. What else the executable exports that libnode also defines
/// (allocator aside, it exports inline functions of the V8 and C++
/// headers, and ada, which it links too) was bound to the executable's
/// copy of the same code; libnode now uses its own.
fn bind_own_symbols(bytes: &mut [u8]) {
    use object::elf::{
        Rela64, R_X86_64_64, R_X86_64_GLOB_DAT, R_X86_64_RELATIVE, SHN_UNDEF, STB_GNU_UNIQUE,
        STT_GNU_IFUNC,
    };
    use object::read::elf::{ElfFile64, Rela, SectionHeader, Sym};
    use object::{Endianness, Object, ObjectSection};
    use std::collections::HashSet;
    use std::mem::{offset_of, size_of};

    let mut interposable: HashSet<Vec<u8>> =
        HashSet::from([CODE_RANGE_HINT_SYMBOL.as_bytes().to_vec()]);
    interposable.extend(libstdcxx_exports());
    let file = ElfFile64::<Endianness>::parse(&*bytes).expect("libnode is a 64-bit ELF file");
    if file.architecture() != object::Architecture::X86_64 {
        return;
    }
    let endian = file.endian();
    let symbols = file.elf_dynamic_symbol_table();
    let Some(relocations) = file.section_by_name(".rela.dyn") else {
        return;
    };
    let relocations_at = relocations
        .file_range()
        .expect("the relocations are in the file")
        .0 as usize;
    let entries: &[Rela64<Endianness>] = relocations
        .elf_section_header()
        .data_as_array(endian, &*bytes)
        .expect("libnode's .rela.dyn");
    let mut rewrites = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let kind = entry.r_type(endian, false);
        if kind != R_X86_64_64 && kind != R_X86_64_GLOB_DAT {
            continue;
        }
        let symbol = symbols
            .symbol(object::SymbolIndex(entry.r_sym(endian, false) as usize))
            .expect("a relocation names a dynamic symbol");
        let name = symbols
            .symbol_name(endian, symbol)
            .expect("a dynamic symbol's name");
        if symbol.st_shndx(endian) == SHN_UNDEF
            || symbol.st_type() == STT_GNU_IFUNC
            || symbol.st_bind() == STB_GNU_UNIQUE
            || interposable.contains(name)
        {
            continue;
        }
        // S + A for a 64-bit reference, S for a GOT slot.
        let addend = if kind == R_X86_64_64 {
            entry.r_addend(endian)
        } else {
            0
        };
        let target = (symbol.st_value(endian) as i64).wrapping_add(addend);
        rewrites.push((index, target));
    }
    // The place relocated stays; the type becomes relative (no symbol) and
    // the addend the target's offset. x86-64 is little-endian.
    for (index, target) in rewrites {
        let at = relocations_at + index * size_of::<Rela64<Endianness>>();
        let info_at = at + offset_of!(Rela64<Endianness>, r_info);
        let addend_at = at + offset_of!(Rela64<Endianness>, r_addend);
        bytes[info_at..info_at + 8].copy_from_slice(&u64::from(R_X86_64_RELATIVE.0).to_le_bytes());
        bytes[addend_at..addend_at + 8].copy_from_slice(&target.to_le_bytes());
    }
}

/// The names libstdc++ exports, from the one the C++ compiler links against.
fn libstdcxx_exports() -> Vec<Vec<u8>> {
    use object::{Object, ObjectSymbol};
    let compiler = cc::Build::new().cpp(true).get_compiler();
    let output = std::process::Command::new(compiler.path())
        .arg("-print-file-name=libstdc++.so.6")
        .output()
        .expect("the C++ compiler runs");
    let path = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    println!("cargo:rerun-if-changed={}", path.display());
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|error| panic!("reading libstdc++ at {}: {error}", path.display()));
    let file = object::File::parse(&*bytes).expect("libstdc++ is an ELF file");
    file.dynamic_symbols()
        .filter(|symbol| !symbol.is_undefined())
        .filter_map(|symbol| symbol.name_bytes().ok().map(<[u8]>::to_vec))
        .collect()
}
