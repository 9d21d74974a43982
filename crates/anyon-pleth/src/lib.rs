//! Number theory, groups and characters, plethystic exp/log and partition functions.
