//! The compiled form of a schema: every constructor and function by id and by name, every
//! boxed type with its constructors, and every parameter's type resolved once into a
//! [`Kind`].
//!
//! # Builtins
//!
//! The definitions that describe TL's own primitives are not registered as constructors:
//! `int ? = Int;` and the other `?` lines, `vector {t:Type} # [ t ] = Vector t;`,
//! `int128 4*[ int ] = Int128;` / `int256 8*[ int ] = Int256;`, and `boolTrue` /
//! `boolFalse` (`Bool` is its own kind, read and written as the two fixed ids). The names
//! `int`, `long`, `double`, `string`, `bytes`, `int128`, `int256`, `true`, `Bool`,
//! `Vector<T>`, `vector<T>` and `Object` resolve to their kinds whether or not the schema
//! declares them, so an era file that lists only a few objects still reads. `true#3fedd339
//! = True;` stays an ordinary constructor: the boxed type `True` is that constructor,
//! while the lowercase `true` of `flags.N?true` is the zero-length [`Kind::True`].
//!
//! # One id space
//!
//! Constructors and functions share one id space: decoding `Object` reads any of them by
//! id (an `!X` field any function), so two definitions with one id could not be told apart. A
//! schema (or a set of schemas built together) with such a pair is refused with
//! [`RegistryError::DuplicateId`], with one exception: a definition listed in
//! [`tl_parser::known_exceptions`] under exactly that id (tdlib's `invokeWith…Prefix`
//! pseudo-constructors, which describe the leading fields of a real function under its
//! id) is left out, and reported by [`Registry::skipped`]. The same definition read twice
//! (the same line in `api.tl` and `mtproto.tl`) is registered once; two different
//! definitions with one name are [`RegistryError::DuplicateName`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

use tl_parser::{known_exception, Category, Definition, Generic, ParameterType, Schema, Type};

use super::error::RegistryError;
use super::kind::Kind;
use super::value::Object;

/// Index of a constructor or function in a [`Registry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConstructorId(pub(crate) u32);

/// Index of a boxed type in a [`Registry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub(crate) u32);

impl ConstructorId {
    /// The position in [`Registry::constructors`]: ids are dense, `0..len`, so side
    /// tables can be plain vectors.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl TypeId {
    /// The position in [`Registry::types`] (dense, `0..len`).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The most constructors a type may have for [`Registry::constructor_of`] to compare
/// ids one by one instead of hashing.
const LINEAR_LOOKUP_MAX: usize = 8;

/// The most `#` fields one constructor may have (real schemas use two).
pub const MAX_FLAG_FIELDS: usize = 16;

/// A schema compiled for the dynamic codec. Build it once and share it: it is immutable.
#[derive(Debug, Clone)]
pub struct Registry {
    layer: Option<u32>,
    constructors: Vec<Constructor>,
    by_id: HashMap<u32, ConstructorId, FastHash>,
    by_name: HashMap<Box<str>, ConstructorId, FastHash>,
    types: Vec<TypeInfo>,
    type_by_name: HashMap<Box<str>, TypeId, FastHash>,
    skipped: Vec<Skipped>,
}

/// A constructor (`---types---`) or a function (`---functions---`).
#[derive(Debug, Clone)]
pub struct Constructor {
    name: Box<str>,
    index: ConstructorId,
    id: u32,
    category: Category,
    ty: Option<TypeId>,
    result: Box<str>,
    params: Vec<Param>,
    fields: usize,
    flag_fields: usize,
    body_min: usize,
}

/// One parameter: a `#` field (kind [`Kind::Flags`]) or a value field, maybe conditional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    name: Box<str>,
    kind: Kind,
    condition: Option<Condition>,
}

/// `flags.N?`: present iff bit `bit` of the `#` field at `flags_field` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// Index of the `#` field in [`Constructor::params`].
    pub flags_field: usize,
    /// The `#` field's [`Kind::Flags`] slot.
    pub slot: u8,
    pub bit: u32,
}

/// A boxed type and its constructors, in schema order.
#[derive(Debug, Clone)]
pub struct TypeInfo {
    name: Box<str>,
    constructors: Vec<ConstructorId>,
    /// The wire id of each of `constructors`, for [`Registry::constructor_of`].
    ids: Vec<u32>,
}

