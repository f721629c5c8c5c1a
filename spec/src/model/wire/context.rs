//! What a case is read with: its layer's era and registry (or its own definitions) and
//! its type resolved there.

use std::sync::Arc;

use crate::dynamic::{Registry, TypeSpec};
use crate::era::{era_for_layer, Era};

use super::schemas::{layer_registry, own_registry};
use super::WireCase;

pub struct Context {
    pub layer: u32,
    /// `None` when the case brings its own definitions: no era rules apply then.
    pub era: Option<Era>,
    registry: Source,
    pub spec: TypeSpec,
}

enum Source {
    Era(&'static Registry),
    Own(Arc<Registry>),
}

impl Context {
    /// `None` when there is nothing to read the case with: a layer without an era, or a
    /// type the schema does not have.
    pub fn new(case: &WireCase) -> Option<Context> {
        let (era, registry) = match &case.schema {
            Some(text) => (None, Source::Own(own_registry(text)?)),
            None => {
                let era = era_for_layer(case.layer).ok()?;
                (Some(era), Source::Era(layer_registry(case.layer)?))
            }
        };
        let registry_ref = match &registry {
            Source::Era(r) => *r,
            Source::Own(r) => r.as_ref(),
        };
        let spec = registry_ref.type_spec(&case.type_name).ok()?;
        Some(Context {
            layer: case.layer,
            era,
            registry,
            spec,
        })
    }

    pub fn registry(&self) -> &Registry {
        match &self.registry {
            Source::Era(r) => r,
            Source::Own(r) => r,
        }
    }
}
