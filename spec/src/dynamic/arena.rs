//! Memory that decoded trees borrow their fields and vector elements from.

use bumpalo::Bump;

/// Where [`decode_in`](super::decode_in) keeps the fields of a tree's objects and the
/// elements of its vectors: a few large blocks instead of one allocation per object and
/// per vector, freed together when the arena is dropped or [reset](Arena::reset), and
/// nothing to free per object when the tree is dropped.
///
/// Everything a decoded tree holds is borrowed (from the input, the registry or the
/// arena), so the arena never has anything to drop. It only grows while it lives: decode
/// many values into one arena only if they are to live together, or reset it between
/// them.
#[derive(Debug, Default)]
pub struct Arena {
    bump: Bump,
}

impl Arena {
    pub fn new() -> Self {
        Self::default()
    }

    /// An arena whose first block holds `bytes`; more blocks are added as needed. A
    /// decoded tree takes about 8 to 25 times the bytes of its input (more for objects
    /// with many optional fields: room for up to 12 fields is kept for each object).
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            bump: Bump::with_capacity(bytes),
        }
    }

    /// Forgets every tree decoded into the arena, keeping its largest block for the next.
    pub fn reset(&mut self) {
        self.bump.reset();
    }

    /// The size of the blocks the arena holds, used or not.
    pub fn allocated_bytes(&self) -> usize {
        self.bump.allocated_bytes()
    }

    pub(super) fn bump(&self) -> &Bump {
        &self.bump
    }
}
