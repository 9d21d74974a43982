//! Finite groups with a chosen irreducible character (a [`Dynamic`]) and their integer
//! order profiles `a_d = sum of chi(g) over the elements g of order d`.
//!
//! Two routes compute the profile. The exact route ([`Dynamic::order_profile`]) uses
//! only divisors and integer arithmetic, so it handles groups of order up to
//! `2^63 - 1` (a cyclic group of order 10^12 takes microseconds). The complex route
//! ([`Dynamic::order_profile_enumerated`]), in its own section at the end of this file,
//! enumerates the elements, evaluates the character with `num-complex`, and *checks*
//! that every sum is an integer instead of assuming it; tests compare the two.
//!
//! Supported groups: cyclic `Z_n`, finite abelian products `Z_n1 x ... x Z_nk`, and
//! dihedral `D_n` of order `2n`. Each comes with all of its irreducible characters
//! ([`Group::characters`]).

use std::collections::BTreeMap;
use std::fmt;

use anyon_series::{Natural, Rational, limits};
use num_complex::Complex64;

use crate::arith::{DivisorLattice, checked_lcm, factorize, gcd};
use crate::error::{Error, Result};

/// The largest group order the complex route enumerates element by element.
pub const MAX_ENUMERATION: u64 = 1_000_000;

/// The distance to the nearest integer the complex route accepts for a character sum.
pub const TOLERANCE: f64 = 1e-9;

/// The largest group order the exact route accepts: `2^63 - 1`, so that every order
/// profile entry fits in an `i64`.
pub const MAX_GROUP_ORDER: u64 = i64::MAX as u64;

/// The family and parameters of a [`Group`] (read through [`Group::kind`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GroupKind {
    /// The cyclic group `Z_n = Z/nZ`, `n >= 1` (`Z_1` is the trivial group).
    Cyclic(u64),
    /// The product `Z_n1 x ... x Z_nk` of at least two cyclic groups.
    Product(Vec<u64>),
    /// The dihedral group `D_n = <r, s | r^n = s^2 = 1, s r s = r^-1>` of order `2n`.
    Dihedral(u64),
}

/// A finite group from one of the supported families, with a validated size.
///
/// Built by [`Group::cyclic`], [`Group::product`], [`Group::dihedral`] or
/// [`Group::trivial`]; the order always fits in an `i64`.
///
/// # Examples
/// ```
/// use anyon_pleth::group::Group;
/// let g = Group::product(&[2, 4])?;
/// assert_eq!((g.to_string(), g.order(), g.exponent()), ("Z_2 x Z_4".to_string(), 8, 4));
/// assert_eq!(Group::dihedral(5)?.order(), 10);
/// assert!(Group::cyclic(0).is_err());
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Group {
    kind: GroupKind,
}

/// An error for a group order above [`MAX_GROUP_ORDER`].
fn order_too_large(what: String, requested: u128) -> Error {
    Error::TooLarge {
        what: format!("the order of {what}"),
        requested,
        limit: MAX_GROUP_ORDER as u128,
        hint: "groups must have order below 2^63",
    }
}

/// An error for a zero cyclic factor.
fn zero_order() -> Error {
    Error::InvalidOrder {
        value: "0".to_string(),
        reason: "a group has at least one element",
    }
}

impl Group {
    /// The trivial group `Z_1`.
    pub fn trivial() -> Self {
        Group {
            kind: GroupKind::Cyclic(1),
        }
    }

    /// The cyclic group `Z_n`.
    ///
    /// # Errors
    /// [`Error::InvalidOrder`] for `n = 0`; [`Error::TooLarge`] above
    /// [`MAX_GROUP_ORDER`].
    pub fn cyclic(n: u64) -> Result<Self> {
        if n == 0 {
            return Err(zero_order());
        }
        if n > MAX_GROUP_ORDER {
            return Err(order_too_large(format!("Z_{n}"), n as u128));
        }
        Ok(Group {
            kind: GroupKind::Cyclic(n),
        })
    }

    /// The product `Z_n1 x ... x Z_nk`; one factor gives the cyclic group `Z_n1`.
    ///
    /// # Errors
    /// [`Error::InvalidOrder`] for an empty list or a zero factor;
    /// [`Error::TooLarge`] if the product is above [`MAX_GROUP_ORDER`].
    pub fn product(factors: &[u64]) -> Result<Self> {
        match factors {
            [] => Err(Error::InvalidOrder {
                value: "()".to_string(),
                reason: "a product needs at least one factor (Z_1 is the trivial group)",
            }),
            [n] => Self::cyclic(*n),
            _ => {
                if factors.contains(&0) {
                    return Err(zero_order());
                }
                let order = factors
                    .iter()
                    .try_fold(1u128, |acc, &n| acc.checked_mul(n as u128))
                    .unwrap_or(u128::MAX);
                if order > MAX_GROUP_ORDER as u128 {
                    return Err(order_too_large(product_name(factors), order));
                }
                Ok(Group {
                    kind: GroupKind::Product(factors.to_vec()),
                })
            }
        }
    }

    /// The dihedral group `D_n` of order `2n` (the symmetries of a regular `n`-gon;
    /// `D_1 = Z_2`, `D_2 = Z_2 x Z_2` and `D_3 = S_3` as abstract groups).
    ///
    /// # Errors
    /// [`Error::InvalidOrder`] for `n = 0`; [`Error::TooLarge`] when `2n` is above
    /// [`MAX_GROUP_ORDER`].
    pub fn dihedral(n: u64) -> Result<Self> {
        if n == 0 {
            return Err(zero_order());
        }
        if 2 * n as u128 > MAX_GROUP_ORDER as u128 {
            return Err(order_too_large(format!("D_{n}"), 2 * n as u128));
        }
        Ok(Group {
            kind: GroupKind::Dihedral(n),
        })
    }

