package dev.selfcode.doctor;

/** The Java runtime Selfcode runs on: 17 or later. */
final class CheckJava implements Check {

    static final int MIN_FEATURE = 17;

    private final Runtime.Version version;

    CheckJava(Runtime.Version version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public CheckResult run() {
        String detail = "Java " + version + " (" + System.getProperty("java.vendor", "?") + ") at "
                + System.getProperty("java.home", "?");
        if (version.feature() < MIN_FEATURE) {
            return CheckResult.fail(name(), detail + ": Selfcode needs " + MIN_FEATURE + " or later",
                    "install Java " + MIN_FEATURE + "+ (e.g. apt-get install openjdk-17-jre-headless) and run selfcode"
                            + " with it");
        }
        return CheckResult.ok(name(), detail);
    }
}
