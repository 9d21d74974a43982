//! End-to-end tests of the `anyon` binary: the command-line contract of DESIGN.md
//! (output, JSON, exit codes, carets), the piped-stdin mode, and the generated
//! language reference.

use std::io::Write;
use std::process::{Command, Output, Stdio};

mod common;
use common::anyon;

fn piped(input: &str, args: &[&str]) -> Output {
    let mut child = match Command::new(env!("CARGO_BIN_EXE_anyon"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot run anyon: {e}"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).ok();
    }
    match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => panic!("anyon did not finish: {e}"),
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `anyon eval SRC` prints `expected` (lines) and exits 0.
#[track_caller]
fn check(src: &str, expected: &str) {
    let o = anyon(&["eval", src]);
    assert_eq!(o.status.code(), Some(0), "{src}: stderr {}", stderr(&o));
    assert_eq!(stdout(&o), format!("{expected}\n"), "input: {src}");
}

#[test]
fn done_means_of_the_language_issue() {
    check("Z(6)", "1/(1 - x + x^2)");
    check("Z(6) == (1+x)/(1+x^3)", "true");
    check("count(Z(6))", "(x - 2x^2)/(1 - x + x^2)");
    check("coeffs(Z(6), 8)", "[1, 1, 0, -1, -1, 0, 1, 1]");
    let o = anyon(&["eval", "--json", "coeffs(Z(6), 8)"]);
    assert_eq!(
        stdout(&o),
        "[\"1\",\"1\",\"0\",\"-1\",\"-1\",\"0\",\"1\",\"1\"]\n"
    );
}

#[test]
fn done_means_of_order_on_demand() {
    check("coeff(PE(x/(1-x)), 100)", "190569292");
    check("coeff(exp(x), 30)", "1/265252859812191058636308480000000");
    check("coeff(log(1/(1-x)), 1000)", "1/1000");
    check(
        "p = PE(x/(1-x)); coeff(p, 10); coeff(p, 1000)",
        "42\n24061467864032622473692149727991",
    );
    let o = anyon(&["eval", "coeff(exp(x) + O(x^10), 20)"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("O(x^10)") && err.contains("x^20"), "{err}");
}

#[test]
fn parse_errors_exit_1_with_a_caret() {
    let o = anyon(&["eval", "1/"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: expected an expression after `/`\n --> line 1, column 3\n  |\n1 | 1/\n  |   ^\n"
    );
    // an evaluation error points at its node, on its line
    let o = anyon(&["eval", "a = 1\nb = [1] + a"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("line 2, column 5"), "{err}");
    assert!(err.contains("cannot add a list and a number"), "{err}");
}

#[test]
fn unknown_names_suggest() {
    let o = anyon(&["eval", "coef(Z(6), 3)"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("did you mean `coeff`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(anyon(&["eval"]).status.code(), Some(2));
    assert_eq!(anyon(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        anyon(&["--order", "many", "eval", "1"]).status.code(),
        Some(2)
    );
    let help = anyon(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Examples:"));
}

#[test]
fn json_forms() {
    let json = |src: &str| stdout(&anyon(&["eval", "--json", src]));
    assert_eq!(json("3/4"), "\"3/4\"\n");
    assert_eq!(
        json("Z(6)"),
        "{\"num\":[\"1\"],\"den\":[\"1\",\"-1\",\"1\"]}\n"
    );
    assert_eq!(json("1 + x"), "{\"num\":[\"1\",\"1\"],\"den\":[\"1\"]}\n");
    assert_eq!(
        json("1/(1-x) + O(x^3)"),
        "{\"series\":[\"1\",\"1\",\"1\"],\"order\":3}\n"
    );
    assert_eq!(json("1 == 1"), "true\n");
    assert_eq!(json("float(1/4)"), "0.25\n");
    assert_eq!(json("p = 1"), "null\n");
    assert_eq!(
        stdout(&anyon(&["eval", "--json", "--order", "3", "exp(x)"])),
        "{\"series\":[\"1\",\"1\",\"1/2\"],\"order\":3}\n"
    );
}

#[test]
fn order_flag_sets_the_default_order() {
    check("1", "1");
    let o = anyon(&["eval", "--order", "4", "exp(x)"]);
    assert_eq!(stdout(&o), "1 + x + 1/2*x^2 + 1/6*x^3 + O(x^4)\n");
    // demand wins over the default
    let o = anyon(&["eval", "--order", "4", "series(exp(x), 6)"]);
    assert!(stdout(&o).ends_with("O(x^6)\n"));
}

#[test]
fn limits_are_named_and_raisable() {
    let o = anyon(&["eval", "coeff(1/(1-x), 2000000)"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--max-order"), "{}", stderr(&o));
    let o = anyon(&["--max-order", "3000000", "eval", "coeff(1/(1-x), 2000000)"]);
    assert_eq!(stdout(&o), "1\n");
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("{}1{}\n", "(".repeat(100_000), ")".repeat(100_000));
    let o = piped(&deep, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nest"), "{}", stderr(&o));
}

#[test]
fn piped_stdin_prints_each_result() {
    let o = piped("PE(x/(1-x)) + O(x^10)\n", &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "1 + x + 2x^2 + 3x^3 + 5x^4 + 7x^5 + 11x^6 + 15x^7 + 22x^8 + 30x^9 + O(x^10)\n"
    );
}

#[test]
fn piped_stdin_accumulates_open_brackets_and_keeps_going_after_errors() {
    let input = "p = PE(x/(1-x))\ncoeffs(p,\n  5)\n1 +\n  1\n1 + )\ncoeff(p, 10)\n:order 3\nexp(x)\ncoeff(p,\n";
    let o = piped(input, &[]);
    assert_eq!(
        stdout(&o),
        "[1, 1, 2, 3, 5]\n2\n42\norder 3\n1 + x + 1/2*x^2 + O(x^3)\n"
    );
    let err = stderr(&o);
    // the error on line 6, and the unfinished entry at the end reported, not dropped
    assert!(err.contains("line 6, column 5"), "{err}");
    assert!(err.contains("line 10"), "{err}");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn run_a_script() {
    let dir = std::env::temp_dir().join(format!("anyon-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let file = dir.join("s.anyon");
    std::fs::write(&file, "# a script\nz = Z(6)\ncoeff(z, 6)\ncoeff(z, 7)\n").ok();
    let o = anyon(&["run", &file.display().to_string()]);
    assert_eq!(stdout(&o), "1\n1\n");
    assert_eq!(o.status.code(), Some(0));
    // a script is parsed whole before it runs: a syntax error runs nothing
    std::fs::write(&file, "z = Z(6)\ncoeff(z, 6)\nz + )\n").ok();
    let o = anyon(&["run", &file.display().to_string()]);
    assert_eq!(stdout(&o), "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("s.anyon, line 3"), "{}", stderr(&o));
    assert_eq!(
        anyon(&["run", "/nonexistent/x.anyon"]).status.code(),
        Some(1)
    );
}

#[test]
fn the_reference_is_generated_from_the_builtins() {
    let o = anyon(&["--print-reference"]);
    let generated = stdout(&o);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.md");
    if std::env::var_os("UPDATE_REFERENCE").is_some() {
        std::fs::write(path, &generated).ok();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/reference.md is stale: regenerate it with \
         `UPDATE_REFERENCE=1 cargo test -p anyon --test cli` or `anyon --print-reference`"
    );
}
