//! Newton iterations and base cases for inverse, exp and log on common-denominator
//! integer vectors. Each Newton step doubles the precision; the new half is
//! canonicalised on its own denominator before it is joined to the old half, so the
//! integers stay as small as the exact answer allows.

use malachite::base::num::arithmetic::traits::{DivExact, Pow};
use malachite::base::num::basic::traits::{NegativeOne, One, Zero};
use malachite::base::num::logic::traits::SignificantBits;
use malachite::{Integer, Natural};

use crate::error::Result;
use crate::limits;
use crate::zvec;

/// Below this many terms, `1/F` for `F(0) = +-1` uses the O(n^2) recurrence.
pub(crate) const INVERSE_CUTOFF: usize = 24;
/// Below this many terms, `exp` of an integer series uses the O(n^2) recurrence.
pub(crate) const EXP_CUTOFF: usize = 32;

/// The precisions of a Newton iteration from `n` down to the base case, descending.
fn ladder(n: usize, cutoff: usize) -> Vec<usize> {
    let mut sizes = vec![n];
    while let Some(&last) = sizes.last() {
        if last <= cutoff.max(1) {
            break;
        }
        sizes.push(last.div_ceil(2));
    }
    sizes
}

/// `1/F` to `n` terms for an integer vector with `F(0) != 0`, as `(G, den)`.
pub(crate) fn inverse(f: &[Integer], n: usize) -> Result<(Vec<Integer>, Natural)> {
    if n == 0 {
        return Ok((Vec::new(), Natural::ONE));
    }
    let c = &f[0];
    let unit = *c == Integer::ONE || *c == Integer::NEGATIVE_ONE;
    let sizes = ladder(n, if unit { INVERSE_CUTOFF } else { 1 });
    let base = sizes[sizes.len() - 1];
    let (g, mut gden) = if unit {
        (inverse_unit_basecase(f, base)?, Natural::ONE)
    } else {
        let sign = if *c < Integer::ZERO {
            Integer::NEGATIVE_ONE
        } else {
            Integer::ONE
        };
        (vec![sign], c.unsigned_abs_ref().clone())
    };
    let mut g: Vec<Integer> = g;
    let mut m = base;
    for &nn in sizes.iter().rev().skip(1) {
        limits::check_cancel()?;
        // f g = 1 + x^m e + ...;  g <- g - x^m g e.
        let t = zvec::mullow(&f[..f.len().min(nn)], &g, nn);
        let mut e = if t.len() > m {
            t[m..].to_vec()
        } else {
            Vec::new()
        };
        let mut eden = gden.clone();
        zvec::canonicalise(&mut e, &mut eden);
        let mut h = zvec::mullow(&g, &e, nn - m);
        zvec::negate(&mut h);
        let mut hden = &gden * &eden;
        zvec::canonicalise(&mut h, &mut hden);
        zvec::concat_high(&mut g, &mut gden, h, &hden, m);
        m = nn;
    }
    Ok((g, gden))
}

/// `g_k = -F_0 sum_(j=1..k) F_j g_(k-j)` with `g_0 = F_0 = +-1`.
fn inverse_unit_basecase(f: &[Integer], n: usize) -> Result<Vec<Integer>> {
    let c = f[0].clone();
    let mut g: Vec<Integer> = Vec::with_capacity(n);
    g.push(c.clone());
    for k in 1..n {
        let mut acc = Integer::ZERO;
        for j in 1..=k.min(f.len().saturating_sub(1)) {
            if f[j] != Integer::ZERO {
                acc += &f[j] * &g[k - j];
            }
        }
        g.push(if c == Integer::ONE { -acc } else { acc });
    }
    zvec::trim(&mut g);
    Ok(g)
}

