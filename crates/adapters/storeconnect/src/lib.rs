//! storeconnect adapter (being written).
