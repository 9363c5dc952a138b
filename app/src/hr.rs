//! HR administration: bringing the organisation in from the HRIS export
//! (`tend import-people`, the import page) and taking it out again
//! (`tend export-people`), with every change audited. `people` reads the org
//! chart; this feature is what changes it.

// Browser and server: pure checks, wire types, server functions, pages.
pub mod admin_rules;
pub mod api;
pub mod components;
pub mod import_apply;
pub mod import_check;
pub mod model;
pub mod pages;
pub mod unit_tree;

// Server only: the import use case and its SurrealQL.
#[cfg(feature = "ssr")]
pub mod admin_service;
#[cfg(feature = "ssr")]
pub mod import_service;
#[cfg(feature = "ssr")]
pub mod repo;
