package org.losslab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of the architecture, checked on the production classes. */
class LayerRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.losslab");
    }

    @Test
    void javafxOnlyInUiAndApp() {
        noClasses().that().resideOutsideOfPackages("org.losslab.ui..", "org.losslab.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree.chart.fx..")
                .check(classes);
    }

    @Test
    void nd4jOnlyInItsEngine() {
        noClasses().that().resideOutsideOfPackage("org.losslab.engine.nd4j..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..")
                .check(classes);
    }

    @Test
    void djlOnlyInItsEngine() {
        noClasses().that().resideOutsideOfPackage("org.losslab.engine.pytorch..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .check(classes);
    }

    @Test
    void engineImplementationsAreNamedOnlyInsideTheEngine() {
        noClasses().that().resideOutsideOfPackages("org.losslab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.losslab.engine.nd4j..", "org.losslab.engine.pytorch..")
                .check(classes);
    }

    @Test
    void vizAndTopologyAndDataUseOnlyTheJdk() {
        for (String pkg : new String[] {"org.losslab.viz..", "org.losslab.topology.."}) {
            noClasses().that().resideInAPackage(pkg)
                    .should().dependOnClassesThat().resideOutsideOfPackages("java..", pkg)
                    .allowEmptyShould(true)
                    .check(classes);
        }
        noClasses().that().resideInAPackage("org.losslab.data..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.losslab.data..", "org.losslab.param..",
                        "javax.imageio..")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("org.losslab.loss..", "org.losslab.model..", "org.losslab.data..",
                        "org.losslab.topology..", "org.losslab.engine..", "org.losslab.param..")
                .should().dependOnClassesThat().resideInAnyPackage("org.losslab.ui..", "org.losslab.app..",
                        "org.losslab.experiment..", "org.losslab.train..", "org.losslab.analysis..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.losslab.experiment..", "org.losslab.train..",
                        "org.losslab.analysis..", "org.losslab.viz..")
                .should().dependOnClassesThat().resideInAnyPackage("org.losslab.ui..", "org.losslab.app..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.losslab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.losslab.loss..", "org.losslab.model..",
                        "org.losslab.data..", "org.losslab.topology..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.losslab.(*)..").should().beFreeOfCycles().check(classes);
    }
}
