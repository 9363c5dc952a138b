//! The `tend` server: configuration, the axum router with Tend's security
//! middleware, and the operator commands (serve, seed, migrate, bench).

pub mod bench;
pub mod bias_report;
pub mod commands;
pub mod config;
pub mod export;
pub mod live;
pub mod middleware;
pub mod people_report;
pub mod router;
pub mod scheduler;
pub mod sso;
