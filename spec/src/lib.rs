//! tgconf's executable specification: the schemas of the seed objects for every layer era,
//! the TL codec, the rule catalogue and the reference model.
//!
//! This crate knows nothing of adapters or reports; those live in `tgconf-harness`.

pub mod codec;
pub mod dynamic;
pub mod era;
pub mod model;
pub mod rules;
pub mod typed;
