//! Whether a rule applies at a layer, as the catalogue says (its `layers`).

use std::sync::OnceLock;

use crate::rules::Catalogue;

/// The embedded catalogue, loaded once; `None` if it fails to load, which its own tests
/// rule out.
fn catalogue() -> Option<&'static Catalogue> {
    static CATALOGUE: OnceLock<Option<Catalogue>> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::load().ok()).as_ref()
}

/// Whether rule `id` applies at `layer`. An unknown rule applies nowhere.
pub fn applies(id: &str, layer: u32) -> bool {
    catalogue()
        .and_then(|catalogue| catalogue.rule(id))
        .is_some_and(|rule| rule.layers.contains(layer))
}

#[cfg(test)]
mod tests {
    use super::{applies, catalogue};

    #[test]
    fn follows_the_catalogue_layers() {
        let catalogue = catalogue().expect("the catalogue loads");
        for rule in &catalogue.rules {
            for layer in [151, 152, 176, 177, 221, 222, 223, 224, 228, 229, 230] {
                assert_eq!(
                    applies(&rule.id.to_string(), layer),
                    rule.layers.contains(layer),
                    "{} at {layer}",
                    rule.id
                );
            }
        }
        assert!(!applies("no such rule", 200));
    }
}
