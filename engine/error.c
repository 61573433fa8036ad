/*
 * error.c - the one human form of a pipeline_error (pipeline.h).
 *
 * The struct keeps the parts apart (message, byte offset, event index) so
 * that programs can use them; people read them joined, always the same way.
 */
#include "engine/pipeline.h"

#include <stdio.h>

int pipeline_error_describe(const pipeline_error *err, char *out, size_t outlen)
{
    if (err == NULL) {
        if (outlen > 0)
            out[0] = '\0';
        return -1;
    }
    if (err->byte_offset >= 0 && err->event_index >= 0)
        return snprintf(out, outlen, "%s at byte %lld (event %lld)",
                        err->message, (long long)err->byte_offset,
                        (long long)err->event_index);
    if (err->byte_offset >= 0)
        return snprintf(out, outlen, "%s at byte %lld", err->message,
                        (long long)err->byte_offset);
    if (err->event_index >= 0)
        return snprintf(out, outlen, "%s (event %lld)", err->message,
                        (long long)err->event_index);
    return snprintf(out, outlen, "%s", err->message);
}
