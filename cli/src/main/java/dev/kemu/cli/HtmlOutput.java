package dev.kemu.cli;

import dev.kemu.replay.TraceReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the {@code --html} page of trace, run and compare. */
final class HtmlOutput {
    private HtmlOutput() {
    }

    /** One kernel's run as the page shows it. */
    static HtmlPage.Run run(TraceReport r, CallViews views) {
        String verdict = r.verdict() + (r.reason().isEmpty() ? "" : " at line " + r.lineNo() + ": " + r.reason()) + " ("
                + r.counts().describe() + ")";
        return new HtmlPage.Run(r.kernel(), verdict, views.views());
    }

    /** Writes the page to {@code file}; an unwritable file is bad usage. */
    static void write(Path file, String name, String scenario, List<HtmlPage.Run> runs) {
        String page = new HtmlPage().render(name, scenario, runs);
        try {
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("--html: cannot write " + file + ": " + e.getMessage());
        }
    }
}