/// A definition left out of the registry, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub id: u32,
    pub reason: &'static str,
}

impl Registry {
    /// Compiles one schema.
    pub fn build(schema: &Schema) -> Result<Self, RegistryError> {
        Self::build_from(&[schema])
    }

    /// Compiles several schemas as one (`mtproto.tl` with `api.tl`): definitions are
    /// taken in order, identical repeats once. The layer is the first one declared.
    pub fn build_from(schemas: &[&Schema]) -> Result<Self, RegistryError> {
        let layer = schemas.iter().find_map(|s| s.layer);
        let (chosen, skipped) = choose(schemas)?;

        let mut registry = Registry {
            layer,
            constructors: Vec::with_capacity(chosen.len()),
            by_id: HashMap::with_capacity_and_hasher(chosen.len(), FastHash::default()),
            by_name: HashMap::with_capacity_and_hasher(chosen.len(), FastHash::default()),
            types: Vec::new(),
            type_by_name: HashMap::default(),
            skipped,
        };
        // Names, ids and types first: parameters may refer to any of them.
        for (index, def) in chosen.iter().enumerate() {
            let cid = ConstructorId(index as u32);
            let name: Box<str> = def.full_name().into();
            let ty = (def.category == Category::Type)
                .then(|| registry.intern_type(&def.result.full_name(), cid, def.effective_id()));
            registry.by_id.insert(def.effective_id(), cid);
            registry.by_name.insert(name.clone(), cid);
            registry.constructors.push(Constructor {
                name,
                index: cid,
                id: def.effective_id(),
                category: def.category,
                ty,
                result: def.result.to_string().into(),
                params: Vec::new(),
                fields: 0,
                flag_fields: 0,
                body_min: 0,
            });
        }
        for (index, def) in chosen.iter().enumerate() {
            let params = registry.compile_params(def)?;
            let c = &mut registry.constructors[index];
            c.fields = params.iter().filter(|p| !p.is_flags()).count();
            c.flag_fields = params.len() - c.fields;
            c.params = params;
        }
        registry.compute_sizes();
        Ok(registry)
    }

    fn intern_type(&mut self, name: &str, cid: ConstructorId, id: u32) -> TypeId {
        if let Some(&t) = self.type_by_name.get(name) {
            let info = &mut self.types[t.0 as usize];
            info.constructors.push(cid);
            info.ids.push(id);
            return t;
        }
        let t = TypeId(self.types.len() as u32);
        self.types.push(TypeInfo {
            name: name.into(),
            constructors: vec![cid],
            ids: vec![id],
        });
        self.type_by_name.insert(name.into(), t);
        t
    }

    fn compile_params(&self, def: &Definition) -> Result<Vec<Param>, RegistryError> {
        let constructor = def.full_name();
        let mut params: Vec<Param> = Vec::with_capacity(def.params.len());
        let mut slots = 0usize;
        for (position, p) in def.params.iter().enumerate() {
            let Some(name) = p.name.as_deref() else {
                return Err(RegistryError::AnonymousParameter {
                    constructor,
                    position,
                });
            };
            if name == "_" {
                return Err(RegistryError::ReservedName { constructor });
            }
            if params.iter().any(|q| &*q.name == name) {
                return Err(RegistryError::DuplicateParameter {
                    constructor,
                    param: name.to_owned(),
                });
            }
            let (kind, condition) = match &p.ty {
                ParameterType::Flags => {
                    if slots == MAX_FLAG_FIELDS {
                        return Err(RegistryError::TooManyFlagFields {
                            constructor,
                            limit: MAX_FLAG_FIELDS,
                        });
                    }
                    slots += 1;
                    (
                        Kind::Flags {
                            name: intern(name),
                            known: 0,
                            slot: (slots - 1) as u8,
                        },
                        None,
                    )
                }
                ParameterType::Normal { ty, flag } => {
                    let condition = match flag {
                        None => None,
                        Some(flag) => {
                            let found = params.iter().enumerate().find_map(|(i, q)| match q.kind {
                                Kind::Flags { slot, .. } if *q.name == *flag.name => {
                                    Some((i, slot))
                                }
                                _ => None,
                            });
                            let Some((flags_field, slot)) = found else {
                                return Err(RegistryError::UndeclaredFlagField {
                                    constructor,
                                    param: name.to_owned(),
                                    flags: flag.name.to_string(),
                                });
                            };
                            if flag.index > 31 {
                                return Err(RegistryError::FlagBitOutOfRange {
                                    constructor,
                                    param: name.to_owned(),
                                    bit: flag.index,
                                });
                            }
                            if let Kind::Flags { known, .. } = &mut params[flags_field].kind {
                                *known |= 1 << flag.index;
                            }
                            Some(Condition {
                                flags_field,
                                slot,
                                bit: flag.index,
                            })
                        }
                    };
                    let kind = self.resolve(ty, &def.generics).map_err(|generic| {
                        RegistryError::UndeclaredGeneric {
                            constructor: constructor.clone(),
                            param: name.to_owned(),
                            generic,
                        }
                    })?;
                    (kind, condition)
                }
                ParameterType::Repeated { .. } => {
                    return Err(RegistryError::RepeatedParameter {
                        constructor,
                        param: name.to_owned(),
                    })
                }
            };
            params.push(Param {
                name: name.into(),
                kind,
                condition,
            });
        }
        Ok(params)
    }

