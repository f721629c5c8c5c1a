//! The vectors and field lists of a [`Value`](super::Value): owned or borrowed.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// A slice that is either owned or borrowed, like `Cow<'a, [T]>`, which a recursive
/// `Value<'a>` cannot use: `Cow` names the owned form through `ToOwned`, which makes a
/// type holding it invariant in `'a`, so a `Value<'static>` could no longer stand where
/// a `Value<'a>` is expected (or be compared with one).
///
/// Trees built by hand, decoded by [`decode`](super::decode) or read from JSON own
/// theirs; [`decode_in`](super::decode_in) borrows them from an [`Arena`](super::Arena).
/// It derefs to `[T]`; editing (`DerefMut`, [`CowSlice::to_mut`] for a `Vec`) copies
/// borrowed elements first.
#[derive(Clone)]
pub enum CowSlice<'a, T> {
    Borrowed(&'a [T]),
    Owned(Vec<T>),
}

impl<T: Clone> CowSlice<'_, T> {
    /// The elements as a `Vec` to edit, copied first if they were borrowed.
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        if let CowSlice::Borrowed(slice) = *self {
            *self = CowSlice::Owned(slice.to_vec());
        }
        match self {
            CowSlice::Owned(v) => v,
            CowSlice::Borrowed(_) => unreachable!("made owned above"),
        }
    }

    /// The elements as a `Vec`, copied if they were borrowed.
    pub fn into_owned(self) -> Vec<T> {
        match self {
            CowSlice::Borrowed(slice) => slice.to_vec(),
            CowSlice::Owned(v) => v,
        }
    }
}

impl<T> Deref for CowSlice<'_, T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match self {
            CowSlice::Borrowed(slice) => slice,
            CowSlice::Owned(v) => v,
        }
    }
}

impl<T: Clone> DerefMut for CowSlice<'_, T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.to_mut()
    }
}

impl<T> Default for CowSlice<'_, T> {
    fn default() -> Self {
        CowSlice::Owned(Vec::new())
    }
}

impl<T> From<Vec<T>> for CowSlice<'_, T> {
    fn from(v: Vec<T>) -> Self {
        CowSlice::Owned(v)
    }
}

impl<'a, T> From<&'a [T]> for CowSlice<'a, T> {
    fn from(slice: &'a [T]) -> Self {
        CowSlice::Borrowed(slice)
    }
}

impl<T> FromIterator<T> for CowSlice<'_, T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        CowSlice::Owned(iter.into_iter().collect())
    }
}

impl<'s, T> IntoIterator for &'s CowSlice<'_, T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Equal when the elements are, owned or borrowed.
impl<T: PartialEq> PartialEq for CowSlice<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for CowSlice<'_, T> {}

/// As the slice of its elements.
impl<T: fmt::Debug> fmt::Debug for CowSlice<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_and_owned_compare_by_elements_and_edit_as_a_vec() {
        let data = [1, 2, 3];
        let mut borrowed = CowSlice::from(&data[..]);
        let owned = CowSlice::from(vec![1, 2, 3]);
        assert_eq!(borrowed, owned);
        assert_eq!(format!("{borrowed:?}"), "[1, 2, 3]");
        borrowed[0] = 0;
        assert!(matches!(borrowed, CowSlice::Owned(_)));
        borrowed.to_mut().push(4);
        assert_eq!(&*borrowed, &[0, 2, 3, 4]);
        assert_eq!(data, [1, 2, 3]);
        assert_eq!(owned.into_owned(), vec![1, 2, 3]);
    }
}
