//! Kernels on integer coefficient vectors, the workhorse of the common-denominator
//! representation (a rational polynomial or series is a vector of integer numerators
//! over one positive denominator, as FLINT's `fmpq_poly` is).
//!
//! Conventions: a vector is *trimmed* (no trailing zeros); an index past the end reads
//! as zero. Every function here is exact and allocation-conscious; none does I/O.

#[cfg(test)]
use malachite::base::num::arithmetic::traits::Pow;
use malachite::base::num::arithmetic::traits::{DivExact, DivExactAssign, DivRem, Gcd};
use malachite::base::num::basic::traits::{NegativeOne, One, Zero};
use malachite::base::polynomial::{MulTruncated, Polynomial as _};
use malachite::integer_polynomial::IntegerPolynomial;
use malachite::{Integer, Natural};

pub(crate) static ZERO: Integer = Integer::ZERO;

/// At most this many nonzero terms in one factor: multiply term by term.
const SPARSE_TERMS: usize = 6;

/// Drops trailing zeros.
pub(crate) fn trim(v: &mut Vec<Integer>) {
    while v.last().is_some_and(|c| *c == Integer::ZERO) {
        v.pop();
    }
}

/// Reads entry `i`, zero past the end.
#[inline]
pub(crate) fn get(v: &[Integer], i: usize) -> &Integer {
    v.get(i).unwrap_or(&ZERO)
}

fn nonzero_count(v: &[Integer]) -> usize {
    v.iter().filter(|c| **c != Integer::ZERO).count()
}

/// The product of `a` and `b` truncated to its first `n` coefficients (trimmed).
///
/// A factor with few nonzero terms (such as `1 - x^d`) is applied term by term in
/// O(n) per term; otherwise malachite's integer-polynomial multiplication (classical,
/// Karatsuba, Kronecker substitution or Schoenhage-Strassen by size) does the work.
pub(crate) fn mullow(a: &[Integer], b: &[Integer], n: usize) -> Vec<Integer> {
    let a = &a[..a.len().min(n)];
    let b = &b[..b.len().min(n)];
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let (short, long) = if nonzero_count(a) <= nonzero_count(b) {
        (a, b)
    } else {
        (b, a)
    };
    let mut r = if nonzero_count(short) <= SPARSE_TERMS {
        sparse_mullow(short, long, n)
    } else {
        let pa = IntegerPolynomial::from_coefficients_asc(a.to_vec());
        let pb = IntegerPolynomial::from_coefficients_asc(b.to_vec());
        (&pa).mul_truncated(&pb, n as u64).into_coefficients_asc()
    };
    r.truncate(n);
    trim(&mut r);
    r
}

/// The full product of `a` and `b` (trimmed).
pub(crate) fn mul(a: &[Integer], b: &[Integer]) -> Vec<Integer> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    mullow(a, b, a.len() + b.len() - 1)
}

fn sparse_mullow(short: &[Integer], long: &[Integer], n: usize) -> Vec<Integer> {
    let len = (short.len() + long.len() - 1).min(n);
    let mut r = vec![Integer::ZERO; len];
    for (i, c) in short.iter().enumerate() {
        if *c == Integer::ZERO || i >= len {
            continue;
        }
        let end = (len - i).min(long.len());
        if *c == Integer::ONE {
            for (dst, src) in r[i..i + end].iter_mut().zip(&long[..end]) {
                *dst += src;
            }
        } else if *c == Integer::NEGATIVE_ONE {
            for (dst, src) in r[i..i + end].iter_mut().zip(&long[..end]) {
                *dst -= src;
            }
        } else {
            for (dst, src) in r[i..i + end].iter_mut().zip(&long[..end]) {
                *dst += c * src;
            }
        }
    }
    r
}

/// `a + b` (trimmed).
pub(crate) fn add(a: &[Integer], b: &[Integer]) -> Vec<Integer> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut r = long.to_vec();
    for (dst, src) in r.iter_mut().zip(short) {
        *dst += src;
    }
    trim(&mut r);
    r
}

/// Multiplies every entry by `m`.
pub(crate) fn scale(v: &mut [Integer], m: &Integer) {
    if *m == Integer::ONE {
        return;
    }
    for c in v.iter_mut() {
        *c *= m;
    }
}

/// Negates every entry.
pub(crate) fn negate(v: &mut [Integer]) {
    for c in v.iter_mut() {
        *c = -std::mem::take(c);
    }
}

/// The gcd of `g` and every entry of `v` (stops early once it reaches 1).
pub(crate) fn gcd_with(mut g: Natural, v: &[Integer]) -> Natural {
    for c in v {
        if g == Natural::ONE {
            break;
        }
        if *c != Integer::ZERO {
            g = (&g).gcd(c.unsigned_abs_ref());
        }
    }
    g
}

/// The content (gcd of the entries, 0 for the zero vector).
pub(crate) fn content(v: &[Integer]) -> Natural {
    gcd_with(Natural::ZERO, v)
}