    /// Resolves a type as written in a definition with generics `generics`. The only
    /// error is a `!X` without its `{X:Type}`.
    pub(crate) fn resolve(&self, ty: &Type, generics: &[Generic]) -> Result<Kind, String> {
        if ty.generic_ref {
            return if generics.iter().any(|g| g.name == ty.name) {
                Ok(Kind::AnyFunction)
            } else {
                Err(ty.name.to_string())
            };
        }
        let plain = ty.namespace.is_empty();
        if let Some(arg) = &ty.generic_arg {
            return Ok(if plain && (ty.name == "Vector" || ty.name == "vector") {
                let elem = self.resolve(arg, generics)?;
                Kind::Vector {
                    boxed: ty.name == "Vector" && !ty.bare_marker,
                    elem: Box::new(elem),
                    elem_min: 0,
                }
            } else {
                Kind::Unresolved(ty.to_string().into())
            });
        }
        if plain {
            let builtin = match ty.name.as_str() {
                "int" => Some(Kind::Int),
                "long" => Some(Kind::Long),
                "double" => Some(Kind::Double),
                "string" => Some(Kind::String),
                "bytes" => Some(Kind::Bytes),
                "int128" => Some(Kind::Int128),
                "int256" => Some(Kind::Int256),
                "true" => Some(Kind::True),
                "Bool" if !ty.bare_marker => Some(Kind::Bool),
                "Object" if !ty.bare_marker => Some(Kind::AnyObject),
                _ => None,
            };
            if let Some(kind) = builtin {
                return Ok(kind);
            }
            if generics.iter().any(|g| g.name == ty.name) {
                // A bare value of a type variable: no id says which constructor it is.
                return Ok(Kind::Unresolved(ty.to_string().into()));
            }
        }
        let name = ty.full_name();
        let bare_ctor = |name: &str| {
            self.by_name(name)
                .filter(|&c| self.constructor(c).category == Category::Type)
                .map(Kind::Bare)
        };
        let kind = if ty.bare_marker {
            match self.type_by_name(&name) {
                Some(t) => match self.type_info(t).constructors() {
                    [only] => Some(Kind::Bare(*only)),
                    _ => None,
                },
                None => bare_ctor(&name),
            }
        } else if ty.is_bare() {
            bare_ctor(&name)
        } else {
            self.type_by_name(&name).map(Kind::Boxed)
        };
        Ok(kind.unwrap_or_else(|| Kind::Unresolved(ty.to_string().into())))
    }

