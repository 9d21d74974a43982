//! Table-driven tests of the parser: precedence and shapes as S-expressions, error
//! messages and their positions, rendering, nesting limits and `is_incomplete`.

use anyon_lang::syntax::{
    ExprKind, MAX_DEPTH, StmtKind, is_incomplete, parse_expr, parse_program, to_source,
};

/// Parses `input` as a program and compares its S-expression (statements joined by
/// `"; "`).
#[track_caller]
fn check(input: &str, expected: &str) {
    match parse_program(input) {
        Ok(p) => assert_eq!(p.to_sexpr(), expected, "input: {input:?}"),
        Err(e) => panic!("{input:?} failed to parse:\n{}", e.render(input)),
    }
}

/// Parses `input`, expects an error with `message` at 1-based `line`, `column`.
#[track_caller]
fn check_err(input: &str, message: &str, line: usize, column: usize) {
    match parse_program(input) {
        Ok(p) => panic!("{input:?} parsed as {}", p.to_sexpr()),
        Err(e) => {
            assert_eq!(e.message, message, "input: {input:?}");
            let lc = e.line_col(input);
            assert_eq!((lc.line, lc.column), (line, column), "input: {input:?}");
        }
    }
}

#[test]
fn precedence() {
    for (input, expected) in [
        ("-x^2", "(neg (^ x 2))"),
        ("2x^3", "(* 2 (^ x 3))"),
        ("2^3^2", "(^ 2 (^ 3 2))"),
        ("a/b*c", "(* (/ a b) c)"),
        ("a-b-c", "(- (- a b) c)"),
        ("a-(b-c)", "(- a (- b c))"),
        ("1/(1-x)", "(/ 1 (- 1 x))"),
        ("1 + 2*3", "(+ 1 (* 2 3))"),
        ("(1 + 2)*3", "(* (+ 1 2) 3)"),
        (
            "Z(6) == (1+x)/(1+x^3)",
            "(== (Z 6) (/ (+ 1 x) (+ 1 (^ x 3))))",
        ),
        ("coeff(PE(x/(1-x)), 100)", "(coeff (PE (/ x (- 1 x))) 100)"),
        ("2^-1", "(^ 2 (neg 1))"),
        ("2^-x^2", "(^ 2 (neg (^ x 2)))"),
        ("-a*b", "(* (neg a) b)"),
        ("-(a*b)", "(neg (* a b))"),
        ("a*-b", "(* a (neg b))"),
        ("a - -b", "(- a (neg b))"),
        ("--x", "(neg (neg x))"),
        ("(-x)^2", "(^ (neg x) 2)"),
        ("x^2^-3", "(^ x (^ 2 (neg 3)))"),
        ("a + b == c * d", "(== (+ a b) (* c d))"),
        ("(a == b) == c", "(== (== a b) c)"),
        ("f(x)^2", "(^ (f x) 2)"),
        ("[1,2]^2", "(^ [1 2] 2)"),
    ] {
        check(input, expected);
    }
}

#[test]
fn implicit_multiplication() {
    for (input, expected) in [
        ("2x", "(* 2 x)"),
        ("3x^2", "(* 3 (^ x 2))"),
        ("2(1+x)", "(* 2 (+ 1 x))"),
        ("2 x", "(* 2 x)"),
        ("2\tx", "(* 2 x)"),
        ("x y", "(* x y)"),
        ("2x y", "(* (* 2 x) y)"),
        ("(1+x)(1-x)", "(* (+ 1 x) (- 1 x))"),
        ("(1+x)x", "(* (+ 1 x) x)"),
        ("x (1+x)", "(* x (+ 1 x))"),
        ("x(1+x)", "(x (+ 1 x))"),
        ("2f(x)", "(* 2 (f x))"),
        ("1/2x", "(* (/ 1 2) x)"),
        ("1/2x^3", "(* (/ 1 2) (^ x 3))"),
        ("-2x^2", "(* (neg 2) (^ x 2))"),
        ("x^2(1-x)", "(* (^ x 2) (- 1 x))"),
        (
            "(x - 2x^2)/(1 - x + x^2)",
            "(/ (- x (* 2 (^ x 2))) (+ (- 1 x) (^ x 2)))",
        ),
        ("1 + x + 2x^2", "(+ (+ 1 x) (* 2 (^ x 2)))"),
        ("2e", "(* 2 e)"),
        ("2e-x", "(- (* 2 e) x)"),
        ("2 e3", "(* 2 e3)"),
        ("2.5x", "(* 2.5 x)"),
    ] {
        check(input, expected);
    }
}

