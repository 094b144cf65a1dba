//! `waba compose` against the contract.
