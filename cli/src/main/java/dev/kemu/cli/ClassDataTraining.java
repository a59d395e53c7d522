package dev.kemu.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The run the launcher makes once, under {@code -XX:ArchiveClassesAtExit}, to write the
 * class-data archive that later starts map instead of loading the jar's classes one by one: it
 * lists the kernels and replays the built-in seed trace on the default kernel, so the archive
 * holds the classes of the listing, of the parser and replayer, of one booted machine and of
 * its filesystem. Output is discarded; the exit code is 0 whatever the commands answered,
 * since only the classes they loaded matter.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
        Main.run(new String[] {"kernels"}, none, none);
        try (InputStream seed = ClassDataTraining.class.getResourceAsStream("seed_cfr_same_page.strace")) {
            Main.run(new String[] {"replay", Stdin.ARG}, seed, none, none);
        }
        none.flush();
        System.exit(0);
    }
}
