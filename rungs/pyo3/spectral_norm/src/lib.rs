//! spectral-norm (shared/spec/problems.md) as the Python extension module
//! `spectral_norm`: the Benchmarks Game's algorithm in plain Rust, A's
//! entries computed on the fly, each product a loop summing in index order
//! (as the reference does, so the result matches it digit for digit: Rust
//! never reassociates or contracts floating-point arithmetic).
//!
//! `spectral_norm(n)` returns the norm; it runs with the GIL released.

/// The power iteration's rounds, as the Benchmarks Game fixes them.
const ROUNDS: usize = 10;

/// A[i][j], indices from 0.
fn a(i: usize, j: usize) -> f64 {
    1.0 / ((i + j) * (i + j + 1) / 2 + i + 1) as f64
}

/// out = A u
fn multiply_a(u: &[f64], out: &mut [f64]) {
    for (i, out_i) in out.iter_mut().enumerate() {
        *out_i = u.iter().enumerate().map(|(j, u_j)| a(i, j) * u_j).sum();
    }
}

/// out = Aᵀ u
fn multiply_a_transposed(u: &[f64], out: &mut [f64]) {
    for (i, out_i) in out.iter_mut().enumerate() {
        *out_i = u.iter().enumerate().map(|(j, u_j)| a(j, i) * u_j).sum();
    }
}

/// out = Aᵀ A u, with `scratch` for A u.
fn multiply_ata(u: &[f64], out: &mut [f64], scratch: &mut [f64]) {
    multiply_a(u, scratch);
    multiply_a_transposed(scratch, out);
}

fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(x_i, y_i)| x_i * y_i).sum()
}

fn spectral_norm_of(n: usize) -> f64 {
    let mut u = vec![1.0; n];
    let mut v = vec![0.0; n];
    let mut scratch = vec![0.0; n];
    for _ in 0..ROUNDS {
        multiply_ata(&u, &mut v, &mut scratch);
        multiply_ata(&v, &mut u, &mut scratch);
    }
    (dot(&u, &v) / dot(&v, &v)).sqrt()
}

#[pyo3::pymodule]
mod spectral_norm {
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    /// spectral_norm(n) -> the spectral norm of the n x n matrix A
    #[pyfunction]
    fn spectral_norm(py: Python<'_>, n: usize) -> PyResult<f64> {
        if n == 0 {
            return Err(PyValueError::new_err("n must be at least 1"));
        }
        Ok(py.detach(|| super::spectral_norm_of(n)))
    }
}
