//! Helpers shared by the end-to-end tests: running the built `anyon` binary.

use std::process::{Command, Output};

/// Runs `anyon` with `args` and returns its output.
pub fn anyon(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_anyon"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run anyon: {e}"),
    }
}
