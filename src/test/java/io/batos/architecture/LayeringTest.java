package io.batos.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §2 as executable rules: arrows point down only, never in a cycle; {@code image}
 * imports no other project package; nothing below {@code kernel} sees the UI, the network or the
 * command line; JavaFX appears only in {@code workbench}.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.batos");
    }

    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("image").definedBy("io.batos.image..")
                .layer("events").definedBy("io.batos.events..")
                .layer("object").definedBy("io.batos.object..")
                .layer("code").definedBy("io.batos.code..")
                .layer("guardian").definedBy("io.batos.guardian..")
                .layer("llm").definedBy("io.batos.cognition.llm..")
                .layer("memory").definedBy("io.batos.memory..")
                .layer("metacognition").definedBy("io.batos.metacognition..")
                .layer("psm").definedBy("io.batos.cognition.psm..")
                .layer("kernel").definedBy("io.batos.kernel..")
                .layer("workbench").definedBy("io.batos.workbench..")
                .layer("cli").definedBy("io.batos.cli..")
                .layer("net").definedBy("io.batos.net..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                // cli starts the server (`batos serve`) and speaks to one (`batos client`), as it starts
                // the workbench; both stay on top of the kernel and nothing else may reach the network.
                .whereLayer("net").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("workbench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("kernel").mayOnlyBeAccessedByLayers("workbench", "cli", "net")
                // cli starts the workbench (the bare `batos` command); both sit on top of the kernel.
                .whereLayer("psm").mayOnlyBeAccessedByLayers("kernel", "workbench", "cli", "net")
                .whereLayer("metacognition").mayOnlyBeAccessedByLayers("psm", "memory", "kernel", "workbench", "cli", "net")
                .whereLayer("memory").mayOnlyBeAccessedByLayers("psm", "kernel", "workbench", "cli", "net")
                .whereLayer("llm").mayOnlyBeAccessedByLayers("psm", "kernel", "workbench", "cli", "net")
                .whereLayer("guardian").mayOnlyBeAccessedByLayers("psm", "kernel", "workbench", "cli", "net")
                .whereLayer("code").mayOnlyBeAccessedByLayers("guardian", "psm", "metacognition", "memory", "kernel",
                        "workbench", "cli", "net")
                .whereLayer("object").mayOnlyBeAccessedByLayers("code", "guardian", "llm", "memory", "metacognition",
                        "psm", "kernel", "workbench", "cli", "net")
                .check(classes);
    }

    @Test
    void imageImportsNoOtherProjectPackage() {
        noClasses().that().resideInAPackage("io.batos.image..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.batos..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.batos.image..")))
                .check(classes);
    }

    @Test
    void eventsImportOnlyTheImage() {
        noClasses().that().resideInAPackage("io.batos.events..")
                .should().dependOnClassesThat().resideInAnyPackage("io.batos.object..", "io.batos.code..",
                        "io.batos.guardian..", "io.batos.cognition..", "io.batos.memory..", "io.batos.metacognition..",
                        "io.batos.kernel..", "io.batos.workbench..", "io.batos.cli..", "io.batos.net..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void nothingBelowTheKernelSeesTheUiTheNetworkOrTheCommandLine() {
        noClasses().that().resideInAnyPackage("io.batos.image..", "io.batos.events..", "io.batos.object..",
                        "io.batos.code..", "io.batos.guardian..", "io.batos.cognition..", "io.batos.memory..",
                        "io.batos.metacognition..", "io.batos.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.zeromq..", "zmq..",
                        "io.batos.workbench..", "io.batos.net..", "io.batos.cli..", "picocli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void javaFxAppearsOnlyInTheWorkbench() {
        noClasses().that().resideOutsideOfPackage("io.batos.workbench..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("io.batos.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }
}
