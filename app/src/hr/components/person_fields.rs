use crate::error::{AppError, FieldError};
use crate::hr::admin_rules::check_person;
use crate::hr::components::unit_select::UnitSelect;
use crate::hr::model::{PersonForm, UnitLine};
use crate::ui::form_state::FormState;
use leptos::prelude::*;

/// The form's values, one signal per field.
#[derive(Clone, Copy)]
pub struct PersonSignals {
    pub employee_id: RwSignal<String>,
    pub email: RwSignal<String>,
    pub name: RwSignal<String>,
    pub title: RwSignal<String>,
    pub unit: RwSignal<String>,
    pub is_hr: RwSignal<bool>,
    pub time_zone: RwSignal<String>,
    pub start_date: RwSignal<String>,
}

impl PersonSignals {
    pub fn new(f: &PersonForm) -> Self {
        PersonSignals {
            employee_id: RwSignal::new(f.employee_id.clone()),
            email: RwSignal::new(f.email.clone()),
            name: RwSignal::new(f.name.clone()),
            title: RwSignal::new(f.title.clone()),
            unit: RwSignal::new(f.unit.clone()),
            is_hr: RwSignal::new(f.is_hr),
            time_zone: RwSignal::new(f.time_zone.clone()),
            start_date: RwSignal::new(f.start_date.clone()),
        }
    }

    /// The form as it stands (`id` and `manager` from the caller).
    pub fn form(&self, id: Option<String>, manager: Option<String>) -> PersonForm {
        PersonForm {
            id,
            employee_id: self.employee_id.get(),
            email: self.email.get(),
            name: self.name.get(),
            title: self.title.get(),
            unit: self.unit.get(),
            is_hr: self.is_hr.get(),
            time_zone: self.time_zone.get(),
            start_date: self.start_date.get(),
            manager,
            invite: false,
        }
    }

    /// The browser's check: the same rules the server applies.
    pub fn local_errors(self) -> Memo<Vec<FieldError>> {
        Memo::new(move |_| match check_person(&self.form(None, None)) {
            Err(AppError::InvalidFields(e)) => e,
            _ => Vec::new(),
        })
    }
}

/// Name, email, employee id, title, unit, HR access, time zone and start
/// date, each with its message under it.
#[component]
pub fn PersonFields(s: PersonSignals, units: Vec<UnitLine>, state: FormState) -> impl IntoView {
    let local = s.local_errors();
    let text = move |id: &'static str, label: &'static str, value: RwSignal<String>, kind: &'static str| {
        view! {
            <label for=id>{label}</label>
            <input id=id type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            {state.field_msg(id, local, || false)}
        }
    };
    view! {
        {text("name", "Name", s.name, "text")}
        {text("email", "Work email", s.email, "email")}
        {text("employee_id", "Employee id (from your HR system; optional)", s.employee_id, "text")}
        {text("title", "Title", s.title, "text")}
        <label for="unit">"Org unit"</label>
        <UnitSelect units value=s.unit id="unit" />
        {state.field_msg("unit", local, || false)}
        {text("time_zone", "Time zone (e.g. Europe/Berlin; optional)", s.time_zone, "text")}
        {text("start_date", "Start date (optional)", s.start_date, "date")}
        <label class="check">
            <input type="checkbox" prop:checked=move || s.is_hr.get() on:change=move |ev| s.is_hr.set(event_target_checked(&ev)) />
            " HR administrator: sees everyone, imports people, runs review cycles"
        </label>
        {state.field_msg("is_hr", local, || false)}
    }
}
