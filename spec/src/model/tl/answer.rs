//! `CallbackAnswer` ↔ `messages.botCallbackAnswer`.

use serde_json::Value as Json;

use crate::model::answer::CallbackAnswer;

use super::error::TlError;
use super::read::Obj;
use super::{layer, write};
use super::{FromTl, ToTl};

impl ToTl for CallbackAnswer {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        layer::era(layer)?;
        Ok(write::Obj::new("messages.botCallbackAnswer")
            .flag("alert", self.alert)
            .flag("has_url", self.has_url)
            .flag("native_ui", self.native_ui)
            .opt("message", self.message.as_deref().map(write::string))
            .opt("url", self.url.as_deref().map(write::string))
            .int("cache_time", self.cache_time)
            .build())
    }
}

impl FromTl for CallbackAnswer {
    fn from_tl(json: &Json, layer: u32) -> Result<CallbackAnswer, TlError> {
        read(json, "", layer)
    }
}

pub(super) fn read(json: &Json, path: &str, layer: u32) -> Result<CallbackAnswer, TlError> {
    layer::era(layer)?;
    let o = Obj::open(json, path)?;
    if o.name() != "messages.botCallbackAnswer" {
        return Err(o.unknown("a messages.BotCallbackAnswer"));
    }
    let answer = CallbackAnswer {
        alert: o.flag("alert")?,
        has_url: o.flag("has_url")?,
        native_ui: o.flag("native_ui")?,
        message: o.opt_string("message")?,
        url: o.opt_string("url")?,
        cache_time: o.int("cache_time")?,
    };
    o.finish()?;
    Ok(answer)
}
