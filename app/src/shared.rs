//! What every feature uses, in browser and server alike: calendar days, record ids,
//! URL encoding and UUIDv7 keys.

pub mod date;
pub mod html;
pub mod ids;
pub mod url;
pub mod uuid7;
