package dev.selfcode.web.api;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** What the OpenAPI document says about the API as a whole. */
@SecurityScheme(securitySchemeName = ApiDocs.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", description = "the admin token (selfcode.web.admin-token), or the session of a GitHub login")
final class ApiDocs {

    static final String BEARER = "bearer";

    private ApiDocs() {
    }
}
