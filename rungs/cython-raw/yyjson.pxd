# yyjson.pxd - Cython's view of the part of yyjson (0.10.0, yyjson.h) the
# cython-raw pipeline uses: read a document with options, walk its values.
# The header itself is fetched at build time (fetch_yyjson.py); these
# declarations are what Cython needs to call it, and must agree with it.
#
# Ownership: yyjson_read_opts returns a document the caller frees with
# yyjson_doc_free; every yyjson_val and every string it hands out points
# into that document and lives exactly as long.

from libc.stdint cimport int64_t, uint32_t, uint64_t


cdef extern from "yyjson.h" nogil:
    ctypedef struct yyjson_doc:
        pass
    ctypedef struct yyjson_val:
        pass
    ctypedef struct yyjson_alc:
        pass

    ctypedef uint32_t yyjson_read_flag
    ctypedef uint32_t yyjson_read_code

    # RFC 8259 with nothing relaxed: UTF-8 checked, no comments, no
    # trailing commas, no NaN or Infinity.
    const yyjson_read_flag YYJSON_READ_NOFLAG
    # Integers beyond int64/uint64 and reals beyond double's range come back
    # as their raw text (yyjson_is_raw), not as an error or a rounded value.
    const yyjson_read_flag YYJSON_READ_BIGNUM_AS_RAW

    ctypedef struct yyjson_read_err:
        yyjson_read_code code
        const char *msg     # constant text, NULL on success
        size_t pos          # byte offset of the error in the input

    # dat is only read without YYJSON_READ_INSITU (hence the cast from
    # const at the call); alc NULL is malloc. NULL on error, with err set.
    yyjson_doc *yyjson_read_opts(char *dat, size_t len, yyjson_read_flag flg,
                                 const yyjson_alc *alc, yyjson_read_err *err)
    void yyjson_doc_free(yyjson_doc *doc)
    yyjson_val *yyjson_doc_get_root(yyjson_doc *doc)

    bint yyjson_is_raw(yyjson_val *val)
    bint yyjson_is_uint(yyjson_val *val)
    bint yyjson_is_sint(yyjson_val *val)
    bint yyjson_is_real(yyjson_val *val)
    bint yyjson_is_str(yyjson_val *val)
    bint yyjson_is_arr(yyjson_val *val)
    bint yyjson_is_obj(yyjson_val *val)

    uint64_t yyjson_get_uint(yyjson_val *val)
    int64_t yyjson_get_sint(yyjson_val *val)
    double yyjson_get_real(yyjson_val *val)
    # A string's or raw number's bytes (NUL-terminated, but may hold NULs:
    # use yyjson_get_len) and their count.
    const char *yyjson_get_str(yyjson_val *val)
    const char *yyjson_get_raw(yyjson_val *val)
    size_t yyjson_get_len(yyjson_val *val)

    ctypedef struct yyjson_arr_iter:
        pass
    bint yyjson_arr_iter_init(yyjson_val *arr, yyjson_arr_iter *iter)
    yyjson_val *yyjson_arr_iter_next(yyjson_arr_iter *iter)   # NULL at the end

    # An object's members in document order, duplicates included: next()
    # gives each key (NULL at the end), get_val(key) its value.
    ctypedef struct yyjson_obj_iter:
        pass
    bint yyjson_obj_iter_init(yyjson_val *obj, yyjson_obj_iter *iter)
    yyjson_val *yyjson_obj_iter_next(yyjson_obj_iter *iter)
    yyjson_val *yyjson_obj_iter_get_val(yyjson_val *key)
