//! What can go wrong between the model and a TL object.

use thiserror::Error;

use crate::era::{FIRST_LAYER, LAST_LAYER};

/// Why a model value has no TL form at a layer, or why a JSON value is not the TL form of
/// a model value. `path` is where in the JSON the problem is (`rows[0].buttons[1].type`;
/// empty at the top).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TlError {
    #[error("layer {layer} has no era schema (supported layers: {FIRST_LAYER}..={LAST_LAYER})")]
    UnsupportedLayer { layer: u32 },
    /// `"_"` names a constructor that is not one of the expected kind (or none at all).
    #[error("{path}: expected {expected}, got the constructor {name:?}")]
    UnknownConstructor {
        path: String,
        name: String,
        expected: String,
    },
    #[error("{path}: the field {field:?} is missing")]
    MissingField { path: String, field: String },
    /// A member the constructor does not have (or that the mapping does not read).
    #[error("{path}: unknown member {field:?}")]
    UnknownField { path: String, field: String },
    #[error("{path}: expected {expected}, got {found}")]
    WrongType {
        path: String,
        expected: String,
        found: String,
    },
    /// The TL object does not exist at this layer.
    #[error("{name} does not exist at layer {layer}")]
    Absent { name: String, layer: u32 },
    /// Button styles start at layer 222.
    #[error("layer {layer} has no button styles (keyboardButtonStyle exists from layer 222)")]
    NoStyles { layer: u32 },
    /// The era's schema file does not carry the object (it exists in the full schema of
    /// the era's source, but spec/schema leaves it out).
    #[error("{name} is not carried by the era schema {era}")]
    NotCarried { name: String, era: String },
    /// Something the other side cannot say: a model value the layer's TL cannot express, or
    /// a TL value carrying what the model has no place for.
    #[error("{path}: {what}")]
    Unrepresentable { path: String, what: String },
}

impl TlError {
    /// A short stable code per variant, for reports and adapters.
    pub fn code(&self) -> &'static str {
        match self {
            TlError::UnsupportedLayer { .. } => "unsupported_layer",
            TlError::UnknownConstructor { .. } => "unknown_constructor",
            TlError::MissingField { .. } => "missing_field",
            TlError::UnknownField { .. } => "unknown_field",
            TlError::WrongType { .. } => "wrong_type",
            TlError::Absent { .. } => "absent",
            TlError::NoStyles { .. } => "no_styles",
            TlError::NotCarried { .. } => "not_carried",
            TlError::Unrepresentable { .. } => "unrepresentable",
        }
    }

    /// A model value with no TL form (writers report at the top: the path is the model's).
    pub(super) fn unrepresentable(what: impl Into<String>) -> TlError {
        TlError::Unrepresentable {
            path: String::new(),
            what: what.into(),
        }
    }
}
