//! `waba webhook` against the contract.
