//! Property tests: the printer round-trips random trees, and no string panics the
//! parser, the incompleteness check or the diagnostic renderer.

use anyon_lang::syntax::{
    ChainOp, Expr, ExprKind, Ident, Link, Number, Span, is_incomplete, parse_expr, parse_program,
    to_source,
};
use proptest::prelude::*;

fn node(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::DETACHED)
}

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z_α][a-zA-Z0-9_β]{0,4}"
}

fn number() -> impl Strategy<Value = Number> {
    (
        "[0-9]{1,25}",
        prop::option::of("[0-9]{1,6}"),
        prop_oneof![3 => Just(0i64), 1 => -30i64..30, 1 => any::<i64>()],
    )
        .prop_map(|(integer, fraction, exponent)| Number {
            integer,
            fraction: fraction.unwrap_or_default(),
            exponent,
        })
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        4 => number().prop_map(|n| node(ExprKind::Number(n))),
        4 => name().prop_map(|n| node(ExprKind::Name(n))),
        1 => any::<String>().prop_map(|s| node(ExprKind::Str(s))),
        1 => prop::option::of(any::<u64>()).prop_map(|n| node(ExprKind::Previous(n))),
    ]
}

fn chain_op(product: bool) -> impl Strategy<Value = ChainOp> {
    if product {
        prop_oneof![Just(ChainOp::Mul), Just(ChainOp::Div)].boxed()
    } else {
        prop_oneof![Just(ChainOp::Add), Just(ChainOp::Sub)].boxed()
    }
}

/// Random trees of every node kind, with valid invariants (chains are non-empty and
/// of one level); spans are detached.
fn expr() -> impl Strategy<Value = Expr> {
    leaf()
        .prop_recursive(6, 80, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(|v| node(ExprKind::List(v))),
                (name(), prop::collection::vec(inner.clone(), 0..4)).prop_map(|(n, args)| {
                    let callee = Ident {
                        name: n,
                        span: Span::DETACHED,
                    };
                    node(ExprKind::Call { callee, args })
                }),
                inner.clone().prop_map(|e| node(ExprKind::Neg(Box::new(e)))),
                (inner.clone(), inner.clone()).prop_map(|(b, e)| node(ExprKind::Pow {
                    base: Box::new(b),
                    exponent: Box::new(e),
                })),
                any::<bool>().prop_flat_map(move |product| {
                    (
                        inner.clone(),
                        prop::collection::vec((chain_op(product), inner.clone()), 1..4),
                    )
                        .prop_map(|(head, links)| {
                            let links = links
                                .into_iter()
                                .map(|(op, rhs)| Link {
                                    op,
                                    op_span: Span::DETACHED,
                                    rhs,
                                })
                                .collect();
                            node(ExprKind::Chain {
                                head: Box::new(head),
                                links,
                            })
                        })
                }),
            ]
        })
        .prop_flat_map(|e| {
            prop_oneof![
                4 => Just(e.clone()),
                1 => expr_leafish().prop_map(move |r| node(ExprKind::Eq {
                    lhs: Box::new(e.clone()),
                    rhs: Box::new(r),
                })),
            ]
        })
}

/// A small right-hand side for `==` at the top.
fn expr_leafish() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| node(ExprKind::Neg(Box::new(e)))),
            prop::collection::vec(inner, 0..3).prop_map(|v| node(ExprKind::List(v))),
        ]
    })
}

/// Text built from the language's own characters, to reach deeper into the parser
/// than uniformly random strings do.
fn grammarish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("x"),
            Just("y1"),
            Just("2"),
            Just("0.5"),
            Just("1e-3"),
            Just("e"),
            Just("+"),
            Just("-"),
            Just("*"),
            Just("/"),
            Just("^"),
            Just("=="),
            Just("="),
            Just("("),
            Just(")"),
            Just("["),
            Just("]"),
            Just(","),
            Just(";"),
            Just("\n"),
            Just(" "),
            Just("#c"),
            Just("%"),
            Just("%2"),
            Just("\""),
            Just("\\"),
            Just("f("),
            Just("O(x^3)"),
            Just("α"),
            Just("."),
            Just("\t"),
            Just("\\u{"),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn printed_trees_parse_back(e in expr()) {
        let text = to_source(&e);
        match parse_expr(&text) {
            Ok(back) => prop_assert_eq!(back.without_spans(), e, "printed as {}", text),
            Err(d) => prop_assert!(false, "{} did not parse:\n{}", text, d.render(&text)),
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(src in any::<String>()) {
        check_no_panic(&src);
    }

    #[test]
    fn grammarish_strings_never_panic(src in grammarish()) {
        check_no_panic(&src);
    }

    #[test]
    fn printing_a_parse_is_stable(src in grammarish()) {
        if let Ok(e) = parse_expr(&src) {
            let text = to_source(&e);
            let back = parse_expr(&text);
            prop_assert!(back.is_ok(), "{} printed as {} does not parse", src, text);
            if let Ok(back) = back {
                prop_assert_eq!(back.without_spans(), e.without_spans());
            }
        }
    }
}

/// Parses, checks incompleteness and renders any error; spans must lie in the text.
fn check_no_panic(src: &str) {
    match parse_program(src) {
        Ok(p) => {
            for s in &p.stmts {
                assert!(s.span.end <= src.len());
            }
        }
        Err(e) => {
            assert!(e.span.start <= e.span.end && e.span.end <= src.len());
            let text = e.render(src);
            assert!(text.starts_with("error: "));
        }
    }
    let _ = is_incomplete(src);
    let _ = parse_expr(src);
}