    /// The family and parameters.
    pub fn kind(&self) -> &GroupKind {
        &self.kind
    }

    /// The cyclic factors `n_j` of an abelian group (`[n]` for `Z_n`), `None` for `D_n`.
    fn cyclic_factors(&self) -> Option<&[u64]> {
        match &self.kind {
            GroupKind::Cyclic(n) => Some(std::slice::from_ref(n)),
            GroupKind::Product(factors) => Some(factors),
            GroupKind::Dihedral(_) => None,
        }
    }

    /// The number of elements.
    pub fn order(&self) -> u64 {
        match &self.kind {
            GroupKind::Cyclic(n) => *n,
            GroupKind::Product(factors) => factors.iter().product(),
            GroupKind::Dihedral(n) => 2 * n,
        }
    }

    /// The exponent: the least common multiple of the element orders.
    pub fn exponent(&self) -> u64 {
        match &self.kind {
            GroupKind::Cyclic(n) => *n,
            // The lcm divides the product, which fits.
            GroupKind::Product(factors) => factors
                .iter()
                .fold(1, |acc, &n| checked_lcm(acc, n).unwrap_or(u64::MAX)),
            GroupKind::Dihedral(n) => checked_lcm(*n, 2).unwrap_or(u64::MAX),
        }
    }

    /// The number of irreducible characters (the number of conjugacy classes).
    pub fn character_count(&self) -> u64 {
        match &self.kind {
            GroupKind::Cyclic(_) | GroupKind::Product(_) => self.order(),
            GroupKind::Dihedral(n) if n % 2 == 1 => 2 + (n - 1) / 2,
            GroupKind::Dihedral(n) => 4 + (n - 2) / 2,
        }
    }

    /// All irreducible characters, in a fixed order: for an abelian group the index
    /// tuples in lexicographic order (`chi_0, chi_1, ...` for `Z_n`); for `D_n`
    /// `psi_1, psi_2`, then `psi_3, psi_4` when `n` is even, then `rho_1, rho_2, ...`.
    ///
    /// # Errors
    /// [`Error::TooLarge`] when there are more than [`MAX_ENUMERATION`].
    ///
    /// # Examples
    /// ```
    /// use anyon_pleth::group::Group;
    /// let names: Vec<String> = Group::dihedral(6)?
    ///     .characters()?
    ///     .iter()
    ///     .map(|c| c.to_string())
    ///     .collect();
    /// assert_eq!(names, ["psi_1", "psi_2", "psi_3", "psi_4", "rho_1", "rho_2"]);
    /// # Ok::<(), anyon_pleth::Error>(())
    /// ```
    pub fn characters(&self) -> Result<Vec<Character>> {
        let count = self.character_count();
        if count > MAX_ENUMERATION {
            return Err(Error::TooLarge {
                what: format!("the number of irreducible characters of {self}"),
                requested: count as u128,
                limit: MAX_ENUMERATION as u128,
                hint: "name the character wanted instead of listing them all",
            });
        }
        Ok(match &self.kind {
            GroupKind::Cyclic(n) => (0..*n).map(|m| Character::Abelian(vec![m])).collect(),
            GroupKind::Product(factors) => {
                let mut all = Vec::with_capacity(count as usize);
                let mut index = vec![0u64; factors.len()];
                loop {
                    all.push(Character::Abelian(index.clone()));
                    if !advance(&mut index, factors) {
                        break;
                    }
                }
                all
            }
            GroupKind::Dihedral(n) => {
                let mut all = vec![
                    Character::Dihedral(DihedralCharacter::Trivial),
                    Character::Dihedral(DihedralCharacter::Sign),
                ];
                if n % 2 == 0 {
                    all.push(Character::Dihedral(DihedralCharacter::Alternating));
                    all.push(Character::Dihedral(DihedralCharacter::AlternatingSign));
                }
                all.extend(
                    (1..n.div_ceil(2)).map(|h| Character::Dihedral(DihedralCharacter::Rho(h))),
                );
                all
            }
        })
    }
}

/// Steps a mixed-radix counter (digit `j` below `radices[j]`, last digit fastest);
/// `false` when it wraps around to all zeros.
fn advance(index: &mut [u64], radices: &[u64]) -> bool {
    for j in (0..index.len()).rev() {
        index[j] += 1;
        if index[j] < radices[j] {
            return true;
        }
        index[j] = 0;
    }
    false
}

/// `Z_2 x Z_4`.
fn product_name(factors: &[u64]) -> String {
    factors
        .iter()
        .map(|n| format!("Z_{n}"))
        .collect::<Vec<_>>()
        .join(" x ")
}

impl fmt::Display for Group {
    /// `Z_6`, `Z_2 x Z_4`, `D_5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            GroupKind::Cyclic(n) => write!(f, "Z_{n}"),
            GroupKind::Product(factors) => f.write_str(&product_name(factors)),
            GroupKind::Dihedral(n) => write!(f, "D_{n}"),
        }
    }
}

/// An irreducible character of `D_n`, named as in Serre, *Linear Representations of
/// Finite Groups*, section 5.3, with `r` the rotation by `2 pi / n` and `s` a
/// reflection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DihedralCharacter {
    /// `psi_1`: the trivial character, 1 everywhere.
    Trivial,
    /// `psi_2`: `r -> 1`, `s -> -1` (1 on rotations, -1 on reflections).
    Sign,
    /// `psi_3` (`n` even only): `r -> -1`, `s -> 1`.
    Alternating,
    /// `psi_4` (`n` even only): `r -> -1`, `s -> -1`.
    AlternatingSign,
    /// `rho_h`, `1 <= h < n/2`: the two-dimensional character
    /// `chi(r^k) = 2 cos(2 pi h k / n)`, `chi(s r^k) = 0`.
    Rho(u64),
}

