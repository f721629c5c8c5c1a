//! Writes the seed inputs of every fuzz target into `OUT_DIR/<target>/`, one file per
//! input, named by a hash of its content (so repeated runs and merges do not duplicate).
//! scripts/fuzz-nightly.sh merges them into the corpus; docs/fuzzing.md has the rest.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::process::ExitCode;

use tgconf_fuzz_bodies::{seeds::seeds, TARGETS};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out] = &args[..] else {
        eprintln!("usage: tgconf-fuzz-seeds OUT_DIR");
        return ExitCode::from(2);
    };
    for target in TARGETS {
        let dir = PathBuf::from(out).join(target.name);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        let inputs = seeds(target.name);
        for input in &inputs {
            let mut hasher = DefaultHasher::new();
            input.hash(&mut hasher);
            let path = dir.join(format!("seed-{:016x}", hasher.finish()));
            if let Err(e) = std::fs::write(&path, input) {
                eprintln!("{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        println!(
            "{}: {} seeds in {}",
            target.name,
            inputs.len(),
            dir.display()
        );
    }
    ExitCode::SUCCESS
}
