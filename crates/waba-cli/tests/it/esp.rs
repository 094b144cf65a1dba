//! `waba esp` against the contract.
