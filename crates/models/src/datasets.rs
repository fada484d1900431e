//! The data sets of the course: two real ones shipped as CSV (Fisher's Iris, Anscombe's
//! quartet) and two synthetic ones generated from a seed (two moons, XOR).
//!
//! The CSV files live in the workspace's `data/` folder (see its README for sources and
//! licences) and are compiled into the crate with `include_str!`, so loading them does
//! no I/O and cannot fail at run time; they are parsed once and cached.

use std::sync::OnceLock;

use nalgebra::DMatrix;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::ModelError;

const IRIS_CSV: &str = include_str!("../../../data/iris.csv");
const ANSCOMBE_CSV: &str = include_str!("../../../data/anscombe.csv");

/// Fisher's Iris data: 150 flowers, 4 measurements (cm), 3 species of 50.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::datasets;
///
/// let iris = datasets::iris();
/// assert_eq!(iris.species.iter().filter(|&&s| s == 0).count(), 50);
/// // Mean petal length of setosa (rows 0–49, column 2).
/// let setosa_petal = iris.features.column(2).rows(0, 50).mean();
/// assert_relative_eq!(setosa_petal, 1.462, epsilon = 1e-12);
/// assert_eq!(iris.species_names[0], "setosa");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Iris {
    /// 150 × 4: sepal length, sepal width, petal length, petal width.
    pub features: DMatrix<f64>,
    /// Species of each row: 0 setosa, 1 versicolor, 2 virginica.
    pub species: Vec<usize>,
    /// The species names in label order.
    pub species_names: [&'static str; 3],
}

/// Anscombe's quartet: four (x, y) data sets with the same summary statistics.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::datasets;
///
/// // Every set has x̄ = 9 and ȳ ≈ 7.50.
/// for (x, y) in &datasets::anscombe().sets {
///     assert_relative_eq!(x.iter().sum::<f64>() / 11.0, 9.0, epsilon = 1e-12);
///     assert_relative_eq!(y.iter().sum::<f64>() / 11.0, 7.5, epsilon = 0.01);
/// }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Anscombe {
    /// The four sets (x, y), 11 points each.
    pub sets: [(Vec<f64>, Vec<f64>); 4],
}

/// Fisher's Iris data (Fisher 1936; the R / scikit-learn version).
///
/// # Formula
/// ```text
/// features[i] = (sepal length, sepal width, petal length, petal width) of flower i
/// ```
/// where rows 0–49 are setosa, 50–99 versicolor and 100–149 virginica.
///
/// # Errors
/// None: the file is compiled in and checked by the crate's tests.
///
/// # Panics
/// Never for the shipped file (a malformed embedded file would be a build-time bug,
/// caught by `tests/datasets.rs`).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::datasets;
///
/// let iris = datasets::iris();
/// assert_eq!(iris.features.shape(), (150, 4));
/// assert_relative_eq!(iris.features[(0, 0)], 5.1);
/// assert_eq!(iris.species_names[iris.species[149]], "virginica");
/// ```
pub fn iris() -> Iris {
    static IRIS: OnceLock<Iris> = OnceLock::new();
    IRIS.get_or_init(|| {
        let species_names = ["setosa", "versicolor", "virginica"];
        let mut values = Vec::new();
        let mut species = Vec::new();
        for line in IRIS_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.trim().split(',').collect();
            for field in &fields[..4] {
                values.push(field.parse::<f64>().expect("iris.csv: numeric measurement"));
            }
            let name = fields[4].trim_matches('"');
            let label = species_names
                .iter()
                .position(|&s| s == name)
                .expect("iris.csv: known species");
            species.push(label);
        }
        Iris {
            features: DMatrix::from_row_slice(species.len(), 4, &values),
            species,
            species_names,
        }
    })
    .clone()
}

