//! `Style` ↔ `keyboardButtonStyle` (layer 222+).

use serde_json::Value as Json;

use crate::model::style::Style;

use super::error::TlError;
use super::layer;
use super::read::Obj;
use super::write;
use super::{FromTl, ToTl};

/// Button styles exist from this layer on.
pub const FIRST_STYLE_LAYER: u32 = 222;

pub(super) fn require_styles(layer: u32) -> Result<(), TlError> {
    layer::era(layer)?;
    if layer < FIRST_STYLE_LAYER {
        Err(TlError::NoStyles { layer })
    } else {
        Ok(())
    }
}

impl ToTl for Style {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        require_styles(layer)?;
        Ok(write::Obj::new("keyboardButtonStyle")
            .flag("bg_primary", self.bg_primary)
            .flag("bg_danger", self.bg_danger)
            .flag("bg_success", self.bg_success)
            .opt("icon", self.icon.map(write::long))
            .build())
    }
}

impl FromTl for Style {
    fn from_tl(json: &Json, layer: u32) -> Result<Style, TlError> {
        read(json, "", layer)
    }
}

pub(super) fn read(json: &Json, path: &str, layer: u32) -> Result<Style, TlError> {
    require_styles(layer)?;
    let o = Obj::open(json, path)?;
    if o.name() != "keyboardButtonStyle" {
        return Err(o.unknown("a KeyboardButtonStyle"));
    }
    let style = Style {
        bg_primary: o.flag("bg_primary")?,
        bg_danger: o.flag("bg_danger")?,
        bg_success: o.flag("bg_success")?,
        icon: o.opt_long("icon")?,
    };
    o.finish()?;
    Ok(style)
}
