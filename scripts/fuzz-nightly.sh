#!/usr/bin/env bash
# Nightly fuzzing (docs/fuzzing.md).
# Usage: scripts/fuzz-nightly.sh [SECONDS_PER_TARGET [TARGET...]]
#
# Builds every target of fuzz/ and runs each (or each TARGET given) for SECONDS_PER_TARGET
# (default 600; 0 runs nothing, only the corpus steps) from its working corpus
# fuzz/corpus/<target>/ (ignored by git), the committed corpus/fuzz/<target>/ and fresh
# seeds, with corpus/dict/<target>.dict. Then it copies every crasher into
# corpus/regressions/<target>/, minimizes the working corpus (cargo fuzz cmin), refills
# the committed corpus with the 200 inputs that cover the most features, and prints
# exec/s, coverage and corpus sizes. Exits 1 if any target crashed.
#
# Nightly Rust, when installed, gives AddressSanitizer; on stable the targets run without
# a sanitizer. Override with FUZZ_TOOLCHAIN (e.g. "+nightly", or "" for the default
# toolchain) and FUZZ_SANITIZER (address, none, …; ASan on stable needs RUSTC_BOOTSTRAP=1).
# TGCONF_FUZZ_ADAPTER names the adapter target's process adapter (default: the reference).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 [SECONDS_PER_TARGET [TARGET...]]" >&2
    exit 2
