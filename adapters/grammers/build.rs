//! Generates the dispatch from a request's `tl_type` to the grammers Rust type that reads and
//! writes it, for every type, constructor and function of tgconf's layer-230 era file
//! (spec/schema/230.tl: the definitions the codec cases use), or with the `full-schema`
//! feature of grammers' own api.tl. Names follow grammers-tl-gen's rustifier (copied below:
//! the generator keeps it private).
use std::collections::BTreeSet;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use grammers_tl_parser::parse_tl_file;
use grammers_tl_parser::tl::{Category, Definition, ParameterType};

fn rusty_type_name(name: &str) -> String {
    let name = name.rsplit('.').next().unwrap();
    let mut out = String::new();
    // 0 upper, 1 lower, 2 preserve
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

fn path(root: &str, namespace: &[String], name: &str) -> String {
    let mut p = format!("grammers_tl_types::{root}::");
    for ns in namespace {
        p.push_str(ns);
        p.push_str("::");
    }
    p.push_str(&rusty_type_name(name));
    p
}

fn main() {
    // The era file by default (what the codec cases use; a small dispatch that builds fast for
    // the smoke run); grammers' own api.tl with `full-schema`, for `tgconf run --schema`.
    let file = if env::var_os("CARGO_FEATURE_FULL_SCHEMA").is_some() {
        "../../corpus/schemas/grammers-crate-0.11.0-api.tl"
    } else {
        "../../spec/schema/230.tl"
    };
    let era = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    println!("cargo:rerun-if-changed={}", era.display());
    let text = fs::read_to_string(&era).expect(file);
    let defs: Vec<Definition> = parse_tl_file(&text).filter_map(Result::ok).collect();
    let mut arms = String::new();
    let mut types = BTreeSet::new();
    for d in &defs {
        // A generic function (invokeWithLayer {X:Type}) is a generic Rust type: no one type
        // to name; the adapter answers such requests `unsupported`.
        let generic = d
            .params
            .iter()
            .any(|p| matches!(&p.ty, ParameterType::Normal { ty, .. } if ty.generic_ref));
        if generic {
            continue;
        }
        match d.category {
            Category::Types
                if matches!(
                    d.name.as_str(),
                    "boolFalse" | "boolTrue" | "true" | "vector"
                ) => {}
            Category::Types => {
                let full = d.full_name();
                let p = path("types", &d.namespace, &d.name);
                let _ = writeln!(
                    arms,
                    "        {full:?} => Some(run::<{p}>(req, ctx, true)),"
                );
                let ty = d.ty.to_string();
                if types.insert(ty.clone())
                    && !matches!(ty.as_str(), "Bool" | "True" | "Vector t" | "Vector")
                {
                    let p = path("enums", &d.ty.namespace, &d.ty.name);
                    let _ = writeln!(arms, "        {ty:?} => Some(run::<{p}>(req, ctx, false)),");
                }
            }
            Category::Functions => {
                let full = d.full_name();
                let p = path("functions", &d.namespace, &d.name);
                let _ = writeln!(arms, "        {full:?} => Some(run_call::<{p}>(req, ctx)),");
            }
        }
    }
    let code = format!(
        "/// The grammers type of `tl_type`, when the era file defines it.\n\
         pub fn dispatch(tl_type: &str, req: &Request, ctx: &Ctx) -> Option<Answer> {{\n    match tl_type {{\n{arms}        _ => None,\n    }}\n}}\n"
    );
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("dispatch.rs"),
        code,
    )
    .unwrap();
}
