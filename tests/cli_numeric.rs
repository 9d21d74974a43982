//! End-to-end tests of `anyon plot`, `anyon simulate`, `anyon fit` and `anyon run --echo`:
//! the files they write, their formats, and their exit codes on bad input.

use std::path::{Path, PathBuf};

mod common;
use common::anyon;

/// A fresh directory under the target directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn plot_writes_png_and_svg() {
    let dir = scratch("plot");
    let png = dir.join("z6.png");
    let o = anyon(&[
        "plot",
        "loss(Z(6))",
        "loss(Z(2))",
        "--t",
        "-2:20",
        "--points",
        "500",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 10_000);
    let svg = dir.join("z1.svg");
    let o = anyon(&[
        "plot",
        "count(Z(1))",
        "--x",
        "0:0.9",
        "--title",
        "Z_1 count",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.contains("<svg") && s.contains("Z_1 count") && s.contains("count(Z(1))"));
}

#[test]
fn plot_refuses_bad_input() {
    let dir = scratch("plot-bad");
    let out = dir.join("x.png");
    let o = anyon(&["plot", "Z(6)", "--t", "5:1", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("FROM < TO"));
    let o = anyon(&["plot", "Z(6", "--t", "0:1", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains('^'),
        "a caret under the source: {}",
        text(&o.stderr)
    );
    let o = anyon(&[
        "plot",
        "Z(6)",
        "--t",
        "0:1",
        "-o",
        dir.join("x.gif").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn simulate_cycle_writes_bands() {
    let dir = scratch("cycle");
    let o = anyon(&[
        "simulate",
        "cycle",
        "--group",
        "3",
        "--seed",
        "7",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let csv = std::fs::read_to_string(dir.join("cycle.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("t,theory,mean,lo,hi"));
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 100);
    // the sampler's band contains the theory at most points
    let inside = rows.iter().filter(|r| r[3] <= r[1] && r[1] <= r[4]).count();
    assert!(inside >= 90, "{inside} of 100 inside");
    assert!(dir.join("cycle.png").exists());
    // seeded: the same seed gives the same file
    let again = scratch("cycle-again");
    anyon(&[
        "simulate",
        "cycle",
        "--group",
        "3",
        "--seed",
        "7",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(again.join("cycle.csv")).unwrap(),
        csv
    );
}

#[test]
fn simulate_digits_then_fit_its_log() {
    let dir = scratch("digits");
    let o = anyon(&["simulate", "digits", "--out", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let csv = std::fs::read_to_string(dir.join("digits.csv")).unwrap();
    assert!(csv.starts_with("step,loss\n"));
    assert!(dir.join("digits.png").exists());
    let log = dir.join("digits.csv");
    let fit_png = dir.join("fit.png");
    let o = anyon(&[
        "fit",
        log.to_str().unwrap(),
        "--group",
        "1",
        "--free-m",
        "--json",
        "-o",
        fit_png.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let json = text(&o.stdout);
    for key in [
        "\"A\":", "\"t0\":", "\"s\":", "\"m\":", "\"rms\":", "\"r2\":",
    ] {
        assert!(json.contains(key), "{key} in {json}");
    }
    assert!(
        text(&o.stderr).contains("cannot be identified"),
        "free m warns"
    );
    assert!(fit_png.exists());
    let o = anyon(&[
        "fit",
        dir.join("missing.csv").to_str().unwrap(),
        "--group",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn simulate_signed_reports_the_sign_problem() {
    let o = anyon(&["simulate", "signed"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("sign problem") && out.contains("yes"), "{out}");
}

#[test]
fn run_echo_prints_a_transcript() {
    let dir = scratch("echo");
    let script = dir.join("s.anyon");
    std::fs::write(&script, "# the GAN dynamic\nZ6 = Z(6)\nZ6\ncount(Z6)\n").unwrap();
    let o = anyon(&["run", "--echo", script.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout),
        "# the GAN dynamic\n> Z6 = Z(6)\n> Z6\n1/(1 - x + x^2)\n> count(Z6)\n(x - 2x^2)/(1 - x + x^2)\n"
    );
}
