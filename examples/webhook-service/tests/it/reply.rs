//! `POST /conversations/{id}/reply`.
