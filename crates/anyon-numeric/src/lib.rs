//! Floating evaluation of loss curves, simulation, training experiments, fitting and plots.
