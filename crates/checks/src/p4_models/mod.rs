//! Part 4 — Tying it together.

mod common;
pub mod s4_1_linreg_gradient_descent;
pub mod s4_2_ridge;
pub mod s4_3_logistic_iris;
pub mod s4_4_gaussian_nb;
pub mod s4_5_pca_iris_2d;
pub mod s4_6_two_layer_network;
