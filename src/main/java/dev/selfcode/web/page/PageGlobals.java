package dev.selfcode.web.page;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;

import dev.selfcode.web.Viewer;

/** What every page's header shows: who is logged in (the layout links it to the login page, where they log out). */
@TemplateGlobal
final class PageGlobals {

    private PageGlobals() {
    }

    /** The GitHub login, "admin" for the admin token, null for an anonymous visitor. */
    static String who() {
        Viewer viewer = Arc.container().instance(Viewer.class).get();
        if (!viewer.authenticated()) {
            return null;
        }
        return viewer.admin() ? "admin" : viewer.login().orElse("signed in");
    }
}
