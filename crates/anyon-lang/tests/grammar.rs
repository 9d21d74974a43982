//! Every `(* example: ... *)` in grammar/anyon.ebnf parses and every
//! `(* error: ... *)` is rejected, so the grammar file cannot drift from the parser.

use anyon_lang::syntax::parse_program;

/// The grammar file, read at compile time.
const GRAMMAR: &str = include_str!("../../../grammar/anyon.ebnf");

/// `(kind, text)` for each example line; `\n` in the text stands for a newline.
fn examples() -> Vec<(&'static str, String)> {
    GRAMMAR
        .lines()
        .filter_map(|line| {
            let body = line.trim().strip_prefix("(* ")?.strip_suffix(" *)")?;
            let (kind, text) = body.split_once(": ")?;
            matches!(kind, "example" | "error").then(|| (kind, text.replace("\\n", "\n")))
        })
        .collect()
}

#[test]
fn grammar_has_examples_for_every_rule() {
    let rules: Vec<&str> = GRAMMAR
        .lines()
        .filter_map(|line| {
            let (lhs, _) = line.split_once(" = ")?;
            let lhs = lhs.trim();
            (!lhs.is_empty() && lhs.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                .then_some(lhs)
        })
        .collect();
    assert!(rules.len() >= 20, "found only rules {rules:?}");
    // A rule's examples follow it before the next blank-line-separated rule; the
    // helper rules digits, digit and escape share their group's examples.
    let mut current: Option<&str> = None;
    let mut with_example = Vec::new();
    for line in GRAMMAR.lines() {
        if let Some((lhs, _)) = line.split_once(" = ") {
            if rules.contains(&lhs.trim()) {
                current = Some(lhs.trim());
            }
        }
        if line.starts_with("(* example: ") {
            if let Some(rule) = current {
                with_example.push(rule);
            }
        }
    }
    let missing: Vec<_> = rules
        .iter()
        .filter(|r| !with_example.contains(r))
        .filter(|r| {
            !matches!(
                **r,
                "digits" | "digit" | "number" | "escape" | "string" | "blank"
            )
        })
        .collect();
    assert!(missing.is_empty(), "rules without an example: {missing:?}");
}

#[test]
fn every_example_parses() {
    let all = examples();
    let good: Vec<_> = all.iter().filter(|(k, _)| *k == "example").collect();
    assert!(good.len() >= 40, "only {} examples found", good.len());
    for (_, text) in good {
        if let Err(e) = parse_program(text) {
            panic!(
                "grammar example failed to parse:\n{text}\n{}",
                e.render(text)
            );
        }
    }
}

#[test]
fn every_error_example_is_rejected() {
    let all = examples();
    let bad: Vec<_> = all.iter().filter(|(k, _)| *k == "error").collect();
    assert!(bad.len() >= 10, "only {} error examples found", bad.len());
    for (_, text) in bad {
        assert!(
            parse_program(text).is_err(),
            "grammar error example was accepted: {text}"
        );
    }
}
