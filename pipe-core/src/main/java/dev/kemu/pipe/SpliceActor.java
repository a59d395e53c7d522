package dev.kemu.pipe;

/**
 * What {@code __splice_from_pipe} does with each buffer ({@code include/linux/splice.h:splice_actor}):
 * consume up to {@code sd.len} bytes of {@code buf}. 3.10's {@code pipe_to_file} is one.
 */
@FunctionalInterface
public interface SpliceActor {
    /** @return bytes consumed (greater than 0), 0 to stop, or a negated errno */
    int actor(Pipe pipe, PipeBuffer buf, SpliceDesc sd);
}
