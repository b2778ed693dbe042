//! The `juesuan` binary: everything lives in the library; see `cli`.

/// Parsing allocates many small strings; mimalloc makes a report's parse
/// about a sixth faster than the system allocator (see benches/check.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(juesuan::cli::main());
}
