//! Newton iterations and base cases for inverse, exp and log on common-denominator
//! integer vectors. Each Newton step doubles the precision; the new half is
//! canonicalised on its own denominator before it is joined to the old half, so the
//! integers stay as small as the exact answer allows.

use malachite::base::num::arithmetic::traits::{DivExact, Pow, UnsignedAbs};
use malachite::base::num::basic::traits::{NegativeOne, One, Zero};
use malachite::base::num::logic::traits::SignificantBits;
use malachite::{Integer, Natural};

use crate::error::Result;
use crate::limits;
use crate::zvec;

/// Up to this many terms, `1/F` for `F(0) = +-1` uses the O(n^2) recurrence.
///
/// Measured (`cargo bench -p anyon-series -- cutover`, medians): all-base-case vs
/// all-Newton for random integer inputs, 0.8 vs 1.7 us at n = 8, 2.8 vs 2.7 us at 16,
/// 10.1 vs 8.2 us at 32, 52 vs 21 us at 64.
pub(crate) const INVERSE_CUTOFF: usize = 16;
/// Up to this many terms, `exp` of a series with denominator 1 uses the O(n^2)
/// recurrence; larger denominators lower the cut-over in proportion to their size,
/// since the base case scales its integers by `(n-1)! D^(n-1)`.
///
/// Measured as above for integer and half-integer inputs: 176 vs 192 us at n = 64,
/// 732 vs 941 us at 128, 4.1 vs 4.0 ms at 256, 34 vs 13 ms at 512 (integer); the
/// half-integer input crosses at the same place.
pub(crate) const EXP_CUTOFF: usize = 128;

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
    inverse_with_cutoff(f, n, INVERSE_CUTOFF)
}

/// [`inverse`] with an explicit base-case size (for measuring the cut-over).
pub(crate) fn inverse_with_cutoff(
    f: &[Integer],
    n: usize,
    cutoff: usize,
) -> Result<(Vec<Integer>, Natural)> {
    if n == 0 {
        return Ok((Vec::new(), Natural::ONE));
    }
    let c = &f[0];
    let unit = *c == Integer::ONE || *c == Integer::NEGATIVE_ONE;
    let sizes = ladder(n, if unit { cutoff } else { 1 });
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
    let bits = hden.significant_bits();
    let cutoff = if bits <= 1 {
        EXP_CUTOFF
    } else {
        (EXP_CUTOFF * 64 / (bits as usize + 64)).max(2)
    };
    exp_with_cutoff(h, hden, n, cutoff)
}

/// [`exp`] with an explicit base-case size (for measuring the cut-over).
pub(crate) fn exp_with_cutoff(
    h: &[Integer],
    hden: &Natural,
    n: usize,
    cutoff: usize,
) -> Result<(Vec<Integer>, Natural)> {
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
    let sizes = ladder(n, cutoff);
    let base = sizes[sizes.len() - 1];
    // h' is used a prefix at a time; each prefix is kept canonical on its own, smaller
    // denominator (extended segment by segment), so early steps multiply small integers.
    let mut hpc: Vec<Integer> = Vec::new();
    let mut hpc_den = Natural::ONE;
    let mut hpc_len = 0;
    let mut extend_hp = |to: usize, hpc: &mut Vec<Integer>, hpc_den: &mut Natural| {
        let to = to.min(hp.len());
        if to > hpc_len {
            let mut segment = hp[hpc_len..to].to_vec();
            let mut sden = hden.clone();
            zvec::canonicalise(&mut segment, &mut sden);
            zvec::concat_high(hpc, hpc_den, segment, &sden, hpc_len);
            hpc_len = to;
        }
    };
    extend_hp(base.saturating_sub(1), &mut hpc, &mut hpc_den);
    let (mut f, mut fden) = exp_basecase(&hpc, &hpc_den, base)?;
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
        extend_hp(nn - 1, &mut hpc, &mut hpc_den);
        let l = hpc.len().min(nn - 1);
        let full = zvec::mullow(&hpc[..l], &f, nn - 1);
        let mut t = if full.len() > m - 1 {
            full[m - 1..].to_vec()
        } else {
            Vec::new()
        };
        let mut tden = &hpc_den * &fden;
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
    let mut den = b0.unsigned_abs();
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
