package dev.selfcode.web.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error the API answers ({@code application/problem+json}).
 *
 * @param type      a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title     the status' short text, the same for every problem of that type
 * @param status    the HTTP status
 * @param detail    what went wrong this time
 * @param parameter the query or path parameter at fault, when one was
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail, String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
