//! The generator's view of a schema: every definition resolved to constructors,
//! functions and boxed types, every parameter to a field with a [`Wire`] type, before any
//! Rust text is written.

use std::collections::HashMap;

use tl_parser::{Category, Definition, ParameterType, Schema, Type};

use super::error::Problem;
use super::naming::{camel, ident, variant_names};

/// How one value travels, resolved against the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wire {
    Int,
    Long,
    Double,
    Int128,
    Int256,
    String,
    Bytes,
    /// Boxed `Bool` (`boolTrue` / `boolFalse`), a Rust `bool`.
    Bool,
    /// `Vector<T>` (boxed: with the vector id) or `vector<T>` (bare: count only).
    Vector {
        boxed: bool,
        elem: Box<Wire>,
    },
    /// A boxed type: index into [`Model::enums`].
    Enum(usize),
    /// A bare constructor (`%T` of a one-constructor type, or a lower-case constructor
    /// name): index into [`Model::ctors`]; `boxed` when recursion needs a `Box`.
    Bare {
        ctor: usize,
        boxed: bool,
    },
    /// `!X`: a value of the generic type `X`, sent boxed as it is.
    Generic(String),
    /// A function's result type that the schema does not define: kept as raw bytes
    /// ([`crate::typed::OpaqueResult`]). Only ever a function's result.
    Opaque,
}

/// Where a conditional field's presence bit lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cond {
    /// Index into [`Item::flag_words`].
    pub word: usize,
    pub bit: u32,
}

#[derive(Debug, Clone)]
pub enum FieldKind {
    /// A `#` field: not stored, computed on encode. Index into [`Item::flag_words`].
    Flags(usize),
    /// `name:flags.N?true`: a `bool`, only the bit on the wire.
    FlagOnly(Cond),
    /// A value, always present or (`cond`) present when its bit is set.
    Value { wire: Wire, cond: Option<Cond> },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub tl_name: String,
    /// The struct field's identifier.
    pub rust_name: String,
    /// The identifier of the local variable that holds it while decoding.
    pub local: String,
    pub kind: FieldKind,
}

#[derive(Debug, Clone)]
pub struct FlagWord {
    pub tl_name: String,
    pub local: String,
    /// The bits some field tests; any other bit is an error in strict decoding.
    pub mask: u32,
}

/// A constructor or a function.
#[derive(Debug, Clone)]
pub struct Item {
    /// The canonical TL text of the definition, for the doc comment.
    pub line: String,
    pub tl_name: String,
    pub namespace: Vec<String>,
    pub rust_name: String,
    pub id: u32,
    pub fields: Vec<Field>,
    pub flag_words: Vec<FlagWord>,
    /// Type parameters (`X` of `{X:Type}`); functions only.
    pub generics: Vec<String>,
    /// The boxed type a constructor belongs to (index into [`Model::enums`]).
    pub owner: Option<usize>,
    /// A function's result type.
    pub ret: Option<Wire>,
    pub ret_text: String,
    /// Set by [`super::layout`]: the Rust type borrows from the input (`<'a>`).
    pub lifetime: bool,
    /// Set by [`super::layout`]: the enum variant holding this constructor is boxed.
    pub boxed: bool,
    /// Set by [`super::layout`]: a lower bound on the bare encoding's size.
    pub min_size: usize,
}

impl Item {
    /// The fields stored in the struct (all but the `#` fields).
    pub fn stored(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(|f| !matches!(f.kind, FieldKind::Flags(_)))
    }
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub ctor: usize,
    pub name: String,
}

/// A boxed type: a Rust enum over its constructors.
#[derive(Debug, Clone)]
pub struct Enum {
    pub tl_name: String,
    pub namespace: Vec<String>,
    pub rust_name: String,
    pub variants: Vec<Variant>,
    pub lifetime: bool,
    pub min_size: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    pub layer: Option<u32>,
    pub ctors: Vec<Item>,
    pub functions: Vec<Item>,
    pub enums: Vec<Enum>,
    /// Every id the schema defines (and the predefined `Bool`, `true` and `vector`
    /// ids), sorted by id, with its TL name.
    pub ids: Vec<(u32, String)>,
}

/// Types whose values the codec reads itself; their definitions, if the schema has
/// them, produce no Rust items.
const BUILTIN_TYPES: &[&str] = &[
    "Int", "Long", "Double", "String", "Bytes", "Int128", "Int256", "Bool", "True", "Vector",
];

