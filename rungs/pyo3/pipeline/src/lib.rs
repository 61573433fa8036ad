//! The JSON event pipeline (shared/spec/pipeline.md) as the Python
//! extension module `pipeline`: the study's "Rust (serde, from bytes)" row.
//!
//! `pipeline(data: bytes) -> dict` reads the bytes where they are, with the
//! GIL released: serde_json deserializes them into typed events (events.rs)
//! that are filtered and aggregated as they come (aggregate.rs), all in
//! Rust. Python objects are made only for the result, in §3's shape. Bad
//! input raises ValueError naming the byte offset and the event.

mod aggregate;
mod events;
mod timestamp;

use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use aggregate::{Aggregator, Summary};
use events::{EventKind, InputError};

/// Reads, filters, aggregates: the whole pipeline but the result's objects.
fn summarize(data: &[u8]) -> Result<Summary<'_>, InputError> {
    let mut aggregator = Aggregator::default();
    events::read_events(data, |event| aggregator.add(event))?;
    Ok(aggregator.finish())
}

/// The result as the cpython rung returns it: the same keys in the same
/// order, ints and floats.
fn to_dict<'py>(py: Python<'py>, summary: &Summary<'_>) -> PyResult<Bound<'py, PyDict>> {
    // One str per kind, shared by every user.
    let type_names = EventKind::ALL.map(|kind| PyString::new(py, kind.upper_name()));

    // One str per page that some user has at the top.
    let mut page_names: Vec<Option<Bound<'py, PyString>>> = vec![None; summary.pages.len()];

    let mut users = Vec::with_capacity(summary.users.len());
    for user in &summary.users {
        let entry = PyDict::new(py);
        entry.set_item(intern!(py, "user_id"), user.user_id)?;
        entry.set_item(intern!(py, "event_count"), user.event_count)?;
        entry.set_item(intern!(py, "total_amount"), user.total_amount)?;
        entry.set_item(intern!(py, "high_value_count"), user.high_value_count)?;
        entry.set_item(intern!(py, "duration_seconds"), user.duration_seconds)?;
        entry.set_item(
            intern!(py, "top_event_type"),
            &type_names[user.top_event_type as usize],
        )?;
        let page = user.top_page;
        let page_name =
            page_names[page].get_or_insert_with(|| PyString::new(py, &summary.pages[page]));
        entry.set_item(intern!(py, "top_page"), &*page_name)?;
        users.push(entry);
    }

    let result = PyDict::new(py);
    result.set_item(intern!(py, "total_users"), summary.users.len())?;
    result.set_item(intern!(py, "total_events"), summary.total_events)?;
    result.set_item(intern!(py, "total_amount"), summary.total_amount)?;
    result.set_item(intern!(py, "total_high_value"), summary.total_high_value)?;
    result.set_item(intern!(py, "users"), PyList::new(py, users)?)?;
    Ok(result)
}

#[pyo3::pymodule]
mod pipeline {
    use super::*;

    /// pipeline(data: bytes) -> dict: the result of shared/spec/pipeline.md §3
    #[pyfunction]
    fn pipeline<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyDict>> {
        // The bytes object cannot change, and the caller holds it for the
        // call: it can be read without the GIL.
        let summary = py
            .detach(|| summarize(data))
            .map_err(|error| PyValueError::new_err(error.to_string()))?;
        to_dict(py, &summary)
    }
}
