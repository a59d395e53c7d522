package dev.kemu.cli;

import dev.kemu.kernel.Kernels;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Run by the build ({@code prepare-package}): a man page per command ({@code kemu.1}, {@code kemu-replay.1}, ...) and
 * the bash completion script (zsh reads it through {@code bashcompinit}), both from the command tree {@link Main}
 * runs, so they say what {@code --help} says.
 */
public final class ManPages {
    private ManPages() {
    }

    /** A man page holding the command's usage text, preformatted. */
    static String troff(String name, CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append(".TH \"").append(name.toUpperCase(java.util.Locale.ROOT)).append("\" \"1\" \"\" \"kemu ")
                .append(KemuVersion.VERSION).append("\" \"kemu manual\"\n");
        sb.append(".SH NAME\n").append(name).append(" \\- ").append(escape(String.join(" ", spec.usageMessage().description())))
                .append('\n');
        sb.append(".SH SYNOPSIS\n.nf\n");
        String usage = new CommandLine.Help(spec, new CommandLine.Help.ColorScheme.Builder(CommandLine.Help.Ansi.OFF).build())
                .fullSynopsis();
        sb.append(escape(usage.strip())).append("\n.fi\n");
        sb.append(".SH DESCRIPTION\n.nf\n");
        StringWriter help = new StringWriter();
        spec.commandLine().usage(new PrintWriter(help), CommandLine.Help.Ansi.OFF);
        sb.append(escape(help.toString().strip())).append("\n.fi\n");
        return sb.toString();
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.replace("\\", "\\e").replace("-", "\\-").split("\n", -1)) {
            sb.append(line.startsWith(".") || line.startsWith("'") ? "\\&" : "").append(line).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    /**
     * Writes the pages and the script.
     *
     * @param args the directory for the man pages, then the completion script's file
     */
    public static void main(String[] args) throws IOException {
        Path manDir = Path.of(args[0]);
        Path completion = Path.of(args[1]);
        Files.createDirectories(manDir);
        PrintWriter sink = new PrintWriter(java.io.Writer.nullWriter());
        CommandLine cl = Main.commandLine(Kernels.discover(), sink, sink);
        List<CommandSpec> specs = new ArrayList<>();
        specs.add(cl.getCommandSpec());
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                specs.add(sub.getCommandSpec());
            }
        });
        // picocli writes the pages as AsciiDoc (asciidoctor -b manpage makes troff of them) ...
        Path adoc = manDir.resolve("adoc");
        Files.createDirectories(adoc);
        int code = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], false, specs.toArray(new CommandSpec[0]));
        if (code != 0) {
            throw new IllegalStateException("man pages: the generator exited " + code);
        }
        // ... and man reads these directly: the --help text, under the sections man expects.
        Path man1 = manDir.resolve("man1");
        Files.createDirectories(man1);
        for (CommandSpec spec : specs) {
            String name = spec.qualifiedName("-");
            Files.writeString(man1.resolve(name + ".1"), troff(name, spec), StandardCharsets.UTF_8);
        }
        Files.writeString(completion, AutoComplete.bash("kemu", cl), StandardCharsets.UTF_8);
        System.out.println("man pages in " + man1 + File.separator + " (AsciiDoc in " + adoc + "), completion in " + completion);
    }
}
