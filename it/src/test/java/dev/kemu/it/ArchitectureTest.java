package dev.kemu.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module layering, executable: the core knows no plugin, plugins and filesystems know only
 * the API and SPI, and only the command line sees everything.
 */
@AnalyzeClasses(packages = "dev.kemu", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] PLUGINS = {"dev.kemu.kernel.upstream..", "dev.kemu.kernel.linux310.."};
    private static final String[] FILESYSTEMS = {"dev.kemu.fs.."};

    @ArchTest
    static final ArchRule the_vfs_core_depends_on_no_other_layer = noClasses().that().resideInAPackage("dev.kemu.vfs..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kemu.pipe..", "dev.kemu.kernel..", "dev.kemu.fs..",
                    "dev.kemu.strace..", "dev.kemu.replay..", "dev.kemu.cli..")
            .because("the VFS is the bottom layer: pipes, kernels and filesystems build on it");

    @ArchTest
    static final ArchRule the_pipe_core_sees_only_the_vfs = noClasses().that().resideInAPackage("dev.kemu.pipe..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kemu.kernel..", "dev.kemu.fs..", "dev.kemu.strace..",
                    "dev.kemu.replay..", "dev.kemu.cli..", "dev.kemu.vfs.ramfs..")
            .because("pipes and splice are kernel machinery; the version differences come in through PipeBehaviour");

    @ArchTest
    static final ArchRule the_kernel_api_never_names_a_plugin = noClasses().that()
            .resideInAnyPackage("dev.kemu.kernel", "dev.kemu.kernel.spi")
            .should().dependOnClassesThat().resideInAnyPackage(concat(PLUGINS, FILESYSTEMS,
                    new String[] {"dev.kemu.strace..", "dev.kemu.replay..", "dev.kemu.cli.."}))
            .because("plugins and filesystems are found with ServiceLoader; the core must not know them");

    @ArchTest
    static final ArchRule the_upstream_plugin_does_not_know_3_10 = noClasses().that().resideInAPackage("dev.kemu.kernel.upstream..")
            .should().dependOnClassesThat().resideInAPackage("dev.kemu.kernel.linux310..")
            .because("a kernel plugin is self-contained: it knows the API and SPI only");

    @ArchTest
    static final ArchRule the_3_10_plugin_does_not_know_upstream = noClasses().that().resideInAPackage("dev.kemu.kernel.linux310..")
            .should().dependOnClassesThat().resideInAPackage("dev.kemu.kernel.upstream..")
            .because("a kernel plugin is self-contained: it knows the API and SPI only");

    @ArchTest
    static final ArchRule plugins_see_only_api_and_spi = noClasses().that().resideInAnyPackage(PLUGINS)
            .should().dependOnClassesThat().resideInAnyPackage(concat(FILESYSTEMS,
                    new String[] {"dev.kemu.strace..", "dev.kemu.replay..", "dev.kemu.cli..", "dev.kemu.vfs.ramfs.."}))
            .because("plugins contribute behaviour through the kernel SPI and nothing else");

    @ArchTest
    static final ArchRule filesystems_see_only_the_vfs = noClasses().that().resideInAnyPackage(FILESYSTEMS)
            .should().dependOnClassesThat().resideInAnyPackage("dev.kemu.pipe..", "dev.kemu.kernel..", "dev.kemu.strace..",
                    "dev.kemu.replay..", "dev.kemu.cli..", "dev.kemu.vfs.ramfs..")
            .because("a filesystem model plugs into the VFS SPI and must not depend on kernels or on other filesystems");

    @ArchTest
    static final ArchRule filesystems_do_not_know_each_other = slices().matching("dev.kemu.fs.(*)..")
            .should().notDependOnEachOther()
            .because("each filesystem model is its own plugin");

    @ArchTest
    static final ArchRule the_trace_format_is_pure_syntax = noClasses().that().resideInAPackage("dev.kemu.strace..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kemu.vfs..", "dev.kemu.pipe..", "dev.kemu.kernel..",
                    "dev.kemu.replay..", "dev.kemu.cli..", "dev.kemu.fs..")
            .because("the strace format is read and written by tools that need no kernel");

    @ArchTest
    static final ArchRule the_replayer_knows_no_plugin_or_filesystem = noClasses().that().resideInAPackage("dev.kemu.replay..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(PLUGINS, FILESYSTEMS, new String[] {"dev.kemu.cli.."}))
            .because("the replayer runs any kernel through the kernel API");

    @ArchTest
    static final ArchRule no_cycles_between_modules = slices().matching("dev.kemu.(*)..").should().beFreeOfCycles()
            .because("layers point one way");

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
