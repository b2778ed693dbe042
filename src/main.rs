//! The `juesuan` binary: everything lives in the library; see `cli`.

fn main() {
    std::process::exit(juesuan::cli::main());
}
