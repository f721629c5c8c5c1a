//! Which era a layer is in, and whether a TL object exists at a layer.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::era::{era_for_layer, Era, FIRST_LAYER, LAST_LAYER};

use super::error::TlError;

pub(super) fn era(layer: u32) -> Result<Era, TlError> {
    era_for_layer(layer).map_err(|e| TlError::UnsupportedLayer { layer: e.layer })
}

/// Whether the era schema of `layer`, as it stood at that layer, defines `name`.
pub(super) fn has(layer: u32, name: &str) -> Result<bool, TlError> {
    Ok(names(layer)?.contains(name))
}

/// The index of a supported layer in per-layer caches.
fn slot(layer: u32) -> Result<usize, TlError> {
    era(layer)?;
    Ok((layer - FIRST_LAYER) as usize)
}

const LAYERS: usize = (LAST_LAYER - FIRST_LAYER + 1) as usize;

/// The full names the layer's schema defines, collected once per layer.
fn names(layer: u32) -> Result<&'static HashSet<String>, TlError> {
    static NAMES: [OnceLock<HashSet<String>>; LAYERS] = [const { OnceLock::new() }; LAYERS];
    Ok(NAMES[slot(layer)?].get_or_init(|| {
        // The committed era files parse (the era_schemas test checks it); a schema that
        // did not would define nothing.
        schema(layer)
            .map(|s| s.definitions.iter().map(|d| d.full_name()).collect())
            .unwrap_or_default()
    }))
}

fn schema(layer: u32) -> Option<&'static tl_parser::Schema> {
    era(layer).ok()?.schema_at(layer).ok()
}

/// Whether `def` is `name` (`ns.name` for a namespaced one), without building its full name.
fn named(def: &tl_parser::Definition, name: &str) -> bool {
    let (namespace, short) = name.rsplit_once('.').map_or(("", name), |(ns, n)| (ns, n));
    def.name == short
        && def.namespace.len() == usize::from(!namespace.is_empty())
        && def.namespace.iter().all(|ns| ns == namespace)
}

/// `Ok` when `name` exists at `layer`, [`TlError::Absent`] otherwise.
pub(super) fn require(layer: u32, name: &str) -> Result<(), TlError> {
    if has(layer, name)? {
        Ok(())
    } else {
        Err(TlError::Absent {
            name: name.to_owned(),
            layer,
        })
    }
}

/// The field names and bits of `chatAdminRights` at `layer`, from the era schema as it
/// stood at that layer (read once per layer).
pub(super) fn admin_right_bits(layer: u32) -> Result<&'static [(String, u32)], TlError> {
    static BITS: [OnceLock<Vec<(String, u32)>>; LAYERS] = [const { OnceLock::new() }; LAYERS];
    let bits = BITS[slot(layer)?].get_or_init(|| {
        let Some(schema) = schema(layer) else {
            return Vec::new();
        };
        let Some(def) = schema
            .definitions
            .iter()
            .find(|d| named(d, "chatAdminRights"))
        else {
            return Vec::new();
        };
        def.params
            .iter()
            .filter(|p| p.is_flag_only())
            .filter_map(|p| Some((p.name.as_deref()?.to_owned(), p.flag()?.index)))
            .collect()
    });
    if bits.is_empty() {
        Err(TlError::Absent {
            name: "chatAdminRights".into(),
            layer,
        })
    } else {
        Ok(bits)
    }
}

/// Whether `layer` has the reworked buttons (`keyboardButton` with a `ButtonType`,
/// `keyboardInlineButton`).
pub(super) fn reworked_buttons(layer: u32) -> Result<bool, TlError> {
    Ok(era(layer)? >= Era::L229)
}

/// The era's name, for [`TlError::NotCarried`].
pub(super) fn era_name(layer: u32) -> Result<String, TlError> {
    Ok(era(layer)?.name().to_owned())
}
