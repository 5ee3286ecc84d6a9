//! Accounts and sign-in: one-time codes for citizens, argon2 passwords for
//! staff, bearer tokens with expiry, and the extractor that checks them.

pub mod checker;
pub mod guard;
pub mod otp;
pub mod password;
pub mod principal;
pub mod staff;
pub mod token;
