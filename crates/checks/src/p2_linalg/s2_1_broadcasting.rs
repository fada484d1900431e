//! Checks for 2.1 — NumPy broadcasting: the broadcast shape and a broadcast sum.

use mathlings_linalg::LinalgError;

use super::matrices::{iris_species_means, rounded_all};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_1_broadcasting::{AddFn, Impl, ShapesFn, Sum};

type Shapes = (Vec<usize>, Vec<usize>);
type Operands = (Vec<f64>, Vec<usize>, Vec<f64>, Vec<usize>);

fn call_shapes(a: &[usize], b: &[usize]) -> String {
    format!("broadcast_shapes(&{a:?}, &{b:?})")
}

fn call_add(a: &[f64], sa: &[usize], b: &[f64], sb: &[usize]) -> String {
    format!("broadcast_add({}, &{sa:?}, {}, &{sb:?})", show::floats(a), show::floats(b))
}

/// Shapes that broadcast: a common shape, some leading axes dropped, some lengths set to 1.
fn compatible_shapes() -> impl Strategy<Value = Shapes> + Clone {
    (
        proptest::collection::vec(1..=4usize, 0..=4),
        proptest::collection::vec(proptest::bool::weighted(0.3), 4),
        proptest::collection::vec(proptest::bool::weighted(0.3), 4),
        0..=2usize,
        0..=2usize,
    )
        .prop_map(|(base, mask_a, mask_b, drop_a, drop_b)| {
            let make = |mask: &[bool], drop: usize| -> Vec<usize> {
                let drop = drop.min(base.len());
                base[drop..].iter().zip(mask).map(|(&d, &one)| if one { 1 } else { d }).collect()
            };
            (make(&mask_a, drop_a), make(&mask_b, drop_b))
        })
}

/// Shapes that do not broadcast: a right-aligned pair of lengths is 2–4 vs a different 3–6.
fn incompatible_shapes() -> impl Strategy<Value = Shapes> + Clone {
    (compatible_shapes(), 0..4usize, 2..=4usize, 1..=2usize, proptest::bool::ANY).prop_map(
        |((a, b), k, x, dx, strip)| {
            let rank = a.len().max(b.len()).max(1);
            let (mut a, mut b) = (pad(&a, rank, false), pad(&b, rank, false));
            let k = k % rank;
            a[k] = x;
            b[k] = x + dx;
            if strip {
                let leading = a.iter().take_while(|&&d| d == 1).count();
                a.drain(..leading);
            }
            (a, b)
        },
    )
}

