package io.lem;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the arrows pointing one way: core never imports the engines, CLI, lab, report, Slurm or test-kit modules. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // lem-core's own classes: the test kit on the test class path is not part of core
            .withImportOption(location -> !location.contains("lem-testkit"))
            .importPackages("io.lem");

    @Test
    void coreDependsOnNoOuterModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.lem.cli..", "io.lem.llamacpp..", "io.lem.engines..", "io.lem.lab..", "io.lem.report..",
                        "io.lem.slurm..", "io.lem.testkit..", "picocli..",
                        "de.kherud..", "io.javalin..")
                .check(CORE);
    }

    /**
     * The verifier is a second, independent implementation: sharing analysis code would let one bug hide in both. It
     * shares the file readers (io.lem.result), which hold no analysis.
     */
    @Test
    void verifySharesNoAnalysisCode() {
        noClasses().that().resideInAPackage("io.lem.verify..").should().dependOnClassesThat().resideInAnyPackage(
                        "io.lem.analysis..", "io.lem.study..", "io.lem.meter..", "io.lem.measure..", "io.lem.load..",
                        "io.lem.client..", "io.lem.engine..", "io.lem")
                .check(CORE);
    }

    /** No two packages of core (at any depth) depend on each other in a cycle. */
    @Test
    void corePackagesAreFreeOfCycles() {
        slices().matching("io.lem.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void corePackagesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.lem..")
                .layer("api").definedBy("io.lem")
                .layer("study").definedBy("io.lem.study..")
                .layer("measure").definedBy("io.lem.measure..")
                .layer("engine").definedBy("io.lem.engine..")
                .layer("load").definedBy("io.lem.load..")
                .layer("client").definedBy("io.lem.client..")
                .layer("plan").definedBy("io.lem.plan..")
                .layer("verify").definedBy("io.lem.verify..")
                .layer("result").definedBy("io.lem.result..")
                .layer("analysis").definedBy("io.lem.analysis..")
                .layer("meter").definedBy("io.lem.meter..")
                .layer("config").definedBy("io.lem.config..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("study").mayOnlyBeAccessedByLayers("api")
                .whereLayer("measure").mayOnlyBeAccessedByLayers("study", "api")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("study", "api")
                .whereLayer("load").mayOnlyBeAccessedByLayers("engine", "study", "api")
                .whereLayer("client").mayOnlyBeAccessedByLayers("load", "engine", "study", "api")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("study", "api")
                .whereLayer("verify").mayOnlyBeAccessedByLayers("study", "api")
                .whereLayer("result").mayOnlyBeAccessedByLayers("verify", "measure", "study", "api")
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("measure", "study", "api", "result", "engine") // engine: EngineDriver.architecture
                .whereLayer("meter").mayOnlyBeAccessedByLayers("analysis", "measure", "client", "load", "engine", "result",
                        "study", "api")
                .check(CORE);
    }
}
