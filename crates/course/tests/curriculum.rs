//! The static half of `cargo xtask verify`, run by `cargo test`: the course's manifest,
//! exercise files, solutions, checks and snapshots agree.

#[test]
fn manifest_files_signatures_and_snapshots_agree() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let manifest = mathlings_course::Manifest::load(&root).expect("course.toml loads");
    let problems = mathlings_course::layout_problems(&root, &manifest);
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
