//! Properties of the generated Rust types that depend on the whole schema: which ones
//! borrow from the input (`<'a>`), where a `Box` is needed to give a recursive type a
//! finite size, and lower bounds on encoded sizes.

use super::model::{Field, FieldKind, Model, Wire};

/// Fills [`super::model::Item::lifetime`], `boxed`, `min_size` and the `boxed` flag of
/// bare fields, and the same for the enums.
pub fn lay_out(model: &mut Model) {
    lifetimes(model);
    boxes(model);
    min_sizes(model);
}

/// A type needs `'a` when it holds a `string` or `bytes`, directly or through any other
/// type (vectors included). Computed to a fixed point, since types refer to each other.
fn lifetimes(model: &mut Model) {
    loop {
        let mut changed = false;
        for i in 0..model.ctors.len() {
            if !model.ctors[i].lifetime && fields_borrow(model, &model.ctors[i].fields) {
                model.ctors[i].lifetime = true;
                changed = true;
            }
        }
        for e in 0..model.enums.len() {
            if !model.enums[e].lifetime
                && model.enums[e]
                    .variants
                    .iter()
                    .any(|v| model.ctors[v.ctor].lifetime)
            {
                model.enums[e].lifetime = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for i in 0..model.functions.len() {
        model.functions[i].lifetime = fields_borrow(model, &model.functions[i].fields);
    }
}

fn fields_borrow(model: &Model, fields: &[Field]) -> bool {
    fields
        .iter()
        .any(|f| matches!(&f.kind, FieldKind::Value { wire, .. } if wire_borrows(model, wire)))
}

fn wire_borrows(model: &Model, wire: &Wire) -> bool {
    match wire {
        Wire::String | Wire::Bytes => true,
        Wire::Vector { elem, .. } => wire_borrows(model, elem),
        Wire::Enum(e) => model.enums[*e].lifetime,
        Wire::Bare { ctor, .. } => model.ctors[*ctor].lifetime,
        _ => false,
    }
}

/// Node numbering for the containment graph: enums first, then constructors.
fn inline_targets(model: &Model, wire: &Wire, out: &mut Vec<usize>) {
    match wire {
        Wire::Enum(e) => out.push(*e),
        Wire::Bare { ctor, .. } => out.push(model.enums.len() + ctor),
        // A `Vec` is a pointer: what it holds does not make its owner larger.
        _ => {}
    }
}

/// A value holds its enum variants' structs, and a struct holds its non-vector fields,
/// inline. A cycle of such containment has no finite size, so every containment edge
/// inside a strongly connected component gets a `Box`: the edge from an enum to a
/// variant's struct (the variant becomes `Variant(Box<types::X>)`), or from a struct to
/// a bare constructor it holds. Every cycle passes through one of those, and types
/// outside cycles stay unboxed (no allocation when decoding them).
fn boxes(model: &mut Model) {
    let n_enums = model.enums.len();
    let n = n_enums + model.ctors.len();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, en) in model.enums.iter().enumerate() {
        edges[e] = en.variants.iter().map(|v| n_enums + v.ctor).collect();
    }
    for (c, ctor) in model.ctors.iter().enumerate() {
        for f in &ctor.fields {
            if let FieldKind::Value { wire, .. } = &f.kind {
                inline_targets(model, wire, &mut edges[n_enums + c]);
            }
        }
    }
    let component = strongly_connected(&edges);
    for c in 0..model.ctors.len() {
        let owner = model.ctors[c].owner.expect("constructors belong to a type");
        model.ctors[c].boxed = component[owner] == component[n_enums + c];
        let own = component[n_enums + c];
        for f in &mut model.ctors[c].fields {
            if let FieldKind::Value {
                wire: Wire::Bare { ctor, boxed },
                ..
            } = &mut f.kind
            {
                *boxed = component[n_enums + *ctor] == own;
            }
        }
    }
}

/// Tarjan's algorithm, iterative (schemas have thousands of nodes); returns each node's
/// component number.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![UNSEEN; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == UNSEEN {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// A lower bound on the encoded size of one value of `wire`, the one vector counts are
/// checked with. It follows the convention of the dynamic codec and of
/// `corpus/golden/README.md` (`count_too_large`), so that both codecs reject the same
/// counts: a boxed value counts as its 4-byte id whatever its fields, a bare constructor
/// as the sum of its unconditional fields (0 where bare constructors recurse).
pub fn wire_min_size(model: &Model, wire: &Wire) -> usize {
    match wire {
        Wire::Int
        | Wire::String
        | Wire::Bytes
        | Wire::Bool
        | Wire::Enum(_)
        | Wire::Generic(_)
        | Wire::Opaque => 4,
        Wire::Long | Wire::Double => 8,
        Wire::Int128 => 16,
        Wire::Int256 => 32,
        Wire::Vector { boxed: true, .. } => 8,
        Wire::Vector { boxed: false, .. } => 4,
        Wire::Bare { ctor, .. } => model.ctors[*ctor].min_size,
    }
}

/// Fills `min_size` (the bare body's bound) of every constructor and function; enums
/// count as their id.
fn min_sizes(model: &mut Model) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Todo,
        Busy,
        Done(usize),
    }
    fn fields_min(model: &Model, fields: &[Field], state: &mut [State]) -> usize {
        fields
            .iter()
            .map(|f| match &f.kind {
                FieldKind::Flags(_) => 4,
                FieldKind::Value {
                    wire: Wire::Bare { ctor, .. },
                    cond: None,
                } => body(model, *ctor, state),
                FieldKind::Value { wire, cond: None } => wire_min_size(model, wire),
                FieldKind::Value { cond: Some(_), .. } | FieldKind::FlagOnly(_) => 0,
            })
            .fold(0usize, usize::saturating_add)
    }
    fn body(model: &Model, c: usize, state: &mut [State]) -> usize {
        match state[c] {
            State::Done(n) => n,
            State::Busy => 0,
            State::Todo => {
                state[c] = State::Busy;
                let n = fields_min(model, &model.ctors[c].fields, state);
                state[c] = State::Done(n);
                n
            }
        }
    }
    let mut state = vec![State::Todo; model.ctors.len()];
    for c in 0..model.ctors.len() {
        let n = body(model, c, &mut state);
        model.ctors[c].min_size = n;
    }
    for i in 0..model.functions.len() {
        let n = fields_min(model, &model.functions[i].fields, &mut state);
        model.functions[i].min_size = n;
    }
    for e in &mut model.enums {
        e.min_size = 4;
    }
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 3 a self-loop; 4 alone.
        let c = strongly_connected(&[vec![1], vec![2], vec![0, 3], vec![3], vec![]]);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[2], c[3]);
        assert_ne!(c[3], c[4]);
    }
}