impl fmt::Display for DihedralCharacter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DihedralCharacter::Trivial => f.write_str("psi_1"),
            DihedralCharacter::Sign => f.write_str("psi_2"),
            DihedralCharacter::Alternating => f.write_str("psi_3"),
            DihedralCharacter::AlternatingSign => f.write_str("psi_4"),
            DihedralCharacter::Rho(h) => write!(f, "rho_{h}"),
        }
    }
}

/// An irreducible character, to be paired with its group in a [`Dynamic`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Character {
    /// `chi_(m_1, ..., m_k)` of `Z_n1 x ... x Z_nk`:
    /// `(g_1, ..., g_k) -> exp(2 pi i sum_j m_j g_j / n_j)`. For `Z_n` a single index
    /// `m` (`chi_m(k) = exp(2 pi i m k / n)`); `m = 0` is the trivial character and
    /// `m = 1` the faithful one used by the post.
    Abelian(Vec<u64>),
    /// A character of a dihedral group.
    Dihedral(DihedralCharacter),
}

impl Character {
    /// `chi_m` of a cyclic group.
    pub fn chi(m: u64) -> Self {
        Character::Abelian(vec![m])
    }
}

impl fmt::Display for Character {
    /// `chi_1`, `chi_(1, 3)`, `psi_2`, `rho_1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Character::Abelian(index) => match index.as_slice() {
                [m] => write!(f, "chi_{m}"),
                _ => {
                    let parts: Vec<String> = index.iter().map(u64::to_string).collect();
                    write!(f, "chi_({})", parts.join(", "))
                }
            },
            Character::Dihedral(c) => c.fmt(f),
        }
    }
}

/// A learning dynamic: a finite group with one of its irreducible characters.
///
/// The constructor checks that the character belongs to the group and reduces abelian
/// indices modulo the factors (`chi_7` of `Z_6` is `chi_1`), so equal dynamics compare
/// equal.
///
/// # Examples
/// ```
/// use anyon_pleth::group::{Dynamic, Group, Character, DihedralCharacter};
/// // THEORY.md section 3: Z_6 with chi_1 has a_d = mu(d)
/// let z6 = Dynamic::cyclic(6, 1)?;
/// assert_eq!(z6.to_string(), "Z_6, chi_1");
/// assert_eq!(z6.order_profile()?, [(1, 1), (2, -1), (3, -1), (6, 1)]);
/// let d4 = Dynamic::new(Group::dihedral(4)?, Character::Dihedral(DihedralCharacter::Rho(1)))?;
/// assert_eq!((d4.to_string(), d4.degree()), ("D_4, rho_1".to_string(), 2));
/// assert_eq!(d4.order_profile()?, [(1, 2), (2, -2)]);
/// assert_eq!(d4.order_profile_enumerated()?, d4.order_profile()?);
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Dynamic {
    group: Group,
    character: Character,
}

impl Dynamic {
    /// Pairs a group with a character, checking that the character is irreducible for
    /// that group.
    ///
    /// # Errors
    /// [`Error::InvalidCharacter`] when it is not: an abelian index list of the wrong
    /// length, a dihedral character of an abelian group or the reverse, `psi_3`/`psi_4`
    /// for odd `n`, `rho_h` outside `1 <= h < n/2`.
    pub fn new(group: Group, character: Character) -> Result<Self> {
        let invalid = |expected: String| Error::InvalidCharacter {
            group: group.to_string(),
            character: character.to_string(),
            expected,
        };
        let character = match (&group.kind, &character) {
            (GroupKind::Cyclic(_) | GroupKind::Product(_), Character::Abelian(index)) => {
                let factors = group.cyclic_factors().unwrap_or_default();
                if index.len() != factors.len() {
                    return Err(invalid(abelian_expected(factors)));
                }
                Character::Abelian(index.iter().zip(factors).map(|(m, n)| m % n).collect())
            }
            (GroupKind::Dihedral(n), Character::Dihedral(c)) => {
                let ok = match c {
                    DihedralCharacter::Trivial | DihedralCharacter::Sign => true,
                    DihedralCharacter::Alternating | DihedralCharacter::AlternatingSign => {
                        n % 2 == 0
                    }
                    DihedralCharacter::Rho(h) => *h >= 1 && 2 * (*h as u128) < *n as u128,
                };
                if !ok {
                    return Err(invalid(dihedral_expected(*n)));
                }
                character.clone()
            }
            (GroupKind::Dihedral(n), _) => return Err(invalid(dihedral_expected(*n))),
            (_, _) => {
                return Err(invalid(abelian_expected(
                    group.cyclic_factors().unwrap_or_default(),
                )));
            }
        };
        Ok(Dynamic { group, character })
    }

    /// `Z_n` with `chi_m` (`m` taken modulo `n`).
    ///
    /// # Errors
    /// As for [`Group::cyclic`].
    pub fn cyclic(n: u64, m: u64) -> Result<Self> {
        Self::new(Group::cyclic(n)?, Character::chi(m))
    }

    /// The trivial group with its trivial character: `Z_1, chi_0`.
    pub fn trivial() -> Self {
        Dynamic {
            group: Group::trivial(),
            character: Character::chi(0),
        }
    }

    /// The group.
    pub fn group(&self) -> &Group {
        &self.group
    }

    /// The character.
    pub fn character(&self) -> &Character {
        &self.character
    }

    /// The degree `chi(1)` of the character (1, or 2 for `rho_h`).
    pub fn degree(&self) -> u64 {
        match self.character {
            Character::Dihedral(DihedralCharacter::Rho(_)) => 2,
            _ => 1,
        }
    }

