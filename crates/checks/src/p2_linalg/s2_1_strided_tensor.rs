//! Checks for 2.1 — a strided n-d tensor: offsets, reshape, permute.
//!
//! The learner defines a `Tensor` type; the bind macro adapts it into function pointers
//! over plain data: build a tensor with `from_vec`, apply a list of [`Op`]s, and read back
//! its shape, strides, every element (`get`) and every offset (`offset_of`) in row-major
//! index order.

use mathlings_linalg::LinalgError;

use super::matrices::{guarded, or_error};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_1_strided_tensor::{
    Impl, Layout, OffsetFn, Op, RunFn, layout,
};

/// A generated input: `Tensor::from_vec((0..n).map(f64::from).collect(), &shape)` then `ops`.
#[derive(Debug, Clone)]
struct Case {
    shape: Vec<usize>,
    ops: Vec<Op>,
}

impl Case {
    fn count(&self) -> usize {
        self.shape.iter().product()
    }

    fn data(&self) -> Vec<f64> {
        (0..self.count()).map(|i| i as f64).collect()
    }

    /// The shape after every op.
    fn final_shape(&self) -> Vec<usize> {
        self.ops.iter().fold(self.shape.clone(), |s, op| match op {
            Op::Reshape(new) => new.clone(),
            Op::Permute(axes) => axes.iter().map(|&a| s[a]).collect(),
        })
    }

    fn call(&self) -> String {
        call(&self.shape, &self.ops)
    }

    /// This case followed by `more` ops.
    fn then(&self, more: &[Op]) -> Case {
        Case { shape: self.shape.clone(), ops: [&self.ops[..], more].concat() }
    }

    /// Flattened to [n], then reshaped back to its final shape.
    fn round_trip(&self) -> [Op; 2] {
        [Op::Reshape(vec![self.count()]), Op::Reshape(self.final_shape())]
    }
}

fn call(shape: &[usize], ops: &[Op]) -> String {
    let n: usize = shape.iter().product();
    let mut text = format!("Tensor::from_vec((0..{n}).map(f64::from).collect(), &{shape:?})?");
    for op in ops {
        text += &match op {
            Op::Reshape(s) => format!(".reshape(&{s:?})?"),
            Op::Permute(a) => format!(".permute(&{a:?})?"),
        };
    }
    text
}

fn permutation(k: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut axes: Vec<usize> = (0..k).collect();
    for i in (1..k).rev() {
        axes.swap(i, (strategies::splitmix64(&mut state) % (i as u64 + 1)) as usize);
    }
    axes
}

/// Permute by `axes`, then by their inverse permutation.
fn there_and_back(axes: &[usize]) -> [Op; 2] {
    let mut inverse = vec![0; axes.len()];
    for (a, &b) in axes.iter().enumerate() {
        inverse[b] = a;
    }
    [Op::Permute(axes.to_vec()), Op::Permute(inverse)]
}

/// A random shape with `n` elements: n's prime factors spread over 1–4 axes.
fn factorisation(n: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let rank = 1 + (strategies::splitmix64(&mut state) % 4) as usize;
    let mut shape = vec![1; rank];
    let (mut rest, mut p) = (n, 2);
    while rest > 1 {
        if rest % p == 0 {
            shape[(strategies::splitmix64(&mut state) % rank as u64) as usize] *= p;
            rest /= p;
        } else {
            p += 1;
        }
    }
    shape
}

fn shape() -> impl Strategy<Value = Vec<usize>> + Clone {
    proptest::collection::vec(1..=4usize, 1..=4)
}

/// A shape and up to three reshapes/permutes.
fn case() -> impl Strategy<Value = Case> + Clone {
    (shape(), proptest::collection::vec((proptest::bool::ANY, proptest::num::u64::ANY), 0..=3))
        .prop_map(|(shape, raw)| {
            let mut case = Case { shape, ops: Vec::new() };
            for (is_permute, seed) in raw {
                case.ops.push(if is_permute {
                    Op::Permute(permutation(case.final_shape().len(), seed))
                } else {
                    Op::Reshape(factorisation(case.count(), seed))
                });
            }
            case
        })
}

fn run(imp: &Impl, case: &Case) -> Result<Layout, LinalgError> {
    (imp.run)(case.data(), &case.shape, &case.ops)
}

fn show_layout(Layout { shape, strides, elements, .. }: &Layout) -> String {
    let elements = show::list(elements);
    format!("shape {shape:?}, strides {strides:?}, elements (row-major index order) {elements}")
}

