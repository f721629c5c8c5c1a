//! Process-protocol round trips per second: tgconf sends a `decode` request to an adapter
//! process and reads its answer, against three peers that separate the costs:
//!
//! * a minimal Python responder: what real adapters (Python, Node, …) are like;
//! * a minimal compiled responder (this bench binary, run as a child): tgconf's side of the
//!   protocol (its line I/O, deadlines, JSON both ways, case-echo checks) plus a peer that
//!   costs next to nothing;
//! * the pipe floor: one fixed line each way between this process and the compiled child,
//!   with blocking reads and writes and no JSON, which no protocol over pipes can beat.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};
use serde_json::{json, Value};
use tgconf_harness::adapter::process::ProcessAdapter;
use tgconf_harness::adapter::{Adapter, Reply, TlType};

/// Answers every request at once; `hello` with the handshake.
const PYTHON_RESPONDER: &str = r#"python3 -c '
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

/// Set in a child's environment to make this binary a peer instead of a bench.
const CHILD: &str = "TGCONF_PROTOCOL_BENCH_CHILD";

/// What the floor's child answers to every line.
const FIXED_ANSWER: &[u8] = b"{\"type\":\"decoded\",\"case\":\"BENCH#1\",\"value\":true}\n";

/// The Python responder's protocol, compiled: parses each request and answers it.
fn compiled_responder() {
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { return };
        let Ok(request) = serde_json::from_str::<Value>(&line) else {
            return;
        };
        let answer = if request["type"] == "hello" {
            json!({"type": "hello", "protocol": 1, "name": "bench", "version": "0", "roles": ["codec"], "layers": [{"from": 152, "to": 230}]})
        } else {
            json!({"type": "decoded", "case": request["case"], "value": true})
        };
        let mut text = answer.to_string();
        text.push('\n');
        if out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// The floor's peer: one fixed line for every line read.
fn fixed_answerer() {
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().split(b'\n') {
        if line.is_err()
            || out
                .write_all(FIXED_ANSWER)
                .and_then(|()| out.flush())
                .is_err()
        {
            return;
        }
    }
}

fn decode_round_trips(c: &mut Criterion, name: &str, command: &str) {
    let mut adapter = ProcessAdapter::new(command, None, Duration::from_secs(10));
    adapter.info().expect("the responder answers the handshake");
    let ty = TlType {
        layer: 230,
        name: "Bool",
        schema: None,
    };
    let bytes = [0xb5, 0x75, 0x72, 0x99];
    let mut group = c.benchmark_group("process protocol");
    group.throughput(Throughput::Elements(1));
    group.bench_function(name, |b| {
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

fn python(c: &mut Criterion) {
    decode_round_trips(c, "decode round trip, Python responder", PYTHON_RESPONDER);
}

fn compiled(c: &mut Criterion) {
    let exe = std::env::current_exe().expect("the bench binary's path");
    let command = format!("{CHILD}=responder '{}'", exe.display());
    decode_round_trips(c, "decode round trip, compiled responder", &command);
}

fn pipe_floor(c: &mut Criterion) {
    let exe = std::env::current_exe().expect("the bench binary's path");
    let mut child = Command::new(exe)
        .env(CHILD, "fixed")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the floor's child starts");
    let (Some(mut to_child), Some(from_child)) = (child.stdin.take(), child.stdout.take()) else {
        panic!("the floor's child has piped streams");
    };
    let mut from_child = BufReader::new(from_child);
    let request = b"{\"type\":\"decode\",\"case\":\"BENCH#1\",\"layer\":230,\"tl_type\":\"Bool\",\"hex\":\"b5757299\"}\n";
    let mut answer = Vec::with_capacity(128);
    let mut group = c.benchmark_group("process protocol");
    group.throughput(Throughput::Elements(1));
    group.bench_function("pipe floor, compiled peer", |b| {
        b.iter(|| {
            to_child.write_all(request).expect("the child reads");
            answer.clear();
            from_child
                .read_until(b'\n', &mut answer)
                .expect("the child answers");
            assert_eq!(answer, FIXED_ANSWER);
        })
    });
    group.finish();
    drop(to_child);
    let _ = child.wait();
}

criterion_group!(benches, python, compiled, pipe_floor);

fn main() {
    match std::env::var(CHILD).as_deref() {
        Ok("responder") => compiled_responder(),
        Ok("fixed") => fixed_answerer(),
        _ => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}
