//! The compiled schemas the wire checker reads with: one dynamic registry per era, and one
//! per layer that lacks some of its era's late additions, built once per process; and
//! registries for a case's own definitions, cached by their text.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::dynamic::{Generator, Registry};
use crate::era::{era_for_layer, Era, FIRST_LAYER, LAST_LAYER};

/// The era's registry; `None` when its schema does not compile (the era tests forbid it).
pub fn era_registry(era: Era) -> Option<&'static Registry> {
    static BUILT: [OnceLock<Option<Registry>>; 8] = [const { OnceLock::new() }; 8];
    BUILT[era as usize]
        .get_or_init(|| era.schema().ok().and_then(|s| Registry::build(s).ok()))
        .as_ref()
}

const LAYERS: usize = (LAST_LAYER - FIRST_LAYER + 1) as usize;

/// The registry of `layer`'s era schema as it stood at that layer ([`Era::schema_at`]):
/// the era's own registry unless the layer lacks some of the era's late additions.
pub fn layer_registry(layer: u32) -> Option<&'static Registry> {
    static BUILT: [OnceLock<Option<Registry>>; LAYERS] = [const { OnceLock::new() }; LAYERS];
    let era = era_for_layer(layer).ok()?;
    let schema = era.schema_at(layer).ok()?;
    if std::ptr::eq(schema, era.schema().ok()?) {
        return era_registry(era);
    }
    BUILT[(layer - FIRST_LAYER) as usize]
        .get_or_init(|| Registry::build(schema).ok())
        .as_ref()
}

/// A value generator over [`layer_registry`].
pub fn layer_generator(layer: u32) -> Option<&'static Generator<'static>> {
    static BUILT: [OnceLock<Option<Generator<'static>>>; LAYERS] =
        [const { OnceLock::new() }; LAYERS];
    let era = era_for_layer(layer).ok()?;
    let registry = layer_registry(layer)?;
    if std::ptr::eq(registry, era_registry(era)?) {
        return era_generator(era);
    }
    BUILT[(layer - FIRST_LAYER) as usize]
        .get_or_init(|| Some(Generator::new(registry)))
        .as_ref()
}

/// A value generator over the era's registry.
pub fn era_generator(era: Era) -> Option<&'static Generator<'static>> {
    static BUILT: [OnceLock<Option<Generator<'static>>>; 8] = [const { OnceLock::new() }; 8];
    BUILT[era as usize]
        .get_or_init(|| era_registry(era).map(Generator::new))
        .as_ref()
}

/// The registry of a case's own definitions (`None` when they do not compile). Texts are
/// compiled once and kept while few: cases reuse a handful of them.
pub fn own_registry(text: &str) -> Option<Arc<Registry>> {
    const KEPT: usize = 32;
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Arc<Registry>>>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(found) = cache.get(text) {
        return found.clone();
    }
    let built = tl_parser::parse_schema(text)
        .ok()
        .and_then(|s| Registry::build(&s).ok())
        .map(Arc::new);
    if cache.len() >= KEPT {
        cache.clear();
    }
    cache.insert(text.to_owned(), built.clone());
    built
}

/// A constructor or function of another era that has the wire id `id`, with that era.
pub fn elsewhere(id: u32, except: Era) -> Option<(Era, &'static str)> {
    Era::ALL
        .into_iter()
        .filter(|&e| e != except)
        .find_map(|era| {
            let registry = era_registry(era)?;
            registry
                .by_id(id)
                .map(|c| (era, registry.constructor(c).name()))
        })
}
