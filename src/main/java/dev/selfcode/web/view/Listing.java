package dev.selfcode.web.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import dev.selfcode.web.Viewer;

/**
 * A paged list's query: rows of one repository or of every repository the viewer may read, narrowed by equal
 * columns, newest first, keyset-paged on {@code id} (one row more than the page tells whether there is a next).
 */
final class Listing {

    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();

    private Listing(String select) {
        this.sql = new StringBuilder(select).append(" WHERE 1 = 1");
    }

    /** Empty when the viewer may read none of the rows asked for (the list is then empty, never an error). */
    static Optional<Listing> of(String select, Viewer viewer, String repo, RepoQueries repos) {
        if (repo != null && !viewer.canRead(repo)) {
            return Optional.empty();
        }
        Access access = repo != null ? new Access(true, Set.of()) : repos.access(viewer);
        if (access.none()) {
            return Optional.empty();
        }
        Listing listing = new Listing(select);
        if (repo != null) {
            listing.where("repo = ?", repo);
        } else if (!access.all()) {
            List<String> readable = List.copyOf(access.repos());
            listing.sql.append(" AND repo IN (").append(Rows.placeholders(listing.params.size() + 1, readable))
                    .append(")");
            listing.params.addAll(readable);
        }
        return Optional.of(listing);
    }

    /** Adds {@code condition} (one {@code ?}) for {@code value}; nothing when the value is null (not filtered). */
    Listing where(String condition, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(" AND ").append(condition).append(params.size());
        }
        return this;
    }

    /** Up to {@code limit + 1} rows with ids below {@code before} (null: from the newest). */
    List<Object[]> rows(EntityManager em, Long before, int limit) {
        where("id < ?", before);
        sql.append(" ORDER BY id DESC LIMIT ").append(limit + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = RepoQueries.bind(em.createNativeQuery(sql.toString()), params).getResultList();
        return rows;
    }
}
