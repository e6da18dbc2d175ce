//! The `tierline` command's library half: the vendor registration list and the
//! subcommands, so integration tests can build the same registry the binary serves.
#![deny(missing_docs)]

pub mod commands;
pub mod vendors;
