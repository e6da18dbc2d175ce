//! Core (being written).
