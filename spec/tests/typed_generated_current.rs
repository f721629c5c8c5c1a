//! The checked-in generated modules are exactly what the generator makes from the era
//! schema files today. `TGCONF_BLESS=1` rewrites them instead of failing.

use std::path::PathBuf;

use tgconf_spec::typed::gen::{generate_era, GENERATED_ERAS};

fn generated_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/typed/generated")
}

/// The first line where the two texts differ, for a readable failure.
fn first_difference(old: &str, new: &str) -> String {
    let (mut old_lines, mut new_lines) = (old.lines(), new.lines());
    for number in 1.. {
        match (old_lines.next(), new_lines.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => break,
            (a, b) => {
                return format!(
                    "line {number}:\n  checked in: {}\n  generated:  {}",
                    a.unwrap_or("<end>"),
                    b.unwrap_or("<end>")
                )
            }
        }
    }
    "only in line endings".to_owned()
}

#[test]
fn generated_modules_are_current() {
    let bless = std::env::var_os("TGCONF_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (era, file) in GENERATED_ERAS {
        let fresh = generate_era(era).unwrap_or_else(|e| panic!("era {era}: {e}"));
        let path = generated_dir().join(file);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == fresh {
            continue;
        }
        if bless {
            std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            eprintln!("rewrote {}", path.display());
        } else {
            stale.push(format!(
                "{file} (era {era}) is stale at {}",
                first_difference(&current, &fresh)
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: TGCONF_BLESS=1 cargo test -p tgconf-spec --test typed_generated_current",
        stale.join("\n")
    );
}

#[test]
fn every_generated_file_is_a_module() {
    let mod_rs = std::fs::read_to_string(generated_dir().join("mod.rs")).unwrap();
    for (_, file) in GENERATED_ERAS {
        let module = file.trim_end_matches(".rs");
        assert!(
            mod_rs.contains(&format!("pub mod {module};")),
            "generated/mod.rs does not declare `{module}`"
        );
    }
}
