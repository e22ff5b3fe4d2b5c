package dev.selfcode.web.view;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque page cursor: the id after which (going down) the next page starts, with a tag naming the list, so a
 * jobs cursor is refused by the patch list. Lists are ordered by id descending: rows added while a client walks the
 * pages land before its first page, so a walk neither repeats nor loses a row.
 */
public final class Cursor {

    private Cursor() {
    }

    /** The cursor of the page after the row {@code lastId} of list {@code tag}. */
    public static String after(String tag, long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((tag + ":" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id a cursor of list {@code tag} continues below; {@link InvalidQuery} for anything it did not make. */
    public static long parse(String tag, String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad();
        }
        if (!text.startsWith(tag + ":")) {
            throw bad();
        }
        try {
            long id = Long.parseLong(text.substring(tag.length() + 1));
            if (id < 1) {
                throw bad();
            }
            return id;
        } catch (NumberFormatException e) {
            throw bad();
        }
    }

    private static InvalidQuery bad() {
        return new InvalidQuery("cursor", "cursor is not one this server gave out; start again without it");
    }
}
