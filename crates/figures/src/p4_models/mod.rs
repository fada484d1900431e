//! Figures of part 4, models.

pub mod s4_3_logistic_iris;
pub mod s4_5_pca_iris_2d;
pub mod s4_6_two_layer_network;