    /// The order profile: the pairs `(d, a_d)` with `a_d = sum of chi(g) over the
    /// elements g of order d`, for `d` ascending, only the nonzero `a_d`.
    ///
    /// Exact, by integer arithmetic on divisors only:
    /// - `Z_n1 x ... x Z_nk` with `chi_(m_1, ..., m_k)`: the elements with `g^e = 1` form
    ///   the product of the subgroups of order `gcd(e, n_j)`, on which `chi` sums to
    ///   `S(e) = prod_j (gcd(e, n_j) if gcd(e, n_j) | m_j else 0)`. Since
    ///   `S(e) = sum_{d | e} a_d`, Moebius inversion over the divisors of the exponent
    ///   gives `a_d = sum_{e | d} mu(d/e) S(e)`. For `Z_n` this is the Ramanujan sum
    ///   `a_d = c_d(m)`.
    /// - `D_n`: the rotations form `Z_n`, on which `psi_1`, `psi_2` restrict to
    ///   `chi_0`, `psi_3`, `psi_4` to `chi_(n/2)` and `rho_h` to `chi_h + chi_(-h)`; the
    ///   `n` reflections have order 2 and `chi = 1, -1, 0, 0, 0` under
    ///   `psi_1, psi_2, psi_3, psi_4, rho_h` (for `psi_3`, `psi_4` the values `+-1`
    ///   alternate and cancel).
    ///
    /// # Errors
    /// [`Error::Overflow`] if an `a_d` does not fit in an `i64` (only for groups near
    /// [`MAX_GROUP_ORDER`]); [`Error::Series`] with `Cancelled` after a cancellation.
    pub fn order_profile(&self) -> Result<Vec<(u64, i64)>> {
        let profile: Vec<(u64, i128)> = match (&self.group.kind, &self.character) {
            (GroupKind::Dihedral(n), Character::Dihedral(c)) => {
                let n = *n;
                let (index, scale, reflections) = match c {
                    DihedralCharacter::Trivial => (0, 1, n as i128),
                    DihedralCharacter::Sign => (0, 1, -(n as i128)),
                    DihedralCharacter::Alternating | DihedralCharacter::AlternatingSign => {
                        (n / 2, 1, 0)
                    }
                    DihedralCharacter::Rho(h) => (*h, 2, 0),
                };
                let mut by_order: BTreeMap<u64, i128> = abelian_profile(&[n], &[index])?
                    .into_iter()
                    .map(|(d, a)| (d, scale * a))
                    .collect();
                *by_order.entry(2).or_insert(0) += reflections;
                by_order.into_iter().collect()
            }
            (_, Character::Abelian(index)) => {
                abelian_profile(self.group.cyclic_factors().unwrap_or_default(), index)?
            }
            // `new` pairs dihedral characters with dihedral groups only.
            (_, Character::Dihedral(_)) => Vec::new(),
        };
        profile
            .into_iter()
            .filter(|&(_, a)| a != 0)
            .map(|(d, a)| {
                i64::try_from(a)
                    .map(|a| (d, a))
                    .map_err(|_| Error::Overflow {
                        what: format!("the order profile entry a_{d} of {self}"),
                    })
            })
            .collect()
    }
}

/// The expected-character text for an abelian group.
fn abelian_expected(factors: &[u64]) -> String {
    match factors {
        [n] => format!("chi_m with an integer index m (taken mod {n})"),
        _ => format!(
            "chi_(m_1, ..., m_{}) with one integer index per factor",
            factors.len()
        ),
    }
}

/// The expected-character text for `D_n`.
fn dihedral_expected(n: u64) -> String {
    let one_dimensional = if n % 2 == 0 {
        "psi_1, psi_2, psi_3, psi_4"
    } else {
        "psi_1, psi_2"
    };
    let top = n.div_ceil(2).saturating_sub(1);
    match top {
        0 => format!("one of {one_dimensional} (D_{n} has no rho_h)"),
        1 => format!("one of {one_dimensional} or rho_1"),
        _ => format!("one of {one_dimensional} or rho_h with 1 <= h <= {top}"),
    }
}

/// The exact order profile of `chi_(m_1, ..., m_k)` on `Z_n1 x ... x Z_nk`, by Moebius
/// inversion of `S(e)` over the divisors of the exponent (see
/// [`Dynamic::order_profile`]); zeros included, `d` ascending.
fn abelian_profile(factors: &[u64], index: &[u64]) -> Result<Vec<(u64, i128)>> {
    let mut merged: BTreeMap<u64, u32> = BTreeMap::new();
    for &n in factors {
        for (p, k) in factorize(n)? {
            let e = merged.entry(p).or_insert(0);
            *e = (*e).max(k);
        }
    }
    let lattice = DivisorLattice::new(&merged.into_iter().collect::<Vec<_>>());
    let mut s: Vec<i128> = Vec::with_capacity(lattice.values.len());
    for (i, &e) in lattice.values.iter().enumerate() {
        if i % 4096 == 0 {
            limits::check_cancel()?;
        }
        s.push(
            factors
                .iter()
                .zip(index)
                .map(|(&n, &m)| {
                    let g = gcd(e, n);
                    if m % g == 0 { g as i128 } else { 0 }
                })
                .product(),
        );
    }
    lattice.mobius_invert(&mut s)?;
    let mut profile: Vec<(u64, i128)> = lattice.values.iter().copied().zip(s).collect();
    profile.sort_unstable();
    Ok(profile)
}

