package dev.selfcode.doctor;

import dev.selfcode.text.Text;

/** Why something failed, in a table cell: the innermost message ("Connection refused"), not its wrappers. */
final class Cause {

    private Cause() {
    }

    static String of(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : Text.oneLine(m.strip(), 200);
    }
}