/// Compares shape, strides and elements.
fn same_tensor(got: &Layout, want: &Layout) -> Verdict {
    expect::that(
        got.shape == want.shape && got.strides == want.strides && got.elements == want.elements,
        show_layout(got),
        show_layout(want),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_1_strided_tensor",
        properties: vec![
            Property::named("row_major_layout", 2)
                .description("from_vec lays the data out row-major: strides [.., shape₂·shape₃, shape₃, 1], offsets 0, 1, 2, … in index order")
                .check(|imp, ctx| {
                    ctx.forall(shape(), |s| call(s, &[]), |s| {
                        let case = Case { shape: s.clone(), ops: vec![] };
                        let got = expect::ok(run(imp, &case), "a tensor")?;
                        let strides = mathlings_linalg::row_major_strides(s);
                        let offsets: Vec<usize> = (0..case.count()).collect();
                        expect::that(
                            got.strides == strides && got.offsets == offsets && got.elements == case.data(),
                            format!("strides {:?}, offsets in index order {:?}", got.strides, got.offsets),
                            format!("strides {strides:?}, offsets in index order {offsets:?} (the last axis moves fastest)"),
                        )
                    })
                }),
            Property::named("offsets_bijection", 2)
                .description("after any reshapes and permutes, offset_of maps the indices one-to-one onto 0..n")
                .check(|imp, ctx| {
                    ctx.forall(case(), Case::call, |case| {
                        let got = expect::ok(run(imp, case), "a tensor")?;
                        let mut sorted = got.offsets.clone();
                        sorted.sort_unstable();
                        expect::that(
                            sorted == (0..case.count()).collect::<Vec<_>>(),
                            format!("offsets in index order {:?}", got.offsets),
                            format!("each of 0..{} exactly once", case.count()),
                        )
                    })
                }),
            Property::named("matches_reference", 3)
                .description("shape, strides and elements after random reshapes and permutes equal the reference tensor's")
                .check(|imp, ctx| {
                    ctx.forall(case(), Case::call, |case| {
                        let reference = mathlings_bindings::bind_s2_1_strided_tensor!(mathlings_linalg);
                        let want = run(&reference, case).expect("reference tensor");
                        let got = expect::ok(run(imp, case), "a tensor")?;
                        same_tensor(&got, &want)
                    })
                }),
            Property::named("reshape_round_trips", 1)
                .description("reshape keeps the elements in row-major order: t.reshape(&[n])?.reshape(t.shape())? equals t")
                .check(|imp, ctx| {
                    ctx.forall(case(), |case| case.then(&case.round_trip()).call(), |case| {
                        let before = expect::ok(run(imp, case), "a tensor")?;
                        let flat = expect::ok(run(imp, &case.then(&case.round_trip()[..1])), "the flattened tensor")?;
                        expect::that(
                            flat.elements == before.elements,
                            format!("flattened elements {}", show::floats(&flat.elements)),
                            format!("the elements in row-major order {}", show::floats(&before.elements)),
                        )?;
                        let got = expect::ok(run(imp, &case.then(&case.round_trip())), "a tensor")?;
                        expect::that(
                            got.shape == before.shape && got.elements == before.elements,
                            show_layout(&got),
                            show_layout(&before),
                        )
                    })
                }),
            Property::named("permute_inverse_is_identity", 1)
                .description("t.permute(&axes)?.permute(&inverse(axes))? equals t (shape, strides, elements)")
                .check(|imp, ctx| {
                    let input = (case(), proptest::num::u64::ANY).prop_map(|(case, seed)| {
                        let axes = permutation(case.final_shape().len(), seed);
                        (case, axes)
                    });
                    ctx.forall(input, |(case, axes)| case.then(&there_and_back(axes)).call(), |(case, axes)| {
                        let before = expect::ok(run(imp, case), "a tensor")?;
                        let got = expect::ok(run(imp, &case.then(&there_and_back(axes))), "a tensor")?;
                        same_tensor(&got, &before)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("wrong data lengths, empty or non-finite data, out-of-bounds or wrong-length indices, element-count-changing reshapes and non-permutations give the typed error, never a panic")
                .check(|imp, ctx| {
                    let data6: Vec<f64> = (0..6).map(f64::from).collect();
                    // A call whose data do not fill the shape shows them as they are.
                    let text = |data: &[f64], shape: &[usize], ops: &[Op]| match data.len() == shape.iter().product::<usize>() {
                        true => call(shape, ops),
                        false => format!("Tensor::from_vec({}, &{shape:?})", show::slice(data).trim_start_matches('&')),
                    };
                    rejects!(ctx, |data, shape, ops| text(&data, shape, ops) => (imp.run)(data, shape, ops);
                        (data6.clone(), &[2, 2], &[]) == LinalgError::TensorShapeMismatch { left: vec![6], right: vec![2, 2] },
                        (vec![], &[0], &[]) == LinalgError::Empty,
                        (vec![1.0, f64::NAN], &[2], &[]) == LinalgError::NonFinite,
                        (data6.clone(), &[2, 3], &[Op::Reshape(vec![4])]) == LinalgError::TensorShapeMismatch { left: vec![2, 3], right: vec![4] },
                    )?;
                    rejects!(ctx, |axes| call(&[2, 3], &[Op::Permute(axes.clone())]) => (imp.run)(data6.clone(), &[2, 3], &[Op::Permute(axes)]);
                        (vec![0, 0]) => LinalgError::InvalidParameter { name: "axes", .. },
                        (vec![0]) => LinalgError::InvalidParameter { name: "axes", .. },
                        (vec![0, 2]) => LinalgError::InvalidParameter { name: "axes", .. },
                        (vec![1, 0, 2]) => LinalgError::InvalidParameter { name: "axes", .. },
                    )?;
                    rejects!(ctx,
                        |ops, index| format!("{}.offset_of(&{index:?})", call(&[2, 3], ops))
                            => (imp.offset_of)(data6.clone(), &[2, 3], ops, index);
                        (&[], &[2, 0]) => LinalgError::IndexOutOfBounds { axis: 0, index: 2, len: 2 },
                        (&[], &[1, 3]) => LinalgError::IndexOutOfBounds { axis: 1, index: 3, len: 3 },
                        (&[Op::Permute(vec![1, 0])], &[0, 2]) => LinalgError::IndexOutOfBounds { axis: 1, index: 2, len: 2 },
                        (&[], &[1]) => LinalgError::InvalidParameter { name: "index", .. },
                        (&[], &[0, 0, 0]) => LinalgError::InvalidParameter { name: "index", .. },
                    )
                }),
            Property::named("iris_species_blocks", 1)
                .description("the Iris features (150×4) reshaped to [species, sample, feature], permuted to [species, feature, sample] and reshaped to [12, 50] match the stored snapshot")
                .check(|imp, ctx| {
                    let ops = vec![Op::Reshape(vec![3, 50, 4]), Op::Permute(vec![0, 2, 1]), Op::Reshape(vec![12, 50])];
                    let call = call(&[150, 4], &ops).replace("(0..600).map(f64::from).collect()", "iris");
                    let call = format!("{call} with the Iris features, row-major");
                    ctx.once(&call, || ctx.snapshot("iris", &call, &iris_text(imp, &ops)))
                }),
        ],
        misconceptions: vec![
            Misconception::named("column_major_strides")
                .explanation("Your strides are column-major (Fortran order): the FIRST axis moves fastest, so a \
                    2×3 tensor gets strides [1, 2] and element [0, 1] reads data[2]. NumPy, PyTorch and this \
                    exercise are row-major: the LAST axis moves fastest. Build the strides from the right: \
                    stride of the last axis = 1, stride_a = stride_{a+1} · shape_{a+1} (2×3 → [3, 1]).")
                .implementation(mathlings_bindings::bind_s2_1_strided_tensor!(column_major)),
            Misconception::named("permute_as_reshape")
                .explanation("Your permute reorders the shape but gives the result fresh row-major strides over \
                    the same buffer: that is a reshape, not a transpose — the numbers end up in the wrong \
                    places. Permute the strides together with the shape (new_strideₐ = stride_{axes[a]}); \
                    the buffer stays as it is.")
                .implementation(mathlings_bindings::bind_s2_1_strided_tensor!(permute_as_reshape)),
            Misconception::named("reshape_without_copy")
                .explanation("Your reshape gives a permuted (non-contiguous) tensor row-major strides over its old \
                    buffer. But a permuted tensor's buffer is not in row-major order of its indices, so the \
                    elements come out scrambled. When the strides are not the row-major strides of the shape, \
                    first copy the elements out in index order (an odometer over the indices), then reshape.")
                .implementation(mathlings_bindings::bind_s2_1_strided_tensor!(reshape_without_copy)),
        ],
        probe: |imp| {
            let data = |n: u32| (0..n).map(f64::from).collect::<Vec<_>>();
            let brief = |shape: &[usize], ops: &[Op]| {
                guarded(|| {
                    let r = (imp.run)(data(shape.iter().product::<usize>() as u32), shape, ops);
                    or_error(r, |l| format!("{:?} {:?} {:?}", l.shape, l.strides, l.elements))
                })
            };
            vec![
                brief(&[2, 3], &[]),
                brief(&[2, 3, 4], &[Op::Permute(vec![2, 0, 1])]),
                brief(&[2, 3], &[Op::Permute(vec![1, 0]), Op::Reshape(vec![6])]),
                guarded(|| show::result(&(imp.offset_of)(data(6), &[2, 3], &[], &[2, 0]))),
            ]
        },
    }
}

/// The snapshot of `iris_species_blocks`: the layout after each op, each row's first and mean.
fn iris_text(imp: &Impl, ops: &[Op]) -> String {
    let iris = mathlings_models::datasets::iris();
    let data: Vec<f64> = iris.features.transpose().as_slice().to_vec();
    let mut text = String::new();
    let mut last = None;
    for k in 1..=ops.len() {
        let got = (imp.run)(data.clone(), &[150, 4], &ops[..k]);
        let shown =
            show::ok_or_err(&got, |l| format!("shape {:?}, strides {:?}", l.shape, l.strides));
        text += &format!("after {:?}: {shown}\n", ops[k - 1]);
        last = got.ok();
    }
    for (r, row) in last
        .iter()
        .filter(|l| l.elements.len() == 600)
        .flat_map(|l| l.elements.chunks(50).enumerate())
    {
        let (first, mean) =
            (show::rounded(row[0], 6), show::rounded(row.iter().sum::<f64>() / 50.0, 8));
        let species = iris.species_names[r / 4];
        text += &format!("row {r:2} ({species} feature {}): first {first}, mean {mean}\n", r % 4);
    }
    text
}

/// A wrong tensor, one flavour per misconception.
struct Faulty<const KIND: u8> {
    data: Vec<f64>,
    shape: Vec<usize>,
    strides: Vec<usize>,
}

const COLUMN_MAJOR: u8 = 0;
const PERMUTE_AS_RESHAPE: u8 = 1;
const RESHAPE_WITHOUT_COPY: u8 = 2;

mod column_major {
    pub type Tensor = super::Faulty<{ super::COLUMN_MAJOR }>;
}
mod permute_as_reshape {
    pub type Tensor = super::Faulty<{ super::PERMUTE_AS_RESHAPE }>;
}
mod reshape_without_copy {
    pub type Tensor = super::Faulty<{ super::RESHAPE_WITHOUT_COPY }>;
}

impl<const KIND: u8> Faulty<KIND> {
    fn strides_for(shape: &[usize]) -> Vec<usize> {
        if KIND == COLUMN_MAJOR {
            // Each stride is the product of the lengths before it.
            shape.iter().scan(1, |next, &len| Some(std::mem::replace(next, *next * len))).collect()
        } else {
            mathlings_linalg::row_major_strides(shape)
        }
    }

    fn from_vec(data: Vec<f64>, shape: &[usize]) -> Result<Self, LinalgError> {
        // The reference validates exactly as required.
        mathlings_linalg::Tensor::from_vec(data.clone(), shape)?;
        Ok(Faulty { data, shape: shape.to_vec(), strides: Self::strides_for(shape) })
    }

    fn shape(&self) -> &[usize] {
        &self.shape
    }

    fn strides(&self) -> &[usize] {
        &self.strides
    }

    /// A reference tensor of the same shape, whose checks (depending on the shape only) are due.
    fn like(&self) -> mathlings_linalg::Tensor {
        let n = self.shape.iter().product();
        mathlings_linalg::Tensor::from_vec(vec![0.0; n], &self.shape).expect("a valid shape")
    }

    fn offset_of(&self, index: &[usize]) -> Result<usize, LinalgError> {
        self.like().offset_of(index)?;
        Ok(index.iter().zip(&self.strides).map(|(i, stride)| i * stride).sum())
    }

    fn get(&self, index: &[usize]) -> Result<f64, LinalgError> {
        Ok(self.data[self.offset_of(index)?])
    }

    fn reshape(&self, shape: &[usize]) -> Result<Self, LinalgError> {
        self.like().reshape(shape)?;
        let contiguous = self.strides == Self::strides_for(&self.shape);
        let data = if contiguous || KIND == RESHAPE_WITHOUT_COPY {
            self.data.clone()
        } else {
            // The elements in index order.
            layout(&self.shape, &self.strides, |i| self.get(i), |i| self.offset_of(i))?.elements
        };
        Ok(Faulty { data, shape: shape.to_vec(), strides: Self::strides_for(shape) })
    }

    fn permute(&self, axes: &[usize]) -> Result<Self, LinalgError> {
        self.like().permute(axes)?;
        let shape: Vec<usize> = axes.iter().map(|&a| self.shape[a]).collect();
        let strides = if KIND == PERMUTE_AS_RESHAPE {
            Self::strides_for(&shape)
        } else {
            axes.iter().map(|&a| self.strides[a]).collect()
        };
        Ok(Faulty { data: self.data.clone(), shape, strides })
    }
}
