//! Integration tests of `waba-phone`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod clean;
mod differential;
mod equivalence;
mod esp;
mod fuzz_corpus;
mod normalize;
