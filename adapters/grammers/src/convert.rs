//! Canonical JSON (docs/canonical-json.md) <-> the JSON that grammers' serde derives read and
//! write, driven by grammers' own api.tl (the file its types were generated from, kept in
//! corpus/schemas/). Field and variant names follow grammers-tl-gen's rustifier.

use std::collections::HashMap;

use grammers_tl_parser::parse_tl_file;
use grammers_tl_parser::tl::{Category, Definition, ParameterType, Type};
use serde_json::{Map, Number, Value};

const API_TL: &str = include_str!("../../../corpus/schemas/grammers-crate-0.11.0-api.tl");

pub enum Error {
    /// The canonical value is not a value of the type.
    NotOfType(String),
    /// A value the adapter cannot carry into grammers (a NaN, a generic).
    Unsupported(String),
}

type R<T> = Result<T, Error>;

fn bad<T>(msg: impl Into<String>) -> R<T> {
    Err(Error::NotOfType(msg.into()))
}

#[derive(Clone)]
pub enum Shape {
    Base(String),
    Vector(Box<Shape>),
    Boxed(String),
    Bare(usize),
}

pub struct Ctx {
    defs: Vec<Definition>,
    ctors: HashMap<String, usize>,
    functions: HashMap<String, usize>,
    types: HashMap<String, Vec<usize>>,
}

fn type_full(ty: &Type) -> String {
    let mut s = ty.namespace.join(".");
    if !s.is_empty() {
        s.push('.');
    }
    s.push_str(&ty.name);
    s
}

fn rusty(name: &str) -> String {
    let name = name.rsplit('.').next().unwrap();
    let mut out = String::new();
    let mut casing = 0;
    for c in name.chars() {
        if c == '_' {
            casing = 0;
            continue;
        }
        match casing {
            0 => {
                out.push(c.to_ascii_uppercase());
                casing = 1;
            }
            1 => {
                out.push(c.to_ascii_lowercase());
                casing = if c.is_ascii_uppercase() { 1 } else { 2 };
            }
            _ => {
                out.push(c);
                casing = if c.is_ascii_uppercase() { 1 } else { 2 };
            }
        }
    }
    out
}

/// grammers-tl-gen's `definitions::variant_name`.
fn variant_name(def: &Definition) -> String {
    let name = rusty(&def.name);
    let ty_name = rusty(&def.ty.name);
    let variant = name.strip_prefix(ty_name.as_str()).unwrap_or(&name);
    if variant == "Self" {
        let upto = name.len() - variant.len();
        let pos = name.as_bytes()[..upto].iter().rposition(|c| c.is_ascii_uppercase()).unwrap_or(0);
        name[pos..].to_owned()
    } else if variant.chars().all(char::is_numeric) {
        let pos = name.as_bytes().iter().rposition(|c| c.is_ascii_uppercase()).unwrap_or(0);
        name[pos..].to_owned()
    } else {
        variant.to_owned()
    }
}

/// grammers-tl-gen's `parameters::attr_name`, as serde names the field (no `r#`).
fn attr_name(name: &str) -> String {
    match name {
        "self" => "is_self".into(),
        _ => name.to_ascii_lowercase(),
    }
}

const BASE: &[&str] = &["int", "long", "double", "string", "bytes", "int128", "int256", "Bool", "true"];

impl Ctx {
    pub fn new() -> Ctx {
        let defs: Vec<Definition> = parse_tl_file(API_TL).filter_map(Result::ok).collect();
        let mut ctx = Ctx { defs, ctors: HashMap::new(), functions: HashMap::new(), types: HashMap::new() };
        for (i, d) in ctx.defs.iter().enumerate() {
            match d.category {
                Category::Types => {
                    ctx.ctors.insert(d.full_name(), i);
                    ctx.types.entry(type_full(&d.ty)).or_default().push(i);
                }
                Category::Functions => {
                    ctx.functions.insert(d.full_name(), i);
                }
            }
        }
        ctx
    }

    /// How the request's `tl_type` reads (`bare`: a constructor's struct).
    pub fn shape(&self, tl_type: &str, bare: bool) -> Option<Shape> {
        if BASE.contains(&tl_type) {
            return Some(Shape::Base(tl_type.to_owned()));
        }
        if bare {
            return self.ctors.get(tl_type).map(|&i| Shape::Bare(i));
        }
        if let Some(&i) = self.functions.get(tl_type) {
            return Some(Shape::Bare(i));
        }
        self.types.contains_key(tl_type).then(|| Shape::Boxed(tl_type.to_owned()))
    }

