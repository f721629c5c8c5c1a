#!/bin/bash -eu
# ClusterFuzzLite build: the targets of fuzz/ (the same ones scripts/fuzz-nightly.sh runs),
# each with its committed corpus as seed corpus, its dictionary and the nightly run's
# -max_len. The builder's environment chooses the sanitizer.
cd "$SRC/tgconf"
# Release with debug assertions and overflow checks, as cargo fuzz does by default.
cargo fuzz build -O --debug-assertions
release=fuzz/target/x86_64-unknown-linux-gnu/release
for target in $(cargo fuzz list); do
    # adapter drives a process adapter named by TGCONF_FUZZ_ADAPTER, which ClusterFuzzLite
    # has no way to set or ship: it runs in scripts/fuzz-nightly.sh only.
    [[ "$target" == adapter ]] && continue
    cp "$release/$target" "$OUT/"
    if [[ -d "corpus/fuzz/$target" ]]; then
        (cd "corpus/fuzz/$target" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
    fi
    if [[ -f "corpus/dict/$target.dict" ]]; then
        cp "corpus/dict/$target.dict" "$OUT/$target.dict"
    fi
    printf '[libfuzzer]\nmax_len = 4096\n' >"$OUT/$target.options"
done
