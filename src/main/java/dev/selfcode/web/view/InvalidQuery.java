package dev.selfcode.web.view;

/** A filter, cursor or limit that cannot be used; the API answers 400 with its message. */
public class InvalidQuery extends RuntimeException {

    private final String parameter;

    public InvalidQuery(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
