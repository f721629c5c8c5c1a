//! Values of any type of a registry, built from a tape of numbers.
//!
//! Every choice (which constructor, which flags, how long a vector, which bytes) reads the
//! next number of the tape, so a property-test framework or a fuzzer that shrinks the tape
//! shrinks the value; an exhausted tape reads as zeros, which picks the first and smallest
//! options. Generation is bounded by a depth, and only constructors that can be completed
//! within the remaining depth are chosen, so it always terminates.

use super::kind::Kind;
use super::registry::{ConstructorId, Registry};
use super::value::{Field, Object, Value};

/// Stands for "cannot be generated at any depth" (a type without constructors, or one
/// that only recurses).
const UNREACHABLE: usize = usize::MAX / 2;

/// A value generator for one registry. Building it computes, once, the least depth each
/// constructor needs.
pub struct Generator<'r> {
    registry: &'r Registry,
    heights: Vec<usize>,
}

impl<'r> Generator<'r> {
    pub fn new(registry: &'r Registry) -> Self {
        let mut generator = Generator {
            registry,
            heights: vec![UNREACHABLE; registry.constructors().len()],
        };
        // The least depth of a constructor is one more than that of its deepest mandatory
        // field; iterate to the fixed point, since types refer to each other.
        loop {
            let mut changed = false;
            for (c, ctor) in registry.constructors() {
                let need = ctor
                    .params()
                    .iter()
                    .filter(|p| p.condition().is_none())
                    .map(|p| generator.height(p.kind()))
                    .max()
                    .unwrap_or(0)
                    .saturating_add(1);
                if need < generator.heights[c.index()] {
                    generator.heights[c.index()] = need;
                    changed = true;
                }
            }
            if !changed {
                return generator;
            }
        }
    }

    /// The least depth a value of `kind` needs; [`None`] when no value can be generated.
    pub fn min_depth(&self, kind: &Kind) -> Option<usize> {
        Some(self.height(kind)).filter(|&h| h < UNREACHABLE)
    }

    fn height(&self, kind: &Kind) -> usize {
        match kind {
            // An `Object` can always be a `Bool`.
            Kind::Vector { .. } | Kind::AnyObject => 0,
            Kind::AnyFunction => self
                .registry
                .constructors()
                .filter(|(_, ctor)| ctor.is_function())
                .map(|(c, _)| self.heights[c.index()])
                .min()
                .unwrap_or(UNREACHABLE),
            Kind::Boxed(t) => self
                .registry
                .type_info(*t)
                .constructors()
                .iter()
                .map(|&c| self.heights[c.index()])
                .min()
                .unwrap_or(UNREACHABLE),
            Kind::Bare(c) | Kind::Call(c) => self.heights[c.index()],
            Kind::Unresolved(_) => UNREACHABLE,
            _ => 0,
        }
    }

    /// A value of `kind` no deeper than `depth`, or [`None`] when `kind` needs more depth
    /// (see [`Generator::min_depth`]).
    pub fn generate(&self, tape: &[u64], kind: &Kind, depth: usize) -> Option<Value<'static>> {
        (self.height(kind) <= depth).then(|| {
            Tape {
                generator: self,
                tape,
                pos: 0,
            }
            .value(kind, depth)
        })
    }
}

struct Tape<'g, 'r, 't> {
    generator: &'g Generator<'r>,
    tape: &'t [u64],
    pos: usize,
}

