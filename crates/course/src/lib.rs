//! Course metadata.
