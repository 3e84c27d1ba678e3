package com.kvscamera.emulator.sigv4;

import java.util.List;
import java.util.function.Function;

/**
 * What SigV4 verification needs from an HTTP request, independent of the server library.
 *
 * @param rawPath   the path as it arrived (still percent-encoded)
 * @param rawQuery  the query as it arrived (may be empty, never null)
 * @param headers   all values of a header, by case-insensitive name (empty list when absent)
 */
public record SignedRequest(String method, String rawPath, String rawQuery,
                            Function<String, List<String>> headers, byte[] body) {
}
