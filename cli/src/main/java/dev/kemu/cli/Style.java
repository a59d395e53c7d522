package dev.kemu.cli;

/**
 * Colour on a terminal, as git and ripgrep do it: {@code --color=auto} (the default) colours only when standard
 * output is a terminal and {@code NO_COLOR} is unset or empty (no-color.org), {@code always} and {@code never} say
 * so whatever the environment; output to a file ({@code -o}) is never coloured under {@code auto}. What is coloured:
 * PASS green, FAIL and differing results red, XFAIL and UNSUPPORTED yellow, the function graph's notes dim.
 */
final class Style {
    /** The {@code --color} values. */
    enum When { AUTO, ALWAYS, NEVER }

    static volatile When when = When.AUTO;
    /** Set while output goes to a file rather than standard output. */
    static volatile boolean toFile;
    /** The environment (the tests give their own). */
    static volatile java.util.function.UnaryOperator<String> env = System::getenv;

    private Style() {
    }

    static boolean on() {
        return switch (when) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> Terminal.stdout && !toFile && (env.apply("NO_COLOR") == null || env.apply("NO_COLOR").isEmpty());
        };
    }

    private static String sgr(String code, String text) {
        return on() && !text.isEmpty() ? "\033[" + code + "m" + text + "\033[0m" : text;
    }

    static String green(String text) {
        return sgr("32", text);
    }

    static String red(String text) {
        return sgr("31", text);
    }

    static String yellow(String text) {
        return sgr("33", text);
    }

    static String bold(String text) {
        return sgr("1", text);
    }

    static String dim(String text) {
        return sgr("2", text);
    }

    /** A verdict word in its colour. */
    static String verdict(String v) {
        return switch (v) {
            case "PASS" -> green(v);
            case "FAIL", "XPASS" -> red(v);
            default -> yellow(v);
        };
    }
}
