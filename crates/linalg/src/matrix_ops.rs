//! Shape-checked matrix arithmetic: sum, transpose, products, a dense layer.

use nalgebra::{DMatrix, DVector};
use std::cell::Cell;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use crate::LinalgError;
use crate::validate::{check_matrix, check_slice};

/// Rows of C in one micro-kernel tile: 16 f64 = two 512-bit AVX-512 registers (four
/// 256-bit AVX2 registers) per tile column.
const MR: usize = 16;
/// Columns of C in one micro-kernel tile. 16 × 6 gives 12 independent 512-bit
/// accumulators (of AVX-512's 32 registers): enough to keep both FMA units busy despite
/// each FMA's 4-cycle latency, with room left for the loaded values. (Measured on the
/// benchmark machine: 8×4, 16×4, 8×8 and 8×12 are slower; 16×8 makes the compiler keep
/// the tile in memory instead of registers.)
const NR: usize = 6;
/// Depth of one k-block: an A panel's slice of MR × KC entries (16 KiB) stays in the
/// 48 KiB L1 cache while every B panel of the block (KC × NR, 6 KiB each) streams past it.
const KC: usize = 128;
/// Most columns of C in one block of work: the block's packed B, KC × NC entries
/// (240 KiB), stays in the L2 cache (1 MiB per core) while all of A's panels pass it.
/// Wider products are split into more blocks than cores.
const NC: usize = 240;

// A block must consist of whole B panels.
const _: () = assert!(NC.is_multiple_of(NR));

/// Products of fewer multiply-adds than this run on the calling thread only: waking
/// another thread costs about 10 µs (measured), more than the whole product here.
const PARALLEL_THRESHOLD: usize = 32 * 32 * 32;

/// Packing space of at most this many f64 (32 MiB) is kept for the next call; larger
/// buffers are freed, so one huge product does not hold on to its memory for good.
const KEEP_PACKING_SPACE: usize = 4 << 20;

/// `Err(ShapeMismatch)` unless a·b is defined, plus the checks of `check_matrix`
/// (`Empty`, `NonFinite`) done with vector instructions: at n = 100 an entry-by-entry
/// scan of both factors costs over a tenth of the fast product's time.
fn check_product(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<(), LinalgError> {
    for matrix in [a, b] {
        if matrix.is_empty() {
            return Err(LinalgError::Empty);
        }
        if !all_finite(matrix.as_slice()) {
            return Err(LinalgError::NonFinite);
        }
    }
    if a.ncols() != b.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: b.shape(),
        });
    }
    Ok(())
}

/// Whether no entry is NaN or ±∞, with the widest vector instructions available.
fn all_finite(x: &[f64]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if is_x86_feature_detected!("avx512f") {
        // SAFETY: `all_finite_avx512` only requires AVX-512F, checked on the line above.
        return unsafe { all_finite_avx512(x) };
    }
    all_finite_portable(x)
}

/// [`all_finite_portable`] compiled with AVX-512F: eight entries per instruction.
///
/// # Safety
/// The CPU must support AVX-512F (check with `is_x86_feature_detected!`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn all_finite_avx512(x: &[f64]) -> bool {
    all_finite_portable(x)
}

/// Scans every entry without stopping at the first bad one: a loop without an early
/// exit is one the compiler can turn into vector instructions.
#[inline(always)]
fn all_finite_portable(x: &[f64]) -> bool {
    x.iter().fold(true, |ok, v| ok & v.is_finite())
}

/// The entrywise sum of two matrices of the same shape.
///
/// # Formula
/// ```text
/// (A + B)ᵢⱼ = aᵢⱼ + bᵢⱼ
/// ```
/// where A and B are both m×n.
///
/// # Errors
/// `Empty`, `NonFinite`, `ShapeMismatch` when the shapes differ.
///
/// # Examples
/// ```
/// use mathlings_linalg::{add, LinalgError};
/// use nalgebra::dmatrix;
///
/// assert_eq!(add(&dmatrix![1.0, 2.0], &dmatrix![3.0, 4.0])?, dmatrix![4.0, 6.0]);
/// assert!(matches!(add(&dmatrix![1.0, 2.0], &dmatrix![1.0; 2.0]), Err(LinalgError::ShapeMismatch { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn add(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_matrix(a)?;
    check_matrix(b)?;
    if a.shape() != b.shape() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: b.shape(),
        });
    }
    Ok(DMatrix::from_fn(a.nrows(), a.ncols(), |i, j| {
        a[(i, j)] + b[(i, j)]
    }))
}

