//! Property tests: no input panics the evaluator, and order on demand is consistent
//! (`coeffs(E, N)` is the start of `coeffs(E, 2N)` for random exact expressions E).

use anyon_lang::eval::Interp;
use anyon_series::limits;
use proptest::prelude::*;

/// Tokens from which random programs are built, so that most of them parse and
/// reach the evaluator.
const TOKENS: &[&str] = &[
    "x",
    "1",
    "2",
    "0",
    "10",
    "1/2",
    "0.5",
    "+",
    "-",
    "*",
    "/",
    "^",
    "(",
    ")",
    "[",
    "]",
    ",",
    "==",
    "=",
    ";",
    "\n",
    "%",
    "%1",
    "p",
    "exp(",
    "log(",
    "sqrt(",
    "PE(",
    "PLog(",
    "Z(",
    "omega(",
    "coeff(",
    "coeffs(",
    "series(",
    "O(x^",
    "D(",
    "integrate(",
    "compose(",
    "count(",
    "loss(",
    "eval(",
    "factor(",
    "reversion(",
    "multisection(",
    "cyclic(",
    "dihedral(",
    "chi(",
    "rho(",
    "psi(",
    "profile(",
    "\"s\"",
    "float(",
    "valuation(",
    "-1",
    "x^2",
    "1-x",
    "abelian(",
    "characters(",
    "divisors(",
    "num(",
    "den(",
];

fn program() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..24).prop_map(|t| t.concat())
}

/// A random exact expression with a valid power series (constant terms arranged so
/// that exp, log, PE and composition are defined).
fn exact_expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        (1i64..4).prop_map(|c| c.to_string()),
        Just("1/(1-x)".to_string()),
        Just("Z(6)".to_string()),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) + ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) * ({b})")),
            inner.clone().prop_map(|a| format!("exp(x*({a}))")),
            inner.clone().prop_map(|a| format!("log(1 + x*({a}))")),
            inner.clone().prop_map(|a| format!("sqrt(1 + x*({a}))")),
            inner.clone().prop_map(|a| format!("PE(x*({a}))")),
            inner.clone().prop_map(|a| format!("1/(1 - x*({a}))")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("compose({a}, x*({b}))")),
            inner.clone().prop_map(|a| format!("D({a})")),
            inner.prop_map(|a| format!("integrate({a})")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn token_programs_never_panic(src in program()) {
        limits::set_max_order(500);
        let mut interp = Interp::new();
        let _ = interp.run(&src, |_| {});
    }

    #[test]
    fn arbitrary_strings_never_panic(src in "\\PC{0,40}") {
        limits::set_max_order(500);
        let mut interp = Interp::new();
        let _ = interp.run(&src, |_| {});
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn coeffs_n_is_the_start_of_coeffs_2n(e in exact_expr(), n in 1usize..12) {
        let mut a = Vec::new();
        let r1 = Interp::new().run(&format!("coeffs({e}, {n})"), |o| a.push(o.text.clone()));
        let mut b = Vec::new();
        // the same variable asked twice: the second question extends the first
        let r2 = Interp::new().run(
            &format!("f = {e}; coeffs(f, {}); coeffs(f, {n})", 2 * n),
            |o| b.push(o.text.clone()),
        );
        prop_assert_eq!(r1.is_ok(), r2.is_ok(), "{}", e);
        if r1.is_ok() {
            let long = b[0].trim_matches(['[', ']']).split(", ").take(n).collect::<Vec<_>>().join(", ");
            prop_assert_eq!(&a[0], &format!("[{long}]"), "{}", e);
            prop_assert_eq!(&a[0], &b[1], "{}", e);
        }
    }
}

#[test]
fn long_chains_of_reassignment_are_refused_not_overflowed() {
    let mut src = String::from("a = exp(x)\n");
    for _ in 0..200 {
        src.push_str("a = a + x*a\n");
    }
    src.push_str("coeff(a, 5)\n");
    let r = Interp::new().run(&src, |_| {});
    let Err(d) = r else {
        panic!("a 400-deep series should be refused");
    };
    assert!(d.message.contains("nested operations"), "{}", d.message);
    // a graph near the depth limit (each statement adds two levels) still expands
    // on a 2 MB test thread
    let mut src = String::from("a = exp(x)\n");
    for _ in 0..(anyon_lang::eval::MAX_LAZY_DEPTH / 2 - 5) {
        src.push_str("a = a + x*a\n");
    }
    src.push_str("coeff(a, 3)\n");
    let mut out = Vec::new();
    let r = Interp::new().run(&src, |o| out.push(o.text.clone()));
    assert!(r.is_ok(), "{:?}", r.err().map(|d| d.message));
}
