//! Runs the three training experiments with their default settings and prints key
//! losses and timings; writes `DIR/{xor,digits,gan}.csv` when a directory is given.
//!
//! `cargo run --release -p anyon-numeric --example train_all -- [DIR]`

use std::time::Instant;

use anyon_numeric::train::{self, DigitsConfig, GanConfig, XorConfig};

fn show(name: &str, log: &[(usize, f64)], secs: f64) {
    let at: Vec<String> = [
        0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 499, 999, 1499,
    ]
    .iter()
    .filter_map(|&s| log.get(s).map(|&(st, l)| format!("{st}:{l:.4}")))
    .collect();
    println!(
        "{name}: {} steps in {secs:.2} s; {}",
        log.len(),
        at.join(" ")
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1);
    let which = std::env::args().nth(2).unwrap_or_else(|| "all".into());
    if which == "all" || which == "xor" {
        let t = Instant::now();
        let log = train::train_xor(&XorConfig::default())?;
        show("xor", &log, t.elapsed().as_secs_f64());
        if let Some(d) = &dir {
            train::write_log_csv(&log, format!("{d}/xor.csv"))?;
        }
    }
    if which == "all" || which == "digits" {
        let t = Instant::now();
        let run = train::train_digits(&DigitsConfig::default())?;
        show("digits", &run.log, t.elapsed().as_secs_f64());
        println!("digits: test accuracy {:.3}", run.test_accuracy);
        if let Some(d) = &dir {
            train::write_log_csv(&run.log, format!("{d}/digits.csv"))?;
        }
    }
    if which == "all" || which == "gan" {
        let t = Instant::now();
        let run = train::train_gan(&GanConfig::default())?;
        show("gan", &run.log, t.elapsed().as_secs_f64());
        println!("gan: {}", run.check.message);
        if let Some(d) = &dir {
            train::write_log_csv(&run.log, format!("{d}/gan.csv"))?;
        }
    }
    Ok(())
}