/// The transpose: rows become columns.
///
/// Cannot fail: every matrix, even an empty one, has a transpose.
///
/// # Formula
/// ```text
/// (Aᵀ)ᵢⱼ = aⱼᵢ
/// ```
/// where A is m×n and Aᵀ is n×m.
///
/// # Examples
/// ```
/// use mathlings_linalg::transpose;
/// use nalgebra::dmatrix;
///
/// assert_eq!(transpose(&dmatrix![1.0, 2.0, 3.0]), dmatrix![1.0; 2.0; 3.0]);
/// ```
pub fn transpose(a: &DMatrix<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(a.ncols(), a.nrows(), |i, j| a[(j, i)])
}

/// The matrix product by the textbook triple loop.
///
/// # Formula
/// ```text
/// (A B)ᵢⱼ = Σₖ aᵢₖ bₖⱼ
/// ```
/// where A is m×p, B is p×n and AB is m×n.
///
/// # Errors
/// `Empty`, `NonFinite`, `ShapeMismatch` when A's column count ≠ B's row count.
///
/// # Examples
/// ```
/// use mathlings_linalg::{matmul_naive, LinalgError};
/// use nalgebra::dmatrix;
///
/// let c = matmul_naive(&dmatrix![1.0, 2.0; 3.0, 4.0], &dmatrix![5.0; 6.0])?;
/// assert_eq!(c, dmatrix![17.0; 39.0]);
/// assert!(matches!(
///     matmul_naive(&dmatrix![1.0, 2.0], &dmatrix![1.0, 2.0]),
///     Err(LinalgError::ShapeMismatch { left: (1, 2), right: (1, 2) })
/// ));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn matmul_naive(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_product(a, b)?;
    let (m, p, n) = (a.nrows(), a.ncols(), b.ncols());
    let mut c = DMatrix::<f64>::zeros(m, n);
    for i in 0..m {
        for j in 0..n {
            let mut sum = 0.0;
            for k in 0..p {
                sum += a[(i, k)] * b[(k, j)];
            }
            c[(i, j)] = sum;
        }
    }
    Ok(c)
}

/// The matrix product, packed, register-blocked, cache-blocked and parallel.
///
/// Same mathematics as [`matmul_naive`], arranged for the hardware the way fast BLAS
/// libraries (and the `matrixmultiply` crate behind nalgebra's `*`) do it:
///
/// 1. **Packing.** A is copied into panels of MR = 16 rows and B into panels of
///    NR = 6 columns, each stored contiguously in k and zero-padded at the edges, so
///    the innermost loop reads both operands front to back whatever the shapes.
/// 2. **Micro-kernel.** One MR×NR tile of C is summed in a fixed-size
///    `[[f64; MR]; NR]` array that the compiler keeps in CPU registers: each step k
///    loads MR entries of A and NR entries of B and does MR·NR multiply-adds.
/// 3. **Cache blocking.** The depth is cut into blocks of KC = 128, so the slice of an
///    A panel in use stays in the L1 cache while the B panels stream past it, and each
///    block's packed B (at most KC × NC) stays in L2.
/// 4. **Parallelism.** Blocks of C's columns are independent: the calling thread and
///    rayon's threads take them one at a time from a shared queue.
/// 5. **SIMD.** On x86-64 the loops are compiled twice more, with AVX-512 and with
///    AVX2 (+ FMA) enabled, and the widest version the CPU supports is chosen at run
///    time.
/// 6. **Reuse.** The packing memory is kept per thread for the next call.
///
/// Every multiply-add is one correctly rounded fused operation (`f64::mul_add`), so
/// all compiled versions give bit-identical results. The sums are taken in a
/// different order than in the naive loop, so the two agree to rounding only.
///
/// # Formula
/// ```text
/// C[I, J] = Σ_K A[I, K] · B[K, J]
/// ```
/// where A is m×p, B is p×n, I runs over blocks of MR rows, J over blocks of NR
/// columns and K over blocks of KC depth; each block product is formed in registers
/// and then added to C.
///
/// # Errors
/// `Empty`, `NonFinite`, `ShapeMismatch` when A's column count ≠ B's row count.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{matmul_blocked, LinalgError};
/// use nalgebra::DMatrix;
///
/// let a = DMatrix::from_fn(70, 50, |i, j| (i as f64 - j as f64) / 10.0);
/// let b = DMatrix::from_fn(50, 40, |i, j| (i * j) as f64 / 100.0);
/// assert_relative_eq!(matmul_blocked(&a, &b)?, &a * &b, epsilon = 1e-10);
/// assert!(matches!(matmul_blocked(&a, &a), Err(LinalgError::ShapeMismatch { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn matmul_blocked(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_product(a, b)?;
    let (m, p, n) = (a.nrows(), a.ncols(), b.ncols());
    let mut space = PACKING_SPACE.take();
    let a_len = m.div_ceil(MR) * MR * p;
    space.resize(a_len + n.div_ceil(NR) * NR * p, 0.0);
    let (packed_a, packed_b) = space.split_at_mut(a_len);
    pack_a(a, packed_a);
    let packed_a = &*packed_a;

    let block_width = columns_per_block(m, p, n);
    // Threads besides this one that take blocks: one per other core, if it has work.
    let helpers = rayon::current_num_threads().min(n.div_ceil(block_width)) - 1;
    let mut c = DMatrix::<f64>::zeros(m, n);
    // The blocks of C's columns, each with the part of the packing space for the same
    // columns of B, handed out one at a time to whichever thread asks next.
    let blocks = Mutex::new(
        c.as_mut_slice()
            .chunks_mut(m * block_width)
            .zip(packed_b.chunks_mut(p * block_width))
            .enumerate(),
    );
    let next_block = || blocks.lock().unwrap_or_else(PoisonError::into_inner).next();
    let work = || {
        while let Some((index, (c_columns, b_panels))) = next_block() {
            let first_column = index * block_width;
            pack_b(
                b,
                first_column..first_column + c_columns.len() / m,
                b_panels,
            );
            multiply_columns(packed_a, b_panels, c_columns, (m, p));
        }
    };
    // This thread starts at once; rayon's threads join in when they wake up, which can
    // take as long as a whole small product: the blocks they did not take, this thread
    // computes itself.
    rayon::in_place_scope(|scope| {
        for _ in 0..helpers {
            scope.spawn(|_| work());
        }
        work();
    });

    if space.len() <= KEEP_PACKING_SPACE {
        PACKING_SPACE.set(space);
    }
    Ok(c)
}