#[test]
fn literals() {
    for (input, expected) in [
        ("0", "0"),
        ("007", "007"),
        (
            "123456789012345678901234567890",
            "123456789012345678901234567890",
        ),
        ("0.25", "0.25"),
        ("1e-3", "1e-3"),
        ("1E+3", "1e3"),
        ("2.50e10", "2.50e10"),
        ("1e0", "1"),
        ("x_1", "x_1"),
        ("_tmp", "_tmp"),
        ("αβ2", "αβ2"),
        ("\"a b\"", "\"a b\""),
        (r#""q\"\\\n\t\u{3b1}""#, r#""q\"\\\n\tα""#),
        ("%", "%"),
        ("%12", "%12"),
        ("% + %1", "(+ % %1)"),
        ("[]", "[]"),
        ("[1, [2, 3]]", "[1 [2 3]]"),
        ("f()", "(f)"),
        ("O(x^8)", "(O (^ x 8))"),
        ("1/(1-x) + O(x^8)", "(+ (/ 1 (- 1 x)) (O (^ x 8)))"),
    ] {
        check(input, expected);
    }
}

#[test]
fn number_values() {
    let e = parse_expr("0.25").unwrap();
    let ExprKind::Number(n) = &e.kind else {
        panic!("not a number")
    };
    assert_eq!(n.scaled_digits(), Some(("025".to_string(), -2)));
    let e = parse_expr("12.5e3").unwrap();
    let ExprKind::Number(n) = &e.kind else {
        panic!("not a number")
    };
    assert_eq!(n.scaled_digits(), Some(("125".to_string(), 2)));
    assert!(n.integer == "12" && !n.is_integer());
}

#[test]
fn statements() {
    for (input, expected) in [
        (
            "p = PE(x/(1-x)); coeff(p, 10)",
            "(= p (PE (/ x (- 1 x)))); (coeff p 10)",
        ),
        ("a = 1\nb = 2\na + b", "(= a 1); (= b 2); (+ a b)"),
        ("a = 1\r\nb = 2\r\n", "(= a 1); (= b 2)"),
        ("x=1", "(= x 1)"),
        ("x == 1", "(== x 1)"),
        ("a = b == c", "(= a (== b c))"),
        ("1;;2;", "1; 2"),
        ("\n\n  1  \n\n", "1"),
        ("", ""),
        ("   ", ""),
        ("# just a comment", ""),
        ("1 # one\n2 # two", "1; 2"),
        ("1 + # comment\n 2", "(+ 1 2)"),
        ("f(1, # first\n  2) # done", "(f 1 2)"),
        ("1 +\n2", "(+ 1 2)"),
        ("p =\n  3", "(= p 3)"),
        ("-\nx", "(neg x)"),
        ("2^\n3", "(^ 2 3)"),
        ("a ==\n b", "(== a b)"),
        ("1\n+ 2", "1; (+ 2)"),
    ] {
        if input == "1\n+ 2" {
            // there is no unary plus: a line starting with `+` is an error
            check_err(input, "expected an expression, found `+`", 2, 1);
            continue;
        }
        check(input, expected);
    }
}

#[test]
fn multi_line_brackets() {
    check(
        "coeffs(\n  PE(x/(1-x)),\n  8\n)",
        "(coeffs (PE (/ x (- 1 x))) 8)",
    );
    check("(1 +\n x\n)", "(+ 1 x)");
    check("[1,\n 2,\n 3]", "[1 2 3]");
    check("(1\n + x)", "(+ 1 x)");
    check("f(\n)", "(f)");
    check("[\n]", "[]");
    check("(a\n == b)", "(== a b)");
}

#[test]
fn errors() {
    for (input, message, line, column) in [
        ("1/", "expected an expression after `/`", 1, 3),
        (
            "1 + * 2",
            "expected an expression after `+`, found `*`",
            1,
            5,
        ),
        ("2**3", "expected an expression after `*`, found `*`", 1, 3),
        ("(1 + x", "unclosed `(`", 1, 1),
        ("f(1, 2", "unclosed `(`", 1, 2),
        ("[1, 2", "unclosed `[`", 1, 1),
        ("1 + x)", "unmatched `)`", 1, 6),
        (")", "unmatched `)`", 1, 1),
        ("]", "unmatched `]`", 1, 1),
        (
            "(1]",
            "mismatched `]`: expected `)` to close the `(` at line 1, column 1",
            1,
            3,
        ),
        (
            "[1)",
            "mismatched `)`: expected `]` to close the `[` at line 1, column 1",
            1,
            3,
        ),
        (
            "f(1 2)",
            "expected `,` or `)` to close the `(` at line 1, column 2, found `2`",
            1,
            5,
        ),
        (
            "[1 2]",
            "expected `,` or `]` to close the `[` at line 1, column 1, found `2`",
            1,
            4,
        ),
        ("f(1,)", "expected an expression after `,`, found `)`", 1, 5),
        ("()", "empty parentheses", 1, 1),
        (
            "1 2",
            "expected an operator, `;` or a newline, found `2`",
            1,
            3,
        ),
        (
            "x 2",
            "expected an operator, `;` or a newline, found `2`",
            1,
            3,
        ),
        ("a == b == c", "comparisons cannot be chained", 1, 8),
        ("f(x) = 1", "unexpected `=`", 1, 6),
        ("a = b = 1", "unexpected `=`", 1, 7),
        ("x^", "expected an exponent after `^`", 1, 3),
        ("-", "expected an expression after `-`", 1, 2),
        ("x =", "expected an expression after `=`", 1, 4),
        (".5", "expected an expression, found `.`", 1, 1),
        ("\"abc", "unterminated string", 1, 1),
        ("\"a\nb\"", "unterminated string", 1, 1),
        ("\"\\q\"", "unknown escape `\\q` in string", 1, 2),
        (
            "\"\\u{110000}\"",
            "invalid unicode escape: write `\\u{HEX}` with 1 to 6 hex digits of a valid character",
            1,
            2,
        ),
        (
            "1e99999999999999999999",
            "exponent of the number literal is out of range",
            1,
            3,
        ),
        (
            "%99999999999999999999999",
            "result number out of range",
            1,
            1,
        ),
        (
            "a = 1\nb = (2 +\n* 3)",
            "expected an expression after `+`, found `*`",
            3,
            1,
        ),
        (
            "αβγ + * 1",
            "expected an expression after `+`, found `*`",
            1,
            7,
        ),
        (
            "1 $ 2",
            "expected an operator, `;` or a newline, found `$`",
            1,
            3,
        ),
        (
            "(1\n2)",
            "expected `,` or `)` to close the `(` at line 1, column 1, found `2`",
            2,
            1,
        ),
    ] {
        check_err(input, message, line, column);
    }
}

#[test]
fn render_shows_line_column_and_caret() {
    let src = "1/";
    let e = parse_program(src).unwrap_err();
    assert_eq!(
        e.render(src),
        "error: expected an expression after `/`\n \
         --> line 1, column 3\n  \
         |\n\
         1 | 1/\n  \
         |   ^\n"
    );

    let src = "a = 1\nb = foo(1,\n  2 3)";
    let e = parse_program(src).unwrap_err();
    let text = e.render(src);
    assert!(text.contains("--> line 3, column 5"), "{text}");
    assert!(text.contains("3 |   2 3)\n  |     ^\n"), "{text}");

    // Carets cover the found token, counted in characters.
    let src = "αβ + )";
    let text = parse_program(src).unwrap_err().render(src);
    assert!(text.contains("1 | αβ + )\n  |      ^\n"), "{text}");
    let src = "x + 1 2345";
    let text = parse_program(src).unwrap_err().render(src);
    assert!(text.contains("  |       ^^^^\n"), "{text}");

    // A very long line is shown as a window around the caret.
    let src = format!("{}1 + * 2{}", "x + ".repeat(1000), " + x".repeat(1000));
    let text = parse_program(&src).unwrap_err().render(&src);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[3].len() < 120 && lines[3].contains("1 + * 2") && lines[3].starts_with("1 | ..."),
        "{text}"
    );
    let caret = lines[4].find('^').unwrap();
    assert_eq!(&lines[3][caret..caret + 1], "*", "{text}");

    // Help lines and file names.
    let src = "(1 + x";
    let text = parse_program(src)
        .unwrap_err()
        .render_named(src, Some("a.anyon"));
    assert!(text.contains("--> a.anyon, line 1, column 1"), "{text}");
    assert!(text.contains("= help: add `)` to close it"), "{text}");
}

