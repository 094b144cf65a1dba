//! Shared helpers for the criterion benches (none yet: each bench file is self-contained).
