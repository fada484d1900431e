//! Every shared type survives a JSON round trip, including `&'static str` fields read
//! from owned (non-`'static`) text, which are truncated to `static_str::MAX_LEN` bytes.

use mathlings_types::{
    CalculusError, CriticalPoint, LinalgError, ModelError, StatsError, Svd, static_str,
};
use nalgebra::{dmatrix, dvector};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
    // The text is owned and dropped before the value is used: nothing may borrow from it.
    let text = serde_json::to_string(&value).expect("serializes");
    let back: T = serde_json::from_str(&text.clone()).expect("deserializes");
    assert_eq!(back, value, "{text}");
}

#[test]
fn errors_round_trip() {
    round_trip(StatsError::EmptyInput);
    round_trip(StatsError::TooFewValues { needed: 2, got: 1 });
    round_trip(StatsError::InvalidParameter {
        name: "sigma",
        reason: "must be positive",
    });
    round_trip(StatsError::Undefined("constant sample"));
    round_trip(LinalgError::ShapeMismatch {
        left: (2, 3),
        right: (3, 2),
    });
    round_trip(LinalgError::TensorShapeMismatch {
        left: vec![2, 3],
        right: vec![7],
    });
    round_trip(LinalgError::InvalidParameter {
        name: "p",
        reason: "must be ≥ 1",
    });
    round_trip(CalculusError::Linalg(LinalgError::ZeroVector));
    round_trip(CalculusError::InvalidParameter {
        name: "h",
        reason: "must be positive",
    });
    round_trip(ModelError::ShapeMismatch("x has 3 rows, y has 2".into()));
    round_trip(ModelError::InvalidParameter {
        name: "lambda",
        reason: "must be non-negative",
    });
    round_trip(ModelError::Stats(StatsError::Undefined("no spread")));
    round_trip(ModelError::Calculus(CalculusError::Linalg(
        LinalgError::Singular,
    )));
}

#[test]
fn svd_and_critical_point_round_trip() {
    round_trip(Svd {
        u: dmatrix![1.0, 0.0; 0.0, -1.0; 0.0, 0.0],
        singular_values: dvector![3.0, 2.0],
        v_t: dmatrix![1.0, 0.0; 0.0, 1.0],
    });
    for kind in [
        CriticalPoint::Minimum,
        CriticalPoint::Maximum,
        CriticalPoint::Saddle,
        CriticalPoint::Degenerate,
    ] {
        round_trip(kind);
    }
}

#[test]
fn long_static_strings_are_truncated_on_a_char_boundary() {
    let name = "x".repeat(1000);
    let reason = "é".repeat(1000); // 2 bytes each: 256 is a boundary, 255 would not be
    let json = format!(r#"{{"InvalidParameter":{{"name":"{name}","reason":"a{reason}"}}}}"#);
    let e: StatsError = serde_json::from_str(&json).expect("deserializes");
    let StatsError::InvalidParameter { name, reason } = e else {
        panic!("wrong variant: {e:?}");
    };
    assert_eq!(name.len(), static_str::MAX_LEN);
    // "a" + 127 × "é" = 255 bytes; one more "é" would cross 256.
    assert_eq!(reason.len(), 255);
    assert!(reason.starts_with('a') && reason[1..].chars().all(|c| c == 'é'));
}

#[test]
fn a_non_string_static_field_is_an_error() {
    let json = r#"{"Undefined":42}"#;
    assert!(serde_json::from_str::<StatsError>(json).is_err());
}
