//! The model's `inline_msg_id` string ↔ `InputBotInlineMessageID`.
//!
//! The model treats an inline message's ID as an opaque string; here it is the fields of the
//! TL object joined by `_`, in declaration order and canonical decimal:
//! `"{dc_id}_{id}_{access_hash}"` is `inputBotInlineMessageID`, and
//! `"{dc_id}_{owner_id}_{id}_{access_hash}"` is `inputBotInlineMessageID64`. The access
//! hash is part of the ID here (it is what lets a bot edit the message), so it is kept.

use serde_json::Value as Json;

use super::error::TlError;
use super::read::Obj;
use super::write;

fn canonical<T: std::str::FromStr + ToString>(part: &str) -> Option<T> {
    part.parse::<T>().ok().filter(|n| n.to_string() == part)
}

pub(super) fn to_tl(id: &str) -> Result<Json, TlError> {
    let parts: Vec<&str> = id.split('_').collect();
    let bad = || {
        TlError::unrepresentable(format!(
            "inline message ID {id:?} is not \"dc_id_id_access_hash\" or \"dc_id_owner_id_id_access_hash\" in canonical decimal"
        ))
    };
    match parts[..] {
        [dc, msg, hash] => Ok(write::Obj::new("inputBotInlineMessageID")
            .int("dc_id", canonical(dc).ok_or_else(bad)?)
            .long("id", canonical(msg).ok_or_else(bad)?)
            .long("access_hash", canonical(hash).ok_or_else(bad)?)
            .build()),
        [dc, owner, msg, hash] => Ok(write::Obj::new("inputBotInlineMessageID64")
            .int("dc_id", canonical(dc).ok_or_else(bad)?)
            .long("owner_id", canonical(owner).ok_or_else(bad)?)
            .int("id", canonical(msg).ok_or_else(bad)?)
            .long("access_hash", canonical(hash).ok_or_else(bad)?)
            .build()),
        _ => Err(bad()),
    }
}

pub(super) fn read(json: &Json, path: &str) -> Result<String, TlError> {
    let o = Obj::open(json, path)?;
    let id = match o.name() {
        "inputBotInlineMessageID" => format!(
            "{}_{}_{}",
            o.int("dc_id")?,
            o.long("id")?,
            o.long("access_hash")?
        ),
        "inputBotInlineMessageID64" => {
            format!(
                "{}_{}_{}_{}",
                o.int("dc_id")?,
                o.long("owner_id")?,
                o.int("id")?,
                o.long("access_hash")?
            )
        }
        _ => return Err(o.unknown("an InputBotInlineMessageID")),
    };
    o.finish()?;
    Ok(id)
}
