package dev.selfcode.db;

/** How to reach a database: JDBC URL, user and password (either may be null for an external one). */
public record DatabaseAccess(String url, String user, String password) {

    @Override
    public String toString() {
        return "DatabaseAccess[" + url + ", " + user + "]"; // never the password
    }
}