/// A group order from a rational (as the language passes user input): it must be a
/// positive integer of at most [`MAX_GROUP_ORDER`].
///
/// # Errors
/// [`Error::InvalidOrder`] for a non-integer, zero or negative value;
/// [`Error::TooLarge`] above [`MAX_GROUP_ORDER`].
///
/// # Examples
/// ```
/// use anyon_pleth::group::order_from_rational;
/// use anyon_series::Rational;
/// assert_eq!(order_from_rational(&Rational::from(6))?, 6);
/// let err = order_from_rational(&Rational::from_signeds(7, 2)).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "group order 7/2 is not valid: it is not an integer; it must be a positive integer"
/// );
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn order_from_rational(value: &Rational) -> Result<u64> {
    let invalid = |reason| Error::InvalidOrder {
        value: value.to_string(),
        reason,
    };
    if *value.denominator_ref() != 1u32 {
        return Err(invalid("it is not an integer"));
    }
    if *value == 0u32 {
        return Err(invalid("a group has at least one element"));
    }
    if *value < 0i32 {
        return Err(invalid("it is negative"));
    }
    match u64::try_from(value.numerator_ref()) {
        Ok(n) if n <= MAX_GROUP_ORDER => Ok(n),
        _ => match u128::try_from(value.numerator_ref()) {
            Ok(requested) => Err(Error::TooLarge {
                what: "the group order".to_string(),
                requested,
                limit: MAX_GROUP_ORDER as u128,
                hint: "groups must have order below 2^63",
            }),
            // Past u128 the number itself goes into the message.
            Err(_) => Err(invalid("it is above the limit 2^63 - 1 on group orders")),
        },
    }
}

/// A character index from a rational (as the language passes user input), reduced
/// modulo `modulus` into `0..modulus`; negative indices are allowed (`chi_-1` of `Z_6`
/// is `chi_5`, the complex conjugate of `chi_1`).
///
/// # Errors
/// [`Error::InvalidCharacter`] for a non-integer; [`Error::InvalidOrder`] for
/// `modulus = 0`.
///
/// # Examples
/// ```
/// use anyon_pleth::group::character_index_from_rational;
/// use anyon_series::Rational;
/// assert_eq!(character_index_from_rational(&Rational::from(-1), 6)?, 5);
/// assert_eq!(character_index_from_rational(&Rational::from(13), 6)?, 1);
/// assert!(character_index_from_rational(&Rational::from_signeds(1, 2), 6).is_err());
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn character_index_from_rational(value: &Rational, modulus: u64) -> Result<u64> {
    if modulus == 0 {
        return Err(zero_order());
    }
    if *value.denominator_ref() != 1u32 {
        return Err(Error::InvalidCharacter {
            group: format!("Z_{modulus}"),
            character: format!("chi_({value})"),
            expected: format!("chi_m with an integer index m (taken mod {modulus})"),
        });
    }
    // |value| mod modulus, then negated (mod modulus) for a negative value.
    let r = u64::try_from(&(value.numerator_ref() % Natural::from(modulus))).map_err(|_| {
        Error::Overflow {
            what: format!("the character index {value} mod {modulus}"),
        }
    })?;
    if *value < 0i32 && r != 0 {
        Ok(modulus - r)
    } else {
        Ok(r)
    }
}

impl fmt::Display for Dynamic {
    /// `Z_6, chi_1`, `D_4, rho_1`, `Z_2 x Z_4, chi_(1, 3)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.group, self.character)
    }
}

// ---------------------------------------------------------------------------------
// The complex verification route. Floating point lives here and in
// `projection::omega_complex` only; nothing exact depends on it.
// ---------------------------------------------------------------------------------

/// Compensated (Neumaier) summation, so that a sum of a million unit-size terms keeps
/// an error near `2^-52` times the sum of magnitudes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CompensatedSum {
    sum: f64,
    compensation: f64,
}

