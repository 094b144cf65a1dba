//! `waba tour` against the contract.