/// `exp(H/hden)` to `n` terms (`H(0) = 0`), as canonical `(F, den)`.
pub(crate) fn exp(h: &[Integer], hden: &Natural, n: usize) -> Result<(Vec<Integer>, Natural)> {
    if n == 0 {
        return Ok((Vec::new(), Natural::ONE));
    }
    if h.len() <= 1 {
        return Ok((vec![Integer::ONE], Natural::ONE));
    }
    // h' numerators over hden.
    let hp: Vec<Integer> = h
        .iter()
        .enumerate()
        .skip(1)
        .take(n.saturating_sub(1))
        .map(|(k, c)| c * Integer::from(k as u64))
        .collect();
    let bits = hden.significant_bits();
    let cutoff = if bits <= 1 {
        EXP_CUTOFF
    } else {
        (EXP_CUTOFF * 64 / (bits as usize + 64)).max(2)
    };
    let sizes = ladder(n, cutoff);
    let base = sizes[sizes.len() - 1];
    let (mut f, mut fden) = exp_basecase(&hp, hden, base)?;
    if sizes.len() == 1 {
        return Ok((f, fden));
    }
    let (mut g, mut gden) = {
        let (mut g, gden) = inverse(&f, base)?;
        zvec::scale(&mut g, &Integer::from(&fden));
        let mut gden = gden;
        zvec::canonicalise(&mut g, &mut gden);
        (g, gden)
    };
    let mut m = base;
    let steps = sizes.len() - 1;
    for (step, &nn) in sizes.iter().rev().skip(1).enumerate() {
        limits::check_cancel()?;
        // t = (h' f)[m-1 .. nn-1): the part of h' f - f' that is not yet zero.
        let l = hp.len().min(nn - 1);
        let full = zvec::mullow(&hp[..l], &f, nn - 1);
        let mut t = if full.len() > m - 1 {
            full[m - 1..].to_vec()
        } else {
            Vec::new()
        };
        let mut tden = hden * &fden;
        zvec::canonicalise(&mut t, &mut tden);
        // u = g t (nn - m terms), integrated with offset m: the high part of h - log f.
        let mut u = zvec::mullow(&g, &t, nn - m);
        let mut uden = &gden * &tden;
        zvec::canonicalise(&mut u, &mut uden);
        zvec::integral_offset(&mut u, &mut uden, m);
        // f <- f + x^m (f u)
        let mut fh = zvec::mullow(&f, &u, nn - m);
        let mut fhden = &fden * &uden;
        zvec::canonicalise(&mut fh, &mut fhden);
        zvec::concat_high(&mut f, &mut fden, fh, &fhden, m);
        if step + 1 < steps {
            // g <- g - x^m g (f g)_high, the inverse to the new precision.
            let full = zvec::mullow(&f, &g, nn);
            let mut e = if full.len() > m {
                full[m..].to_vec()
            } else {
                Vec::new()
            };
            let mut eden = &fden * &gden;
            zvec::canonicalise(&mut e, &mut eden);
            let mut gh = zvec::mullow(&g, &e, nn - m);
            zvec::negate(&mut gh);
            let mut ghden = &gden * &eden;
            zvec::canonicalise(&mut gh, &mut ghden);
            zvec::concat_high(&mut g, &mut gden, gh, &ghden, m);
        }
        m = nn;
    }
    Ok((f, fden))
}

/// The recurrence `k f_k = sum_j (j h_j) f_(k-j)` in integers: with `h' = A'/D`,
/// `B_0 = (n-1)! D^(n-1)` and `B_k = (sum_(j=1..k) A'_(j-1) B_(k-j)) / (D k)` exactly;
/// then `f = B / B_0`.
fn exp_basecase(hp: &[Integer], hden: &Natural, n: usize) -> Result<(Vec<Integer>, Natural)> {
    let d = Integer::from(hden);
    let mut b0 = d.clone().pow(n as u64 - 1);
    for k in 2..n as u64 {
        b0 *= Integer::from(k);
    }
    let mut b: Vec<Integer> = Vec::with_capacity(n);
    b.push(b0.clone());
    for k in 1..n {
        limits::check_cancel()?;
        let mut acc = Integer::ZERO;
        for j in 1..=k.min(hp.len()) {
            if hp[j - 1] != Integer::ZERO {
                acc += &hp[j - 1] * &b[k - j];
            }
        }
        b.push(acc.div_exact(&d * Integer::from(k as u64)));
    }
    let mut den = Natural::try_from(b0).unwrap_or(Natural::ONE);
    zvec::canonicalise(&mut b, &mut den);
    Ok((b, den))
}

/// `log(F/d)` to `n` terms where `F(0) = d` (so the constant term is 1): `int F'/F`.
pub(crate) fn log(f: &[Integer], n: usize) -> Result<(Vec<Integer>, Natural)> {
    if n <= 1 || f.len() <= 1 {
        return Ok((Vec::new(), Natural::ONE));
    }
    let (g, gden) = inverse(f, n - 1)?;
    let fp: Vec<Integer> = f
        .iter()
        .enumerate()
        .skip(1)
        .take(n - 1)
        .map(|(k, c)| c * Integer::from(k as u64))
        .collect();
    let mut t = zvec::mullow(&fp, &g, n - 1);
    let mut tden = gden;
    zvec::canonicalise(&mut t, &mut tden);
    zvec::integral_offset(&mut t, &mut tden, 1);
    if !t.is_empty() {
        t.insert(0, Integer::ZERO);
    }
    Ok((t, tden))
}
