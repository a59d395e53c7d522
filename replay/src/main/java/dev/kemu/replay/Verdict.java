package dev.kemu.replay;

/** The outcome of replaying one trace. */
public enum Verdict {
    /** Every call returned what the record says, every byte read matched. */
    PASS,
    /** Some call diverged from the record; the report names the first. */
    FAIL,
    /** The trace uses a syscall or argument the model does not have; the report names it. */
    UNSUPPORTED
}
