//! The committed corpus (`corpus/fuzz/<target>/`), every kept crasher
//! (`corpus/regressions/<target>/`) and the seeds, replayed through the target bodies on
//! stable Rust: what libFuzzer found once stays fixed. Also: the dictionaries are
//! current, and the corpus stays modest.
//!
//! The `adapter` target plays its sessions on the process adapter that
//! `TGCONF_FUZZ_ADAPTER` names, or else on this crate's `tgconf-fuzz-reference-adapter`
//! (the reference client behind the process protocol).

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

use tgconf_fuzz_bodies::dict::dictionary;
use tgconf_fuzz_bodies::differential::{self, Compared, ADAPTER_VAR};
use tgconf_fuzz_bodies::input::{header, tables, BUILTIN_NAMES};
use tgconf_fuzz_bodies::seeds::{repo_root, seeds};
use tgconf_fuzz_bodies::{Target, TARGETS};
use tgconf_spec::era::Era;
use tgconf_spec::typed::generated::ERAS;

/// A committed corpus holds at most this many files and bytes: scripts/fuzz-nightly.sh
/// keeps the 200 inputs of the fuzzer's corpus that cover the most.
const MAX_CORPUS_FILES: usize = 200;
const MAX_CORPUS_BYTES: u64 = 1 << 20;

/// The files of `dir`, sorted; none if it does not exist (git keeps no empty directories,
/// and a target without crashes has no regressions directory).
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The `adapter` target's adapter: `TGCONF_FUZZ_ADAPTER`, or the reference client served
/// as a process.
fn choose_adapter() {
    static CHOSEN: Once = Once::new();
    CHOSEN.call_once(|| {
        let command =
            differential::command().unwrap_or_else(|| differential::set_command(REFERENCE_ADAPTER));
        eprintln!("adapter target: {command} ({ADAPTER_VAR} chooses another)");
    });
}

const REFERENCE_ADAPTER: &str = env!("CARGO_BIN_EXE_tgconf-fuzz-reference-adapter");

/// Runs every input through `target`, and fails naming each input whose body panicked.
fn replay(target: &Target, inputs: impl IntoIterator<Item = (String, Vec<u8>)>) -> usize {
    choose_adapter();
    let mut failed = Vec::new();
    let mut count = 0;
    for (name, data) in inputs {
        count += 1;
        if catch_unwind(AssertUnwindSafe(|| (target.body)(&data))).is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "{}: {} inputs fail (messages above):\n{}",
        target.name,
        failed.len(),
        failed.join("\n")
    );
    count
}

/// Every target, its committed corpus and its kept crashers.
#[test]
fn corpus_and_regressions_replay() {
    let root = repo_root();
    for target in &TARGETS {
        let corpus = files(&root.join("corpus/fuzz").join(target.name));
        assert!(!corpus.is_empty(), "{}: no committed corpus", target.name);
        let regressions = files(&root.join("corpus/regressions").join(target.name));
        let inputs = corpus
            .into_iter()
            .chain(regressions)
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()));
        replay(target, inputs);
    }
}

/// The seeds pass every target they are for (the nightly run starts from them).
#[test]
fn seeds_pass() {
    for target in &TARGETS {
        let inputs = seeds(target.name)
            .into_iter()
            .enumerate()
            .map(|(i, s)| (format!("seed {i}"), s));
        assert!(
            replay(target, inputs) > 100,
            "{}: too few seeds",
            target.name
        );
    }
}

/// A misspelt directory would be replayed by nothing.
#[test]
fn every_corpus_directory_is_a_target() {
    let names: BTreeSet<&str> = TARGETS.iter().map(|t| t.name).collect();
    for dir in ["corpus/fuzz", "corpus/regressions"] {
        // No crash kept yet: no corpus/regressions/ at all.
        let Ok(entries) = std::fs::read_dir(repo_root().join(dir)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            assert!(
                entry.path().is_dir() && names.contains(name.as_str()),
                "{dir}/{name} is not a target's directory"
            );
        }
    }
}

