//! Times `loss_many` for Z_6 on evenly spaced t in [-2, 20] (the numpy anchor's workload).
//!
//! `cargo run --release -p anyon-numeric --example loss_speed -- 1000000`

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let z6 = anyon_numeric::Profile::cyclic(6)?;
    let ts = anyon_numeric::linspace(-2.0, 20.0, n)?;
    let mut best = f64::INFINITY;
    let mut sum = 0.0;
    for _ in 0..7 {
        let start = Instant::now();
        let ys = anyon_numeric::loss_many(&z6, &ts);
        best = best.min(start.elapsed().as_secs_f64());
        sum = ys.iter().sum();
    }
    println!(
        "loss-z6 {n}: {:.2} ms (best of 7), sum {sum:.12e}",
        best * 1e3
    );
    Ok(())
}