    /// Body sizes of constructors (bare recursion counts as 0), then the element sizes
    /// of every vector parameter.
    fn compute_sizes(&mut self) {
        #[derive(Clone, Copy)]
        enum State {
            Todo,
            Busy,
            Done(usize),
        }
        fn body(reg: &Registry, c: ConstructorId, state: &mut [State]) -> usize {
            match state[c.0 as usize] {
                State::Done(n) => return n,
                State::Busy => return 0,
                State::Todo => {}
            }
            state[c.0 as usize] = State::Busy;
            let mut total = 0usize;
            for p in reg
                .constructor(c)
                .params
                .iter()
                .filter(|p| p.condition.is_none())
            {
                total = total.saturating_add(kind_min(reg, &p.kind, state));
            }
            state[c.0 as usize] = State::Done(total);
            total
        }
        fn kind_min(reg: &Registry, kind: &Kind, state: &mut [State]) -> usize {
            let cell = std::cell::RefCell::new(state);
            kind.min_size_with(&|c| body(reg, c, &mut cell.borrow_mut()))
        }
        let mut state = vec![State::Todo; self.constructors.len()];
        let bodies: Vec<usize> = (0..self.constructors.len())
            .map(|i| body(self, ConstructorId(i as u32), &mut state))
            .collect();
        fn fill(kind: &mut Kind, bodies: &[usize]) {
            if let Kind::Vector { elem, elem_min, .. } = kind {
                fill(elem, bodies);
                *elem_min = elem.min_size_with(&|c| bodies[c.0 as usize]);
            }
        }
        for (c, n) in self.constructors.iter_mut().zip(&bodies) {
            c.body_min = *n;
            for p in &mut c.params {
                fill(&mut p.kind, &bodies);
            }
        }
    }

    /// Fills in the element sizes of a kind built after the registry (a type spec).
    pub(crate) fn finish_kind(&self, kind: &mut Kind) {
        if let Kind::Vector { elem, elem_min, .. } = kind {
            self.finish_kind(elem);
            *elem_min = self.min_size(elem);
        }
    }

    /// The layer the (first) schema declares.
    pub fn layer(&self) -> Option<u32> {
        self.layer
    }

    pub fn constructor(&self, id: ConstructorId) -> &Constructor {
        &self.constructors[id.0 as usize]
    }

    /// Every constructor and function, in schema order.
    pub fn constructors(&self) -> impl ExactSizeIterator<Item = (ConstructorId, &Constructor)> {
        self.constructors
            .iter()
            .enumerate()
            .map(|(i, c)| (ConstructorId(i as u32), c))
    }

    /// The constructor an object names: the one it was decoded or parsed as when that is
    /// a constructor of this registry under the same name, else the one its name finds.
    #[inline]
    pub(crate) fn object_constructor(&self, o: &Object<'_>) -> Option<&Constructor> {
        if let Some(c) = o.origin.and_then(|c| self.constructors.get(c.index())) {
            if same_name(&c.name, &o.name) {
                return Some(c);
            }
        }
        self.by_name(&o.name).map(|c| self.constructor(c))
    }

    /// The constructor of type `t` with this wire id: what decoding a boxed `t` looks
    /// for. Ids are unique in a registry, so this is [`Registry::by_id`] restricted to
    /// `t`; most types have a few constructors, and comparing their ids costs less than
    /// hashing.
    // Always: the decoder is generic over where it keeps a tree, and in its two copies
    // LLVM stopped inlining this (about 600 instructions per pass of the spec bench).
    #[inline(always)]
    pub fn constructor_of(&self, t: TypeId, id: u32) -> Option<ConstructorId> {
        let info = &self.types[t.0 as usize];
        if info.ids.len() <= LINEAR_LOOKUP_MAX {
            let k = info.ids.iter().position(|&i| i == id)?;
            Some(info.constructors[k])
        } else {
            self.by_id(id)
                .filter(|&c| self.constructor(c).ty == Some(t))
        }
    }

    /// The constructor or function with this wire id.
    #[inline]
    pub fn by_id(&self, id: u32) -> Option<ConstructorId> {
        self.by_id.get(&id).copied()
    }

    /// The constructor or function with this full name (`messages.sendBotRequestedPeer`).
    pub fn by_name(&self, name: &str) -> Option<ConstructorId> {
        self.by_name.get(name).copied()
    }

    pub fn type_info(&self, id: TypeId) -> &TypeInfo {
        &self.types[id.0 as usize]
    }

    /// Every boxed type, in order of first appearance.
    pub fn types(&self) -> impl ExactSizeIterator<Item = (TypeId, &TypeInfo)> {
        self.types
            .iter()
            .enumerate()
            .map(|(i, t)| (TypeId(i as u32), t))
    }

    /// The boxed type with this full name (`InputPeer`, `messages.BotCallbackAnswer`).
    pub fn type_by_name(&self, name: &str) -> Option<TypeId> {
        self.type_by_name.get(name).copied()
    }

