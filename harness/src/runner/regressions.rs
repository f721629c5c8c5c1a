//! Regression cases: shrunk counterexamples saved as JSON, replayed before the generated
//! subjects of their case in every later run, so a bug once found stays tested.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tgconf_spec::model::Subject;

/// The format of a regression file; a file of another format is skipped with a warning.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regression {
    pub format: u32,
    /// The case ID the subject failed.
    pub case: String,
    /// The run's seed, for the record.
    pub seed: u64,
    /// The generated (valid) subject: its setup and inputs are what the adapter is given.
    pub subject: Subject,
}

/// The regression cases of a directory.
pub struct Regressions {
    dir: PathBuf,
    cases: Vec<Regression>,
}

impl Regressions {
    /// Reads every `*.json` in `dir` (a missing directory has none). Files that cannot be read
    /// are skipped, each with a warning: a regression written by an older model vocabulary
    /// must not stop a run.
    pub fn load(dir: &Path) -> (Regressions, Vec<String>) {
        let mut cases = Vec::new();
        let mut warnings = Vec::new();
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (
                    Regressions {
                        dir: dir.to_owned(),
                        cases,
                    },
                    warnings,
                )
            }
            Err(e) => {
                warnings.push(format!("{}: {e}", dir.display()));
                return (
                    Regressions {
                        dir: dir.to_owned(),
                        cases,
                    },
                    warnings,
                );
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.retain(|p| p.extension().is_some_and(|x| x == "json"));
        paths.sort();
        for path in paths {
            let read = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    serde_json::from_slice::<Regression>(&bytes).map_err(|e| e.to_string())
                });
            match read {
                Ok(regression) if regression.format == FORMAT => cases.push(regression),
                Ok(regression) => warnings.push(format!(
                    "{}: regression format {} (this tgconf reads {FORMAT}); skipped",
                    path.display(),
                    regression.format
                )),
                Err(e) => warnings.push(format!(
                    "{}: not a regression case ({e}); skipped",
                    path.display()
                )),
            }
        }
        (
            Regressions {
                dir: dir.to_owned(),
                cases,
            },
            warnings,
        )
    }

    pub fn for_case<'a>(&'a self, case: &'a str) -> impl Iterator<Item = &'a Regression> + 'a {
        self.cases.iter().filter(move |r| r.case == case)
    }

    /// Saves a counterexample unless an identical one is stored; returns its path.
    pub fn save(&mut self, case: &str, seed: u64, subject: &Subject) -> std::io::Result<PathBuf> {
        let regression = Regression {
            format: FORMAT,
            case: case.to_owned(),
            seed,
            subject: subject.clone(),
        };
        let text = serde_json::to_string_pretty(&regression).map_err(std::io::Error::other)?;
        // Named by case and content, so the same counterexample found twice is one file.
        let name = format!(
            "{}-{:016x}.json",
            case.replace(['/', '\\', ':'], "_"),
            fnv1a(text.as_bytes())
        );
        let path = self.dir.join(name);
        if !path.exists() {
            std::fs::create_dir_all(&self.dir)?;
            crate::atomic::write(&path, format!("{text}\n").as_bytes())?;
            self.cases.push(regression);
        }
        Ok(path)
    }
}

/// FNV-1a, 64 bits: a stable hash (std's hashers may change between Rust releases).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use tgconf_spec::model::wire::WireCase;

    use super::*;

    #[test]
    fn saved_cases_load_back_and_bad_files_are_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (mut stored, warnings) = Regressions::load(&dir.path().join("missing"));
        assert!(warnings.is_empty());
        stored.dir = dir.path().to_owned();
        let subject = Subject::Wire(WireCase::received(230, "Bool", vec![1, 2]));
        let first = stored.save("TL-01/wire-x", 7, &subject).unwrap();
        assert_eq!(stored.save("TL-01/wire-x", 7, &subject).unwrap(), first);
        std::fs::write(dir.path().join("junk.json"), "{").unwrap();
        let (loaded, warnings) = Regressions::load(dir.path());
        assert_eq!(
            loaded
                .for_case("TL-01/wire-x")
                .map(|r| &r.subject)
                .collect::<Vec<_>>(),
            [&subject]
        );
        assert_eq!(loaded.for_case("TL-02/other").count(), 0);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("junk.json"));
    }
}