impl CompensatedSum {
    pub(crate) fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }

    pub(crate) fn value(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// `exp(2 pi i num / den)`, with the angle reduced exactly first.
pub(crate) fn root_of_unity(num: u64, den: u64) -> Complex64 {
    let r = num % den;
    Complex64::cis(std::f64::consts::TAU * (r as f64 / den as f64))
}

/// The 2x2 real matrix of `s^e r^k` in `rho_h`: `r` rotates by `2 pi h / n`, `s` is
/// `diag(1, -1)`.
fn dihedral_matrix(h: u64, n: u64, k: u64, reflect: bool) -> [[f64; 2]; 2] {
    let z = root_of_unity((h as u128 * k as u128 % n as u128) as u64, n);
    let rotation = [[z.re, -z.im], [z.im, z.re]];
    if reflect {
        [
            [rotation[0][0], rotation[0][1]],
            [-rotation[1][0], -rotation[1][1]],
        ]
    } else {
        rotation
    }
}

impl Dynamic {
    /// Every element as `(order of g, chi(g))`, `chi` evaluated in floating point from
    /// its definition (roots of unity, and for `rho_h` the trace of a 2x2 matrix).
    ///
    /// # Errors
    /// [`Error::TooLarge`] when the group has more than [`MAX_ENUMERATION`] elements.
    pub fn enumerate_complex(&self) -> Result<Vec<(u64, Complex64)>> {
        let order = self.group.order();
        if order > MAX_ENUMERATION {
            return Err(Error::TooLarge {
                what: format!(
                    "the order of {} (enumerated element by element)",
                    self.group
                ),
                requested: order as u128,
                limit: MAX_ENUMERATION as u128,
                hint: "use the exact route, which needs only the divisors",
            });
        }
        let mut elements = Vec::with_capacity(order as usize);
        match (&self.group.kind, &self.character) {
            (GroupKind::Dihedral(n), Character::Dihedral(c)) => {
                let n = *n;
                for reflect in [false, true] {
                    for k in 0..n {
                        if k % 4096 == 0 {
                            limits::check_cancel()?;
                        }
                        // r^k has order n / gcd(k, n); s r^k is an involution.
                        let element_order = if reflect { 2 } else { n / gcd(k, n) };
                        let rotation_sign = if k % 2 == 0 { 1.0 } else { -1.0 };
                        let reflection_sign = if reflect { -1.0 } else { 1.0 };
                        let value = match c {
                            DihedralCharacter::Trivial => 1.0,
                            DihedralCharacter::Sign => reflection_sign,
                            DihedralCharacter::Alternating => rotation_sign,
                            DihedralCharacter::AlternatingSign => rotation_sign * reflection_sign,
                            DihedralCharacter::Rho(h) => {
                                let m = dihedral_matrix(*h, n, k, reflect);
                                m[0][0] + m[1][1]
                            }
                        };
                        elements.push((element_order, Complex64::new(value, 0.0)));
                    }
                }
            }
            (_, Character::Abelian(index)) => {
                let factors = self.group.cyclic_factors().unwrap_or_default();
                let mut g = vec![0u64; factors.len()];
                loop {
                    if elements.len() % 4096 == 0 {
                        limits::check_cancel()?;
                    }
                    let mut element_order = 1u64;
                    let mut value = Complex64::new(1.0, 0.0);
                    for ((&gj, &nj), &mj) in g.iter().zip(factors).zip(index) {
                        element_order =
                            checked_lcm(element_order, nj / gcd(gj, nj)).unwrap_or(u64::MAX);
                        value *= root_of_unity((mj as u128 * gj as u128 % nj as u128) as u64, nj);
                    }
                    elements.push((element_order, value));
                    if !advance(&mut g, factors) {
                        break;
                    }
                }
            }
            (_, Character::Dihedral(_)) => {}
        }
        Ok(elements)
    }

    /// The order profile by enumeration: sums `chi(g)` over the elements of each order
    /// in floating point, then **checks** that each sum is within [`TOLERANCE`] of an
    /// integer (and of the real axis) before rounding. Same output convention as
    /// [`Dynamic::order_profile`]; tests compare the two.
    ///
    /// # Errors
    /// [`Error::TooLarge`] above [`MAX_ENUMERATION`] elements; [`Error::NotIntegral`]
    /// if a sum is not within [`TOLERANCE`] of an integer.
    pub fn order_profile_enumerated(&self) -> Result<Vec<(u64, i64)>> {
        let mut sums: BTreeMap<u64, (CompensatedSum, CompensatedSum)> = BTreeMap::new();
        for (d, value) in self.enumerate_complex()? {
            let entry = sums.entry(d).or_default();
            entry.0.add(value.re);
            entry.1.add(value.im);
        }
        let mut profile = Vec::new();
        for (d, (re, im)) in sums {
            let (re, im) = (re.value(), im.value());
            let rounded = re.round();
            if (re - rounded).abs() > TOLERANCE || im.abs() > TOLERANCE {
                return Err(Error::NotIntegral {
                    what: format!(
                        "the sum of the character over the elements of order {d} in {self}"
                    ),
                    value: format!("{re} + {im}i"),
                    tolerance: format!("{TOLERANCE:e}"),
                });
            }
            if rounded != 0.0 {
                // |rounded| <= the group order <= MAX_ENUMERATION, so the cast is exact.
                profile.push((d, rounded as i64));
            }
        }
        Ok(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arith::{divisors, ramanujan_sum};

    /// An expected order profile.
    type Profile = &'static [(u64, i64)];

    fn check(dynamic: &Dynamic, expected: &[(u64, i64)]) {
        assert_eq!(dynamic.order_profile().unwrap(), expected, "{dynamic}");
        assert_eq!(
            dynamic.order_profile_enumerated().unwrap(),
            expected,
            "{dynamic} (enumerated)"
        );
    }

    #[test]
    fn cyclic_profiles_from_the_theory() {
        // THEORY.md section 3: Z_{n,m} = prod (1 - x^d)^(-c_d(m))
        let table: &[(u64, u64, Profile)] = &[
            (1, 0, &[(1, 1)]),
            (2, 1, &[(1, 1), (2, -1)]),
            (3, 1, &[(1, 1), (3, -1)]),
            (6, 1, &[(1, 1), (2, -1), (3, -1), (6, 1)]),
            (12, 1, &[(1, 1), (2, -1), (3, -1), (6, 1)]),
            // Z_{6,2} = (1 - x + x^2)(1 + x + x^2)^2
            (6, 2, &[(1, 1), (2, 1), (3, -1), (6, -1)]),
            // Z_{6,3} = (1 + x)^3 (1 - x + x^2)^2
            (6, 3, &[(1, 1), (2, -1), (3, 2), (6, -2)]),
            // Z_{4,2} = (1 + x)(1 + x^2)^2
            (4, 2, &[(1, 1), (2, 1), (4, -2)]),
            (6, 0, &[(1, 1), (2, 1), (3, 2), (6, 2)]),
        ];
        for &(n, m, expected) in table {
            check(&Dynamic::cyclic(n, m).unwrap(), expected);
        }
    }

    #[test]
    fn cyclic_is_ramanujan_for_all_n_up_to_40() {
        for n in 1..=40u64 {
            for m in 0..n {
                let dynamic = Dynamic::cyclic(n, m).unwrap();
                let expected: Vec<(u64, i64)> = divisors(n)
                    .unwrap()
                    .into_iter()
                    .map(|d| (d, ramanujan_sum(d, m).unwrap()))
                    .filter(|&(_, a)| a != 0)
                    .collect();
                check(&dynamic, &expected);
                // sum over all elements = |G| [chi trivial]
                let total: i64 = expected.iter().map(|&(_, a)| a).sum();
                assert_eq!(total, if m == 0 { n as i64 } else { 0 });
            }
        }
    }

    #[test]
    fn abelian_products_agree_with_enumeration() {
        let groups: &[&[u64]] = &[
            &[2, 4],
            &[3, 3],
            &[2, 2, 2],
            &[2, 2],
            &[4, 6],
            &[2, 3],
            &[1, 5],
            &[3, 9],
            &[2, 2, 3],
        ];
        for &factors in groups {
            let group = Group::product(factors).unwrap();
            for character in group.characters().unwrap() {
                let dynamic = Dynamic::new(group.clone(), character).unwrap();
                let exact = dynamic.order_profile().unwrap();
                assert_eq!(
                    exact,
                    dynamic.order_profile_enumerated().unwrap(),
                    "{dynamic}"
                );
            }
        }
    }

    #[test]
    fn abelian_product_tables() {
        let table: &[(&[u64], &[u64], Profile)] = &[
            // Klein four-group: 3 involutions, the trivial character counts them
            (&[2, 2], &[0, 0], &[(1, 1), (2, 3)]),
            (&[2, 2], &[1, 0], &[(1, 1), (2, -1)]),
            (&[2, 4], &[0, 0], &[(1, 1), (2, 3), (4, 4)]),
            (&[3, 3], &[1, 2], &[(1, 1), (3, -1)]),
            (&[2, 2, 2], &[1, 1, 1], &[(1, 1), (2, -1)]),
            (&[2, 2, 2], &[0, 0, 0], &[(1, 1), (2, 7)]),
            // Z_2 x Z_3 = Z_6: chi_(1, 1) is the faithful chi_1 (or chi_5) of Z_6
            (&[2, 3], &[1, 1], &[(1, 1), (2, -1), (3, -1), (6, 1)]),
        ];
        for &(factors, index, expected) in table {
            let dynamic = Dynamic::new(
                Group::product(factors).unwrap(),
                Character::Abelian(index.to_vec()),
            )
            .unwrap();
            check(&dynamic, expected);
        }
    }

    #[test]
    fn dihedral_all_characters_agree_with_enumeration() {
        for n in 1..=12u64 {
            let group = Group::dihedral(n).unwrap();
            let characters = group.characters().unwrap();
            let expected_count = if n % 2 == 1 {
                2 + (n - 1) / 2
            } else {
                4 + (n - 2) / 2
            };
            assert_eq!(characters.len() as u64, expected_count, "D_{n}");
            // sum of squared degrees = |G|
            let mut squares = 0;
            for character in characters {
                let dynamic = Dynamic::new(group.clone(), character).unwrap();
                squares += dynamic.degree() * dynamic.degree();
                let exact = dynamic.order_profile().unwrap();
                assert_eq!(
                    exact,
                    dynamic.order_profile_enumerated().unwrap(),
                    "{dynamic}"
                );
                // the identity contributes chi(1)
                assert_eq!(exact[0], (1, dynamic.degree() as i64), "{dynamic}");
            }
            assert_eq!(squares, 2 * n, "D_{n}");
        }
    }

    #[test]
    fn dihedral_tables() {
        use DihedralCharacter::*;
        let table: &[(u64, DihedralCharacter, Profile)] = &[
            // D_3 = S_3: 1 identity, 3 transpositions, 2 three-cycles
            (3, Trivial, &[(1, 1), (2, 3), (3, 2)]),
            (3, Sign, &[(1, 1), (2, -3), (3, 2)]),
            (3, Rho(1), &[(1, 2), (3, -2)]),
            // D_4: r^2 (order 2, chi = -2 in rho_1), r, r^3 (order 4, chi = 0)
            (4, Rho(1), &[(1, 2), (2, -2)]),
            (4, Alternating, &[(1, 1), (2, 1), (4, -2)]),
            (4, AlternatingSign, &[(1, 1), (2, 1), (4, -2)]),
            (5, Rho(2), &[(1, 2), (5, -2)]),
            (6, Alternating, &[(1, 1), (2, -1), (3, 2), (6, -2)]),
        ];
        for &(n, c, expected) in table {
            let dynamic =
                Dynamic::new(Group::dihedral(n).unwrap(), Character::Dihedral(c)).unwrap();
            check(&dynamic, expected);
        }
    }

    #[test]
    fn names() {
        let table: &[(Dynamic, &str, u64, u64)] = &[
            (Dynamic::cyclic(6, 1).unwrap(), "Z_6, chi_1", 6, 1),
            (Dynamic::cyclic(6, 13).unwrap(), "Z_6, chi_1", 6, 1),
            (Dynamic::trivial(), "Z_1, chi_0", 1, 1),
            (
                Dynamic::new(
                    Group::dihedral(4).unwrap(),
                    Character::Dihedral(DihedralCharacter::Rho(1)),
                )
                .unwrap(),
                "D_4, rho_1",
                8,
                2,
            ),
            (
                Dynamic::new(
                    Group::product(&[2, 4]).unwrap(),
                    Character::Abelian(vec![1, 7]),
                )
                .unwrap(),
                "Z_2 x Z_4, chi_(1, 3)",
                8,
                1,
            ),
        ];
        for (dynamic, name, order, degree) in table {
            assert_eq!(dynamic.to_string(), *name);
            assert_eq!(dynamic.group().order(), *order);
            assert_eq!(dynamic.degree(), *degree);
        }
        assert_eq!(Group::product(&[6]).unwrap(), Group::cyclic(6).unwrap());
    }

    #[test]
    fn invalid_inputs_are_errors_with_messages() {
        use DihedralCharacter::*;
        let d5 = Group::dihedral(5).unwrap();
        let cases: Vec<(Result<Dynamic>, &str)> = vec![
            (
                Dynamic::new(d5.clone(), Character::Dihedral(Alternating)),
                "psi_3 is not an irreducible character of D_5; expected one of psi_1, psi_2 or rho_h with 1 <= h <= 2",
            ),
            (
                Dynamic::new(d5.clone(), Character::Dihedral(Rho(3))),
                "rho_3 is not an irreducible character of D_5; expected one of psi_1, psi_2 or rho_h with 1 <= h <= 2",
            ),
            (
                Dynamic::new(d5.clone(), Character::Dihedral(Rho(0))),
                "rho_0 is not an irreducible character of D_5; expected one of psi_1, psi_2 or rho_h with 1 <= h <= 2",
            ),
            (
                Dynamic::new(Group::dihedral(2).unwrap(), Character::Dihedral(Rho(1))),
                "rho_1 is not an irreducible character of D_2; expected one of psi_1, psi_2, psi_3, psi_4 (D_2 has no rho_h)",
            ),
            (
                Dynamic::new(d5, Character::chi(1)),
                "chi_1 is not an irreducible character of D_5; expected one of psi_1, psi_2 or rho_h with 1 <= h <= 2",
            ),
            (
                Dynamic::new(Group::cyclic(6).unwrap(), Character::Dihedral(Trivial)),
                "psi_1 is not an irreducible character of Z_6; expected chi_m with an integer index m (taken mod 6)",
            ),
            (
                Dynamic::new(Group::product(&[2, 2]).unwrap(), Character::chi(1)),
                "chi_1 is not an irreducible character of Z_2 x Z_2; expected chi_(m_1, ..., m_2) with one integer index per factor",
            ),
            (
                Dynamic::cyclic(0, 1),
                "group order 0 is not valid: a group has at least one element; it must be a positive integer",
            ),
            (
                Dynamic::cyclic(1 << 63, 1),
                "the order of Z_9223372036854775808 is 9223372036854775808, above the limit of 9223372036854775807; groups must have order below 2^63",
            ),
        ];
        for (result, message) in cases {
            assert_eq!(result.unwrap_err().to_string(), message);
        }
        assert!(Group::product(&[]).is_err());
        assert!(Group::product(&[2, 0]).is_err());
        assert!(Group::product(&[1 << 32, 1 << 32]).is_err());
        assert!(Group::dihedral(0).is_err());
        assert!(Group::dihedral(1 << 62).is_err());
    }

    #[test]
    fn orders_from_user_input() {
        let cases: &[(Rational, std::result::Result<u64, &str>)] = &[
            (Rational::from(12), Ok(12)),
            (
                Rational::from_signeds(7, 2),
                Err(
                    "group order 7/2 is not valid: it is not an integer; it must be a positive integer",
                ),
            ),
            (
                Rational::from(0),
                Err(
                    "group order 0 is not valid: a group has at least one element; it must be a positive integer",
                ),
            ),
            (
                Rational::from(-3),
                Err("group order -3 is not valid: it is negative; it must be a positive integer"),
            ),
            (
                "1000000000000000000000000000000"
                    .parse::<Rational>()
                    .unwrap(),
                Err(
                    "the group order is 1000000000000000000000000000000, above the limit of 9223372036854775807; groups must have order below 2^63",
                ),
            ),
        ];
        for (value, expected) in cases {
            let got = order_from_rational(value).map_err(|e| e.to_string());
            assert_eq!(got, expected.map_err(str::to_string), "{value}");
        }
        assert_eq!(
            character_index_from_rational(&Rational::from(-7), 6).unwrap(),
            5
        );
        assert_eq!(
            character_index_from_rational(&Rational::from(-6), 6).unwrap(),
            0
        );
        assert_eq!(
            character_index_from_rational(&Rational::from(0), 1).unwrap(),
            0
        );
        assert!(character_index_from_rational(&Rational::from(1), 0).is_err());
    }

    #[test]
    fn exact_route_is_fast_for_large_groups() {
        // Z_(10^12), chi_1: a_d = mu(d) on the squarefree divisors of 10^12 = 2^12 5^12
        let dynamic = Dynamic::cyclic(1_000_000_000_000, 1).unwrap();
        assert_eq!(
            dynamic.order_profile().unwrap(),
            [(1, 1), (2, -1), (5, -1), (10, 1)]
        );
        // the trivial character counts elements: phi(d) of them have order d
        let dynamic = Dynamic::cyclic(963_761_198_400, 0).unwrap();
        let profile = dynamic.order_profile().unwrap();
        assert_eq!(profile.len(), 6720);
        let total: i64 = profile.iter().map(|&(_, a)| a).sum();
        assert_eq!(total, 963_761_198_400);
        // a large prime order, and a large product
        let p = 999_999_999_989u64;
        assert_eq!(
            Dynamic::cyclic(p, 5).unwrap().order_profile().unwrap(),
            [(1, 1), (p, -1)]
        );
        let big = Dynamic::new(
            Group::product(&[1_000_000_007, 1_000_000_007]).unwrap(),
            Character::Abelian(vec![0, 0]),
        )
        .unwrap();
        assert_eq!(
            big.order_profile().unwrap(),
            [(1, 1), (1_000_000_007, 1_000_000_007 * 1_000_000_007 - 1)]
        );
        let d = Dynamic::new(
            Group::dihedral(1 << 40).unwrap(),
            Character::Dihedral(DihedralCharacter::Sign),
        )
        .unwrap();
        assert_eq!(d.order_profile().unwrap()[1], (2, 1 - (1 << 40)));
        // the enumeration refuses them
        let err = dynamic.order_profile_enumerated().unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    }

    #[test]
    fn character_listing_is_bounded() {
        assert_eq!(
            Group::product(&[2, 3]).unwrap().characters().unwrap().len(),
            6
        );
        assert!(Group::cyclic(1 << 40).unwrap().characters().is_err());
        assert_eq!(
            Group::dihedral(5).unwrap().characters().unwrap(),
            [
                Character::Dihedral(DihedralCharacter::Trivial),
                Character::Dihedral(DihedralCharacter::Sign),
                Character::Dihedral(DihedralCharacter::Rho(1)),
                Character::Dihedral(DihedralCharacter::Rho(2)),
            ]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn random_products_agree(
            factors in proptest::collection::vec(1u64..=9, 1..=3),
            seed in proptest::prelude::any::<u64>(),
        ) {
            let index: Vec<u64> = factors
                .iter()
                .enumerate()
                .map(|(j, &n)| (seed >> (8 * j)) % n)
                .collect();
            let dynamic = Dynamic::new(
                Group::product(&factors).unwrap(),
                Character::Abelian(index),
            )
            .unwrap();
            proptest::prop_assert_eq!(
                dynamic.order_profile().unwrap(),
                dynamic.order_profile_enumerated().unwrap()
            );
        }
    }
}
