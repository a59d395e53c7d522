package dev.kemu.vfs;

/** The signals the model raises or that interrupt its waits ({@code include/uapi/asm-generic/signal.h}). */
public enum Signal {
    SIGINT(2), SIGKILL(9), SIGPIPE(13), SIGALRM(14), SIGTERM(15);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
