//! Emits one Rust item per definition: a struct for a constructor or a function (with
//! its bare and boxed codec), an enum for a boxed type.

use super::code::Code;
use super::model::{Cond, Enum, FieldKind, Item, Model};
use super::wire::{ctor_path, len_expr, read_expr, read_fn, rust_type, write_expr, Access, Len};

/// Enums with at most this many variants decode with `#[inline(always)]`.
const INLINE_ALWAYS_VARIANTS: usize = 32;

/// `0x4fdd_3430`, the way the codec module writes ids.
pub fn hex_id(id: u32) -> String {
    format!("0x{:04x}_{:04x}", id >> 16, id & 0xffff)
}

/// The generic parameters of an item, as they appear in its impls.
struct Generics {
    /// `<'a, X>` after `impl` (empty if none).
    decl: String,
    /// `Name<'a, X>`.
    named: String,
    /// `Name<'_, X>`.
    anon: String,
    /// The type parameters.
    params: Vec<String>,
}

impl Generics {
    fn of(item: &Item) -> Generics {
        let params = item.generics.clone();
        let list = |lt: &str| {
            let mut all: Vec<String> = Vec::new();
            if item.lifetime {
                all.push(lt.to_owned());
            }
            all.extend(params.iter().cloned());
            if all.is_empty() {
                String::new()
            } else {
                format!("<{}>", all.join(", "))
            }
        };
        Generics {
            decl: list("'a"),
            named: format!("{}{}", item.rust_name, list("'a")),
            anon: format!("{}{}", item.rust_name, list("'_")),
            params,
        }
    }

    /// `<X: Bound>` (or `<'a, X: Bound>` with `with_a`) for a trait impl.
    fn bounded(&self, bound: &str, with_a: bool) -> String {
        let mut all: Vec<String> = Vec::new();
        if with_a {
            all.push("'a".into());
        }
        all.extend(self.params.iter().map(|p| format!("{p}: {bound}")));
        if all.is_empty() {
            String::new()
        } else {
            format!("<{}>", all.join(", "))
        }
    }

    /// `<X>`: the type parameters alone.
    fn type_params(&self) -> String {
        if self.params.is_empty() {
            String::new()
        } else {
            format!("<{}>", self.params.join(", "))
        }
    }

    /// A `where` clause putting `bound` on every type parameter, rustfmt style.
    fn where_lines(&self, code: &mut Code, bound: &str) {
        if self.params.is_empty() {
            return;
        }
        code.line("where");
        code.indented(|code| {
            for p in &self.params {
                code.line(format!("{p}: {bound},"));
            }
        });
    }
}

/// `flags & (1 << 3) != 0`.
fn test_bit(item: &Item, cond: Cond) -> String {
    let word = &item.flag_words[cond.word].local;
    match cond.bit {
        0 => format!("{word} & 1 != 0"),
        bit => format!("{word} & (1 << {bit}) != 0"),
    }
}

/// Whether the field with this condition is present, as an expression on `self`.
fn presence(field: &super::model::Field) -> Option<(Cond, String)> {
    match &field.kind {
        FieldKind::FlagOnly(cond) => Some((*cond, format!("self.{}", field.rust_name))),
        FieldKind::Value {
            cond: Some(cond), ..
        } => Some((*cond, format!("self.{}.is_some()", field.rust_name))),
        _ => None,
    }
}

