//! report.md: the run for people, in any Markdown viewer (a CI summary, a pull request).

use std::fmt::Write;

use super::provenance::Provenance;
use crate::runner::RunResult;
use crate::verdict::Verdict;

pub fn render(result: &RunResult, provenance: &Provenance) -> String {
    let mut md = String::new();
    let _ = write_into(&mut md, result, provenance);
    md
}

/// Text in a table cell: pipes and newlines would break the row.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn write_into(md: &mut String, result: &RunResult, p: &Provenance) -> std::fmt::Result {
    writeln!(md, "# tgconf conformance report: {}\n", p.implementation())?;
    writeln!(md, "| | |\n|---|---|")?;
    writeln!(
        md,
        "| suite | {} {} ({}) |",
        p.suite.name, p.suite.version, p.suite.revision
    )?;
    writeln!(md, "| adapter | `{}` |", cell(&p.adapter))?;
    if let Err(e) = &result.adapter {
        writeln!(md, "| handshake | failed: {} |", cell(e))?;
    }
    writeln!(
        md,
        "| roles | {} |",
        p.roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(md, "| layers | {} |", p.layers)?;
    if let Some(layer) = p.layer {
        writeln!(md, "| run at layer | {layer} |")?;
    }
    writeln!(md, "| seed, subjects per case | {}, {} |", p.seed, p.cases)?;
    writeln!(md, "| date | {} |", p.date)?;
    writeln!(md, "| arguments | `{}` |\n", cell(&p.arguments.join(" ")))?;
    let counts: Vec<String> = Verdict::ALL
        .into_iter()
        .filter(|&v| result.count(v) > 0)
        .map(|v| format!("{} {}", result.count(v), v))
        .collect();
    let status = if result.conformant() {
        "conformant"
    } else {
        "NOT conformant"
    };
    writeln!(
        md,
        "**{status}**: {} cases: {}.\n",
        result.results.len(),
        counts.join(", ")
    )?;
    writeln!(
        md,
        "| verdict | case | level | role | layers | detail |\n|---|---|---|---|---|---|"
    )?;
    for r in &result.results {
        writeln!(
            md,
            "| {} | `{}` | {} | {} | {} | {} |",
            r.verdict,
            r.id,
            r.level,
            r.party,
            r.layers,
            cell(r.detail.as_deref().unwrap_or(""))
        )?;
    }
    for r in &result.results {
        let Some(f) = &r.failure else { continue };
        writeln!(md, "\n## {} `{}`\n", r.verdict, r.id)?;
        writeln!(
            md,
            "**{} ({}, {})**: {}\n",
            r.rule, r.level, r.party, r.statement
        )?;
        writeln!(
            md,
            "> {}\n>\n> — {}\n",
            r.quote.trim().replace('\n', "\n> "),
            r.source_url
        )?;
        writeln!(md, "Expected vs actual:\n")?;
        for v in &f.violations {
            writeln!(md, "- `{}` at `{}`: {}", v.rule, v.path, v.message)?;
        }
        let counterexample = serde_json::to_string_pretty(&f.counterexample).unwrap_or_default();
        writeln!(
            md,
            "\nCounterexample (after {} shrinking steps):\n\n```json\n{counterexample}\n```\n",
            f.shrink_steps
        )?;
        writeln!(md, "Transcript:\n\n```")?;
        for line in &f.transcript.0 {
            let arrow = match line.from {
                crate::adapter::transcript::Side::Tgconf => "→",
                crate::adapter::transcript::Side::Adapter => "←",
            };
            writeln!(md, "{arrow} {}", line.text)?;
        }
        writeln!(md, "```\n\nReproduce: `{}`", f.reproduce)?;
    }
    Ok(())
}
