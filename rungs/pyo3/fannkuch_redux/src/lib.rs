//! fannkuch-redux (shared/spec/problems.md) as the Python extension module
//! `fannkuch_redux`: the Benchmarks Game's "count" algorithm, which visits
//! the permutations of 0..n in a fixed order (the checksum's signs depend on
//! it), and counts each one's flips on a copy. Single-threaded.
//!
//! `fannkuch_redux(n)` returns (checksum, maxflips); it runs with the GIL
//! released.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The largest n accepted: 16! permutations already take centuries, and
/// the checksum stays far inside an i64 up to here.
const MAX_N: usize = 16;

/// A permutation of 0..n, n <= MAX_N, in the first n places.
type Permutation = [u8; MAX_N];

/// Reverses the first perm[0] + 1 elements until perm[0] is 0; returns how
/// many reversals that took.
fn count_flips(mut perm: Permutation) -> i64 {
    let mut flips = 0;
    loop {
        let first = usize::from(perm[0]);
        if first == 0 {
            return flips;
        }
        perm[..=first].reverse();
        flips += 1;
    }
}

/// (checksum, maxflips) over every permutation of 0..n, 1 <= n <= MAX_N.
fn fannkuch(n: usize) -> (i64, i64) {
    // Fixed-size arrays: copies and rotations of a few bytes, not calls.
    let mut permutation: Permutation = std::array::from_fn(|i| i as u8);
    // count[r] says how many more rotations of the first r + 1 elements are
    // due before the prefix one longer rotates.
    let mut count = [0; MAX_N];
    let mut checksum = 0;
    let mut max_flips = 0;
    let mut even = true;
    let mut r = n;
    loop {
        while r != 1 {
            count[r - 1] = r;
            r -= 1;
        }

        let flips = count_flips(permutation);
        max_flips = max_flips.max(flips);
        checksum += if even { flips } else { -flips };

        // The next permutation: rotate the shortest prefix that is not done.
        loop {
            if r == n {
                return (checksum, max_flips);
            }
            permutation[..=r].rotate_left(1);
            count[r] -= 1;
            if count[r] > 0 {
                break;
            }
            r += 1;
        }
        even = !even;
    }
}

#[pymodule]
mod fannkuch_redux {
    use super::*;

    /// fannkuch_redux(n) -> (checksum, maxflips)
    #[pyfunction]
    fn fannkuch_redux(py: Python<'_>, n: usize) -> PyResult<(i64, i64)> {
        if !(1..=MAX_N).contains(&n) {
            return Err(PyValueError::new_err(format!(
                "n must be 1 to {MAX_N}, not {n}"
            )));
        }
        Ok(py.detach(|| fannkuch(n)))
    }
}
