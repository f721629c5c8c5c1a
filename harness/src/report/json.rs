//! report.json: the whole run, machine-readable. Its format is versioned by `schema`
//! (docs/report-format.md); readers check it before reading anything else.

use serde_json::{json, Value};

use super::provenance::Provenance;
use crate::runner::{CaseResult, RunResult};
use crate::verdict::Verdict;

/// The format this tgconf writes and `tgconf report merge` reads.
pub const SCHEMA: &str = "tgconf-report/1";

pub fn render(result: &RunResult, provenance: &Provenance) -> Value {
    let mut summary = serde_json::Map::new();
    summary.insert("total".into(), json!(result.results.len()));
    for verdict in Verdict::ALL {
        summary.insert(verdict.as_str().into(), json!(result.count(verdict)));
    }
    summary.insert("conformant".into(), json!(result.conformant()));
    json!({
        "schema": SCHEMA,
        "provenance": provenance,
        "adapter_error": result.adapter.as_ref().err(),
        "summary": summary,
        "elapsed_ms": result.elapsed.as_millis() as u64,
        "cases": result.results.iter().map(case).collect::<Vec<_>>(),
    })
}

fn case(r: &CaseResult) -> Value {
    json!({
        "id": r.id,
        "rule": r.rule,
        "level": r.level,
        "party": r.party,
        "statement": r.statement,
        "quote": r.quote,
        "source": r.source_url,
        "layers": r.layers,
        "verdict": r.verdict,
        "played": r.played,
        "skipped": r.skipped,
        "detail": r.detail,
        "elapsed_ms": r.elapsed.as_millis() as u64,
        "failure": r.failure.as_ref().map(|f| json!({
            "violations": f.violations,
            "counterexample": f.counterexample,
            "shrink_steps": f.shrink_steps,
            "transcript": f.transcript,
            "reproduce": f.reproduce,
            "regression": f.regression,
        })),
    })
}