    /// Definitions left out, with the reason (see the module docs).
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// A lower bound on the encoded size of a value of `kind` (see
    /// [`Kind::min_size_with`] for the convention).
    pub fn min_size(&self, kind: &Kind) -> usize {
        kind.min_size_with(&|c| self.constructor(c).body_min)
    }

    /// A kind as TL would write it: `InputPeer`, `Vector<long>`, `%future_salt`.
    pub fn describe(&self, kind: &Kind) -> String {
        match kind {
            Kind::Int => "int".into(),
            Kind::Long => "long".into(),
            Kind::Double => "double".into(),
            Kind::Int128 => "int128".into(),
            Kind::Int256 => "int256".into(),
            Kind::String => "string".into(),
            Kind::Bytes => "bytes".into(),
            Kind::Bool => "Bool".into(),
            Kind::True => "true".into(),
            Kind::Vector { boxed, elem, .. } => {
                format!(
                    "{}<{}>",
                    if *boxed { "Vector" } else { "vector" },
                    self.describe(elem)
                )
            }
            Kind::Boxed(t) => self.type_info(*t).name().to_owned(),
            Kind::Bare(c) => format!("%{}", self.constructor(*c).name()),
            Kind::Call(c) => self.constructor(*c).name().to_owned(),
            Kind::Flags { .. } => "#".into(),
            Kind::AnyObject => "Object".into(),
            Kind::AnyFunction => "a function call".into(),
            Kind::Unresolved(name) => name.to_string(),
        }
    }
}

impl Constructor {
    /// The full TL name, namespace included.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its index in the registry.
    pub fn index(&self) -> ConstructorId {
        self.index
    }

    /// The wire id: the explicit `#id`, else the computed CRC32.
    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn category(&self) -> Category {
        self.category
    }

    pub fn is_function(&self) -> bool {
        self.category == Category::Function
    }

    /// The boxed type a constructor belongs to (`None` for functions).
    pub fn type_id(&self) -> Option<TypeId> {
        self.ty
    }

    /// The result type as written after `=`.
    pub fn result(&self) -> &str {
        &self.result
    }

    /// Every parameter, `#` fields included, in declaration order.
    pub fn params(&self) -> &[Param] {
        &self.params
    }

    /// The number of value fields (parameters other than `#` fields).
    pub fn field_count(&self) -> usize {
        self.fields
    }

    /// The number of `#` fields (at most [`MAX_FLAG_FIELDS`]); their slots are
    /// `0..flag_field_count()`.
    pub fn flag_field_count(&self) -> usize {
        self.flag_fields
    }

    /// A lower bound on the encoded size of the fields (without the id).
    pub fn body_min(&self) -> usize {
        self.body_min
    }

    /// The parameter with this name.
    pub fn param(&self, name: &str) -> Option<(usize, &Param)> {
        self.params
            .iter()
            .enumerate()
            .find(|(_, p)| &*p.name == name)
    }
}

impl Param {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    pub fn condition(&self) -> Option<Condition> {
        self.condition
    }

    /// A `#` field: derived on encode, never a value field.
    pub fn is_flags(&self) -> bool {
        matches!(self.kind, Kind::Flags { .. })
    }

    /// `name:flags.N?true`: the bit is the whole value.
    pub fn is_flag_only(&self) -> bool {
        self.condition.is_some() && self.kind == Kind::True
    }
}

impl TypeInfo {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn constructors(&self) -> &[ConstructorId] {
        &self.constructors
    }
}

/// String equality that first tries the cheap answer: names the registry lent out (to
/// decoded and parsed values) are the very same bytes.
#[inline]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// TL's own primitives, which the registry knows without their definitions.
fn is_builtin(def: &Definition) -> bool {
    let plain = def.namespace.is_empty();
    def.builtin
        || (plain && def.name == "vector")
        || (plain && (def.name == "int128" || def.name == "int256"))
        || (plain
            && (def.name == "boolTrue" || def.name == "boolFalse")
            && def.result.full_name() == "Bool")
}

