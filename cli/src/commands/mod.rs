//! One module per group of `dvc` commands.

pub mod account;
pub mod booking;
pub mod calendar;
pub mod catalogue;
pub mod checklist;
pub mod demo;
pub mod desk;
pub mod dossiers;
pub mod files;
pub mod offices;
pub mod qr;
pub mod s10;
pub mod staff;
pub mod track;