/// Ids every TL schema has, whether or not the file spells them out.
const PREDEFINED_IDS: &[(u32, &str)] = &[
    (0x9972_75b5, "boolTrue"),
    (0xbc79_9737, "boolFalse"),
    (0x3fed_d339, "true"),
    (0x1cb5_c415, "vector"),
];

/// Names the generated modules import or use unqualified; no generated item may take them.
const RESERVED: &[&str] = &[
    "Box",
    "Cow",
    "DecodeError",
    "DecodeOptions",
    "Deserialize",
    "EncodeError",
    "Err",
    "Identifiable",
    "None",
    "Ok",
    "Option",
    "Reader",
    "RemoteCall",
    "Result",
    "Serialize",
    "Some",
    "String",
    "Vec",
    "Writer",
];

fn is_builtin_constructor(def: &Definition) -> bool {
    def.builtin
        || (def.category == Category::Type
            && def.result.namespace.is_empty()
            && BUILTIN_TYPES.contains(&def.result.name.as_str()))
}

fn strings<S: AsRef<str>>(ns: &[S]) -> Vec<String> {
    ns.iter().map(|s| s.as_ref().to_owned()).collect()
}

impl Model {
    /// Resolves every definition of `schema`; the problems are all the definitions that
    /// cannot be mapped.
    pub fn build(schema: &Schema) -> Result<Model, Vec<Problem>> {
        let mut model = Model {
            layer: schema.layer,
            ..Model::default()
        };
        let mut problems = Vec::new();
        let mut ids: HashMap<u32, String> = HashMap::new();
        for &(id, name) in PREDEFINED_IDS {
            ids.insert(id, name.to_owned());
        }

        // Pass 1: constructors and the boxed types they make.
        let mut enum_by_name: HashMap<String, usize> = HashMap::new();
        let mut ctor_by_name: HashMap<String, usize> = HashMap::new();
        let mut ctor_defs = Vec::new();
        for def in &schema.definitions {
            if !def.builtin || def.id.is_some() {
                ids.insert(def.effective_id(), def.full_name());
            }
            if def.category != Category::Type || is_builtin_constructor(def) {
                continue;
            }
            let problem = |reason: &str| Problem {
                definition: def.full_name(),
                reason: reason.to_owned(),
            };
            if !def.generics.is_empty() {
                problems.push(problem(
                    "constructors with type parameters are not supported",
                ));
                continue;
            }
            let result = &def.result;
            if result.generic_ref || result.generic_arg.is_some() || result.is_bare() {
                problems.push(problem(
                    "the result of a constructor must be a plain boxed type",
                ));
                continue;
            }
            let type_name = result.full_name();
            let owner = *enum_by_name.entry(type_name.clone()).or_insert_with(|| {
                model.enums.push(Enum {
                    tl_name: type_name.clone(),
                    namespace: strings(&result.namespace),
                    rust_name: camel(&result.name),
                    variants: Vec::new(),
                    lifetime: false,
                    min_size: 0,
                });
                model.enums.len() - 1
            });
            if ctor_by_name
                .insert(def.full_name(), model.ctors.len())
                .is_some()
            {
                problems.push(problem("defined twice"));
            }
            model.enums[owner].variants.push(Variant {
                ctor: model.ctors.len(),
                name: String::new(),
            });
            model.ctors.push(Item::new(def, Some(owner)));
            ctor_defs.push(def);
        }
        for e in &mut model.enums {
            let short = |i: usize| {
                model.ctors[i]
                    .tl_name
                    .rsplit('.')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            };
            let ctor_names: Vec<String> = e.variants.iter().map(|v| short(v.ctor)).collect();
            let refs: Vec<&str> = ctor_names.iter().map(String::as_str).collect();
            let ty = e.tl_name.rsplit('.').next().unwrap_or_default();
            for (v, name) in e.variants.iter_mut().zip(variant_names(ty, &refs)) {
                v.name = name;
            }
        }

        // Pass 2: fields, now that every type name is known.
        let resolver = Resolver {
            enums: &enum_by_name,
            ctors: &ctor_by_name,
            model: &model,
        };
        let mut ctor_fields = Vec::new();
        for def in &ctor_defs {
            match resolver.fields(def) {
                Ok(fields) => ctor_fields.push(fields),
                Err(reason) => {
                    problems.push(Problem {
                        definition: def.full_name(),
                        reason,
                    });
                    ctor_fields.push((Vec::new(), Vec::new()));
                }
            }
        }
        let mut functions = Vec::new();
        for def in schema.functions() {
            let mut item = Item::new(def, None);
            let resolved = resolver
                .fields(def)
                .and_then(|fields| Ok((fields, resolver.result(&def.result, &item.generics)?)));
            match resolved {
                Ok(((fields, words), ret)) => {
                    item.fields = fields;
                    item.flag_words = words;
                    item.ret = Some(ret);
                    functions.push(item);
                }
                Err(reason) => problems.push(Problem {
                    definition: def.full_name(),
                    reason,
                }),
            }
        }
        for (item, (fields, words)) in model.ctors.iter_mut().zip(ctor_fields) {
            item.fields = fields;
            item.flag_words = words;
        }
        model.functions = functions;

        check_names(&model, &mut problems);
        model.ids = ids.into_iter().collect();
        model.ids.sort();
        if problems.is_empty() {
            Ok(model)
        } else {
            Err(problems)
        }
    }
}

