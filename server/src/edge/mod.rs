//! The HTTP edge: what stands between the open network and the handlers.
//! Connections are accepted with a cap and timeouts ([`listen`]), every
//! request runs under a deadline with panics turned into a generic answer
//! and every error answered with the JSON error body ([`guard`]), request
//! bodies are read with a size limit and checked for hostile text and
//! out-of-range dates before any handler sees them ([`body`],
//! [`hygiene`]), and per-address and global request rates are counted in
//! memory ([`limiter`], [`client`]).

pub mod body;
pub mod client;
pub mod guard;
pub mod hygiene;
pub mod limiter;
pub mod listen;
pub mod settings;

pub use settings::{EdgeSettings, RateSettings};
