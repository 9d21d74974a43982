//! Writes the post's three theory plots (PNG and SVG) into a directory.
//!
//! `cargo run -p anyon-numeric --example theory_plots -- OUT_DIR`

use anyon_numeric::{Profile, plot::theory_chart};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "plots".into());
    std::fs::create_dir_all(&dir)?;
    for (name, n, from, to) in [
        ("Z_1", 1, 1.0, 10.0),
        ("Z_2", 2, -10.0, 10.0),
        ("Z_6", 6, -2.0, 20.0),
    ] {
        let chart = theory_chart(name, &Profile::cyclic(n)?, from, to, 10_000)?;
        for ext in ["png", "svg"] {
            let path = format!("{dir}/z{n}.{ext}");
            chart.render(&path)?;
            println!("wrote {path}");
        }
    }
    Ok(())
}
