package dev.pullpath.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** Reports are a pure function of the finding model: no rules, no AWS, no printing. */
class ReportLayerTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.pullpath");

  static final ArchRule REPORTS_READ_ONLY_THE_FINDING_MODEL =
      classes().that().resideInAPackage("dev.pullpath.report..")
          .should().onlyDependOnClassesThat()
          .resideInAnyPackage("dev.pullpath.report..", "dev.pullpath.check..", "java..", "com.fasterxml.jackson..")
          .as("report classes depend only on dev.pullpath.check, the JDK and Jackson")
          .because("a report renders a ScanResult; rule code and the AWS SDK must not leak into output formats");

  static final ArchRule REPORTS_DO_NOT_PRINT =
      noClasses().that().resideInAPackage("dev.pullpath.report..")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("renderers return text and the CLI decides where it goes");

  @Test
  void reportsReadOnlyTheFindingModel() {
    REPORTS_READ_ONLY_THE_FINDING_MODEL.check(MAIN);
  }

  @Test
  void reportsDoNotPrint() {
    REPORTS_DO_NOT_PRINT.check(MAIN);
  }
}
