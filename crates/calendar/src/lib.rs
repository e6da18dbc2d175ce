//! Business-time engine (being written).