/// The definitions to register, in order, after merging repeats and leaving out known
/// pseudo-constructors that share an id.
fn choose<'s>(
    schemas: &[&'s Schema],
) -> Result<(Vec<&'s Definition>, Vec<Skipped>), RegistryError> {
    let mut chosen: Vec<Option<&Definition>> = Vec::new();
    let mut ids: HashMap<u32, usize, FastHash> = HashMap::default();
    let mut names: HashMap<String, usize, FastHash> = HashMap::default();
    let mut skipped = Vec::new();
    let is_exception =
        |def: &Definition, id: u32| known_exception(&def.full_name()).is_some_and(|e| e.id == id);
    let skip = |def: &Definition, id: u32| Skipped {
        name: def.full_name(),
        id,
        reason: known_exception(&def.full_name()).map_or("", |e| e.reason),
    };
    for def in schemas
        .iter()
        .flat_map(|s| &s.definitions)
        .filter(|d| !is_builtin(d))
    {
        let name = def.full_name();
        let id = def.effective_id();
        if let Some(&i) = names.get(&name) {
            let first = chosen[i].expect("named entries are present");
            if first == def {
                continue;
            }
            return Err(RegistryError::DuplicateName {
                name,
                first: first.to_string(),
                second: def.to_string(),
            });
        }
        if let Some(&i) = ids.get(&id) {
            let first = chosen[i].expect("id entries are present");
            if is_exception(def, id) {
                skipped.push(skip(def, id));
                continue;
            }
            if is_exception(first, id) {
                skipped.push(skip(first, id));
                names.remove(&first.full_name());
                names.insert(name, i);
                chosen[i] = Some(def);
                continue;
            }
            return Err(RegistryError::DuplicateId {
                id,
                first: first.full_name(),
                second: name,
            });
        }
        ids.insert(id, chosen.len());
        names.insert(name, chosen.len());
        chosen.push(Some(def));
    }
    Ok((chosen.into_iter().flatten().collect(), skipped))
}

/// `#` field names as `&'static str` for [`Reader::flags`](crate::codec::Reader::flags):
/// the usual ones are literals; others are leaked once each, process-wide.
fn intern(name: &str) -> &'static str {
    match name {
        "flags" => "flags",
        "flags2" => "flags2",
        "flags3" => "flags3",
        _ => {
            static OTHERS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
            let mut others = OTHERS.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(s) = others.iter().find(|s| **s == name) {
                return s;
            }
            let s: &'static str = Box::leak(name.to_owned().into_boxed_str());
            others.push(s);
            s
        }
    }
}