/// A constructor (`types::…`) or a function (`functions::…`) as a struct.
pub fn emit_struct(code: &mut Code, model: &Model, item: &Item) {
    let g = Generics::of(item);
    let is_function = item.owner.is_none();
    code.line(format!("/// `{}`", item.line));
    if is_function {
        code.line("///");
        code.line(format!("/// Returns `{}`.", item.ret_text));
    }
    code.line("#[derive(Debug, Clone, PartialEq)]");
    let stored: Vec<_> = item.stored().collect();
    if stored.is_empty() && g.params.is_empty() {
        code.line(format!("pub struct {};", item.rust_name));
    } else {
        code.open(format!("pub struct {} {{", g.named));
        for f in &stored {
            let ty = match &f.kind {
                FieldKind::FlagOnly(_) => "bool".to_owned(),
                FieldKind::Value { wire, cond: None } => rust_type(model, wire, "'a"),
                FieldKind::Value {
                    wire,
                    cond: Some(_),
                } => format!("Option<{}>", rust_type(model, wire, "'a")),
                FieldKind::Flags(_) => unreachable!("not stored"),
            };
            code.line(format!("pub {}: {ty},", f.rust_name));
        }
        code.close("}");
    }
    code.blank();

    code.open(format!("impl{} {} {{", g.decl, g.named));
    emit_serialize_bare(code, model, item, &g);
    code.blank();
    emit_len_bare(code, model, item, &g);
    code.blank();
    emit_deserialize_bare(code, model, item, &g);
    code.close("}");
    code.blank();

    code.open(format!(
        "impl{} Identifiable for {} {{",
        g.type_params(),
        g.anon
    ));
    code.line(format!("const CONSTRUCTOR_ID: u32 = {};", hex_id(item.id)));
    code.line(format!("const NAME: &'static str = \"{}\";", item.tl_name));
    code.close("}");
    code.blank();

    code.open(format!(
        "impl{} Serialize for {} {{",
        g.bounded("Serialize", false),
        g.anon
    ));
    code.line("#[inline]");
    code.open("fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {");
    code.line("w.u32(Self::CONSTRUCTOR_ID);");
    code.line("self.serialize_bare(w)");
    code.close("}");
    code.blank();
    code.line("#[inline]");
    code.open("fn serialized_len(&self) -> usize {");
    code.line("4 + self.serialized_len_bare()");
    code.close("}");
    code.close("}");
    code.blank();

    let self_a = if item.lifetime { &g.named } else { &g.anon };
    code.open(format!(
        "impl{} Deserialize<'a> for {self_a} {{",
        g.bounded("Deserialize<'a>", true)
    ));
    code.line("const MIN_SIZE: usize = 4;");
    code.blank();
    code.line("#[inline]");
    code.open("fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {");
    code.line("read_boxed(r, constructor_name, Self::deserialize_bare)");
    code.close("}");
    code.close("}");

    if let Some(ret) = &item.ret {
        code.blank();
        let returns_generic = matches!(ret, super::model::Wire::Generic(_));
        let bound = if returns_generic {
            "RemoteCall"
        } else {
            "Serialize"
        };
        code.open(format!(
            "impl{} RemoteCall for {} {{",
            g.bounded(bound, false),
            g.anon
        ));
        let ty = match ret {
            super::model::Wire::Generic(x) => format!("{x}::Return<'r>"),
            super::model::Wire::Opaque => {
                code.line(format!(
                    "/// `{}` is not in this schema: the answer stays raw bytes.",
                    item.ret_text
                ));
                "OpaqueResult<'r>".to_owned()
            }
            other => rust_type(model, other, "'r"),
        };
        code.line(format!("type Return<'r> = {ty};"));
        code.close("}");
    }
}

