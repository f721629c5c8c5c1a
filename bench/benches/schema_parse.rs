//! Parsing the full layer-230 schema: tl-parser against grammers-tl-parser 1.2, same text,
//! same run. Every definition is materialized as an AST by both; tl-parser is measured
//! with and without its CRC32 check of every constructor id (grammers does not check ids).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use tgconf_bench::LAYER_230_API;

fn schema_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse layer-230 api.tl");
    group.throughput(Throughput::Bytes(LAYER_230_API.len() as u64));
    group.bench_function("tl-parser", |b| {
        b.iter(|| tl_parser::parse_schema(black_box(LAYER_230_API)).expect("the schema parses"))
    });
    group.bench_function("tl-parser + id check", |b| {
        b.iter(|| {
            let schema = tl_parser::parse_schema(black_box(LAYER_230_API)).expect("the schema parses");
            let report = schema.check_ids();
            assert_eq!(report.unexplained().count(), 0);
            (schema, report)
        })
    });
    group.bench_function("grammers-tl-parser", |b| {
        b.iter(|| grammers_tl_parser::parse_tl_file(black_box(LAYER_230_API)).collect::<Vec<_>>())
    });
    group.finish();
}

criterion_group!(benches, schema_parse);
criterion_main!(benches);
