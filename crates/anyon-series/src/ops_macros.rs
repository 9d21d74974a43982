//! Forwarding macros: each operator is implemented once on references and forwarded
//! for owned operands.

macro_rules! forward_binop {
    ($t:ty, $tr:ident, $method:ident) => {
        impl std::ops::$tr<$t> for $t {
            type Output = $t;
            fn $method(self, rhs: $t) -> $t {
                std::ops::$tr::$method(&self, &rhs)
            }
        }
        impl std::ops::$tr<&$t> for $t {
            type Output = $t;
            fn $method(self, rhs: &$t) -> $t {
                std::ops::$tr::$method(&self, rhs)
            }
        }
        impl std::ops::$tr<$t> for &$t {
            type Output = $t;
            fn $method(self, rhs: $t) -> $t {
                std::ops::$tr::$method(self, &rhs)
            }
        }
    };
}

macro_rules! forward_neg {
    ($t:ty) => {
        impl std::ops::Neg for $t {
            type Output = $t;
            fn neg(self) -> $t {
                -&self
            }
        }
    };
}

pub(crate) use forward_binop;
pub(crate) use forward_neg;