#[test]
fn spans() {
    let src = "p = 2x + f(1, [a])";
    let p = parse_program(src).unwrap();
    let StmtKind::Assign { name, value } = &p.stmts[0].kind else {
        panic!()
    };
    assert_eq!(&src[name.span.range()], "p");
    assert_eq!(&src[value.span.range()], "2x + f(1, [a])");
    assert_eq!(&src[p.stmts[0].span.range()], src);
    let ExprKind::Chain { head, links } = &value.kind else {
        panic!()
    };
    assert_eq!(&src[head.span.range()], "2x");
    assert_eq!(&src[links[0].op_span.range()], "+");
    let ExprKind::Call { callee, args } = &links[0].rhs.kind else {
        panic!()
    };
    assert_eq!(&src[callee.span.range()], "f");
    assert_eq!(&src[args[1].span.range()], "[a]");
    let ExprKind::Chain { links: inner, .. } = &head.kind else {
        panic!()
    };
    assert!(inner[0].is_implicit());

    // Parentheses belong to the span of what they enclose.
    let src = "((1 + x)) ^ 2";
    let e = parse_expr(src).unwrap();
    let ExprKind::Pow { base, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(&src[base.span.range()], "((1 + x))");
    assert_eq!(&src[e.span.range()], src);

    // Line and column are recoverable from the span, UTF-8 safe.
    let src = "a = 1\n  βb + 2";
    let p = parse_program(src).unwrap();
    let lc = p.stmts[1].span.line_col(src);
    assert_eq!((lc.line, lc.column), (2, 3));
}

/// 100,000 nested brackets (and signs, exponents, calls) give the depth error, in a
/// debug build, on a test thread's default stack.
#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let n = 100_000;
    let limit_msg = format!("more than {MAX_DEPTH} levels");
    for src in [
        format!("{}x{}", "(".repeat(n), ")".repeat(n)),
        "(".repeat(n),
        format!("{}x{}", "[".repeat(n), "]".repeat(n)),
        format!("{}x{}", "f(".repeat(n), ")".repeat(n)),
        format!("{}x", "-".repeat(n)),
        format!("x{}", "^2".repeat(n)),
        format!("{}x", "2^-".repeat(n)),
        format!("{}1{}", "(1+".repeat(n), ")".repeat(n)),
    ] {
        let e = parse_program(&src).unwrap_err();
        assert!(e.message.contains(&limit_msg), "{}", e.message);
        assert!(e.render(&src).contains(&MAX_DEPTH.to_string()));
        assert!(!is_incomplete(&src));
    }
}