fn emit_serialize_bare(code: &mut Code, model: &Model, item: &Item, g: &Generics) {
    let writes = !item.fields.is_empty();
    let w = if writes { "w" } else { "_w" };
    code.line("/// Writes the fields, without the constructor id.");
    code.line("#[inline]");
    let sig = format!("pub fn serialize_bare(&self, {w}: &mut Writer) -> Result<(), EncodeError>");
    if g.params.is_empty() {
        code.open(format!("{sig} {{"));
    } else {
        code.line(sig);
        g.where_lines(code, "Serialize");
        code.open("{");
    }
    // Fields sharing a bit must agree before anything is written.
    let members: Vec<_> = item
        .fields
        .iter()
        .filter_map(|f| presence(f).map(|p| (f, p)))
        .collect();
    for (i, (field, (cond, present))) in members.iter().enumerate() {
        if let Some((first, (_, first_present))) = members[..i].iter().find(|(_, (c, _))| c == cond)
        {
            code.open(format!("if {first_present} != {present} {{"));
            let err = format!(
                "return Err(flag_group_mismatch(Self::NAME, \"{}\", \"{}\", {}));",
                first.tl_name, field.tl_name, cond.bit
            );
            if code.fits(&err) {
                code.line(err);
            } else {
                code.open("return Err(flag_group_mismatch(");
                code.line("Self::NAME,");
                code.line(format!("\"{}\",", first.tl_name));
                code.line(format!("\"{}\",", field.tl_name));
                code.line(format!("{},", cond.bit));
                code.close("));");
            }
            code.close("}");
        }
    }
    for field in &item.fields {
        match &field.kind {
            FieldKind::Flags(word) => {
                let mut terms = Vec::new();
                let mut seen = Vec::new();
                for (_, (cond, present)) in members.iter().filter(|(_, (c, _))| c.word == *word) {
                    if seen.contains(&cond.bit) {
                        continue;
                    }
                    seen.push(cond.bit);
                    terms.push(match cond.bit {
                        0 => format!("u32::from({present})"),
                        bit => format!("u32::from({present}) << {bit}"),
                    });
                }
                if terms.is_empty() {
                    code.line("w.u32(0);");
                } else {
                    let local = &item.flag_words[*word].local;
                    code.chain(&format!("let {local} = "), &terms, "|", ";");
                    code.line(format!("w.u32({local});"));
                }
            }
            FieldKind::FlagOnly(_) => {}
            FieldKind::Value { wire, cond: None } => {
                let place = format!("self.{}", field.rust_name);
                let (expr, fallible) = write_expr(model, wire, Access::Place(&place));
                code.line(format!("{expr}{};", if fallible { "?" } else { "" }));
            }
            FieldKind::Value {
                wire,
                cond: Some(_),
            } => {
                code.open(format!("if let Some(v) = &self.{} {{", field.rust_name));
                let (expr, fallible) = write_expr(model, wire, Access::Ref("v"));
                code.line(format!("{expr}{};", if fallible { "?" } else { "" }));
                code.close("}");
            }
        }
    }
    code.line("Ok(())");
    code.close("}");
}

fn emit_len_bare(code: &mut Code, model: &Model, item: &Item, g: &Generics) {
    let mut fixed = 0;
    let mut parts = Vec::new();
    for field in &item.fields {
        match &field.kind {
            FieldKind::Flags(_) => fixed += 4,
            FieldKind::FlagOnly(_) => {}
            FieldKind::Value { wire, cond: None } => {
                let place = format!("self.{}", field.rust_name);
                match len_expr(model, wire, Access::Place(&place)) {
                    Len::Fixed(n) => fixed += n,
                    Len::Expr(e) => parts.push(e),
                }
            }
            FieldKind::Value {
                wire,
                cond: Some(_),
            } => {
                let closure = match len_expr(model, wire, Access::Ref("v")) {
                    Len::Fixed(n) => format!("|_| {n}"),
                    Len::Expr(e) => format!("|v| {e}"),
                };
                parts.push(format!(
                    "self.{}.as_ref().map_or(0, {closure})",
                    field.rust_name
                ));
            }
        }
    }
    if fixed > 0 || parts.is_empty() {
        parts.insert(0, fixed.to_string());
    }
    code.line("/// The size of what [`Self::serialize_bare`] writes.");
    code.line("#[inline]");
    if g.params.is_empty() {
        code.open("pub fn serialized_len_bare(&self) -> usize {");
    } else {
        code.line("pub fn serialized_len_bare(&self) -> usize");
        g.where_lines(code, "Serialize");
        code.open("{");
    }
    code.chain("", &parts, "+", "");
    code.close("}");
}

