#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // No transparent huge pages: mimalloc asks for them on its arenas, and
    // the kernel then zeroes 2 MiB at the first touch of each, inside
    // whichever request touched it (5 ms on a VM, the whole of a cold
    // start's tail). Latency over TLB reach, as latency-bound servers choose.
    // Where the kernel refuses, nothing is lost but that.
    let _ = nix::sys::prctl::set_thp_disable(true);
    nano::cli::main()
}
