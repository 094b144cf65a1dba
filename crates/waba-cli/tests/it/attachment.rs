//! `waba attachment` against the contract.
