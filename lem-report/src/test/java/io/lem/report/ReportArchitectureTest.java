package io.lem.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/** lem-report's packages depend on each other one way only, and the module never reaches up into the CLI or lab. */
class ReportArchitectureTest {

    private static final JavaClasses REPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lem.report");

    /** Every package its own slice, io.lem.report itself included (a "io.lem.report.(**)" pattern leaves it out). */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return c.getPackageName().startsWith("io.lem.report") ? SliceIdentifier.of(c.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of lem-report";
        }
    };

    @Test
    void reportPackagesAreFreeOfCycles() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(REPORT);
    }

    @Test
    void reportNeverImportsTheCliOrTheLab() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.lem.cli..", "io.lem.lab..", "picocli..",
                "io.javalin..").check(REPORT);
    }
}