thread_local! {
    /// Memory for packed A and B, kept between calls on the same thread. A fresh
    /// allocation of a few hundred KiB per call is handed back to the operating system
    /// when freed and page-faulted in again by the next call, which at n = 100…300
    /// cost as much as the arithmetic. `take` leaves an empty Vec behind, so a nested
    /// call on the same thread (rayon may run one while we wait) simply allocates.
    static PACKING_SPACE: Cell<Vec<f64>> = const { Cell::new(Vec::new()) };
}

/// How many columns of C one block holds: an equal share per core (a whole number of
/// NR-column panels) but at most NC, or all columns for a product too small to split.
fn columns_per_block(m: usize, p: usize, n: usize) -> usize {
    if m * p * n < PARALLEL_THRESHOLD {
        return n.div_ceil(NR) * NR;
    }
    let share = n.div_ceil(rayon::current_num_threads());
    (share.div_ceil(NR) * NR).min(NC)
}

/// Writes A (m×p) into `packed` as ⌈m/MR⌉ panels of MR rows: panel P holds
/// a[P·MR + r, k] at position k·MR + r (k = 0, 1, …, p − 1 and r = 0, 1, …, MR − 1),
/// so the micro-kernel reads it front to back. Rows past m are filled with zeros (they
/// only reach tile rows that are never written to C; zeros keep that arithmetic cheap).
fn pack_a(a: &DMatrix<f64>, packed: &mut [f64]) {
    let (m, p) = a.shape();
    for (panel, out) in packed.chunks_exact_mut(MR * p).enumerate() {
        let rows = panel * MR..(panel * MR + MR).min(m);
        if rows.len() < MR {
            out.fill(0.0);
        }
        for (k, step) in out.chunks_exact_mut(MR).enumerate() {
            // Column k of A is contiguous in DMatrix's column-major storage.
            let a_column = &a.as_slice()[k * m..(k + 1) * m];
            step[..rows.len()].copy_from_slice(&a_column[rows.clone()]);
        }
    }
}

/// Writes the given columns of B (p×n) into `packed` as panels of NR columns: the
/// panel starting at column j holds b[k, j + c] at position k·NR + c (k = 0, 1, …,
/// p − 1 and c = 0, 1, …, NR − 1). Columns past the range are filled with zeros, as in
/// `pack_a`.
fn pack_b(b: &DMatrix<f64>, columns: Range<usize>, packed: &mut [f64]) {
    let p = b.nrows();
    for (panel, out) in packed.chunks_exact_mut(NR * p).enumerate() {
        let first = columns.start + panel * NR;
        if first + NR > columns.end {
            out.fill(0.0);
        }
        for (c, j) in (first..(first + NR).min(columns.end)).enumerate() {
            let b_column = &b.as_slice()[j * p..(j + 1) * p];
            for (step, &bkj) in out.chunks_exact_mut(NR).zip(b_column) {
                step[c] = bkj;
            }
        }
    }
}

