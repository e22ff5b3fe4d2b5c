package dev.selfcode.web.view;

import java.util.List;

/**
 * One page of a list ordered by id, newest first.
 *
 * @param items the rows
 * @param next  the cursor of the next page, null on the last page
 */
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(items);
    }
}
