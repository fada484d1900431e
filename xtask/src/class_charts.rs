//! The class report's charts (in progress).

/// The score histogram.
pub fn score_histogram(_counts: &[u32], _labels: &[String]) -> String {
    String::new()
}

/// Per exercise, the share of each status.
pub fn status_bars(_bars: &[(String, Vec<u32>)], _statuses: &[&str]) -> String {
    String::new()
}