impl Tape<'_, '_, '_> {
    fn next(&mut self) -> u64 {
        let v = self.tape.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        v
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// Short texts mostly, sometimes around 254 bytes where the length prefix changes form;
    /// ASCII, a two-byte letter and any scalar value.
    fn text(&mut self) -> String {
        let len = match self.below(8) {
            7 => 250 + self.below(60),
            n => n * 3,
        };
        (0..len)
            .map(|_| match self.below(4) {
                0 => char::from_u32(self.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
                1 => 'é',
                _ => char::from(b'a' + self.below(26) as u8),
            })
            .collect()
    }

    /// Constructors of `candidates` that fit in `depth`; the caller has checked there is one.
    fn pick(
        &mut self,
        candidates: impl Iterator<Item = ConstructorId>,
        depth: usize,
    ) -> ConstructorId {
        let fitting: Vec<_> = candidates
            .filter(|&c| self.generator.heights[c.index()] <= depth)
            .collect();
        fitting[self.below(fitting.len())]
    }

    fn value(&mut self, kind: &Kind, depth: usize) -> Value<'static> {
        let registry = self.generator.registry;
        match kind {
            Kind::Int | Kind::Flags { .. } => Value::Int(self.next() as i32),
            Kind::Long => Value::Long(self.next() as i64),
            Kind::Double => {
                let d = f64::from_bits(self.next());
                // JSON has one spelling for every NaN: keep the one it reads back.
                Value::Double(if d.is_nan() { f64::NAN } else { d })
            }
            Kind::Int128 => Value::Int128(std::array::from_fn(|_| self.next() as u8)),
            Kind::Int256 => Value::Int256(std::array::from_fn(|_| self.next() as u8)),
            Kind::String => Value::string(self.text()),
            Kind::Bytes => {
                let len = self.text().len();
                Value::bytes((0..len).map(|_| self.next() as u8).collect::<Vec<_>>())
            }
            Kind::Bool => Value::Bool(self.next() & 1 == 1),
            Kind::True => Value::True,
            Kind::Vector { elem, .. } => {
                let len = if depth == 0 || self.generator.height(elem) > depth - 1 {
                    0
                } else {
                    self.below(4)
                };
                Value::Vector((0..len).map(|_| self.value(elem, depth - 1)).collect())
            }
            Kind::Boxed(t) => {
                let c = self.pick(registry.type_info(*t).constructors().iter().copied(), depth);
                self.object(c, depth)
            }
            Kind::Bare(c) | Kind::Call(c) => self.object(*c, depth),
            Kind::AnyObject => {
                let fits = registry
                    .constructors()
                    .any(|(c, _)| self.generator.heights[c.index()] <= depth);
                if self.below(16) == 0 || !fits {
                    return Value::Bool(self.next() & 1 == 1);
                }
                let c = self.pick(registry.constructors().map(|(c, _)| c), depth);
                self.object(c, depth)
            }
            Kind::AnyFunction => {
                let functions = registry
                    .constructors()
                    .filter(|(_, ctor)| ctor.is_function())
                    .map(|(c, _)| c);
                let c = self.pick(functions, depth);
                self.object(c, depth)
            }
            // `Generator::generate` and the depth checks below never reach an ungenerable kind.
            Kind::Unresolved(_) => Value::True,
        }
    }

    fn object(&mut self, c: ConstructorId, depth: usize) -> Value<'static> {
        let ctor = self.generator.registry.constructor(c);
        let params = ctor.params();
        // Choose the bits of each `#` field, then clear those whose fields cannot be
        // generated in the depth left (fields sharing a bit go together).
        let mut words = vec![0u32; params.len()];
        for (i, p) in params.iter().enumerate() {
            if let Kind::Flags { known, .. } = p.kind() {
                words[i] = self.next() as u32 & known;
            }
        }
        for p in params {
            if let Some(cond) = p.condition() {
                if self.generator.height(p.kind()) > depth - 1 {
                    words[cond.flags_field] &= !(1 << cond.bit);
                }
            }
        }
        let mut fields = Vec::new();
        for p in params.iter().filter(|p| !p.is_flags()) {
            if let Some(cond) = p.condition() {
                if words[cond.flags_field] & (1 << cond.bit) == 0 {
                    continue;
                }
            }
            let value = self.value(p.kind(), depth - 1);
            fields.push(Field {
                name: p.name().to_owned().into(),
                value,
            });
        }
        Value::Object(Object {
            name: ctor.name().to_owned().into(),
            fields: fields.into(),
            // No origin, and owned names: what encodes these goes through the name lookup.
            origin: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "a#1 = A;\n\
                          b#2 x:Object = B;\n\
                          ---functions---\n\
                          f#3 = A;\n\
                          invoke#4 {X:Type} q:!X = X;";

    fn registry() -> Registry {
        Registry::build(&tl_parser::parse_schema(SCHEMA).unwrap()).unwrap()
    }

    /// Tapes that reach every choice: a simple counter-based mix.
    fn tapes() -> impl Iterator<Item = Vec<u64>> {
        (0..400u64).map(|i| {
            (0..32u64)
                .map(|j| (i * 31 + j).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 7)
                .collect()
        })
    }

    fn field<'v>(value: &'v Value<'static>, name: &str) -> &'v Value<'static> {
        let Value::Object(o) = value else {
            panic!("not an object: {value:?}")
        };
        &o.fields.iter().find(|f| f.name == name).unwrap().value
    }

    fn is_function(r: &Registry, value: &Value<'_>) -> bool {
        matches!(value, Value::Object(o)
            if r.constructor(r.by_name(&o.name).unwrap()).is_function())
    }

    #[test]
    fn a_type_parameter_field_holds_a_function_call() {
        let r = registry();
        let generator = Generator::new(&r);
        let invoke = Kind::Call(r.by_name("invoke").unwrap());
        assert_eq!(generator.min_depth(&invoke), Some(2));
        for tape in tapes() {
            let value = generator.generate(&tape, &invoke, 3).unwrap();
            let query = field(&value, "q");
            assert!(is_function(&r, query), "{query:?}");
        }
    }

    #[test]
    fn an_object_field_holds_any_constructor_function_or_bool() {
        let r = registry();
        let generator = Generator::new(&r);
        let b = Kind::Bare(r.by_name("b").unwrap());
        let (mut constructors, mut functions, mut bools) = (0, 0, 0);
        for tape in tapes() {
            match field(&generator.generate(&tape, &b, 3).unwrap(), "x") {
                Value::Bool(_) => bools += 1,
                v if is_function(&r, v) => functions += 1,
                _ => constructors += 1,
            }
        }
        assert!(constructors > 0 && functions > 0 && bools > 0);
    }

    #[test]
    fn an_object_field_with_no_depth_left_is_a_bool() {
        let r = registry();
        let generator = Generator::new(&r);
        let b = Kind::Bare(r.by_name("b").unwrap());
        assert_eq!(generator.min_depth(&b), Some(1));
        for tape in tapes() {
            let value = generator.generate(&tape, &b, 1).unwrap();
            assert!(matches!(field(&value, "x"), Value::Bool(_)));
        }
    }

    #[test]
    fn a_schema_without_functions_cannot_fill_a_type_parameter() {
        // The one definition is a constructor: there is no function to call.
        let text = "invoke#4 {X:Type} q:!X = X;";
        let r = Registry::build(&tl_parser::parse_schema(text).unwrap()).unwrap();
        let generator = Generator::new(&r);
        assert_eq!(generator.min_depth(&Kind::AnyFunction), None);
    }
}
