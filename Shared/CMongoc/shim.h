// Swift view of libmongoc / libbson (Debian's libmongoc-dev, libbson-dev).
//
// `bson_t` is 128-byte aligned, so Swift sees it only as an `OpaquePointer`: these helpers allocate
// one on the heap (for the `bson_t *reply` out-parameters of libmongoc) and read its length, so that
// Swift can read and write raw BSON bytes. `BSON_APPEND_*` are macros Swift cannot call; the adapter
// builds BSON bytes itself and hands them to `bson_new_from_data`.
#ifndef SEED_CMONGOC_SHIM_H
#define SEED_CMONGOC_SHIM_H

#include <stdlib.h>
#include <mongoc/mongoc.h>
#include <bson/bson.h>

/// A heap `bson_t`, initialised empty; pass to libmongoc as an out-parameter, release with `seed_bson_free`.
static inline bson_t *seed_bson_alloc(void) {
    bson_t *document = (bson_t *) aligned_alloc(128, sizeof(bson_t));
    if (document != NULL) {
        bson_init(document);
    }
    return document;
}

/// Destroys a `bson_t` from `seed_bson_alloc` (whatever libmongoc re-initialised it to) and frees it.
static inline void seed_bson_free(bson_t *document) {
    bson_destroy(document);
    free(document);
}

/// Replaces `document` (from `seed_bson_alloc`) by a copy of the BSON bytes; false when they are not a document.
static inline bool seed_bson_copy_from(bson_t *document, const uint8_t *data, size_t length) {
    bson_t source;
    if (!bson_init_static(&source, data, length)) {
        return false;
    }
    bson_destroy(document);
    bson_copy_to(&source, document);
    return true;
}

/// The length in bytes of the document's BSON data (what `bson_get_data` points at).
static inline uint32_t seed_bson_length(const bson_t *document) {
    return document->len;
}

#endif
