package dev.pinwall.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Layering rules: a core that knows nothing of JavaFX, a UI that reaches inference only through the core. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pinwall");
    }

    @Test
    void coreDoesNotDependOnJavaFx() {
        noClasses().that().resideInAPackage("dev.pinwall..")
                .and().resideOutsideOfPackage("dev.pinwall.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp..",
                        "atlantafx..")
                .because("the core is shared by the command line and must run without a display")
                .check(classes);
    }

    @Test
    void uiDoesNotUseTheInferenceLibraryDirectly() {
        noClasses().that().resideInAPackage("dev.pinwall.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .because("the UI embeds through the core's Embedder and Library")
                .check(classes);
    }

    @Test
    void taskPackageStaysFreeOfTheUi() {
        noClasses().that().resideInAPackage("dev.pinwall.task..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pinwall.ui..", "javafx..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToStandardOutput() {
        noClasses().that().resideInAPackage("dev.pinwall..")
                .and().resideOutsideOfPackage("dev.pinwall.cli..")
                .and().doNotHaveFullyQualifiedName("dev.pinwall.Main")
                .and().haveSimpleNameNotEndingWith("Bench")
                .should().accessField(System.class, "out")
                .because("everything else reports through slf4j or the UI (bench mains print their figures)")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.pinwall.(*)..")
                .should().beFreeOfCycles()
                .because("each package must be understandable and testable without the ones that use it")
                .check(classes);
    }

    @Test
    void onlyTheStoreSpeaksSql() {
        noClasses().that().resideInAPackage("dev.pinwall..")
                .and().resideOutsideOfPackage("dev.pinwall.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
                .because("the store owns the schema, transactions and corruption handling")
                .check(classes);
    }

    /** Whatever the SQLite store class is called: a class that itself uses JDBC. */
    private static final DescribedPredicate<JavaClass> USES_JDBC = DescribedPredicate.describe("use JDBC",
            c -> c.getDirectDependenciesFromSelf().stream()
                    .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("java.sql")));

    @Test
    void uiDoesNotUseTheSqliteStoreDirectly() {
        noClasses().that().resideInAPackage("dev.pinwall.ui..")
                .should().dependOnClassesThat(USES_JDBC)
                .because("the UI reaches vectors through the VectorStore seam and the core's Library, never a SQL class")
                .check(classes);
    }
}