fi
shift $(($# > 0 ? 1 : 0))

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

if [[ -z "${FUZZ_TOOLCHAIN+set}" ]]; then
    FUZZ_TOOLCHAIN=""
    if cargo +nightly --version >/dev/null 2>&1; then
        FUZZ_TOOLCHAIN="+nightly"
    fi
fi
if [[ -z "${FUZZ_SANITIZER:-}" ]]; then
    FUZZ_SANITIZER=none
    if [[ "$FUZZ_TOOLCHAIN" == "+nightly" ]]; then
        FUZZ_SANITIZER=address
    fi
fi
# Unquoted on purpose where used: an empty toolchain must vanish from the command line.
toolchain=(${FUZZ_TOOLCHAIN})
fuzz=(cargo "${toolchain[@]}" fuzz)
echo "cargo ${FUZZ_TOOLCHAIN:-(default toolchain)} fuzz, sanitizer $FUZZ_SANITIZER, ${seconds}s per target"

# The most files a committed corpus keeps (the replay test checks it).
committed_max=200
# Inputs no longer than the schema seeds; hangs and runaway memory count as crashes
# (the malloc limit only bites under a sanitizer, which intercepts malloc).
libfuzzer_args=(-max_len=4096 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo run --quiet -p tgconf-fuzz-bodies --bin tgconf-fuzz-corpus -- seeds "$work/seeds"
"${fuzz[@]}" build --sanitizer "$FUZZ_SANITIZER"

# The adapter target plays its sessions on the process adapter TGCONF_FUZZ_ADAPTER names;
# unset, on the reference client behind the process protocol (docs/fuzzing.md).
if [[ -z "${TGCONF_FUZZ_ADAPTER:-}" ]]; then
    cargo build --quiet --release -p tgconf-fuzz-bodies --bin tgconf-fuzz-reference-adapter
    export TGCONF_FUZZ_ADAPTER="$(realpath "${CARGO_TARGET_DIR:-target}")/release/tgconf-fuzz-reference-adapter"
    echo "TGCONF_FUZZ_ADAPTER not set: the adapter target plays the reference ($TGCONF_FUZZ_ADAPTER)"
fi

crashed=()
summary=()
targets=("$@")
if ((${#targets[@]} == 0)); then
    mapfile -t targets < <("${fuzz[@]}" list)
fi
for target in "${targets[@]}"; do
    # The fuzzer's own corpus grows to thousands of inputs: it lives in fuzz/corpus/
    # (ignored by git, kept between nights by the CI cache). The committed corpus is the
    # few that cover the most of it.
    working="fuzz/corpus/$target"
    committed="corpus/fuzz/$target"
    artifacts="$work/artifacts/$target"
    mkdir -p "$working" "$committed" "$artifacts"
    dict=()
    if [[ -f "corpus/dict/$target.dict" ]]; then
        dict=(-dict="corpus/dict/$target.dict")
    fi
    seeds=()
    if [[ -d "$work/seeds/$target" ]]; then
        seeds=("$work/seeds/$target")
    fi

    if ((seconds > 0)); then
        echo "== $target: fuzzing for ${seconds}s"
        status=0
        # New inputs go to the first directory.
        "${fuzz[@]}" run --sanitizer "$FUZZ_SANITIZER" "$target" "$working" "$committed" "${seeds[@]}" -- \
            "${libfuzzer_args[@]}" "${dict[@]}" -max_total_time="$seconds" \
            -artifact_prefix="$artifacts/" -print_final_stats=1 2>&1 | tee "$work/$target.log" || status=$?
        found=("$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*)
        kept=0
        for f in "${found[@]}"; do
            [[ -e "$f" ]] || continue
            mkdir -p "corpus/regressions/$target"
            cp "$f" "corpus/regressions/$target/"
            echo "kept corpus/regressions/$target/$(basename "$f")"
            kept=$((kept + 1))
        done
        if ((status != 0 || kept > 0)); then
            crashed+=("$target (exit $status, $kept inputs kept)")
        fi
        # The last status line has the final coverage; the final stats the speed.
        cov="$(grep -E '^#[0-9]+' "$work/$target.log" | grep -oE 'cov: [0-9]+ ft: [0-9]+' | tail -1 || true)"
        speed="$(grep -oE 'average_exec_per_sec: *[0-9]+' "$work/$target.log" | grep -oE '[0-9]+$' | tail -1 || true)"
        summary+=("$target: ${speed:-?} exec/s, ${cov:-no coverage line}")
    fi

    echo "== $target: minimizing $working with the seeds and the committed corpus"
    # Seeds are named by their content and the others by their SHA-1: copying over a
    # file never loses one.
    for dir in "$committed" "${seeds[@]}"; do
        find "$dir" -maxdepth 1 -type f -exec cp -t "$working" {} +
    done
    # Greedy set cover: fewer files than plain -merge for the same features.
    "${fuzz[@]}" cmin --sanitizer "$FUZZ_SANITIZER" "$target" "$working" -- "${libfuzzer_args[@]}" -set_cover_merge=1 \
        >"$work/$target.cmin.log" 2>&1 || { tail -20 "$work/$target.cmin.log"; crashed+=("$target (cmin failed)"); }

    echo "== $target: choosing the committed corpus"
    # A set-cover merge records every input's features in its control file.
    mkdir -p "$work/merged/$target"
    "${fuzz[@]}" run --sanitizer "$FUZZ_SANITIZER" "$target" "$work/merged/$target" "$working" -- \
        "${libfuzzer_args[@]}" -merge=1 -set_cover_merge=1 -merge_control_file="$work/$target.control" \
        >"$work/$target.select.log" 2>&1 || { tail -20 "$work/$target.select.log"; crashed+=("$target (merge failed)"); }
    if cargo run --quiet -p tgconf-fuzz-bodies --bin tgconf-fuzz-corpus -- \
        select "$work/$target.control" "$committed_max" >"$work/$target.chosen"; then
        find "$committed" -maxdepth 1 -type f -delete
        xargs -d '\n' -r cp -t "$committed" <"$work/$target.chosen"
    else
        crashed+=("$target (choosing the committed corpus failed)")
    fi
    summary+=("$target: $(find "$working" -type f | wc -l) inputs in $working, $(find "$committed" -type f | wc -l) ($(du -sb "$committed" | cut -f1) bytes) in $committed")
done

printf '%s\n' "${summary[@]}"
if ((${#crashed[@]} > 0)); then
    printf 'crashed: %s\n' "${crashed[@]}" >&2
    echo "promote each kept input to a fixed regression: docs/fuzzing.md" >&2
    exit 1
fi
