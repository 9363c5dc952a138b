//! Live updates for any component: `on_live(&["inbox"], refetch)` runs
//! `refetch` whenever the server says something the viewer may see changed,
//! for as long as the component lives. Does nothing on the server.

#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Refetches on each of `events` (`change`: dashboard figures of people in
/// the viewer's scope; `inbox`: the viewer's own notifications).
pub fn on_live(events: &'static [&'static str], refetch: impl Fn() + Clone + Send + Sync + 'static) {
    #[cfg(feature = "hydrate")]
    {
        let id = StoredValue::new(None::<u32>);
        Effect::new(move |_| {
            if id.get_value().is_none() {
                id.set_value(Some(crate::ui::live_client::listen(events, refetch.clone())));
            }
        });
        on_cleanup(move || {
            if let Some(i) = id.get_value() {
                crate::ui::live_client::unlisten(i);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (events, refetch);
}
