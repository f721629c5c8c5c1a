//! report.html: one static file, readable from disk without a server or scripts.

use std::fmt::Write;

use super::provenance::Provenance;
use crate::adapter::transcript::Side;
use crate::runner::RunResult;
use crate::verdict::Verdict;

pub const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:80em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
code,pre{font:12px ui-monospace,monospace}pre{background:#f6f6f6;padding:6px;overflow-x:auto;white-space:pre-wrap}
.PASS{background:#d9f2d9}.FAIL,.XPASS{background:#f8d0d0}.NON-STRICT,.XFAIL{background:#fcefc7}
.UNSUPPORTED{background:#e4e4e4}.TIMEOUT,.CRASH,.ERROR{background:#f3c7f3}blockquote{color:#444;border-left:3px solid #ccc;margin-left:0;padding-left:1em}";

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An anchor for a case ID (IDs hold `/`).
pub fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

pub fn render(result: &RunResult, p: &Provenance) -> String {
    let mut h = String::new();
    let _ = write_into(&mut h, result, p);
    h
}

fn write_into(h: &mut String, result: &RunResult, p: &Provenance) -> std::fmt::Result {
    let title = format!("tgconf conformance report: {}", p.implementation());
    writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>",
        escape(&title)
    )?;
    writeln!(
        h,
        "<style>{STYLE}</style></head><body>\n<h1>{}</h1>",
        escape(&title)
    )?;
    writeln!(h, "<table>")?;
    let rows = [
        (
            "suite",
            format!(
                "{} {} ({})",
                p.suite.name, p.suite.version, p.suite.revision
            ),
        ),
        ("adapter", p.adapter.clone()),
        (
            "roles",
            p.roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("layers", p.layers.to_string()),
        (
            "run at layer",
            p.layer
                .map(|l| l.to_string())
                .unwrap_or_else(|| "all".to_owned()),
        ),
        (
            "seed, subjects per case",
            format!("{}, {}", p.seed, p.cases),
        ),
        ("date", p.date.clone()),
        ("arguments", p.arguments.join(" ")),
    ];
    for (name, value) in rows {
        writeln!(
            h,
            "<tr><th>{name}</th><td><code>{}</code></td></tr>",
            escape(&value)
        )?;
    }
    if let Err(e) = &result.adapter {
        writeln!(
            h,
            "<tr><th>handshake</th><td class=\"ERROR\">{}</td></tr>",
            escape(e)
        )?;
    }
    writeln!(h, "</table>")?;
    let counts: Vec<String> = Verdict::ALL
        .into_iter()
        .filter(|&v| result.count(v) > 0)
        .map(|v| format!("<span class=\"{v}\">{} {v}</span>", result.count(v)))
        .collect();
    let status = if result.conformant() {
        "conformant"
    } else {
        "NOT conformant"
    };
    writeln!(
        h,
        "<p><strong>{status}</strong>: {} cases: {}.</p>",
        result.results.len(),
        counts.join(", ")
    )?;
    writeln!(h, "<table><tr><th>verdict</th><th>case</th><th>level</th><th>role</th><th>layers</th><th>statement</th><th>detail</th></tr>")?;
    for r in &result.results {
        let id = if r.failure.is_some() {
            format!("<a href=\"#{}\">{}</a>", anchor(&r.id), escape(&r.id))
        } else {
            escape(&r.id)
        };
        writeln!(
            h,
            "<tr><td class=\"{v}\">{v}</td><td><code>{id}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.level),
            escape(&r.party),
            escape(&r.layers),
            escape(&r.statement),
            escape(r.detail.as_deref().unwrap_or("")),
            v = r.verdict,
        )?;
    }
    writeln!(h, "</table>")?;
    for r in &result.results {
        let Some(f) = &r.failure else { continue };
        writeln!(
            h,
            "<h2 id=\"{}\"><span class=\"{v}\">{v}</span> <code>{}</code></h2>",
            anchor(&r.id),
            escape(&r.id),
            v = r.verdict
        )?;
        writeln!(
            h,
            "<p><strong>{} ({}, {})</strong>: {}</p>",
            escape(&r.rule),
            escape(&r.level),
            escape(&r.party),
            escape(&r.statement)
        )?;
        writeln!(
            h,
            "<blockquote>{}<br>— <a href=\"{url}\">{url}</a></blockquote>",
            escape(r.quote.trim()),
            url = escape(&r.source_url)
        )?;
        writeln!(h, "<p>Expected vs actual:</p><ul>")?;
        for v in &f.violations {
            writeln!(
                h,
                "<li><code>{}</code> at <code>{}</code>: {}</li>",
                escape(&v.rule),
                escape(&v.path),
                escape(&v.message)
            )?;
        }
        let counterexample = serde_json::to_string_pretty(&f.counterexample).unwrap_or_default();
        writeln!(
            h,
            "</ul><p>Counterexample (after {} shrinking steps):</p><pre>{}</pre>",
            f.shrink_steps,
            escape(&counterexample)
        )?;
        writeln!(h, "<p>Transcript:</p><pre>")?;
        for line in &f.transcript.0 {
            let arrow = if line.from == Side::Tgconf {
                "→"
            } else {
                "←"
            };
            writeln!(h, "{arrow} {}", escape(&line.text))?;
        }
        writeln!(
            h,
            "</pre><p>Reproduce: <code>{}</code></p>",
            escape(&f.reproduce)
        )?;
    }
    writeln!(h, "</body></html>")
}
