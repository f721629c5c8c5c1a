//! Where a result comes from: which tgconf, which adapter, which seed and arguments, when.
//! Every report carries it, so a published result can be traced and re-run.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::layers::LayerSet;
use crate::protocol::SuiteInfo;
use crate::role::Role;
use crate::runner::{RunOptions, RunResult};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub suite: SuiteInfo,
    /// The `--adapter` value.
    pub adapter: String,
    /// The handshake's answer (absent when there was none).
    pub adapter_name: Option<String>,
    pub adapter_version: Option<String>,
    pub roles: Vec<Role>,
    pub layers: LayerSet,
    /// `--layer`, when the run was restricted to one.
    pub layer: Option<u32>,
    pub seed: u64,
    pub cases: u32,
    pub arguments: Vec<String>,
    /// When the run started, RFC 3339 in UTC.
    pub date: String,
}

impl Provenance {
    pub fn new(result: &RunResult, options: &RunOptions, started: SystemTime) -> Provenance {
        let info = result.adapter.as_ref().ok();
        Provenance {
            suite: SuiteInfo::current(),
            adapter: options.adapter_arg.clone(),
            adapter_name: info.map(|i| i.name.clone()),
            adapter_version: info.map(|i| i.version.clone()),
            roles: info.map(|i| i.roles.clone()).unwrap_or_default(),
            layers: info.map(|i| i.layers.clone()).unwrap_or_default(),
            layer: options.layer,
            seed: options.seed,
            cases: options.cases,
            arguments: std::env::args().collect(),
            date: humantime::format_rfc3339_seconds(started).to_string(),
        }
    }

    /// How reports name the implementation: the handshake's name and version, else the
    /// `--adapter` value.
    pub fn implementation(&self) -> String {
        match (&self.adapter_name, &self.adapter_version) {
            (Some(name), Some(version)) => format!("{name} {version}"),
            _ => self.adapter.clone(),
        }
    }
}
