/* digest.c - SHA-256 through libcrypto (see digest.h). */
#include "harness/digest.h"

#include <openssl/evp.h>
#include <stdio.h>

int digest_sha256_hex(const void *data, size_t len, char hex[DIGEST_HEX_SIZE])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    hex[0] = '\0';
    if (EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL) != 1 || md_len * 2 + 1 > DIGEST_HEX_SIZE)
        return -1;
    for (unsigned int i = 0; i < md_len; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return 0;
}
