//! `waba window` against the contract.
