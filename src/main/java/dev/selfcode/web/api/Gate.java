package dev.selfcode.web.api;

import java.util.regex.Pattern;

import dev.selfcode.web.Viewer;

/** What every endpoint asks first: who is asking, and is the path a repository name. */
final class Gate {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    private Gate() {
    }

    /** Anonymous visitors get 401 and nothing else. */
    static void authenticated(Viewer viewer) {
        if (!viewer.authenticated()) {
            throw ProblemException.unauthorized();
        }
    }

    /** {@code owner/name} from the path; 400 for characters no GitHub name has. */
    static String repo(String owner, String name) {
        if (owner == null || !PART.matcher(owner).matches()) {
            throw ProblemException.badRequest("owner", "owner must be a GitHub account name, was '" + owner + "'");
        }
        if (name == null || !PART.matcher(name).matches()) {
            throw ProblemException.badRequest("name", "name must be a GitHub repository name, was '" + name + "'");
        }
        return owner + "/" + name;
    }

    /** A positive id from the path; 400 otherwise. */
    static long id(String parameter, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest(parameter, parameter + " must be a positive whole number, was '" + value
                + "'");
    }
}
