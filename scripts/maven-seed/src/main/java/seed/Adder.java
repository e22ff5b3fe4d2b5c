package seed;

/** Something for the seed build to compile and cover. */
public final class Adder {
    private Adder() {
    }

    public static int add(int a, int b) {
        return a + b;
    }
}
