//! `--adapter`: which implementation a run drives.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use super::broken::Broken;
use super::process::ProcessAdapter;
use super::reference::Reference;
use super::sessions::Sessions;
use super::Adapter;
use crate::case::Suite;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdapterSpec {
    /// `reference`: the model itself.
    Reference,
    /// `process:CMD`: a program speaking the process protocol, started with `sh -c CMD`.
    Process(String),
    /// `broken:BUG`: the reference with the bug of the property named BUG.
    Broken(String),
}

impl FromStr for AdapterSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "reference" {
            return Ok(AdapterSpec::Reference);
        }
        match s.split_once(':') {
            Some(("process", command)) if !command.trim().is_empty() => {
                Ok(AdapterSpec::Process(command.to_owned()))
            }
            Some(("broken", bug)) if !bug.is_empty() => Ok(AdapterSpec::Broken(bug.to_owned())),
            _ => Err(format!(
                "`{s}`: expected `reference`, `process:COMMAND` or `broken:BUG`"
            )),
        }
    }
}

impl fmt::Display for AdapterSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdapterSpec::Reference => f.write_str("reference"),
            AdapterSpec::Process(command) => write!(f, "process:{command}"),
            AdapterSpec::Broken(bug) => write!(f, "broken:{bug}"),
        }
    }
}

impl AdapterSpec {
    /// The adapter; `Err` names an unknown bug. `layer` and `timeout` go to process adapters'
    /// handshakes.
    pub fn build(
        &self,
        sessions: Sessions,
        suite: &Suite,
        layer: Option<u32>,
        timeout: Duration,
    ) -> Result<Box<dyn Adapter>, String> {
        Ok(match self {
            AdapterSpec::Reference => Box::new(Reference::new(sessions)),
            AdapterSpec::Process(command) => Box::new(ProcessAdapter::new(command, layer, timeout)),
            AdapterSpec::Broken(bug) => {
                let case = suite.by_bug(bug).ok_or_else(|| {
                    format!("no case has the bug `{bug}` (`tgconf cases` lists them)")
                })?;
                Box::new(Broken::new(Reference::new(sessions), case))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms_and_prints_them_back() {
        for text in [
            "reference",
            "process:python3 adapter.py --flag",
            "broken:client-x",
        ] {
            assert_eq!(text.parse::<AdapterSpec>().unwrap().to_string(), text);
        }
        for bad in [
            "",
            "process:",
            "process: ",
            "broken:",
            "telethon",
            "Reference",
        ] {
            assert!(bad.parse::<AdapterSpec>().is_err(), "{bad:?}");
        }
    }
}
