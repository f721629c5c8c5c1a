//! Choosing the committed corpus: the few inputs that cover the most of what the fuzzer's
//! whole corpus covers.
//!
//! The nightly corpus of a typed target holds thousands of inputs (the typed codec is
//! generated code, and a truncation inside each field of each type of each era is its own
//! branch), too many to commit. libFuzzer's set-cover merge (`-set_cover_merge=1`) writes
//! every input's features to its control file; [`parse_control_file`] reads them and
//! [`greedy_cover`] keeps at most `max` inputs, each time the one that adds the most
//! features not covered yet.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

/// One input of a merge control file that ran to completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measured {
    pub path: String,
    pub size: usize,
    pub features: Vec<u32>,
}

/// Reads a libFuzzer merge control file (format in libFuzzer's `FuzzerMerge.cpp`): the
/// number of files, the number in the first corpus, one path per line, then per input
/// `STARTED id size`, `FT id features…` and `COV id pcs…`. Inputs without an `FT` line
/// crashed and are left out. `None` if the text is not such a file.
pub fn parse_control_file(text: &str) -> Option<Vec<Measured>> {
    let mut lines = text.lines();
    let count: usize = lines.next()?.trim().parse().ok()?;
    lines.next()?;
    let paths: Vec<&str> = lines.by_ref().take(count).collect();
    if paths.len() != count {
        return None;
    }
    let mut sizes = vec![None; count];
    let mut out = Vec::new();
    for line in lines {
        let mut words = line.split_ascii_whitespace();
        let marker = words.next()?;
        let id: usize = words.next()?.parse().ok()?;
        match marker {
            "STARTED" => *sizes.get_mut(id)? = Some(words.next()?.parse().ok()?),
            "FT" => out.push(Measured {
                path: paths.get(id)?.to_string(),
                size: (*sizes.get(id)?)?,
                features: words.map(str::parse).collect::<Result<_, _>>().ok()?,
            }),
            "COV" => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Indices of at most `max` inputs chosen greedily: each adds the most features not yet
/// covered (ties: the smaller input, then the earlier one); inputs that add nothing are
/// never chosen. Lazy evaluation: a gain only shrinks as coverage grows, so a stale gain
/// is an upper bound and only the top of the heap is recomputed.
pub fn greedy_cover(inputs: &[Measured], max: usize) -> Vec<usize> {
    let mut heap: BinaryHeap<(usize, Reverse<usize>, Reverse<usize>)> = inputs
        .iter()
        .enumerate()
        .map(|(i, m)| (distinct(&m.features), Reverse(m.size), Reverse(i)))
        .collect();
    let mut covered = HashSet::new();
    let mut chosen = Vec::new();
    while chosen.len() < max {
        let Some((stale, size, Reverse(i))) = heap.pop() else {
            break;
        };
        let gain = distinct_new(&inputs[i].features, &covered);
        if gain == 0 {
            continue;
        }
        if gain < stale {
            heap.push((gain, size, Reverse(i)));
            continue;
        }
        covered.extend(inputs[i].features.iter().copied());
        chosen.push(i);
    }
    chosen
}

fn distinct(features: &[u32]) -> usize {
    features.iter().collect::<HashSet<_>>().len()
}

fn distinct_new(features: &[u32], covered: &HashSet<u32>) -> usize {
    features
        .iter()
        .filter(|f| !covered.contains(f))
        .collect::<HashSet<_>>()
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(path: &str, size: usize, features: &[u32]) -> Measured {
        Measured {
            path: path.into(),
            size,
            features: features.to_vec(),
        }
    }

    #[test]
    fn reads_a_control_file_and_leaves_out_crashed_inputs() {
        let text = "3\n1\na\nb\nc\nSTARTED 0 12\nFT 0 1 4 6\nCOV 0 7\nSTARTED 1 5\nSTARTED 2 9\nFT 2 8\nCOV 2\n";
        assert_eq!(
            parse_control_file(text),
            Some(vec![measured("a", 12, &[1, 4, 6]), measured("c", 9, &[8])])
        );
        assert_eq!(parse_control_file("2\n0\na\n"), None, "a path is missing");
        assert_eq!(
            parse_control_file("1\n0\na\nFT 0 1\n"),
            None,
            "FT before STARTED"
        );
        assert_eq!(
            parse_control_file("1\n0\na\nSTARTED 0 1\nFT 5 1\n"),
            None,
            "unknown id"
        );
    }

    #[test]
    fn greedy_prefers_the_largest_gain_then_the_smaller_input() {
        let inputs = [
            measured("small", 1, &[1, 2]),
            measured("big", 10, &[1, 2, 3, 4]),
            measured("rest", 5, &[4, 5]),
            measured("same-rest-larger", 6, &[4, 5]),
            measured("nothing-new", 1, &[1]),
        ];
        // big (4 new), then rest (5 only: gain 1, smaller than its twin); then nothing adds.
        assert_eq!(greedy_cover(&inputs, 10), [1, 2]);
        assert_eq!(greedy_cover(&inputs, 1), [1]);
        assert_eq!(greedy_cover(&inputs, 0), Vec::<usize>::new());
    }
}
