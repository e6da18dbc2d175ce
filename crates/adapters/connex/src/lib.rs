//! connex adapter (being written).
