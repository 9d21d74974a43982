//! The `anyon` command line (a thin front end until the language lands).

fn main() {
    println!("anyon {}", env!("CARGO_PKG_VERSION"));
}