/// Divides `num` and `den` by the gcd of `den` and the content of `num`, so that the
/// pair is canonical. A zero vector gets denominator 1.
///
/// Instead of one big gcd per coefficient, the gcd of `den` with a pseudo-random
/// linear combination of the numerators gives a candidate divisor (almost always the
/// right one, and 1 for a pair that is already canonical); it is then verified by
/// divisibility, and lowered by a true gcd wherever the check fails. So the result is
/// exact whatever the combination.
pub(crate) fn canonicalise(num: &mut Vec<Integer>, den: &mut Natural) {
    trim(num);
    if num.is_empty() {
        *den = Natural::ONE;
        return;
    }
    if *den == Natural::ONE {
        return;
    }
    let mut g = canonical_divisor(num, den);
    // Divide with remainder; a nonzero remainder (the candidate was too big) lowers the
    // divisor by a true gcd and restarts.
    while g != Natural::ONE {
        match divide_all(num, &g) {
            Ok(quotients) => {
                *num = quotients;
                *den = (&*den).div_exact(&g);
                return;
            }
            Err(c) => g = (&g).gcd(c.unsigned_abs_ref()),
        }
    }
}

/// Above this many limbs in all, the division pass runs on every available core.
const PARALLEL_LIMBS: usize = 1 << 16;

