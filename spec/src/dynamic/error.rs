//! The dynamic codec's own errors: schemas it cannot compile, type names it cannot read,
//! values that do not fit the schema, and JSON that is not canonical.
//!
//! Decoding errors are [`DecodeError`](crate::codec::DecodeError)s like the typed codec's;
//! encoding errors are [`EncodeError`](crate::codec::EncodeError)s, whose
//! [`EncodeError::Value`](crate::codec::EncodeError::Value) variant carries a
//! [`ValueError`].

use std::fmt;

use thiserror::Error;

/// A schema the dynamic codec cannot work with.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegistryError {
    #[error("`{first}` and `{second}` both have id #{id:08x}: decoding could not tell them apart")]
    DuplicateId {
        id: u32,
        first: String,
        second: String,
    },
    #[error("two different definitions are named `{name}`: `{first}` and `{second}`")]
    DuplicateName {
        name: String,
        first: String,
        second: String,
    },
    #[error("{constructor}: `{param}` depends on `{flags}`, which is not an earlier `#` field")]
    UndeclaredFlagField {
        constructor: String,
        param: String,
        flags: String,
    },
    #[error("{constructor}: `{param}` tests bit {bit}; a `#` field has bits 0 to 31")]
    FlagBitOutOfRange {
        constructor: String,
        param: String,
        bit: u32,
    },
    #[error(
        "{constructor}: `{param}` uses `!{generic}` without a `{{{generic}:Type}}` declaration"
    )]
    UndeclaredGeneric {
        constructor: String,
        param: String,
        generic: String,
    },
    #[error("{constructor}: parameter {position} has no name, which only TL's builtin definitions may do")]
    AnonymousParameter {
        constructor: String,
        position: usize,
    },
    #[error("{constructor}: `{param}` is a repetition `[ … ]`, which only TL's builtin definitions may use")]
    RepeatedParameter { constructor: String, param: String },
    #[error("{constructor}: two parameters are named `{param}`")]
    DuplicateParameter { constructor: String, param: String },
    #[error("{constructor}: a parameter named `_` would clash with the constructor name in JSON")]
    ReservedName { constructor: String },
    #[error("{constructor}: more than {limit} `#` fields")]
    TooManyFlagFields { constructor: String, limit: usize },
}

/// A type name (`--type`, a golden vector's `type`) that cannot be read with a registry.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TypeSpecError {
    #[error("`{text}` is not a TL type: {message}")]
    Syntax { text: String, message: String },
    #[error("`{name}` is not a type, constructor or function of this schema")]
    Unknown { name: String },
    #[error("`{text}` uses a generic `!{name}`, which only a definition can declare")]
    Generic { text: String, name: String },
}

/// A JSON Pointer (RFC 6901) to a place in a value: `/requested_peers/0/user_id`; the
/// empty path is the value itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    pub fn root() -> Self {
        Self(String::new())
    }

    /// The path with `segment` (a member name or an index) put in front.
    pub fn prefixed(mut self, segment: &str) -> Self {
        let escaped = segment.replace('~', "~0").replace('/', "~1");
        self.0.insert_str(0, &escaped);
        self.0.insert(0, '/');
        self
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("the top level")
        } else {
            f.write_str(&self.0)
        }
    }
}

/// A dynamic [`Value`](super::Value) that does not fit the schema, and where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("at {path}: {kind}")]
pub struct ValueError {
    pub path: Path,
    pub kind: ValueErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValueErrorKind {
    #[error("unknown constructor `{name}`")]
    UnknownConstructor { name: String },
    #[error("`{name}` is not a {expected}")]
    UnexpectedConstructor { name: String, expected: String },
    #[error("{constructor} needs `{field}`")]
    MissingField { constructor: String, field: String },
    #[error("{constructor} has no field `{field}`")]
    UnknownField { constructor: String, field: String },
    #[error("{constructor}: `{field}` is given twice")]
    DuplicateField { constructor: String, field: String },
    #[error("expected {expected}, found {found}")]
    WrongKind { expected: String, found: String },
    #[error("{constructor}: `{present}` and `{absent}` share bit {bit} of `{flags}`: both must be present or both absent")]
    InconsistentFlag {
        constructor: String,
        flags: String,
        bit: u32,
        present: String,
        absent: String,
    },
    #[error("the schema does not define `{name}`")]
    UnresolvedType { name: String },
}

impl ValueError {
    pub(crate) fn new(kind: ValueErrorKind) -> Self {
        Self {
            path: Path::root(),
            kind,
        }
    }

    /// Stable snake_case name of the kind, like [`DecodeErrorKind::code`](crate::codec::DecodeErrorKind::code).
    pub fn code(&self) -> &'static str {
        match self.kind {
            ValueErrorKind::UnknownConstructor { .. } => "unknown_constructor",
            ValueErrorKind::UnexpectedConstructor { .. } => "unexpected_constructor",
            ValueErrorKind::MissingField { .. } => "missing_field",
            ValueErrorKind::UnknownField { .. } => "unknown_field",
            ValueErrorKind::DuplicateField { .. } => "duplicate_field",
            ValueErrorKind::WrongKind { .. } => "wrong_kind",
            ValueErrorKind::InconsistentFlag { .. } => "inconsistent_flag",
            ValueErrorKind::UnresolvedType { .. } => "unresolved_type",
        }
    }
}

/// JSON that is not the canonical form of a value of the expected type.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("at {path}: expected {expected}, found {found}")]
pub struct JsonError {
    pub path: Path,
    pub kind: JsonErrorKind,
    pub expected: String,
    pub found: String,
}

/// What kind of problem a [`JsonError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// Not JSON at all (only from the text readers); `expected` has line and column.
    Syntax,
    /// The wrong JSON type, or a string or number outside the canonical form.
    WrongType,
    UnknownConstructor,
    /// A constructor of another type than the one expected.
    UnexpectedConstructor,
    /// An object without `"_"`, or with `"_"` not first.
    ConstructorName,
    UnknownMember,
    DuplicateMember,
    MissingMember,
    /// A member whose type the schema does not define.
    UnresolvedType,
}

impl JsonErrorKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Syntax => "json_syntax",
            Self::WrongType => "wrong_type",
            Self::UnknownConstructor => "unknown_constructor",
            Self::UnexpectedConstructor => "unexpected_constructor",
            Self::ConstructorName => "constructor_name",
            Self::UnknownMember => "unknown_member",
            Self::DuplicateMember => "duplicate_member",
            Self::MissingMember => "missing_member",
            Self::UnresolvedType => "unresolved_type",
        }
    }
}

impl JsonError {
    pub(crate) fn new(
        kind: JsonErrorKind,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        Self {
            path: Path::root(),
            kind,
            expected: expected.into(),
            found: found.into(),
        }
    }

    pub(crate) fn prefixed(mut self, segment: &str) -> Self {
        self.path = self.path.prefixed(segment);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_json_pointers() {
        let p = Path::root()
            .prefixed("user_id")
            .prefixed("0")
            .prefixed("requested_peers");
        assert_eq!(p.as_str(), "/requested_peers/0/user_id");
        assert_eq!(Path::root().prefixed("a/b~c").as_str(), "/a~1b~0c");
        assert_eq!(Path::root().to_string(), "the top level");
    }
}