    fn shape_of(&self, ty: &Type) -> R<Shape> {
        if ty.generic_ref {
            return Err(Error::Unsupported("a generic field".into()));
        }
        if ty.name == "Vector" || ty.name == "vector" {
            let inner = ty.generic_arg.as_ref().ok_or_else(|| Error::Unsupported("Vector without argument".into()))?;
            return Ok(Shape::Vector(Box::new(self.shape_of(inner)?)));
        }
        if BASE.contains(&ty.name.as_str()) {
            return Ok(Shape::Base(ty.name.clone()));
        }
        let full = type_full(ty);
        if ty.bare {
            return self.ctors.get(&full).map(|&i| Shape::Bare(i)).ok_or_else(|| Error::Unsupported(format!("bare {full}")));
        }
        Ok(Shape::Boxed(full))
    }

    // ---- grammers -> canonical -------------------------------------------------------------

    pub fn to_canonical(&self, shape: &Shape, v: &Value) -> Result<Value, String> {
        self.to_c(shape, v).map_err(|e| match e {
            Error::NotOfType(m) | Error::Unsupported(m) => m,
        })
    }

    fn to_c(&self, shape: &Shape, v: &Value) -> R<Value> {
        match shape {
            Shape::Base(b) => match (b.as_str(), v) {
                ("int", Value::Number(_)) | ("double", Value::Number(_)) | ("string", Value::String(_)) => Ok(v.clone()),
                ("double", Value::Null) => Err(Error::Unsupported("a non-finite double (serde_json writes null)".into())),
                ("long", Value::Number(n)) => Ok(Value::String(n.to_string())),
                ("Bool", Value::Bool(_)) | ("true", Value::Bool(_)) => Ok(v.clone()),
                ("bytes" | "int128" | "int256", Value::Array(items)) => {
                    let mut s = String::new();
                    for item in items {
                        s.push_str(&format!("{:02x}", item.as_u64().ok_or_else(|| Error::NotOfType("byte".into()))?));
                    }
                    Ok(Value::String(s))
                }
                _ => bad(format!("{b}: unexpected {v}")),
            },
            Shape::Vector(inner) => match v {
                Value::Array(items) => items.iter().map(|x| self.to_c(inner, x)).collect::<R<Vec<_>>>().map(Value::Array),
                _ => bad("vector: not an array"),
            },
            Shape::Boxed(t) => {
                let (variant, body) = match v {
                    Value::String(s) => (s.as_str(), None),
                    Value::Object(m) if m.len() == 1 => {
                        let (k, b) = m.iter().next().unwrap();
                        (k.as_str(), Some(b))
                    }
                    _ => return bad(format!("{t}: unexpected {v}")),
                };
                let i = *self
                    .types
                    .get(t)
                    .and_then(|ds| ds.iter().find(|&&i| variant_name(&self.defs[i]) == variant))
                    .ok_or_else(|| Error::NotOfType(format!("{t} has no variant {variant}")))?;
                let empty = Value::Object(Map::new());
                self.ctor_to_c(i, body.unwrap_or(&empty))
            }
            Shape::Bare(i) => self.ctor_to_c(*i, v),
        }
    }

    fn ctor_to_c(&self, i: usize, v: &Value) -> R<Value> {
        let def = &self.defs[i];
        let mut out = Map::new();
        out.insert("_".into(), Value::String(def.full_name()));
        for p in &def.params {
            let ParameterType::Normal { ty, flag } = &p.ty else { continue };
            let field = v.get(attr_name(&p.name)).unwrap_or(&Value::Null);
            if flag.is_some() && ty.name == "true" {
                if field.as_bool() == Some(true) {
                    out.insert(p.name.clone(), Value::Bool(true));
                }
            } else if flag.is_some() && field.is_null() {
            } else {
                out.insert(p.name.clone(), self.to_c(&self.shape_of(ty)?, field)?);
            }
        }
        Ok(Value::Object(out))
    }

    // ---- canonical -> grammers -------------------------------------------------------------

