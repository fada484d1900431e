//! A learner process for the protocol's tests (`tests/batch.rs`). Field 0: k ↦ k², except
//! that it panics at 13 and ends the process at 21. Field 1: k ↦ 2k, computed by the judge
//! (a reference call in the middle of a call, as the course's facades make).

fn handle(field: u16, args: &[u8]) -> Result<Vec<u8>, String> {
    let (k,): (u64,) = mathlings_wire::decode(args)?;
    let value = match field {
        0 if k == 13 => panic!("thirteen"),
        0 if k == 21 => std::process::exit(0),
        0 => k * k,
        1 => mathlings_wire::learner::reference::<_, u64>("double", &(k,)),
        _ => return Err(format!("no field {field}")),
    };
    mathlings_wire::encode(&value)
}

fn main() {
    mathlings_wire::learner::serve(|_| Some(handle))
}
