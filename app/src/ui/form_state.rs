//! What the goal and feedback forms share: field errors from the browser's
//! own check and from the server, a form-level message, and what happens
//! when a save returns.

use crate::error::{AppError, FieldError};
use leptos::prelude::*;

const CHECK_FIELDS: &str = "Check the highlighted fields.";

#[derive(Clone, Copy)]
pub struct FormState {
    /// The user has tried to save: browser-side errors show from now on.
    pub attempted: RwSignal<bool>,
    pub server_errors: RwSignal<Vec<FieldError>>,
    pub form_error: RwSignal<Option<String>>,
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            attempted: RwSignal::new(false),
            server_errors: RwSignal::new(Vec::new()),
            form_error: RwSignal::new(None),
        }
    }

    /// The message for `field`: the server's, else the browser's when `live`.
    pub fn error_for(&self, field: &str, local: Memo<Vec<FieldError>>, live: bool) -> Option<String> {
        let find = |errs: &Vec<FieldError>| errs.iter().find(|e| e.field == field).map(|e| e.message.clone());
        self.server_errors
            .with(find)
            .or_else(|| (live || self.attempted.get()).then(|| local.with(find)).flatten())
    }

    /// On submit: true when the browser's check passes and the save may go.
    pub fn submit(&self, local: Memo<Vec<FieldError>>) -> bool {
        self.attempted.set(true);
        self.server_errors.set(vec![]);
        if local.with(|e| !e.is_empty()) {
            self.form_error.set(Some(CHECK_FIELDS.into()));
            return false;
        }
        self.form_error.set(None);
        true
    }

    /// After a save: `ok` on success, field errors spread to their fields.
    pub fn saved<T>(&self, result: Option<Result<T, AppError>>, ok: impl FnOnce(T)) {
        match result {
            Some(Ok(v)) => ok(v),
            Some(Err(AppError::InvalidFields(errs))) => {
                self.form_error.set(Some(CHECK_FIELDS.into()));
                self.server_errors.set(errs);
            }
            Some(Err(e)) => self.form_error.set(Some(e.to_string())),
            None => {}
        }
    }

    /// The field's message as a view, under the field.
    pub fn field_msg(
        self,
        field: &'static str,
        local: Memo<Vec<FieldError>>,
        live: impl Fn() -> bool + Send + Sync + 'static,
    ) -> impl IntoView {
        view! {
            {move || self.error_for(field, local, live()).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        }
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}