    pub fn from_canonical(&self, shape: &Shape, v: &Value) -> R<Value> {
        match shape {
            Shape::Base(b) => match (b.as_str(), v) {
                ("int", Value::Number(n)) if n.as_i64().is_some_and(|x| i32::try_from(x).is_ok()) => Ok(v.clone()),
                ("double", Value::Number(_)) => Ok(v.clone()),
                ("double", Value::String(_)) => Err(Error::Unsupported("serde_json cannot carry NaN or infinities".into())),
                ("long", Value::String(s)) => {
                    let n: i64 = s.parse().map_err(|_| Error::NotOfType(format!("long {s:?}")))?;
                    if n.to_string() != *s {
                        return bad(format!("long {s:?} is not canonical"));
                    }
                    Ok(Value::Number(n.into()))
                }
                ("string", Value::String(_)) | ("Bool", Value::Bool(_)) => Ok(v.clone()),
                ("bytes" | "int128" | "int256", Value::String(s)) => {
                    let want = match b.as_str() {
                        "int128" => Some(32),
                        "int256" => Some(64),
                        _ => None,
                    };
                    if s.len() % 2 != 0 || want.is_some_and(|w| s.len() != w) || s.bytes().any(|c| !matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
                        return bad(format!("{b}: bad hex {s:?}"));
                    }
                    Ok(Value::Array(
                        (0..s.len()).step_by(2).map(|i| Value::Number(Number::from(u8::from_str_radix(&s[i..i + 2], 16).unwrap()))).collect(),
                    ))
                }
                _ => bad(format!("{b}: not a value: {v}")),
            },
            Shape::Vector(inner) => match v {
                Value::Array(items) => items.iter().map(|x| self.from_canonical(inner, x)).collect::<R<Vec<_>>>().map(Value::Array),
                _ => bad("vector: not an array"),
            },
            Shape::Boxed(t) => {
                let i = self.ctor_of(v)?;
                let def = &self.defs[i];
                if type_full(&def.ty) != *t {
                    return bad(format!("{} is not a constructor of {t}", def.full_name()));
                }
                let body = self.ctor_from_c(i, v)?;
                let variant = variant_name(def);
                if def.params.is_empty() {
                    Ok(Value::String(variant))
                } else {
                    let mut m = Map::new();
                    m.insert(variant, body);
                    Ok(Value::Object(m))
                }
            }
            Shape::Bare(i) => {
                let j = self.ctor_of(v).or_else(|_| {
                    // a function call is named by the function
                    let name = v.get("_").and_then(Value::as_str).unwrap_or("");
                    self.functions.get(name).copied().ok_or_else(|| Error::NotOfType(format!("unknown constructor {name:?}")))
                })?;
                if j != *i {
                    return bad(format!("{} is not {}", self.defs[j].full_name(), self.defs[*i].full_name()));
                }
                self.ctor_from_c(*i, v)
            }
        }
    }

    fn ctor_of(&self, v: &Value) -> R<usize> {
        let Value::Object(m) = v else { return bad(format!("not an object: {v}")) };
        match m.iter().next() {
            Some((k, Value::String(name))) if k == "_" => {
                self.ctors.get(name).copied().ok_or_else(|| Error::NotOfType(format!("unknown constructor {name:?}")))
            }
            _ => bad("\"_\" is not the first member"),
        }
    }

    fn ctor_from_c(&self, i: usize, v: &Value) -> R<Value> {
        let def = &self.defs[i];
        let m = v.as_object().unwrap();
        for k in m.keys() {
            let known = k == "_"
                || def.params.iter().any(|p| &p.name == k && matches!(p.ty, ParameterType::Normal { .. }));
            if !known {
                return bad(format!("{} has no field {k}", def.full_name()));
            }
        }
        let mut out = Map::new();
        for p in &def.params {
            let ParameterType::Normal { ty, flag } = &p.ty else { continue };
            let field = m.get(&p.name);
            let value = match (flag.is_some(), ty.name == "true", field) {
                (true, true, None) => Value::Bool(false),
                (true, true, Some(Value::Bool(true))) => Value::Bool(true),
                (true, true, Some(x)) => return bad(format!("{}: a true flag given as {x}", p.name)),
                (true, false, None) => Value::Null,
                (false, _, None) => return bad(format!("{} lacks {}", def.full_name(), p.name)),
                (_, _, Some(x)) => self.from_canonical(&self.shape_of(ty)?, x)?,
            };
            out.insert(attr_name(&p.name), value);
        }
        Ok(Value::Object(out))
    }
}
