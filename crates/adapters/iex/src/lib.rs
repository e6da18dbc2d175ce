//! iex adapter (being written).
