//! `waba phone` against the contract.