/// Every entry divided by `g`, or the first entry with a nonzero remainder.
fn divide_all(num: &[Integer], g: &Natural) -> Result<Vec<Integer>, Integer> {
    let gi = Integer::from(g);
    let divide = |chunk: &[Integer]| -> Result<Vec<Integer>, Integer> {
        let mut out = Vec::with_capacity(chunk.len());
        for c in chunk {
            if *c == Integer::ZERO {
                out.push(Integer::ZERO);
                continue;
            }
            let (q, r) = c.div_rem(&gi);
            if r != Integer::ZERO {
                return Err(c.clone());
            }
            out.push(q);
        }
        Ok(out)
    };
    let limbs: usize = num
        .iter()
        .map(|c| c.unsigned_abs_ref().limb_count() as usize)
        .sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || limbs < PARALLEL_LIMBS || num.len() < 2 * threads {
        return divide(num);
    }
    // Chunks of equal work (limbs), each on its own scoped thread.
    let per = limbs.div_ceil(threads);
    let mut bounds = vec![0];
    let mut acc = 0;
    for (i, c) in num.iter().enumerate() {
        acc += c.unsigned_abs_ref().limb_count() as usize;
        if acc >= per * bounds.len() && bounds.len() < threads {
            bounds.push(i + 1);
        }
    }
    bounds.push(num.len());
    bounds.dedup();
    let parts: Vec<Result<Vec<Integer>, Integer>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let chunk = &num[w[0]..w[1]];
                (chunk, scope.spawn(move || divide(chunk)))
            })
            .collect();
        // A thread that failed to finish has its chunk redone here.
        handles
            .into_iter()
            .map(|(chunk, h)| h.join().unwrap_or_else(|_| divide(chunk)))
            .collect()
    });
    let mut out = Vec::with_capacity(num.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// The gcd of `den` and the content of `num`.
fn canonical_divisor(num: &[Integer], den: &Natural) -> Natural {
    let nonzero = num.iter().filter(|c| **c != Integer::ZERO).count();
    if nonzero <= 4 {
        return gcd_with(den.clone(), num);
    }
    // A linear combination with multipliers from a fixed xorshift sequence.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut combo = Integer::ZERO;
    for c in num {
        if *c == Integer::ZERO {
            continue;
        }
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        combo += c * Integer::from(state >> 33);
    }
    if combo == Integer::ZERO {
        gcd_with(den.clone(), num)
    } else {
        den.gcd(combo.unsigned_abs_ref())
    }
}

/// Adds two common-denominator vectors: `a/da + b/db`, returned canonical.
pub(crate) fn add_frac(
    a: &[Integer],
    da: &Natural,
    b: &[Integer],
    db: &Natural,
) -> (Vec<Integer>, Natural) {
    if da == db {
        let mut r = add(a, b);
        let mut d = da.clone();
        canonicalise(&mut r, &mut d);
        return (r, d);
    }
    let g = da.gcd(db);
    let da_g = da.div_exact(&g);
    let ma = Integer::from(db.div_exact(&g));
    let mb = Integer::from(&da_g);
    let mut aa = a.to_vec();
    scale(&mut aa, &ma);
    let mut bb = b.to_vec();
    scale(&mut bb, &mb);
    let mut r = add(&aa, &bb);
    let mut d = da_g * db;
    canonicalise(&mut r, &mut d);
    (r, d)
}

/// Writes `x^m * high/dh` over the coefficients from index `m` on of `low/dl`, where both
/// parts are canonical; the result is canonical (a prime dividing the new denominator and
/// every numerator would divide the content of one part and its own denominator).
pub(crate) fn concat_high(
    low: &mut Vec<Integer>,
    dl: &mut Natural,
    high: Vec<Integer>,
    dh: &Natural,
    m: usize,
) {
    low.truncate(m);
    if high.is_empty() {
        trim(low);
        return;
    }
    let g = (&*dl).gcd(dh);
    let dh_g = dh.div_exact(&g);
    let ml = Integer::from(&dh_g);
    let mh = Integer::from((&*dl).div_exact(&g));
    scale(low, &ml);
    low.resize(m, Integer::ZERO);
    low.extend(high.into_iter().map(|c| c * &mh));
    *dl *= dh_g;
    trim(low);
}

/// `c_k -> c_k / (k + offset)` on a common-denominator vector, exactly and canonically:
/// each numerator first loses its small common factor with `k + offset`, then the
/// denominator takes the lcm of what is left.
pub(crate) fn integral_offset(num: &mut Vec<Integer>, den: &mut Natural, offset: usize) {
    let mut divisors = vec![1u64; num.len()];
    let mut lcm = Natural::ONE;
    for (k, c) in num.iter_mut().enumerate() {
        if *c == Integer::ZERO {
            continue;
        }
        let d = (k + offset) as u64;
        let g = u64::try_from(&c.unsigned_abs_ref().gcd(Natural::from(d))).unwrap_or(1);
        if g != 1 {
            c.div_exact_assign(Integer::from(g));
        }
        let rest = d / g;
        divisors[k] = rest;
        if rest != 1 {
            let common = u64::try_from(&(&lcm).gcd(Natural::from(rest))).unwrap_or(1);
            if common != rest {
                lcm *= Natural::from(rest / common);
            }
        }
    }
    if lcm != Natural::ONE {
        for (k, c) in num.iter_mut().enumerate() {
            if *c != Integer::ZERO {
                let factor = (&lcm).div_exact(Natural::from(divisors[k]));
                *c *= Integer::from(factor);
            }
        }
        *den *= lcm;
    }
    // Canonical already when the input was: a prime of the new lcm misses the numerator
    // whose divisor holds its highest power, and a prime of the old denominator alone
    // would divide the old content.
    trim(num);
    if num.is_empty() {
        *den = Natural::ONE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[i64]) -> Vec<Integer> {
        xs.iter().map(|&x| Integer::from(x)).collect()
    }

    #[test]
    fn mullow_sparse_and_dense_agree() {
        let a = v(&[1, -1, 0, 0, 2]);
        let b = v(&[3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]);
        let dense = {
            let pa = IntegerPolynomial::from_coefficients_asc(a.clone());
            let pb = IntegerPolynomial::from_coefficients_asc(b.clone());
            (&pa).mul_truncated(&pb, 10).into_coefficients_asc()
        };
        assert_eq!(mullow(&a, &b, 10), dense);
        assert_eq!(mullow(&b, &a, 10), dense);
    }

    #[test]
    fn canonicalise_divides_out_common_factor() {
        let mut num = v(&[6, 0, 9, 0]);
        let mut den = Natural::from(15u32);
        canonicalise(&mut num, &mut den);
        assert_eq!(num, v(&[2, 0, 3]));
        assert_eq!(den, Natural::from(5u32));
    }

    #[test]
    fn canonicalise_in_parallel_matches_serial() {
        // Large enough for the threaded division pass: 400 entries of about 200 limbs.
        let g = Integer::from(3u32).pow(4000) * Integer::from(1_000_003u32);
        let mut num: Vec<Integer> = (0..400u32)
            .map(|k| &g * (Integer::from(k) + Integer::from(2u32).pow(12_000)))
            .collect();
        let mut den = Natural::try_from(&g * Integer::from(7u32)).unwrap();
        let expected: Vec<Integer> = num.iter().map(|c| c / &g).collect();
        canonicalise(&mut num, &mut den);
        assert_eq!(num, expected);
        assert_eq!(den, Natural::from(7u32));
        // One entry not divisible by the full factor: the fallback lowers the divisor.
        let mut num: Vec<Integer> = (0..400u32)
            .map(|k| &g * (Integer::from(k) + Integer::from(2u32).pow(12_000)))
            .collect();
        num[399] = Integer::from(3u32).pow(4000) * Integer::from(5u32);
        let mut den = Natural::try_from(&g * Integer::from(7u32)).unwrap();
        canonicalise(&mut num, &mut den);
        let three = Integer::from(3u32).pow(4000);
        assert_eq!(num[399], Integer::from(5u32));
        assert_eq!(
            den,
            Natural::try_from(Integer::from(1_000_003u32 * 7)).unwrap()
        );
        assert_eq!(num[0], (&g * Integer::from(2u32).pow(12_000)) / three);
    }

    #[test]
    fn integral_offset_is_exact() {
        // (1 + x + x^2) integrated: x + x^2/2 + x^3/3 -> offset 1 gives 1, 1/2, 1/3
        let mut num = v(&[1, 1, 1]);
        let mut den = Natural::ONE;
        integral_offset(&mut num, &mut den, 1);
        assert_eq!(num, v(&[6, 3, 2]));
        assert_eq!(den, Natural::from(6u32));
    }
}
