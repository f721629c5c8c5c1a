//! Parsing speed on the largest real schema (grammers-tl-types 0.11.0, layer 230).
//! `cargo bench -p tl-parser` prints the throughput in bytes per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const SCHEMA: &str = include_str!("../../corpus/schemas/grammers-crate-0.11.0-api.tl");

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("grammers-crate-0.11.0-api.tl");
    group.throughput(Throughput::Bytes(SCHEMA.len() as u64));
    group.bench_function("parse_schema", |b| {
        b.iter(|| tl_parser::parse_schema(black_box(SCHEMA)))
    });
    group.bench_function("parse_schema+check_ids", |b| {
        b.iter(|| {
            let schema = tl_parser::parse_schema(black_box(SCHEMA)).expect("corpus parses");
            schema.check_ids()
        })
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
