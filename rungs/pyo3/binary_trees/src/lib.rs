//! binary-trees (shared/spec/problems.md) as the Python extension module
//! `binary_trees`: every tree really allocated, node by node, as linked
//! nodes in an arena of its own (typed-arena, as the Benchmarks Game's Rust
//! programs may: a library's memory pool, freed whole when the tree is
//! dropped), and walked to count its nodes. Single-threaded.
//!
//! `binary_trees(n)` returns the stretch tree's check, each depth's check
//! sum and the long-lived tree's check (problems/binary-trees/python_io.py
//! writes the text); it runs with the GIL released.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use typed_arena::Arena;

const MIN_DEPTH: u32 = 4;
/// The largest n accepted: the stretch tree of depth n + 1 takes
/// 2^(n + 2) nodes of 16 bytes, 64 GiB at 30.
const MAX_N: u32 = 30;

/// A node: a leaf, or two children in the same arena.
struct Node<'a> {
    children: Option<(&'a Node<'a>, &'a Node<'a>)>,
}

impl Node<'_> {
    /// The number of nodes in the tree below and including this one.
    fn check(&self) -> u64 {
        1 + self
            .children
            .map_or(0, |(left, right)| left.check() + right.check())
    }
}

/// Allocates a complete tree of `depth` (a leaf has depth 0) in `arena`:
/// each node before its children, so that the tree lies in the arena in
/// the order `check` walks it.
fn build<'a>(arena: &'a Arena<Node<'a>>, depth: u32) -> &'a Node<'a> {
    let node = arena.alloc(Node { children: None });
    if depth > 0 {
        node.children = Some((build(arena, depth - 1), build(arena, depth - 1)));
    }
    node
}

/// An arena with room for a whole tree of `depth`, which has
/// 2^(depth + 1) - 1 nodes: one allocation per tree, as the Benchmarks
/// Game's C programs make one pool per tree.
fn arena_for<'a>(depth: u32) -> Arena<Node<'a>> {
    Arena::with_capacity((2 << depth) - 1)
}

/// Builds a tree of `depth` in an arena of its own, counts it, frees it.
fn build_and_check(depth: u32) -> u64 {
    let arena = arena_for(depth);
    build(&arena, depth).check()
}

fn run(n: u32) -> Vec<u64> {
    let max_depth = n.max(MIN_DEPTH + 2);
    let mut checks = vec![build_and_check(max_depth + 1)];

    let long_lived_arena = arena_for(max_depth);
    let long_lived = build(&long_lived_arena, max_depth);

    for depth in (MIN_DEPTH..=max_depth).step_by(2) {
        let iterations = 1u64 << (max_depth - depth + MIN_DEPTH);
        checks.push((0..iterations).map(|_| build_and_check(depth)).sum());
    }

    checks.push(long_lived.check());
    checks
}

#[pyo3::pymodule]
mod binary_trees {
    use super::*;

    /// binary_trees(n) -> [stretch check, one check sum per depth, long-lived check]
    #[pyfunction]
    fn binary_trees(py: Python<'_>, n: u32) -> PyResult<Vec<u64>> {
        if n > MAX_N {
            return Err(PyValueError::new_err(format!(
                "n must be at most {MAX_N}, not {n}"
            )));
        }
        Ok(py.detach(|| run(n)))
    }
}
