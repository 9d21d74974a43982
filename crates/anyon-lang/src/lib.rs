//! The anyon expression language: parser with spans, evaluator, REPL.
