mod common;
use common::*;
use mathlings_stats::{pearson_correlation, variance_inflation_factors};
use nalgebra::{DMatrix, DVector};
use rand::Rng;

fn vif_by_regression(x: &DMatrix<f64>, j: usize) -> (f64, f64) {
    let (n, p) = x.shape();
    let y: DVector<f64> = x.column(j).into_owned();
    let mut design = DMatrix::from_element(n, p, 1.0);
    let mut col = 1;
    for k in (0..p).filter(|&k| k != j) {
        design.set_column(col, &x.column(k));
        col += 1;
    }
    let svd = design.clone().svd(true, true);
    let recon = svd.clone().recompose().unwrap();
    let rel = (&recon - &design).norm() / design.norm();
    let svd2 = design.clone().try_svd(true, true, 1e-15, 0).unwrap();
    let beta_t = svd2.solve(&y, 0.0).unwrap();
    let rt = (&y - &design * beta_t).norm_squared();
    let beta = svd.solve(&y, 0.0).unwrap();
    // centred
    let mean_cols = design.row_mean();
    let dc = DMatrix::from_fn(n, p - 1, |i, k| design[(i, k + 1)] - mean_cols[k + 1]);
    let ym = y.mean();
    let yc = y.map(|v| v - ym);
    let sc = dc.clone().svd(true, true);
    let rr = (sc.clone().recompose().unwrap() - &dc).norm() / dc.norm();
    if rr > 1e-13 { println!("CENTRED RECON {rr:e}"); }
    let bc = sc.solve(&yc, 0.0).unwrap();
    let rc = (&yc - &dc * bc).norm_squared();
    let ss: f64 = yc.norm_squared();
    println!("recon {rel:e} tight {} centred {}", ss / rt, ss / rc);
    let residual = &y - &design * &beta;
    let y_mean = y.mean();
    let ss_tot: f64 = y.iter().map(|v| (v - y_mean).powi(2)).sum();
    let qr = design.clone().qr();
    let qty = qr.q().transpose() * &y;
    let b = qr.r().solve_upper_triangular(&qty).unwrap();
    let r2 = (&y - &design * b).norm_squared();
    (ss_tot / residual.norm_squared(), ss_tot / r2)
}

fn ss_c(x: &DMatrix<f64>, j: usize) -> f64 {
    let (n, p) = x.shape();
    let means = x.row_mean();
    let yc: DVector<f64> = DVector::from_fn(n, |i, _| x[(i, j)] - means[j]);
    let others: Vec<usize> = (0..p).filter(|&k| k != j).collect();
    let dc = DMatrix::from_fn(n, p - 1, |i, c| x[(i, others[c])] - means[others[c]]);
    let b = dc.clone().svd(true, true).solve(&yc, 0.0).unwrap();
    yc.norm_squared() / (&yc - &dc * b).norm_squared()
}
#[test]
fn debug() {
    let mut r = rng(5);
    let mut worst = 0.0f64;
    for _ in 0..3000 {
        let n = r.random_range(10..40);
        let p = r.random_range(2..7);
        let x = DMatrix::from_fn(n, p, |_, j| r.random_range(-100.0..100.0) + (j as f64) * 300.0);
        let s = r.random_range(0.0..3.0);
        let m = DMatrix::from_fn(p, p, |i, j| f64::from(u8::from(i == j)) + s * r.random_range(-1.0..1.0));
        let d = &x * m;
        let Ok(ours) = variance_inflation_factors(&d) else { continue };
        let mut corr = DMatrix::identity(p, p);
        for j in 0..p { for k in 0..p {
            let a: Vec<f64> = d.column(j).iter().copied().collect();
            let b: Vec<f64> = d.column(k).iter().copied().collect();
            corr[(j, k)] = pearson_correlation(&a, &b).unwrap();
        }}
        let inv = corr.clone().try_inverse().unwrap();
        for j in 0..p {
            if ours[j] > 1e3 { continue; }
            let (svd, qr) = vif_by_regression(&d, j);
            let e = rel_err(ours[j], qr).max(rel_err(ours[j], ss_c(&d, j)));
            if e > 1e-11 {
                println!("vif {} svd {} qr {} nalg-inv {} cond", ours[j], svd, qr, inv[(j, j)]);
            }
            worst = worst.max(e);
        }
    }
    println!("worst {worst:e}");
}
