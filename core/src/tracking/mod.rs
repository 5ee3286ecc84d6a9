//! Theo dõi hồ sơ và bưu gửi: the dossier's status track and the postal
//! item's journey. Postal items carry UPU S10 numbers, checked wherever
//! they enter.

pub mod s10;
