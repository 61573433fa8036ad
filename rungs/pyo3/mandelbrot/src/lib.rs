//! mandelbrot (shared/spec/problems.md) as the Python extension module
//! `mandelbrot`: the n x n bitmap over [-1.5, 0.5] x [-1, 1], 50 iterations
//! of z = z² + c, 8 pixels per byte, most significant bit first.
//!
//! The eight pixels of a byte are iterated together, as fixed-size arrays
//! the compiler turns into SIMD lanes, and their bits are cleared as they
//! escape, tested after every iteration: a pixel that diverged goes on to
//! inf and NaN, but a cleared bit is never set again, so the bytes are the
//! scalar algorithm's. The loop stops early when all eight have escaped.
//!
//! `mandelbrot(n)` returns the rows (no PBM header) as bytes; the bitmap is
//! computed with the GIL released, then copied into the bytes object.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

const MAX_ITERATIONS: usize = 50;
/// |z|² above this: the point has escaped.
const ESCAPE_RADIUS_SQUARED: f64 = 4.0;
const PIXELS_PER_BYTE: usize = 8;

/// The byte for the pixels x0 .. x0 + 8 of a row with imaginary part ci;
/// the caller masks off pixels past the row's end.
fn pixel_byte(x0: usize, ci: f64, n: f64) -> u8 {
    let cr: [f64; PIXELS_PER_BYTE] = std::array::from_fn(|k| 2.0 * (x0 + k) as f64 / n - 1.5);
    let mut zr = [0.0; PIXELS_PER_BYTE];
    let mut zi = [0.0; PIXELS_PER_BYTE];
    let mut inside = [true; PIXELS_PER_BYTE];
    for _ in 0..MAX_ITERATIONS {
        for k in 0..PIXELS_PER_BYTE {
            let (r, i) = (zr[k], zi[k]);
            zi[k] = 2.0 * r * i + ci;
            zr[k] = r * r - i * i + cr[k];
        }
        let mut any_inside = false;
        for k in 0..PIXELS_PER_BYTE {
            inside[k] &= zr[k] * zr[k] + zi[k] * zi[k] <= ESCAPE_RADIUS_SQUARED;
            any_inside |= inside[k];
        }
        if !any_inside {
            break;
        }
    }
    inside
        .iter()
        .fold(0, |byte, &set| (byte << 1) | u8::from(set))
}

/// The bitmap's rows, (n + 7) / 8 bytes each, padded with zero bits.
fn bitmap(n: usize) -> Vec<u8> {
    let row_bytes = n.div_ceil(PIXELS_PER_BYTE);
    let mut rows = vec![0u8; n * row_bytes];
    if n == 0 {
        return rows;
    }
    let size = n as f64;
    // The last byte of a row keeps only the pixels inside the row.
    let last_mask = match n % PIXELS_PER_BYTE {
        0 => u8::MAX,
        tail => u8::MAX << (PIXELS_PER_BYTE - tail),
    };
    for (y, row) in rows.chunks_exact_mut(row_bytes).enumerate() {
        let ci = 2.0 * y as f64 / size - 1.0;
        for (b, byte) in row.iter_mut().enumerate() {
            *byte = pixel_byte(b * PIXELS_PER_BYTE, ci, size);
        }
        if let Some(last) = row.last_mut() {
            *last &= last_mask;
        }
    }
    rows
}

#[pyo3::pymodule]
mod mandelbrot {
    use super::*;

    /// mandelbrot(n) -> the bitmap's n rows of (n + 7) // 8 bytes
    #[pyfunction]
    fn mandelbrot(py: Python<'_>, n: usize) -> Bound<'_, PyBytes> {
        let rows = py.detach(|| bitmap(n));
        PyBytes::new(py, &rows)
    }
}