fn emit_deserialize_bare(code: &mut Code, model: &Model, item: &Item, g: &Generics) {
    let reads = !item.fields.is_empty();
    let r = if reads { "r" } else { "_r" };
    code.line("/// Reads the fields that follow the constructor id.");
    code.line("#[inline]");
    if g.params.is_empty() {
        let lt = if item.lifetime { "'a" } else { "'_" };
        code.open(format!(
            "pub fn deserialize_bare({r}: &mut Reader<{lt}>) -> Result<Self, DecodeError> {{"
        ));
    } else {
        let method_lt = if item.lifetime { "" } else { "<'a>" };
        code.line(format!(
            "pub fn deserialize_bare{method_lt}({r}: &mut Reader<'a>) -> Result<Self, DecodeError>"
        ));
        g.where_lines(code, "Deserialize<'a>");
        code.open("{");
    }
    for field in &item.fields {
        let local = &field.local;
        match &field.kind {
            FieldKind::Flags(word) => {
                let w = &item.flag_words[*word];
                if w.mask == 0 {
                    // No field tests it: it must be zero when strict, and nothing reads it.
                    code.line(format!("r.flags(\"{}\", 0x0)?;", w.tl_name));
                } else {
                    code.line(format!(
                        "let {local} = r.flags(\"{}\", {:#x})?;",
                        w.tl_name, w.mask
                    ));
                }
            }
            FieldKind::FlagOnly(cond) => {
                code.line(format!("let {local} = {};", test_bit(item, *cond)))
            }
            FieldKind::Value { wire, cond: None } => {
                code.line(format!("let {local} = {}?;", read_expr(model, wire)))
            }
            FieldKind::Value {
                wire,
                cond: Some(cond),
            } => {
                let line = format!(
                    "let {local} = read_if(r, {}, {})?;",
                    test_bit(item, *cond),
                    read_fn(model, wire)
                );
                if code.fits(&line) {
                    code.line(line);
                } else {
                    code.open(format!("let {local} = read_if("));
                    code.line("r,");
                    code.line(format!("{},", test_bit(item, *cond)));
                    code.line(format!("{},", read_fn(model, wire)));
                    code.close(")?;");
                }
            }
        }
    }
    let stored: Vec<String> = item
        .stored()
        .map(|f| {
            if f.local == f.rust_name {
                f.local.clone()
            } else {
                format!("{}: {}", f.rust_name, f.local)
            }
        })
        .collect();
    if stored.is_empty() && g.params.is_empty() {
        code.line("Ok(Self)");
    } else {
        struct_literal(code, "Ok(Self {", &stored, "})");
    }
    code.close("}");
}

/// `Self { a, b }` on one line when its body is short (rustfmt's `struct_lit_width`
/// of 18), else one field per line.
fn struct_literal(code: &mut Code, open: &str, fields: &[String], close: &str) {
    let body = fields.join(", ");
    let one_line = format!("{open} {body} {close}");
    if body.len() <= 18 && code.fits(&one_line) {
        code.line(one_line);
    } else {
        code.open(open);
        for f in fields {
            code.line(format!("{f},"));
        }
        code.close(close);
    }
}