/// The targets here are exactly the fuzz crate's binaries, and each wrapper calls its body.
#[test]
fn every_target_is_a_fuzz_binary() {
    let manifest = std::fs::read_to_string(repo_root().join("fuzz/Cargo.toml")).unwrap();
    let (_, bins) = manifest
        .split_once("[[bin]]")
        .expect("fuzz/Cargo.toml has binaries");
    let names: BTreeSet<&str> = bins
        .lines()
        .filter_map(|l| l.trim().strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"'))
        .collect();
    assert_eq!(
        names,
        TARGETS.iter().map(|t| t.name).collect(),
        "fuzz/Cargo.toml binaries against TARGETS"
    );
    for target in &TARGETS {
        let wrapper = std::fs::read_to_string(
            repo_root().join(format!("fuzz/fuzz_targets/{}.rs", target.name)),
        )
        .unwrap();
        assert!(
            wrapper.contains(&format!("tgconf_fuzz_bodies::{}(", target.name)),
            "{}.rs does not call its body",
            target.name
        );
    }
}

#[test]
fn corpus_stays_modest() {
    for target in &TARGETS {
        let files = files(&repo_root().join("corpus/fuzz").join(target.name));
        let bytes: u64 = files.iter().map(|f| f.metadata().unwrap().len()).sum();
        assert!(
            files.len() <= MAX_CORPUS_FILES,
            "{}: {} files",
            target.name,
            files.len()
        );
        assert!(bytes <= MAX_CORPUS_BYTES, "{}: {bytes} bytes", target.name);
    }
}

#[test]
fn dictionaries_are_current() {
    let bless = std::env::var_os("TGCONF_BLESS").is_some_and(|v| v == "1");
    let dir = repo_root().join("corpus/dict");
    let mut stale = Vec::new();
    for target in &TARGETS {
        let Some(fresh) = dictionary(target.name) else {
            continue;
        };
        let file = format!("{}.dict", target.name);
        let path = dir.join(&file);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(fresh.as_str()) {
            continue;
        }
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, fresh).unwrap();
            eprintln!("rewrote {}", path.display());
        } else {
            stale.push(file);
        }
    }
    assert!(stale.is_empty(), "stale: {stale:?}; regenerate with TGCONF_BLESS=1 cargo test -p tgconf-fuzz-bodies --test replay dictionaries_are_current");
    let expected: BTreeSet<String> = TARGETS
        .iter()
        .filter(|t| dictionary(t.name).is_some())
        .map(|t| format!("{}.dict", t.name))
        .collect();
    let present: BTreeSet<String> = files(&dir)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        present, expected,
        "corpus/dict/ holds exactly one dictionary per target that has one"
    );
}

/// The typed targets reach every type the typed codec reads: each of its names is in its
/// era's table, and what the table has beyond them is what only the dynamic codec reads.
#[test]
fn tables_name_every_typed_type() {
    for codec in &ERAS {
        let table: BTreeSet<&str> = tables(codec.era).names.iter().map(|s| s.as_str()).collect();
        let typed: BTreeSet<&str> = codec
            .boxed_types
            .iter()
            .chain(codec.functions)
            .chain(&BUILTIN_NAMES)
            .copied()
            .collect();
        assert_eq!(
            typed.difference(&table).count(),
            0,
            "{}: missing {:?}",
            codec.era,
            typed.difference(&table).collect::<Vec<_>>()
        );
        let extra: Vec<&str> = table.difference(&typed).copied().collect();
        assert_eq!(
            extra,
            ["Object", "True"],
            "{}: names only the dynamic codec reads",
            codec.era
        );
    }
}

/// The header addresses every era and every type in it.
#[test]
fn header_reaches_every_name() {
    for era in Era::ALL {
        for (index, spec) in tables(era).names.iter().enumerate() {
            let data = header(era, index, true);
            let input = tgconf_fuzz_bodies::input::Input::split(&data).unwrap();
            assert_eq!(
                (input.tables.era, input.spec, input.options.is_strict()),
                (era, spec, false)
            );
        }
    }
}

/// The adapter target compares sessions rather than skipping them: nine in ten of the
/// committed corpus at least are played. With the
/// reference behind the protocol, the played trace is exactly the reference's: the
/// protocol's payload forms lose nothing of what the sessions hold.
#[test]
fn adapter_sessions_are_played() {
    choose_adapter();
    let corpus = files(&repo_root().join("corpus/fuzz/adapter"));
    let mut played = 0;
    let mut skipped = Vec::new();
    for path in &corpus {
        match differential::play(&std::fs::read(path).unwrap()) {
            Compared::Played {
                reference,
                played: trace,
            } => {
                played += 1;
                if differential::command() == Some(REFERENCE_ADAPTER) {
                    assert!(
                        trace == reference,
                        "{}: the reference behind the protocol played another trace:\n{}\nagainst\n{}",
                        path.display(),
                        differential::json(&trace),
                        differential::json(&reference)
                    );
                }
            }
            Compared::Skipped(why) => skipped.push(format!("{}: {why}", path.display())),
        }
    }
    eprintln!("adapter: {played} of {} sessions played", corpus.len());
    assert!(
        !corpus.is_empty() && played * 10 >= corpus.len() * 9,
        "only {played} of {} sessions played; skipped:\n{}",
        corpus.len(),
        skipped.join("\n")
    );
}
