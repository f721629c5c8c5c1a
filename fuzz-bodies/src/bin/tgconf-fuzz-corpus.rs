//! The corpus tools of scripts/fuzz-nightly.sh (docs/fuzzing.md):
//!
//! * `seeds OUT_DIR`: writes the seeds of every target into `OUT_DIR/<target>/`, one file
//!   per input, named by a hash of its content (so repeated runs do not duplicate);
//! * `select CONTROL_FILE MAX`: prints the paths of at most MAX inputs of a libFuzzer
//!   set-cover merge control file that cover the most features, one per line.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::process::ExitCode;

use tgconf_fuzz_bodies::select::{greedy_cover, parse_control_file};
use tgconf_fuzz_bodies::{seeds::seeds, TARGETS};

const USAGE: &str = "usage: tgconf-fuzz-corpus seeds OUT_DIR | select CONTROL_FILE MAX";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["seeds", out] => write_seeds(out),
        ["select", control, max] => match max.parse() {
            Ok(max) => select(control, max),
            Err(_) => Err(format!("MAX must be a number, not {max:?}")),
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tgconf-fuzz-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_seeds(out: &str) -> Result<(), String> {
    for target in TARGETS {
        let dir = PathBuf::from(out).join(target.name);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let inputs = seeds(target.name);
        for input in &inputs {
            let mut hasher = DefaultHasher::new();
            input.hash(&mut hasher);
            let path = dir.join(format!("seed-{:016x}", hasher.finish()));
            std::fs::write(&path, input).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        eprintln!(
            "{}: {} seeds in {}",
            target.name,
            inputs.len(),
            dir.display()
        );
    }
    Ok(())
}

fn select(control: &str, max: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(control).map_err(|e| format!("{control}: {e}"))?;
    let inputs = parse_control_file(&text)
        .ok_or_else(|| format!("{control}: not a libFuzzer merge control file"))?;
    for i in greedy_cover(&inputs, max) {
        println!("{}", inputs[i].path);
    }
    Ok(())
}
