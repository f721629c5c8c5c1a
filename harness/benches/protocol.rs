//! Process-protocol round trips per second: tgconf sends a `decode` request to an adapter
//! process and reads its answer. The adapter is a minimal Python responder, so the figure is
//! a lower bound on what tgconf's side of the protocol (writer thread, bounded line reader,
//! JSON both ways, case-echo checks) sustains.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tgconf_harness::adapter::process::ProcessAdapter;
use tgconf_harness::adapter::{Adapter, Reply, TlType};

/// Answers every request at once; `hello` with the handshake.
const RESPONDER: &str = r#"python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r["type"] == "hello":
        out = {"type": "hello", "protocol": 1, "name": "bench", "version": "0", "roles": ["codec"], "layers": [{"from": 152, "to": 230}]}
    else:
        out = {"type": "decoded", "case": r["case"], "value": True}
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
'"#;

fn round_trips(c: &mut Criterion) {
    let mut adapter = ProcessAdapter::new(RESPONDER, None, Duration::from_secs(10));
    adapter.info().expect("the responder answers the handshake");
    let ty = TlType { layer: 230, name: "Bool", schema: None };
    let bytes = [0xb5, 0x75, 0x72, 0x99];
    let mut group = c.benchmark_group("process protocol");
    group.throughput(Throughput::Elements(1));
    group.bench_function("decode round trip", |b| {
        b.iter(|| {
            let deadline = Instant::now() + Duration::from_secs(10);
            match adapter.decode("BENCH#1", ty, &bytes, deadline, None) {
                Ok(Reply::Done(decoded)) => decoded,
                other => panic!("the responder answered {other:?}"),
            }
        })
    });
    group.finish();
}

criterion_group!(benches, round_trips);
criterion_main!(benches);
