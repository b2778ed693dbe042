//! The `juesuan` binary: everything lives in the library; see `cli`.

/// Parsing allocates many small strings; mimalloc spends about a fifth less
/// CPU per report than the system allocator (BENCHMARKS.md). Its `no_thp`
/// feature keeps it from asking for 2 MiB huge pages, which would take the
/// resident size of one check from 8 MiB to 24 MiB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(juesuan::cli::main());
}
