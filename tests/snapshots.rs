//! Snapshot tests (insta) of the evaluator: every `tests/inputs/*.anyon` and every
//! `examples/*.anyon` is run as piped input, and its transcript (results and
//! diagnostics, interleaved) is compared with the stored snapshot. Expected errors
//! sit in the input files, each after a comment saying what it shows.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use anyon_lang::eval::Interp;
use anyon_lang::repl::{Session, run_piped};

/// A buffer that stdout and stderr of the session share, so the transcript keeps
/// results and errors in order.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn transcript(src: &str) -> String {
    let mut session = Session::new(Interp::new());
    let buf = Shared::default();
    let (mut out, mut err) = (buf.clone(), buf.clone());
    if let Err(e) = run_piped(&mut session, src.as_bytes(), &mut out, &mut err) {
        return format!("i/o error: {e}");
    }
    let bytes = buf.0.borrow().clone();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn inputs() {
    insta::glob!("inputs/*.anyon", |path| {
        let src = std::fs::read_to_string(path).unwrap_or_default();
        insta::assert_snapshot!(transcript(&src));
    });
}

#[test]
fn examples() {
    insta::glob!("../examples", "*.anyon", |path| {
        let src = std::fs::read_to_string(path).unwrap_or_default();
        insta::assert_snapshot!(transcript(&src));
    });
}
