//! Shrinking a failing subject with proptest's value tree: simplify while the case still
//! fails, step back when it passes, within a bounded number of tries.

use proptest::strategy::ValueTree;
use tgconf_spec::model::Subject;

/// The simplest failing subject found, what `fails` returned for it, and how many
/// simplifications were kept. `fails` returns `None` for a subject that does not fail, and
/// `Err` to stop (an adapter fault: shrinking further would blame the wrong thing).
pub fn shrink<F, E>(
    tree: &mut dyn ValueTree<Value = Subject>,
    first: F,
    max_tries: u32,
    mut fails: impl FnMut(&Subject) -> Result<Option<F>, E>,
) -> (Subject, F, u32) {
    let mut best = (tree.current(), first, 0);
    let mut tries = 0;
    if !tree.simplify() {
        return best;
    }
    while tries < max_tries {
        tries += 1;
        let candidate = tree.current();
        let stepped = match fails(&candidate) {
            Err(_) => break,
            Ok(Some(failure)) => {
                best = (candidate, failure, best.2 + 1);
                tree.simplify()
            }
            Ok(None) => tree.complicate(),
        };
        if !stepped {
            break;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy;
    use proptest::test_runner::TestRunner;
    use tgconf_spec::model::wire::WireCase;

    use super::*;

    fn wire(len: usize) -> Subject {
        Subject::Wire(WireCase::received(230, "Bool", vec![7; len]))
    }

    #[test]
    fn shrinks_to_the_smallest_failing_subject() {
        // Fails when the bytes are 10 or more long: the minimum is exactly 10.
        let strategy = (0usize..1000).prop_map(wire);
        let mut runner = TestRunner::deterministic();
        let failing = |s: &Subject| -> Result<Option<usize>, ()> {
            let Subject::Wire(w) = s else { unreachable!() };
            Ok((w.bytes.len() >= 10).then_some(w.bytes.len()))
        };
        loop {
            let mut tree = strategy.new_tree(&mut runner).unwrap();
            if let Ok(Some(len)) = failing(&tree.current()) {
                let (subject, found, kept) = shrink(&mut tree, len, 1000, failing);
                assert_eq!(subject, wire(10));
                assert_eq!(found, 10);
                assert!(kept > 0);
                return;
            }
        }
    }

    #[test]
    fn a_fault_stops_shrinking_and_keeps_the_last_failure() {
        let strategy = (100usize..1000).prop_map(wire);
        let mut tree = strategy.new_tree(&mut TestRunner::deterministic()).unwrap();
        let start = tree.current();
        let (subject, found, kept) = shrink(&mut tree, 1, 1000, |_| Err::<Option<i32>, _>("crash"));
        assert_eq!((subject, found, kept), (start, 1, 0));
    }
}
