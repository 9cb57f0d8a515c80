#ifndef HORARIO_CLIBCRYPTO_SHIM_H
#define HORARIO_CLIBCRYPTO_SHIM_H
// libcrypto (OpenSSL) for PBKDF2-HMAC-SHA256, HMAC-SHA256, SHA-256, random bytes and
// constant-time comparison: the only pieces of OpenSSL Horario uses.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#endif
