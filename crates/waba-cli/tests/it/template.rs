//! `waba template` against the contract.
