//! One module per group of `dvc` commands.

pub mod account;
pub mod demo;
pub mod dossiers;
pub mod offices;