impl Item {
    fn new(def: &Definition, owner: Option<usize>) -> Item {
        Item {
            line: def.to_string(),
            tl_name: def.full_name(),
            namespace: strings(&def.namespace),
            rust_name: camel(&def.name),
            id: def.effective_id(),
            fields: Vec::new(),
            flag_words: Vec::new(),
            generics: def.generics.iter().map(|g| g.name.to_string()).collect(),
            owner,
            ret: None,
            ret_text: def.result.to_string(),
            lifetime: false,
            boxed: false,
            min_size: 0,
        }
    }
}

struct Resolver<'m> {
    enums: &'m HashMap<String, usize>,
    ctors: &'m HashMap<String, usize>,
    model: &'m Model,
}

impl Resolver<'_> {
    /// The fields and `#` words of a definition, in declaration order.
    fn fields(&self, def: &Definition) -> Result<(Vec<Field>, Vec<FlagWord>), String> {
        let generics: Vec<String> = def.generics.iter().map(|g| g.name.to_string()).collect();
        let mut fields = Vec::new();
        let mut words: Vec<FlagWord> = Vec::new();
        for param in &def.params {
            let Some(name) = &param.name else {
                return Err(
                    "anonymous `#` and `[ … ]` parameters are only for the builtin vector".into(),
                );
            };
            let rust_name = ident(name);
            let local = if rust_name == "r" || rust_name == "w" {
                format!("{rust_name}_")
            } else {
                rust_name.clone()
            };
            let kind = match &param.ty {
                ParameterType::Flags => {
                    words.push(FlagWord {
                        tl_name: name.to_string(),
                        local: local.clone(),
                        mask: 0,
                    });
                    FieldKind::Flags(words.len() - 1)
                }
                ParameterType::Repeated { .. } => {
                    return Err(format!("`{name}`: repeated groups are not supported"))
                }
                ParameterType::Normal { ty, flag } => {
                    let cond = match flag {
                        None => None,
                        Some(flag) => {
                            let word = words
                                .iter()
                                .position(|w| w.tl_name == flag.name.as_str())
                                .ok_or_else(|| {
                                format!(
                                    "`{name}` tests `{}`, which is no earlier `#` field",
                                    flag.name
                                )
                            })?;
                            words[word].mask |= 1 << flag.index;
                            Some(Cond {
                                word,
                                bit: flag.index,
                            })
                        }
                    };
                    match cond {
                        Some(cond) if ty.is_bare_true() => FieldKind::FlagOnly(cond),
                        _ if ty.is_bare_true() => {
                            return Err(format!("`{name}`: `true` outside a condition"))
                        }
                        _ => FieldKind::Value {
                            wire: self
                                .wire(ty, &generics)
                                .map_err(|e| format!("`{name}`: {e}"))?,
                            cond,
                        },
                    }
                }
            };
            fields.push(Field {
                tl_name: name.to_string(),
                rust_name,
                local,
                kind,
            });
        }
        for names in [
            fields
                .iter()
                .map(|f| f.rust_name.as_str())
                .collect::<Vec<_>>(),
            fields.iter().map(|f| f.local.as_str()).collect(),
        ] {
            let mut seen = std::collections::HashSet::new();
            if let Some(dup) = names.into_iter().find(|n| !seen.insert(*n)) {
                return Err(format!("two fields map to the Rust name `{dup}`"));
            }
        }
        Ok((fields, words))
    }

    /// A function's result type: any type a field could have, or a boxed type the schema
    /// leaves out (era files do not close over function results), kept opaque. Bare
    /// results cannot be told apart from the rest of the answer and are refused.
    fn result(&self, ty: &Type, generics: &[String]) -> Result<Wire, String> {
        let undefined = !ty.generic_ref
            && ty.generic_arg.is_none()
            && !ty.is_bare()
            && !(ty.namespace.is_empty()
                && (ty.name == "Bool" || generics.iter().any(|g| g == ty.name.as_str())))
            && !self.enums.contains_key(&ty.full_name());
        if undefined {
            return Ok(Wire::Opaque);
        }
        let wire = self
            .wire(ty, generics)
            .map_err(|e| format!("result: {e}"))?;
        match &wire {
            Wire::Bare { .. } | Wire::Vector { boxed: false, .. } => {
                Err(format!("result: the bare type `{ty}`"))
            }
            Wire::Vector { elem, .. }
                if matches!(
                    **elem,
                    Wire::Bare { .. } | Wire::Vector { boxed: false, .. }
                ) =>
            {
                Err(format!("result: the bare element type of `{ty}`"))
            }
            _ => Ok(wire),
        }
    }

    /// How a type reference travels.
    fn wire(&self, ty: &Type, generics: &[String]) -> Result<Wire, String> {
        if ty.generic_ref {
            return Ok(Wire::Generic(ty.name.to_string()));
        }
        if ty.namespace.is_empty() {
            let prim = match ty.name.as_str() {
                "int" => Some(Wire::Int),
                "long" => Some(Wire::Long),
                "double" => Some(Wire::Double),
                "int128" => Some(Wire::Int128),
                "int256" => Some(Wire::Int256),
                "string" => Some(Wire::String),
                "bytes" => Some(Wire::Bytes),
                "Bool" if !ty.bare_marker => Some(Wire::Bool),
                "Vector" | "vector" => {
                    let Some(arg) = &ty.generic_arg else {
                        return Err(format!("`{ty}` without an element type"));
                    };
                    let boxed = ty.name == "Vector" && !ty.bare_marker;
                    Some(Wire::Vector {
                        boxed,
                        elem: Box::new(self.wire(arg, generics)?),
                    })
                }
                _ => None,
            };
            if let Some(prim) = prim {
                return Ok(prim);
            }
            if generics.iter().any(|g| g == ty.name.as_str()) {
                return Ok(Wire::Generic(ty.name.to_string()));
            }
        }
        if ty.generic_arg.is_some() {
            return Err(format!(
                "type arguments are only supported on Vector: `{ty}`"
            ));
        }
        let name = ty.full_name();
        if !ty.is_bare() {
            return self
                .enums
                .get(&name)
                .map(|&i| Wire::Enum(i))
                .ok_or_else(|| format!("the type `{name}` is not defined"));
        }
        if ty.bare_marker {
            // `%T`: the one constructor of the boxed type T.
            let Some(&e) = self.enums.get(&name) else {
                return Err(format!("the type `{name}` is not defined"));
            };
            return match self.model.enums[e].variants.as_slice() {
                [only] => Ok(Wire::Bare {
                    ctor: only.ctor,
                    boxed: false,
                }),
                _ => Err(format!(
                    "`%{name}`: a bare type must have exactly one constructor"
                )),
            };
        }
        self.ctors
            .get(&name)
            .map(|&ctor| Wire::Bare { ctor, boxed: false })
            .ok_or_else(|| format!("the constructor `{name}` (a bare type) is not defined"))
    }
}

/// Two items may not share a Rust path, nor take a name the generated code relies on.
fn check_names(model: &Model, problems: &mut Vec<Problem>) {
    let mut paths: HashMap<String, String> = HashMap::new();
    let items = model
        .ctors
        .iter()
        .map(|c| ("types", &c.namespace, &c.rust_name, &c.tl_name));
    let items = items.chain(
        model
            .enums
            .iter()
            .map(|e| ("enums", &e.namespace, &e.rust_name, &e.tl_name)),
    );
    let items = items.chain(
        model
            .functions
            .iter()
            .map(|f| ("functions", &f.namespace, &f.rust_name, &f.tl_name)),
    );
    for (module, ns, name, tl) in items {
        let path = format!(
            "{module}::{}{name}",
            ns.iter().map(|n| format!("{n}::")).collect::<String>()
        );
        if RESERVED.contains(&name.as_str()) {
            problems.push(Problem {
                definition: tl.clone(),
                reason: format!("its Rust name `{name}` is reserved"),
            });
        }
        if let Some(other) = paths.insert(path.clone(), tl.clone()) {
            problems.push(Problem {
                definition: tl.clone(),
                reason: format!("`{path}` is also the Rust name of `{other}`"),
            });
        }
    }
}
