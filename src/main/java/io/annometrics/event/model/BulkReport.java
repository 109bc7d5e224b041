package io.annometrics.event.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What became of an NDJSON upload: counts over all its lines, and the rejected lines (the first
 * {@code MAX_LISTED} of them; {@code rejected} counts them all).
 */
@RegisterForReflection
public record BulkReport(long lines, long accepted, long duplicates, long rejected, List<RejectedLine> rejections,
        boolean rejectionsTruncated) {

    /** Most rejected lines listed in one report; memory stays bounded whatever the upload. */
    public static final int MAX_LISTED = 10_000;

    /** One rejected line, numbered from 1. */
    @RegisterForReflection
    public record RejectedLine(long line, String id, String reason) {
    }
}