/// Adds packed A times packed B into `c_columns` (whole m-entry columns of C), using
/// the widest vector instructions this CPU supports.
fn multiply_columns(
    packed_a: &[f64],
    packed_b: &[f64],
    c_columns: &mut [f64],
    (m, p): (usize, usize),
) {
    #[cfg(target_arch = "x86_64")]
    {
        // `is_x86_feature_detected!` asks the CPU once and caches the answer.
        if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("fma") {
            // SAFETY: `multiply_columns_avx512` is safe to call on any CPU that has
            // AVX-512F and FMA, which the line above has just checked.
            unsafe { multiply_columns_avx512(packed_a, packed_b, c_columns, (m, p)) };
            return;
        }
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            // SAFETY: as above, for AVX2 and FMA.
            unsafe { multiply_columns_avx2(packed_a, packed_b, c_columns, (m, p)) };
            return;
        }
    }
    multiply_columns_portable(packed_a, packed_b, c_columns, (m, p));
}

/// [`multiply_columns_portable`] compiled with AVX-512 and FMA enabled: a tile column
/// of 16 f64 lives in two 512-bit registers, updated by one fused multiply-add each.
///
/// # Safety
/// The CPU must support AVX-512F and FMA (check with `is_x86_feature_detected!`):
/// otherwise it executes instructions the CPU does not have.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,fma")]
unsafe fn multiply_columns_avx512(
    packed_a: &[f64],
    packed_b: &[f64],
    c_columns: &mut [f64],
    (m, p): (usize, usize),
) {
    multiply_columns_portable(packed_a, packed_b, c_columns, (m, p));
}

/// [`multiply_columns_portable`] compiled with AVX2 and FMA enabled: a tile column of
/// 16 f64 lives in four 256-bit registers.
///
/// # Safety
/// The CPU must support AVX2 and FMA (check with `is_x86_feature_detected!`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn multiply_columns_avx2(
    packed_a: &[f64],
    packed_b: &[f64],
    c_columns: &mut [f64],
    (m, p): (usize, usize),
) {
    multiply_columns_portable(packed_a, packed_b, c_columns, (m, p));
}

/// The blocked loops, in plain Rust: for each KC-block of the depth and each A panel,
/// run the micro-kernel against every B panel and add the MR×NR tile into C (only its
/// part inside C at the edges). `#[inline(always)]` copies this body into each caller
/// above, which compiles it with that caller's instruction set; called directly it is
/// the portable version. (Without hardware FMA, `mul_add` is computed in software:
/// correct and identical, but slow.)
#[inline(always)]
fn multiply_columns_portable(
    packed_a: &[f64],
    packed_b: &[f64],
    c_columns: &mut [f64],
    (m, p): (usize, usize),
) {
    let width = c_columns.len() / m;
    for k0 in (0..p).step_by(KC) {
        let depth = k0..(k0 + KC).min(p);
        for (a_index, a_panel) in packed_a.chunks_exact(MR * p).enumerate() {
            let (a_steps, _) = a_panel[depth.start * MR..depth.end * MR].as_chunks::<MR>();
            let first_row = a_index * MR;
            let tile_height = MR.min(m - first_row);
            for (b_index, b_panel) in packed_b.chunks_exact(NR * p).enumerate() {
                let (b_steps, _) = b_panel[depth.start * NR..depth.end * NR].as_chunks::<NR>();
                let tile = micro_kernel(a_steps, b_steps);
                let first_column = b_index * NR;
                let tile_width = NR.min(width - first_column);
                for (c, tile_column) in tile.iter().enumerate().take(tile_width) {
                    let start = (first_column + c) * m + first_row;
                    let c_column = &mut c_columns[start..start + tile_height];
                    for (x, &t) in c_column.iter_mut().zip(tile_column) {
                        *x += t;
                    }
                }
            }
        }
    }
}

/// The register-blocked heart of the product: the MR×NR tile Σₖ aₖ bₖᵀ, a sum of outer
/// products of MR entries of A (`a_steps[k]`) and NR entries of B (`b_steps[k]`),
/// stored column by column.
#[inline(always)]
fn micro_kernel(a_steps: &[[f64; MR]], b_steps: &[[f64; NR]]) -> [[f64; MR]; NR] {
    let mut tile = [[0.0; MR]; NR];
    for (a_k, b_k) in a_steps.iter().zip(b_steps) {
        for (tile_column, &bkj) in tile.iter_mut().zip(b_k) {
            for (t, &aik) in tile_column.iter_mut().zip(a_k) {
                *t = aik.mul_add(bkj, *t);
            }
        }
    }
    tile
}

