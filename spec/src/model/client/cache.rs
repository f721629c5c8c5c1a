//! The client's cache of callback answers, keyed by chat, message and payload.

use std::collections::BTreeMap;

use crate::model::answer::CallbackAnswer;

/// What identifies a press for caching: the chat, the message and the button's data (`None`
/// for a game button, whose answers are never cached anyway).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CacheKey {
    pub chat: i64,
    pub msg_id: i32,
    pub data: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedAnswer {
    pub answer: CallbackAnswer,
    /// The first second (session time) at which the answer may no longer be served.
    pub expires: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerCache {
    entries: BTreeMap<CacheKey, CachedAnswer>,
}

impl AnswerCache {
    /// The answer cached for `key`, if it is still fresh at `now`.
    pub fn get(&self, key: &CacheKey, now: u64) -> Option<&CallbackAnswer> {
        self.entries
            .get(key)
            .filter(|entry| now < entry.expires)
            .map(|entry| &entry.answer)
    }

    /// Keeps `answer`, arrived at `now`, for its cache_time; a cache_time of 0 or less is not
    /// kept at all.
    pub fn insert(&mut self, key: CacheKey, answer: CallbackAnswer, now: u64) {
        if let Ok(seconds @ 1..) = u64::try_from(answer.cache_time) {
            self.entries.insert(
                key,
                CachedAnswer {
                    answer,
                    expires: now + seconds,
                },
            );
        }
    }

    /// The entries still fresh at `now`.
    pub fn fresh(&self, now: u64) -> impl Iterator<Item = (&CacheKey, &CachedAnswer)> {
        self.entries
            .iter()
            .filter(move |(_, entry)| now < entry.expires)
    }
}