/// A small non-cryptographic hash for ids (already CRC32s) and names: FNV-1a for bytes, a
/// multiplicative mix for `u32`. Keys come from schemas and inputs alike; the worst an
/// adversary gains with crafted ids is slower lookups, never wrong ones.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastHash = BuildHasherDefault<FastHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(text: &str) -> Result<Registry, RegistryError> {
        Registry::build(&tl_parser::parse_schema(text).unwrap())
    }

    #[test]
    fn builtins_are_kinds_not_constructors() {
        let r = registry(
            "int ? = Int;\nvector {t:Type} # [ t ] = Vector t;\nint128 4*[ int ] = Int128;\n\
             boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\ntrue#3fedd339 = True;\n\
             a#1 flags:# x:int128 y:Bool z:flags.0?true t:True = A;",
        )
        .unwrap();
        assert_eq!(r.constructors().len(), 2);
        assert!(r.by_name("boolTrue").is_none() && r.by_name("vector").is_none());
        let a = r.constructor(r.by_name("a").unwrap());
        let kinds: Vec<_> = a.params().iter().map(|p| r.describe(p.kind())).collect();
        assert_eq!(kinds, ["#", "int128", "Bool", "true", "True"]);
        assert_eq!(
            a.params()[0].kind(),
            &Kind::Flags {
                name: "flags",
                known: 1,
                slot: 0
            }
        );
        assert!(a.params()[3].is_flag_only());
        assert_eq!(a.field_count(), 4);
        assert_eq!(a.body_min(), 4 + 16 + 4 + 4);
    }

    #[test]
    fn bare_and_boxed_references() {
        let r = registry(
            "future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;\n\
             future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;\n\
             ipPort#d433ad73 ipv4:int port:int = IpPort;\n\
             rule#1 ips:vector<IpPort> one:%FutureSalt many:%IpPort2 u:Unknown v:Vector<Nope> = Rule;\n\
             ipPort2#2 = IpPort2;\nipPort3#3 = IpPort2;",
        )
        .unwrap();
        let salts = r.constructor(r.by_name("future_salts").unwrap());
        let salt = r.by_name("future_salt").unwrap();
        assert_eq!(
            salts.params()[2].kind(),
            &Kind::Vector {
                boxed: false,
                elem: Box::new(Kind::Bare(salt)),
                elem_min: 16
            }
        );
        let rule = r.constructor(r.by_name("rule").unwrap());
        let kinds: Vec<_> = rule.params().iter().map(|p| r.describe(p.kind())).collect();
        assert_eq!(
            kinds,
            [
                "vector<IpPort>",
                "%future_salt",
                "%IpPort2",
                "Unknown",
                "Vector<Nope>"
            ]
        );
        assert!(matches!(rule.params()[2].kind(), Kind::Unresolved(_)));
        assert_eq!(rule.params()[4].kind().find_unresolved(), Some("Nope"));
        assert_eq!(
            r.type_info(r.type_by_name("IpPort2").unwrap())
                .constructors()
                .len(),
            2
        );
    }

    #[test]
    fn one_id_space_with_known_pseudo_constructors_left_out() {
        let e = registry("a#1 = A;\n---functions---\nb#1 = A;").unwrap_err();
        assert_eq!(
            e,
            RegistryError::DuplicateId {
                id: 1,
                first: "a".into(),
                second: "b".into()
            }
        );
        let e = registry("a#1 = A;\na#2 = A;").unwrap_err();
        assert!(matches!(e, RegistryError::DuplicateName { .. }));
        let tdlib = "---functions---\n\
             invokeWithReCaptchaPrefix#adbb0f94 token:string = Error;\n\
             invokeWithReCaptcha#adbb0f94 {X:Type} token:string query:!X = X;";
        let r = registry(tdlib).unwrap();
        assert_eq!(r.constructors().len(), 1);
        assert_eq!(
            r.constructor(r.by_id(0xadbb_0f94).unwrap()).name(),
            "invokeWithReCaptcha"
        );
        assert_eq!(r.skipped()[0].name, "invokeWithReCaptchaPrefix");
        let query = &r.constructor(r.by_id(0xadbb_0f94).unwrap()).params()[1];
        assert_eq!(query.kind(), &Kind::AnyFunction);
    }

    #[test]
    fn repeats_across_schemas_merge() {
        let a = tl_parser::parse_schema("x#1 a:int = X;\n// LAYER 5").unwrap();
        let b = tl_parser::parse_schema("x#1 a:int = X;\ny#2 = Y;").unwrap();
        let r = Registry::build_from(&[&a, &b]).unwrap();
        assert_eq!((r.constructors().len(), r.layer()), (2, Some(5)));
        let c = tl_parser::parse_schema("x#1 a:long = X;").unwrap();
        assert!(matches!(
            Registry::build_from(&[&a, &c]),
            Err(RegistryError::DuplicateName { .. })
        ));
    }

    #[test]
    fn structural_problems_are_typed_errors() {
        use tl_parser::{Flag, Parameter, Span};
        let mut schema = tl_parser::parse_schema("a#1 flags:# x:flags.0?int = A;").unwrap();
        let def = &mut schema.definitions[0];
        let mut bad = def.clone();
        if let ParameterType::Normal { flag, .. } = &mut bad.params[1].ty {
            *flag = Some(Flag {
                name: "flags2".into(),
                index: 0,
            });
        }
        assert!(matches!(
            Registry::build(&Schema {
                layer: None,
                definitions: vec![bad]
            }),
            Err(RegistryError::UndeclaredFlagField { .. })
        ));
        let mut anon = def.clone();
        anon.params.push(Parameter {
            name: None,
            ty: ParameterType::Flags,
            span: Span::new(0, 0),
        });
        assert!(matches!(
            Registry::build(&Schema {
                layer: None,
                definitions: vec![anon]
            }),
            Err(RegistryError::AnonymousParameter { position: 2, .. })
        ));
        assert!(matches!(
            registry("a#1 x:int x:long = A;"),
            Err(RegistryError::DuplicateParameter { .. })
        ));
        assert!(matches!(
            registry("a#1 x:int [ int ] = A;"),
            Err(RegistryError::AnonymousParameter { .. })
        ));
    }

    #[test]
    fn interned_names_are_shared() {
        assert!(std::ptr::eq(intern("flags_x"), intern("flags_x")));
        assert_eq!(intern("flags2"), "flags2");
    }
}