/// A fully connected neural-network layer applied to a batch: `Y = X Wᵀ + 1 bᵀ`.
///
/// Row r of X is one input sample; row j of W holds the weights of output unit j.
///
/// # Formula
/// ```text
/// yᵣⱼ = bⱼ + Σₖ xᵣₖ wⱼₖ
/// ```
/// where X is batch×inputs, W is outputs×inputs, b has one entry per output, and Y is
/// batch×outputs.
///
/// # Errors
/// `Empty`, `NonFinite` (in any argument), `ShapeMismatch { left: X's shape, right: W's shape }`
/// when the input counts differ, `ShapeMismatch { left: W's shape, right: (b.len(), 1) }`
/// when b does not have one entry per output.
///
/// # Examples
/// ```
/// use mathlings_linalg::{dense_layer, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let x = dmatrix![1.0, 2.0; 3.0, 4.0];          // two samples, two inputs
/// let w = dmatrix![1.0, 0.0; 0.0, 1.0; 1.0, 1.0]; // three outputs
/// let y = dense_layer(&x, &w, &dvector![0.0, 0.0, 10.0])?;
/// assert_eq!(y, dmatrix![1.0, 2.0, 13.0; 3.0, 4.0, 17.0]);
/// assert!(dense_layer(&x, &w, &dvector![0.0]).is_err());
/// # Ok::<(), LinalgError>(())
/// ```
pub fn dense_layer(
    x: &DMatrix<f64>,
    w: &DMatrix<f64>,
    b: &DVector<f64>,
) -> Result<DMatrix<f64>, LinalgError> {
    check_matrix(x)?;
    check_matrix(w)?;
    if x.ncols() != w.ncols() {
        return Err(LinalgError::ShapeMismatch {
            left: x.shape(),
            right: w.shape(),
        });
    }
    if b.len() != w.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: w.shape(),
            right: (b.len(), 1),
        });
    }
    check_slice(b.as_slice())?;
    let mut y = matmul_blocked(x, &transpose(w))?;
    for (j, mut column) in y.column_iter_mut().enumerate() {
        column.add_scalar_mut(b[j]);
    }
    Ok(y)
}

#[cfg(test)]
mod tests {
    //! The compiled versions of the blocked loops that this CPU can run must agree bit
    //! for bit (tests/matrix_ops.rs only reaches the one `multiply_columns` picks).
    use super::*;

    /// C = A·B for a 37×131 A and 131×23 B (edges in every block size) through `run`.
    fn product_via(run: impl Fn(&[f64], &[f64], &mut [f64], (usize, usize))) -> DMatrix<f64> {
        let (m, p, n) = (37, 131, 23);
        let a = DMatrix::from_fn(m, p, |i, j| ((i * 31 + j * 17) % 29) as f64 / 7.0 - 2.0);
        let b = DMatrix::from_fn(p, n, |i, j| ((i * 13 + j * 7) % 23) as f64 / 5.0 - 2.0);
        let mut packed_a = vec![f64::NAN; m.div_ceil(MR) * MR * p];
        let mut packed_b = vec![f64::NAN; n.div_ceil(NR) * NR * p];
        pack_a(&a, &mut packed_a);
        pack_b(&b, 0..n, &mut packed_b);
        let mut c = DMatrix::zeros(m, n);
        run(&packed_a, &packed_b, c.as_mut_slice(), (m, p));
        let relative_error = (&c - &a * &b).norm() / (&a * &b).norm();
        assert!(relative_error < 1e-14, "{relative_error:e}");
        c
    }

    #[test]
    fn every_available_instruction_set_gives_identical_results() {
        let portable = product_via(multiply_columns_portable);
        #[cfg(target_arch = "x86_64")]
        {
            if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                // SAFETY: AVX2 and FMA were detected on the line above.
                let avx2 = product_via(|a, b, c, d| unsafe { multiply_columns_avx2(a, b, c, d) });
                assert_eq!(avx2, portable);
            }
            if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("fma") {
                // SAFETY: AVX-512F and FMA were detected on the line above.
                let avx512 =
                    product_via(|a, b, c, d| unsafe { multiply_columns_avx512(a, b, c, d) });
                assert_eq!(avx512, portable);
            }
        }
    }
}
