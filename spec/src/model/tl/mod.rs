//! Mapping between the model's types and the canonical JSON form of each era's TL objects.
