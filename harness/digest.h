/*
 * digest.h - SHA-256 of outputs, through OpenSSL's libcrypto (EVP): every
 * verified output's digest goes into the results (`output_sha256`), and
 * binary outputs (mandelbrot's image) are compared by it.
 *
 *     char hex[DIGEST_HEX_SIZE];
 *     digest_sha256_hex(data, len, hex);        // "9761...72d5"
 */
#ifndef LADDER_DIGEST_H
#define LADDER_DIGEST_H

#include <stddef.h>

/* 64 hex digits and the NUL. */
#define DIGEST_HEX_SIZE 65

/* Writes the lowercase hex SHA-256 of data into hex. Returns 0, or -1 (hex
 * then empty) if libcrypto fails. */
int digest_sha256_hex(const void *data, size_t len, char hex[DIGEST_HEX_SIZE]);

#endif /* LADDER_DIGEST_H */
