//! The `anyon` command line: the REPL, `eval`, `run` (subcommands only, no mathematics).
//!
//! Exit status: 0 success; 1 an error in the user's input or computation (the message
//! on stderr, with line, column and a caret for errors in the source); 2 bad usage.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyon_lang::eval::{Interp, builtins};
use anyon_lang::repl;
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
        Some(Command::Run { file }) => match std::fs::read_to_string(&file) {
            Ok(src) => run_source(&mut interp, &src, Some(&file.display().to_string()), false),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", file.display());
                ExitCode::from(1)
            }
        },
    }
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
