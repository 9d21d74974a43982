//! The `anyon` command line: the REPL, `eval`, `run` (subcommands only, no mathematics).
//!
//! Exit status: 0 success; 1 an error in the user's input or computation (the message
//! on stderr, with line, column and a caret for errors in the source); 2 bad usage.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod numeric_cmd;

use anyon_lang::eval::{Interp, builtins};
use anyon_lang::repl;
use anyon_lang::syntax;
use anyon_series::limits;
use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  anyon                                   start the REPL (or read statements from a pipe)
  anyon eval 'Z(6)'                       1/(1 - x + x^2)
  anyon eval 'coeff(PE(x/(1-x)), 100)'    190569292, the partitions of 100
  anyon eval 'p = PE(x/(1-x)); coeff(p, 10); coeff(p, 1000)'
  anyon eval --json 'coeffs(Z(6), 8)'     [\"1\",\"1\",\"0\",\"-1\",\"-1\",\"0\",\"1\",\"1\"]
  anyon eval --order 8 'exp(x)'           1 + x + ... + O(x^8)
  anyon run examples/post.anyon           the post, step by step
  anyon run --echo examples/post.anyon    ... as a transcript: comments, statements, results
  anyon plot 'loss(Z(6))' --t -2:20 -o z6.png
  anyon simulate xor --out runs           train, write runs/xor.csv and runs/xor.png
  anyon fit runs/xor.csv --group 2 --json
  echo 'PE(x/(1-x)) + O(x^10)' | anyon

Exit status: 0 success, 1 an error in the input or computation, 2 bad usage.";

/// Exact power series and partition functions of learning dynamics.
#[derive(Parser)]
#[command(name = "anyon", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Default order for printing a series when nothing asks for more (default 20).
    #[arg(long, global = true, value_name = "N")]
    order: Option<usize>,

    /// The largest order (number of coefficients) any computation may ask for.
    #[arg(long, global = true, value_name = "N")]
    max_order: Option<usize>,

    /// Print the language reference (docs/reference.md) generated from the builtins.
    #[arg(long, hide = true)]
    print_reference: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate statements and print each result on its own line.
    Eval {
        /// Print only the last result, as JSON (see DESIGN.md).
        #[arg(long)]
        json: bool,
        /// Statements, separated by `;` or newlines (several arguments are joined
        /// by newlines).
        #[arg(required = true, value_name = "STMTS")]
        stmts: Vec<String>,
    },
    /// Run a script of statements, printing each result.
    Run {
        /// The script, e.g. examples/post.anyon.
        file: PathBuf,
        /// Print a transcript: the comments and each statement before its result.
        #[arg(long)]
        echo: bool,
    },
    /// Plot functions of x against t (x = e^t) or against x, to PNG or SVG.
    Plot {
        /// Expressions of the language, e.g. 'loss(Z(6))' (each one curve).
        #[arg(required = true, value_name = "EXPR")]
        exprs: Vec<String>,
        /// Draw against t in FROM:TO with x = e^t (default -10:10).
        #[arg(long, value_name = "FROM:TO", allow_hyphen_values = true, value_parser = numeric_cmd::parse_range)]
        t: Option<(f64, f64)>,
        /// Draw against x in FROM:TO instead.
        #[arg(long, value_name = "FROM:TO", allow_hyphen_values = true, value_parser = numeric_cmd::parse_range)]
        x: Option<(f64, f64)>,
        /// Points per curve.
        #[arg(long, default_value_t = 2000)]
        points: usize,
        /// The output file; the extension (.png or .svg) picks the format.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// The chart title (default: the expressions).
        #[arg(long)]
        title: Option<String>,
        /// A logarithmic y axis.
        #[arg(long)]
        log_y: bool,
    },
    /// Simulate the dynamic or run a training experiment; writes DIR/KIND.csv and DIR/KIND.png.
    Simulate {
        /// What to run.
        #[arg(value_enum)]
        kind: numeric_cmd::Kind,
        /// The cyclic group Z_N whose theory curve is used (defaults: cycle 2, signed 6,
        /// xor 2, digits 1, gan 6).
        #[arg(long, value_name = "N")]
        group: Option<u64>,
        /// The seed of every random choice.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// The directory for the CSV and PNG files.
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
    /// Fit A exp(-m n(exp((t - t0)/s))) of Z_N to a loss log (CSV step,loss or JSON lines).
    Fit {
        /// The loss log.
        log: PathBuf,
        /// The cyclic group Z_N of the theory curve.
        #[arg(long, value_name = "N")]
        group: u64,
        /// Its character chi_M.
        #[arg(long, value_name = "M", default_value_t = 1)]
        character: u64,
        /// Fit the multiplicity m too (the group then cannot be identified).
        #[arg(long)]
        free_m: bool,
        /// Print {"A": .., "t0": .., "s": .., "m": .., "rms": .., "r2": ..}.
        #[arg(long)]
        json: bool,
        /// Plot data and fit to this PNG or SVG.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.print_reference {
        print!("{}", builtins::reference_markdown());
        return ExitCode::SUCCESS;
    }
    if let Some(n) = cli.max_order {
        if n == 0 {
            eprintln!("error: --max-order must be at least 1");
            return ExitCode::from(2);
        }
        limits::set_max_order(n);
    }
    let mut interp = Interp::new();
    if let Some(n) = cli.order
        && let Err(e) = interp.set_order(n)
    {
        eprintln!("error: --order {n}: {e}");
        return ExitCode::from(2);
    }
    match cli.command {
        None => match repl::run(interp) {
            Ok(session) if session.had_error => ExitCode::from(1),
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Some(Command::Eval { json, stmts }) => {
            let src = stmts.join("\n");
            run_source(&mut interp, &src, None, json)
        }
        Some(Command::Run { file, echo }) => match std::fs::read_to_string(&file) {
            Ok(src) if echo => run_echo(&mut interp, &src, &file.display().to_string()),
            Ok(src) => run_source(&mut interp, &src, Some(&file.display().to_string()), false),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", file.display());
                ExitCode::from(1)
            }
        },
        Some(Command::Plot {
            exprs,
            t,
            x,
            points,
            output,
            title,
            log_y,
        }) => numeric(numeric_cmd::plot(
            &exprs,
            t,
            x,
            points,
            &output,
            title.as_deref(),
            log_y,
        )),
        Some(Command::Simulate {
            kind,
            group,
            seed,
            out,
        }) => numeric(numeric_cmd::simulate(kind, group, seed, &out)),
        Some(Command::Fit {
            log,
            group,
            character,
            free_m,
            json,
            output,
        }) => numeric(numeric_cmd::fit_log(
            &log,
            group,
            character,
            free_m,
            json,
            output.as_ref(),
        )),
    }
}

/// Runs a numeric subcommand, mapping failures to exit codes 1 and 2.
fn numeric(outcome: numeric_cmd::Outcome) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message.trim_end());
            ExitCode::from(if f.usage { 2 } else { 1 })
        }
    }
}

