//! The binary's subcommands that are more than a call into the library, one module each.

pub mod check;
pub mod deliver;
pub mod export;
pub mod retention;
pub mod serve;
pub mod staff;
