//! `AdminRights` ↔ `chatAdminRights`, with the rights the layer's schema defines.
//!
//! The bit table comes from the era schema itself, so a right a layer lacks (such as
//! `manage_ranks` before 224) is an error there, and a right the model's table does not
//! name yet (`manage_welcome_messages`, bit 20 at 229) still maps by its bit.

use serde_json::Value as Json;

use crate::model::admin_rights::AdminRights;

use super::error::TlError;
use super::layer;
use super::read::Obj;
use super::write;
use super::{FromTl, ToTl};

/// Every right `chatAdminRights` has at `layer`, named by the model or not.
pub fn admin_rights_at(layer: u32) -> Result<AdminRights, TlError> {
    let bits = layer::admin_right_bits(layer)?;
    Ok(AdminRights(
        bits.iter().fold(0, |all, (_, bit)| all | 1 << bit),
    ))
}

impl ToTl for AdminRights {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        let bits = layer::admin_right_bits(layer)?;
        let unknown = self.0 & !admin_rights_at(layer)?.0;
        if unknown != 0 {
            return Err(TlError::unrepresentable(format!(
                "chatAdminRights at layer {layer} has no right at bit {}",
                unknown.trailing_zeros()
            )));
        }
        // Flag-only fields take no room in the declaration, so the schema's order is the
        // bit table's order.
        Ok(bits
            .iter()
            .fold(write::Obj::new("chatAdminRights"), |o, (name, bit)| {
                o.flag(name, self.has(*bit))
            })
            .build())
    }
}

impl FromTl for AdminRights {
    fn from_tl(json: &Json, layer: u32) -> Result<AdminRights, TlError> {
        read(json, "", layer)
    }
}

pub(super) fn read(json: &Json, path: &str, layer: u32) -> Result<AdminRights, TlError> {
    let bits = layer::admin_right_bits(layer)?;
    let o = Obj::open(json, path)?;
    if o.name() != "chatAdminRights" {
        return Err(o.unknown("a ChatAdminRights"));
    }
    let mut rights = 0;
    for (name, bit) in bits {
        if o.flag(name)? {
            rights |= 1 << bit;
        }
    }
    o.finish()?;
    Ok(AdminRights(rights))
}