fn count(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// Compatible shapes with data filling them.
fn operands() -> impl Strategy<Value = Operands> + Clone {
    let filling = |s: &[usize]| strategies::sample(count(s)..count(s) + 1);
    compatible_shapes()
        .prop_flat_map(move |(sa, sb)| (filling(&sa), Just(sa), filling(&sb), Just(sb)))
}

/// The broadcast sum by NumPy's rule in [`faulty_add`], independent of the reference crate.
fn oracle((a, sa, b, sb): &Operands) -> Sum {
    faulty_add(a, sa, b, sb, NUMPY)
}

fn show_sum(s: &Sum) -> String {
    show::ok_or_err(s, |(data, shape)| format!("Ok(({}, {shape:?}))", show::vec(data)))
}

/// Shape pairs, three compatible ones for one that is not.
fn any_shapes() -> impl Strategy<Value = Shapes> + Clone {
    prop_oneof![3 => compatible_shapes(), 1 => incompatible_shapes()]
}

fn mismatch(a: &[usize], b: &[usize]) -> LinalgError {
    LinalgError::TensorShapeMismatch { left: a.to_vec(), right: b.to_vec() }
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_1_broadcasting",
        properties: vec![
            Property::named("shapes_match_reference", 2)
                .description("broadcast_shapes equals the reference (NumPy's rule) on random compatible and incompatible shapes")
                .check(|imp, ctx| {
                    ctx.forall(any_shapes(), |(a, b)| call_shapes(a, b), |(a, b)| {
                        let (got, want) = ((imp.broadcast_shapes)(a, b), mathlings_linalg::broadcast_shapes(a, b));
                        expect::that(got == want, show::result(&got), show::result(&want))
                    })
                }),
            Property::named("add_matches_elementwise", 3)
                .description("broadcast_add gives a[i mod shape_a] + b[i mod shape_b] at every output index i (right-aligned)")
                .check(|imp, ctx| {
                    ctx.forall(operands(), |(a, sa, b, sb)| call_add(a, sa, b, sb), |ops| {
                        let (got, want) = ((imp.broadcast_add)(&ops.0, &ops.1, &ops.2, &ops.3), oracle(ops));
                        expect::that(got == want, show_sum(&got), show_sum(&want))
                    })
                }),
            Property::named("commutative", 1)
                .description("broadcast_shapes(a, b) = broadcast_shapes(b, a) and broadcast_add(a, b) = broadcast_add(b, a)")
                .check(|imp, ctx| {
                    ctx.forall(any_shapes(), |(a, b)| format!("{} vs {}", call_shapes(a, b), call_shapes(b, a)), |(a, b)| {
                        let (ab, ba) = ((imp.broadcast_shapes)(a, b), (imp.broadcast_shapes)(b, a));
                        expect::that(
                            ab.as_ref().ok() == ba.as_ref().ok(), // equal, or both errors
                            show::result(&ab),
                            format!("the same as the swapped call: {}", show::result(&ba)),
                        )
                    })?;
                    ctx.forall(
                        operands(),
                        |(a, sa, b, sb)| format!("{} vs {}", call_add(a, sa, b, sb), call_add(b, sb, a, sa)),
                        |(a, sa, b, sb)| {
                            let ab = (imp.broadcast_add)(a, sa, b, sb);
                            if ab.is_err() {
                                return expect::fail(show_sum(&ab), "Ok(the broadcast sum): these shapes broadcast");
                            }
                            let ba = (imp.broadcast_add)(b, sb, a, sa);
                            expect::that(ab == ba, show_sum(&ab), format!("the same as the swapped call, which gives {}", show_sum(&ba)))
                        },
                    )
                }),
            Property::named("incompatible_shapes_error", 2)
                .description("shapes with an aligned pair of different lengths, neither 1, give TensorShapeMismatch { left: a, right: b } from both functions")
                .check(|imp, ctx| {
                    ctx.forall(incompatible_shapes(), |(a, b)| call_shapes(a, b), |(a, b)| {
                        let want = mismatch(a, b);
                        expect::error(&(imp.broadcast_shapes)(a, b), |e| *e == want, &format!("{want:?}"))
                    })?;
                    let input = incompatible_shapes().prop_flat_map(|(sa, sb)| {
                        (Just(vec![1.0; count(&sa)]), Just(sa), Just(vec![2.0; count(&sb)]), Just(sb))
                    });
                    ctx.forall(input, |(a, sa, b, sb)| call_add(a, sa, b, sb), |(a, sa, b, sb)| {
                        let want = mismatch(sa, sb);
                        expect::error_shown(&(imp.broadcast_add)(a, sa, b, sb), |e| *e == want, &format!("{want:?}"), show_sum)
                    })
                }),
            Property::named("scalar_and_zero", 1)
                .description("adding a scalar (shape []) adds it to every element; adding zeros of the same shape changes nothing")
                .check(|imp, ctx| {
                    let input = (operands(), strategies::value());
                    ctx.forall(
                        input,
                        |((a, sa, _, _), c)| call_add(a, sa, &[*c], &[]),
                        |((a, sa, _, _), c)| {
                            let got = (imp.broadcast_add)(a, sa, &[*c], &[]);
                            let want: Sum = Ok((a.iter().map(|x| x + c).collect(), sa.clone()));
                            expect::that(got == want, show_sum(&got), show_sum(&want))?;
                            let zeros = vec![0.0; a.len()];
                            let got = (imp.broadcast_add)(a, sa, &zeros, sa);
                            let want: Sum = Ok((a.iter().map(|x| x + 0.0).collect(), sa.clone()));
                            let shown = format!("{} with zeros of the same shape: {}", call_add(a, sa, &zeros, sa), show_sum(&got));
                            expect::that(got == want, shown, show_sum(&want))
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty data, NaN/±∞ and data whose length does not fill the shape give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |ops| call_add(&ops.0, &ops.1, &ops.2, &ops.3) => (imp.broadcast_add)(&ops.0, &ops.1, &ops.2, &ops.3), shown show_sum;
                        ((vec![], vec![0], vec![1.0], vec![])) == LinalgError::Empty,
                        ((vec![1.0], vec![], vec![], vec![0])) == LinalgError::Empty,
                        ((vec![1.0, f64::NAN], vec![2], vec![1.0], vec![])) == LinalgError::NonFinite,
                        ((vec![1.0, 2.0], vec![2], vec![f64::INFINITY], vec![1])) == LinalgError::NonFinite,
                        ((vec![1.0, 2.0, 3.0], vec![2, 2], vec![1.0], vec![])) == LinalgError::TensorShapeMismatch { left: vec![3], right: vec![2, 2] },
                        ((vec![1.0, 2.0], vec![2], vec![1.0, 2.0], vec![3])) == LinalgError::TensorShapeMismatch { left: vec![2], right: vec![3] },
                    )
                }),
            Property::named("iris_centring", 1)
                .description("centring the Iris features per species ([3, 50, 4] + [3, 1, 4]) and the species means ([3, 1, 4] + [4]) matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "broadcast_add(&x, &[3, 50, 4], &minus_species_means, &[3, 1, 4]) and broadcast_add(&species_means, &[3, 1, 4], &minus_mean, &[4]) on Iris";
                    ctx.once(call, || ctx.snapshot("iris", call, &iris_text(imp)))
                }),
        ],
        misconceptions: vec![
            Misconception::named("left_aligned")
                .explanation("Your shapes are lined up at the LEFT (missing axes added at the end). NumPy aligns \
                    them at the RIGHT: the last axes are compared first and missing axes are added in front. \
                    So [2, 3] + [3] is [2, 3] (the vector is added to every row), and [3, 1] + [3] is [3, 3]. \
                    Walk both shapes from their last axis backwards.")
                .implementation(Impl {
                    broadcast_shapes: |a, b| faulty_shapes(a, b, Rule { left: true, ..NUMPY }),
                    broadcast_add: |a, sa, b, sb| faulty_add(a, sa, b, sb, Rule { left: true, ..NUMPY }),
                }),
            Misconception::named("no_compatibility_check")
                .explanation("Your broadcast takes the larger length on every axis without checking that the \
                    lengths fit: [3] + [4] is not broadcastable (which 3 numbers should stretch to 4?). Two \
                    aligned lengths must be equal or one of them must be 1; otherwise return \
                    Err(LinalgError::TensorShapeMismatch { left: a, right: b }).")
                .implementation(Impl {
                    broadcast_shapes: |a, b| faulty_shapes(a, b, Rule { check: false, ..NUMPY }),
                    broadcast_add: |a, sa, b, sb| faulty_add(a, sa, b, sb, Rule { check: false, ..NUMPY }),
                }),
            Misconception::named("same_rank_required")
                .explanation("Your broadcast rejects shapes with different numbers of axes. NumPy treats a \
                    missing leading axis as length 1: [2, 3] + [3] is [2, 3], and a 0-d scalar [] combines \
                    with anything. Pad the shorter shape with 1s on the left.")
                .implementation(Impl {
                    broadcast_shapes: |a, b| faulty_shapes(a, b, Rule { same_rank: true, ..NUMPY }),
                    broadcast_add: |a, sa, b, sb| faulty_add(a, sa, b, sb, Rule { same_rank: true, ..NUMPY }),
                }),
        ],
        probe: |imp| {
            let shapes: [(&[usize], &[usize]); 4] =
                [(&[2, 3], &[3]), (&[3, 1], &[3]), (&[3], &[4]), (&[8, 1, 6, 1], &[7, 1, 5])];
            let mut out: Vec<String> = shapes
                .iter()
                .map(|(a, b)| match (imp.broadcast_shapes)(a, b) {
                    Ok(s) => format!("{s:?}"),
                    Err(LinalgError::TensorShapeMismatch { .. }) => "mismatch".into(),
                    Err(e) => format!("{e:?}"),
                })
                .collect();
            let (a, b) = ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [10.0, 20.0, 30.0]);
            out.push(show_sum(&(imp.broadcast_add)(&a, &[2, 3], &b, &[3])));
            out
        },
    }
}