/// Runs a script as a transcript: the text before each statement (comments, blank
/// lines), the statement after `> `, then its result.
fn run_echo(interp: &mut Interp, src: &str, name: &str) -> ExitCode {
    let program = match syntax::parse_program(src) {
        Ok(p) => p,
        Err(d) => {
            eprint!("{}", d.render_named(src, Some(name)));
            return ExitCode::from(1);
        }
    };
    let mut out = io::stdout().lock();
    let mut at = 0;
    for stmt in &program.stmts {
        let (start, end) = (stmt.span.start, stmt.span.end);
        let before = src.get(at..start).unwrap_or("");
        let _ = write!(out, "{}", before.trim_start_matches([';', ' ']));
        let _ = writeln!(out, "> {}", src.get(start..end).unwrap_or(""));
        at = end;
        match interp.eval_stmt(stmt) {
            Ok(Some(o)) => {
                let _ = writeln!(out, "{}", o.text);
            }
            Ok(None) => {}
            Err(d) => {
                let _ = out.flush();
                eprint!("{}", d.render_named(src, Some(name)));
                return ExitCode::from(1);
            }
        }
        // Skip to the end of the statement's line so the next chunk starts cleanly.
        if let Some(nl) = src.get(at..).and_then(|rest| rest.find('\n')) {
            at += nl + 1;
        }
    }
    let _ = write!(out, "{}", src.get(at..).unwrap_or(""));
    ExitCode::SUCCESS
}

/// Runs a program, printing each result (or, with `json`, the last one as JSON).
fn run_source(interp: &mut Interp, src: &str, name: Option<&str>, json: bool) -> ExitCode {
    let mut stdout = io::stdout().lock();
    let mut last = None;
    let mut failed_write = false;
    let result = interp.run(src, |o| {
        if json {
            last = Some(o.value.clone());
        } else if writeln!(stdout, "{}", o.text).is_err() {
            failed_write = true;
        }
    });
    if let Err(d) = result {
        let _ = stdout.flush();
        eprint!("{}", d.render_named(src, name));
        return ExitCode::from(1);
    }
    if json {
        let text = match &last {
            Some(v) => match interp.json(v) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(1);
                }
            },
            None => "null".to_string(),
        };
        failed_write |= writeln!(stdout, "{text}").is_err();
    }
    if failed_write {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
