//! Generic components that know no feature: charts, the error page, form state,
//! the navigation and the loading line.

pub mod charts;
pub mod error_page;
pub mod form_state;
pub mod live;
#[cfg(feature = "hydrate")]
pub mod live_client;
pub mod loading;
pub mod nav;