/// The snapshot of `iris_centring`: centred per-species variances, species means − mean.
fn iris_text(imp: &Impl) -> String {
    let iris = mathlings_models::datasets::iris();
    let x: Vec<f64> = iris.features.transpose().as_slice().to_vec();
    let species_means: Vec<f64> = iris_species_means().transpose().as_slice().to_vec();
    let mean: Vec<f64> =
        (0..4).map(|j| (0..150).map(|r| x[r * 4 + j]).sum::<f64>() / 150.0).collect();
    let negate = |v: &[f64]| v.iter().map(|x| -x).collect::<Vec<f64>>();
    let names = iris.species_names;
    let mut text = match (imp.broadcast_add)(&x, &[3, 50, 4], &negate(&species_means), &[3, 1, 4]) {
        Ok((c, shape)) if c.len() == 600 => {
            let mut text = format!("within-species deviations: shape {shape:?}\n");
            for (s, name) in names.iter().enumerate() {
                let ss = |j: usize| (0..50).map(|r| c[(s * 50 + r) * 4 + j].powi(2)).sum::<f64>();
                let variances = (0..4).map(|j| ss(j) / 49.0).collect::<Vec<_>>();
                text += &format!("  {name} variances: {}\n", rounded_all(&variances, 8));
            }
            text
        }
        other => format!(
            "within-species deviations: {}\n",
            show_sum(&other).chars().take(200).collect::<String>()
        ),
    };
    match (imp.broadcast_add)(&species_means, &[3, 1, 4], &negate(&mean), &[4]) {
        Ok((d, shape)) if d.len() == 12 => {
            text += &format!("species mean − overall mean: shape {shape:?}\n");
            for (name, row) in names.iter().zip(d.chunks(4)) {
                text += &format!("  {name}: {}\n", rounded_all(row, 8));
            }
        }
        other => text += &format!("species mean − overall mean: {}\n", show_sum(&other)),
    }
    text
}