/// A boxed type as an enum over its constructors.
pub fn emit_enum(code: &mut Code, model: &Model, en: &Enum) {
    let named = if en.lifetime {
        format!("{}<'a>", en.rust_name)
    } else {
        en.rust_name.clone()
    };
    let anon = if en.lifetime {
        format!("{}<'_>", en.rust_name)
    } else {
        en.rust_name.clone()
    };
    let decl = if en.lifetime { "<'a>" } else { "" };
    let variants: Vec<(String, String, bool, u32)> = en
        .variants
        .iter()
        .map(|v| {
            let c = &model.ctors[v.ctor];
            let ty = if c.lifetime {
                format!("{}<'a>", ctor_path(model, v.ctor))
            } else {
                ctor_path(model, v.ctor)
            };
            (v.name.clone(), ty, c.boxed, c.id)
        })
        .collect();

    code.line(format!(
        "/// The boxed type `{}`: one variant per constructor.",
        en.tl_name
    ));
    code.line("#[derive(Debug, Clone, PartialEq)]");
    code.open(format!("pub enum {named} {{"));
    for (name, ty, boxed, _) in &variants {
        if *boxed {
            code.line(format!("{name}(Box<{ty}>),"));
        } else {
            code.line(format!("{name}({ty}),"));
        }
    }
    code.close("}");
    code.blank();

    code.open(format!("impl {anon} {{"));
    code.line("/// The id of the constructor this value holds.");
    code.open("pub fn constructor_id(&self) -> u32 {");
    code.open("match self {");
    for (name, _, _, id) in &variants {
        code.line(format!("Self::{name}(_) => {},", hex_id(*id)));
    }
    code.close("}");
    code.close("}");
    code.close("}");
    code.blank();

    code.open(format!("impl Serialize for {anon} {{"));
    code.line("#[inline]");
    code.open("fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {");
    code.open("match self {");
    for (name, ..) in &variants {
        code.line(format!("Self::{name}(v) => v.serialize(w),"));
    }
    code.close("}");
    code.close("}");
    code.blank();
    code.line("#[inline]");
    code.open("fn serialized_len(&self) -> usize {");
    code.open("match self {");
    for (name, ..) in &variants {
        code.line(format!("Self::{name}(v) => v.serialized_len(),"));
    }
    code.close("}");
    code.close("}");
    code.close("}");
    code.blank();

    // The match is a function of its own between `Reader::enter` and `leave` (a closure
    // given to `Reader::nested` is not reliably inlined): with `#[inline(always)]` it
    // ends up in the caller's loop, results built in place instead of copied back through
    // memory. Boxed variants are read out of line, which keeps recursive types finite
    // here. Very large enums stay a plain `#[inline]`.
    let reader = if en.lifetime {
        "Reader<'a>"
    } else {
        "Reader<'_>"
    };
    code.open(format!("impl{decl} {named} {{"));
    code.line("/// The constructor id and the fields, without the nesting level.");
    code.line(if variants.len() <= INLINE_ALWAYS_VARIANTS {
        "#[inline(always)]"
    } else {
        "#[inline]"
    });
    code.open(format!(
        "fn deserialize_boxed(r: &mut {reader}) -> Result<Self, DecodeError> {{"
    ));
    code.line("let (id, at) = r.id()?;");
    code.open("Ok(match id {");
    for (name, ty, boxed, id) in &variants {
        let path = ty.split('<').next().unwrap_or(ty);
        let value = if *boxed {
            format!("Self::{name}(read_boxed_variant(r, {path}::deserialize_bare)?)")
        } else {
            format!("Self::{name}({path}::deserialize_bare(r)?)")
        };
        let arm = format!("{} => {value},", hex_id(*id));
        if code.fits(&arm) {
            code.line(arm);
        } else {
            code.open(format!("{} => {{", hex_id(*id)));
            code.line(value);
            code.close("}");
        }
    }
    let fallback = format!(
        "_ => return Err(wrong_constructor(id, at, \"{}\", constructor_name)),",
        en.tl_name
    );
    if code.fits(&fallback) {
        code.line(fallback);
    } else {
        code.open("_ => {");
        code.line(format!(
            "return Err(wrong_constructor(id, at, \"{}\", constructor_name));",
            en.tl_name
        ));
        code.close("}");
    }
    code.close("})");
    code.close("}");
    code.close("}");
    code.blank();

    code.open(format!(
        "impl<'a> Deserialize<'a> for {} {{",
        if en.lifetime {
            named.clone()
        } else {
            anon.clone()
        }
    ));
    code.line(format!("const MIN_SIZE: usize = {};", en.min_size));
    code.blank();
    code.line(if variants.len() <= INLINE_ALWAYS_VARIANTS {
        "#[inline(always)]"
    } else {
        "#[inline]"
    });
    code.open("fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {");
    code.line("r.enter()?;");
    code.line("let value = Self::deserialize_boxed(r);");
    code.line("r.leave();");
    code.line("value");
    code.close("}");
    code.close("}");

    for (name, ty, boxed, _) in &variants {
        code.blank();
        code.open(format!("impl{decl} From<{ty}> for {named} {{"));
        code.open(format!("fn from(v: {ty}) -> Self {{"));
        code.line(if *boxed {
            format!("Self::{name}(Box::new(v))")
        } else {
            format!("Self::{name}(v)")
        });
        code.close("}");
        code.close("}");
    }
}