/// Input nested exactly to the limit parses within 2 MiB of stack in a debug build
/// (measured: about 1.3 MiB for brackets, about 10 KiB per level), and one level
/// more is refused.
#[test]
fn nesting_up_to_the_limit_fits_a_small_stack() {
    let d = MAX_DEPTH as usize;
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let mut outcomes = Vec::new();
            for (open, close) in [("(", ")"), ("[", "]"), ("f(", ")"), ("(1+", ")")] {
                let ok = format!("{}x{}", open.repeat(d), close.repeat(d));
                let too_deep = format!("{}x{}", open.repeat(d + 1), close.repeat(d + 1));
                outcomes.push((parse_expr(&ok).is_ok(), parse_expr(&too_deep).is_err()));
            }
            let minus = format!("{}x", "-".repeat(d));
            outcomes.push((
                parse_expr(&minus).is_ok(),
                parse_expr(&format!("-{minus}")).is_err(),
            ));
            let tower = format!("x{}", "^2".repeat(d));
            outcomes.push((
                parse_expr(&tower).is_ok(),
                parse_expr(&format!("{tower}^2")).is_err(),
            ));
            outcomes
        })
        .unwrap();
    for (accepted, refused) in handle.join().unwrap() {
        assert!(accepted && refused);
    }
    let src = format!("{}x{}", "(".repeat(d), ")".repeat(d));
    assert_eq!(to_source(&parse_expr(&src).unwrap()), "x");
}

/// Long sums and products are flat chains: no depth limit, no deep recursion.
#[test]
fn long_chains_are_flat() {
    let terms: Vec<String> = (0..20_000).map(|k| format!("{k}x^{k}")).collect();
    let src = terms.join(" + ");
    let e = parse_expr(&src).unwrap();
    let ExprKind::Chain { links, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(links.len(), 19_999);
    let back = to_source(&e);
    assert_eq!(
        parse_expr(&back).unwrap().without_spans(),
        e.without_spans()
    );
    let src = vec!["x"; 50_000].join("*");
    assert!(parse_expr(&src).is_ok());
}

#[test]
fn incomplete_input() {
    for (input, expected) in [
        ("(", true),
        ("f(1,", true),
        ("coeff(PE(x/(1-x)),", true),
        ("[1, 2", true),
        ("1 +", true),
        ("1 + # comment", true),
        ("1 +\n", true),
        ("p =", true),
        ("2^", true),
        ("-", true),
        ("a ==", true),
        ("(1 +\n x", true),
        ("1; 2 *", true),
        ("", false),
        ("1 + 2", false),
        ("1 + )", false),
        (")", false),
        ("(1]", false),
        ("1 2", false),
        ("\"abc", false),
        ("x = 1\n", false),
    ] {
        assert_eq!(is_incomplete(input), expected, "input: {input:?}");
    }
}

#[test]
fn parse_expr_rejects_trailing_text() {
    assert_eq!(parse_expr(" 1 + x \n").unwrap().to_sexpr(), "(+ 1 x)");
    let e = parse_expr("1; 2").unwrap_err();
    assert_eq!(
        e.message,
        "expected an operator, `;` or a newline, found `;`"
    );
    assert!(parse_expr("").is_err());
}