/// A shape rule: NumPy's, or one with a slip (aligned at the left, lengths not checked to
/// be equal or 1, different ranks rejected).
#[derive(Clone, Copy)]
struct Rule {
    left: bool,
    check: bool,
    same_rank: bool,
}

const NUMPY: Rule = Rule { left: false, check: true, same_rank: false };

/// The broadcast shape under `rule`.
fn faulty_shapes(a: &[usize], b: &[usize], rule: Rule) -> Result<Vec<usize>, LinalgError> {
    let Rule { left, check, same_rank } = rule;
    if same_rank && a.len() != b.len() {
        return Err(mismatch(a, b));
    }
    let rank = a.len().max(b.len());
    let (pa, pb) = (pad(a, rank, left), pad(b, rank, left));
    let fits = |(&x, &y): (&usize, &usize)| x == y || x == 1 || y == 1 || !check;
    let lengths = pa.iter().zip(&pb);
    if lengths.clone().all(fits) {
        Ok(lengths.map(|(&x, &y)| x.max(y)).collect())
    } else {
        Err(mismatch(a, b))
    }
}

fn pad(s: &[usize], rank: usize, left: bool) -> Vec<usize> {
    let ones = vec![1; rank - s.len()];
    if left { [s, &ones[..]].concat() } else { [&ones[..], s].concat() }
}

/// A sum under a shape rule: output index i reads input index `iₖ mod lenₖ` (padded axes).
fn faulty_add(a: &[f64], sa: &[usize], b: &[f64], sb: &[usize], rule: Rule) -> Sum {
    for (data, shape) in [(a, sa), (b, sb)] {
        mathlings_linalg::Tensor::from_vec(data.to_vec(), shape)?;
    }
    let shape = faulty_shapes(sa, sb, rule)?;
    let (pa, pb) = (pad(sa, shape.len(), rule.left), pad(sb, shape.len(), rule.left));
    let read = |data: &[f64], s: &[usize], index: &[usize]| -> f64 {
        let offset = s.iter().zip(index).fold(0, |o, (&len, &i)| o * len + i % len);
        data[offset]
    };
    let mut out = Vec::new();
    let mut index = vec![0; shape.len()];
    for _ in 0..count(&shape) {
        out.push(read(a, &pa, &index) + read(b, &pb, &index));
        for axis in (0..index.len()).rev() {
            index[axis] += 1;
            if index[axis] < shape[axis] {
                break;
            }
            index[axis] = 0;
        }
    }
    Ok((out, shape))
}