/// Anscombe's quartet (Anscombe 1973).
///
/// # Formula
/// ```text
/// every set: x̄ = 9, s²ₓ = 11, ȳ ≈ 7.50, y ≈ 3.00 + 0.500 x, r ≈ 0.816
/// ```
/// where the fits agree although the scatter plots could hardly differ more.
///
/// # Errors
/// None: the file is compiled in and checked by the crate's tests.
///
/// # Panics
/// Never for the shipped file (see [`iris`]).
///
/// # Examples
/// ```
/// use mathlings_models::datasets;
///
/// let quartet = datasets::anscombe();
/// assert_eq!(quartet.sets[3].0.len(), 11);
/// assert_eq!(quartet.sets[0].1[0], 8.04);
/// ```
pub fn anscombe() -> Anscombe {
    static ANSCOMBE: OnceLock<Anscombe> = OnceLock::new();
    ANSCOMBE
        .get_or_init(|| {
            let mut sets: [(Vec<f64>, Vec<f64>); 4] = Default::default();
            for line in ANSCOMBE_CSV
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
            {
                let values: Vec<f64> = line
                    .trim()
                    .split(',')
                    .map(|f| f.parse::<f64>().expect("anscombe.csv: numeric value"))
                    .collect();
                for (k, set) in sets.iter_mut().enumerate() {
                    set.0.push(values[2 * k]);
                    set.1.push(values[2 * k + 1]);
                }
            }
            Anscombe { sets }
        })
        .clone()
}

/// Two interleaving half circles in the plane, with Gaussian noise: a classic
/// data set that no straight line separates.
///
/// Row i of the first ⌊n/2⌋ rows lies on the upper moon (label 0), the rest on the
/// lower, shifted moon (label 1); the layout is scikit-learn's `make_moons`.
///
/// # Formula
/// ```text
/// upper (label 0): (cos t, sin t),             t evenly spaced in [0, π]
/// lower (label 1): (1 − cos t, ½ − sin t),     t evenly spaced in [0, π]
/// then every coordinate + N(0, noise²)
/// ```
/// where the noise is drawn with `mathlings_stats::sample_normal` from a ChaCha8
/// generator seeded with `seed`.
///
/// # Errors
/// `InvalidParameter` when `noise` is negative or not finite, or `n` < 2.
///
/// # Examples
/// ```
/// use mathlings_models::{datasets, ModelError};
///
/// let (x, labels) = datasets::two_moons(100, 0.1, 7)?;
/// assert_eq!(x.shape(), (100, 2));
/// assert_eq!(labels.iter().filter(|&&l| l == 1).count(), 50);
/// assert_eq!(datasets::two_moons(100, 0.1, 7)?.0, x); // same seed, same data
/// assert!(matches!(datasets::two_moons(100, -0.1, 7), Err(ModelError::InvalidParameter { .. })));
/// # Ok::<(), ModelError>(())
/// ```
pub fn two_moons(
    n: usize,
    noise: f64,
    seed: u64,
) -> Result<(DMatrix<f64>, Vec<usize>), ModelError> {
    if !(noise.is_finite() && noise >= 0.0) {
        return Err(ModelError::InvalidParameter {
            name: "noise",
            reason: "must be a finite number ≥ 0",
        });
    }
    if n < 2 {
        return Err(ModelError::InvalidParameter {
            name: "n",
            reason: "must be at least 2 (one point per moon)",
        });
    }
    let upper = n / 2;
    let lower = n - upper;
    let spaced = |count: usize, k: usize| {
        if count == 1 {
            0.0
        } else {
            std::f64::consts::PI * k as f64 / (count - 1) as f64
        }
    };
    let mut x = DMatrix::zeros(n, 2);
    let mut labels = Vec::with_capacity(n);
    for k in 0..upper {
        let t = spaced(upper, k);
        x[(k, 0)] = t.cos();
        x[(k, 1)] = t.sin();
        labels.push(0);
    }
    for k in 0..lower {
        let t = spaced(lower, k);
        x[(upper + k, 0)] = 1.0 - t.cos();
        x[(upper + k, 1)] = 0.5 - t.sin();
        labels.push(1);
    }
    if noise > 0.0 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let jitter = mathlings_stats::sample_normal(0.0, noise, 2 * n, &mut rng)?;
        for (value, e) in x.iter_mut().zip(jitter) {
            *value += e;
        }
    }
    Ok((x, labels))
}

/// The four points of the XOR problem: the label is 1 when exactly one input is 1.
///
/// # Formula
/// ```text
/// (0,0) → 0,  (0,1) → 1,  (1,0) → 1,  (1,1) → 0
/// ```
/// where no single line separates the classes, so a network needs a hidden layer.
///
/// # Errors
/// None.
///
/// # Examples
/// ```
/// use mathlings_models::datasets;
///
/// let (x, labels) = datasets::xor();
/// assert_eq!(x.shape(), (4, 2));
/// assert_eq!(labels, vec![0, 1, 1, 0]);
/// ```
pub fn xor() -> (DMatrix<f64>, Vec<usize>) {
    let x = DMatrix::from_row_slice(4, 2, &[0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0]);
    (x, vec![0, 1, 1, 0])
}
