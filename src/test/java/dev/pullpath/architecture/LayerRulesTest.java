package dev.pullpath.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The one-way flow collect → check → report, written as rules that read as sentences (ArchUnit's own
 * {@code GeneralCodingRules} style). A failing rule names the offending dependency.
 */
@AnalyzeClasses(packages = "dev.pullpath", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

  @ArchTest
  static final ArchRule RULES_READ_ONLY_THE_SNAPSHOT =
      classes().that().resideInAPackage("dev.pullpath.rules..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "dev.pullpath.rules..", "dev.pullpath.check..", "dev.pullpath.snapshot..", "dev.pullpath.policy..",
              "dev.pullpath.pull..", "java..")
          .as("rules depend only on the snapshot, the finding model and pure domain helpers")
          .because("rules never call AWS and never know how they are reported");

  @ArchTest
  static final ArchRule CHECK_MODEL_STAYS_PURE =
      classes().that().resideInAnyPackage("dev.pullpath.check..", "dev.pullpath.pull..", "dev.pullpath.policy..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "dev.pullpath.check..", "dev.pullpath.snapshot..", "dev.pullpath.policy..", "dev.pullpath.pull..",
              "java..", "com.fasterxml.jackson..")
          .because("the finding model and domain helpers are shared by collectors, rules and reports");

  @ArchTest
  static final ArchRule SNAPSHOT_IS_A_LEAF =
      noClasses().that().resideInAPackage("dev.pullpath.snapshot..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "dev.pullpath.check..", "dev.pullpath.rules..", "dev.pullpath.report..", "dev.pullpath.cli..",
              "dev.pullpath.aws..", "dev.pullpath.fix..", "dev.pullpath.pull..")
          .because("the snapshot is the contract between collectors and rules and must not know either");

  @ArchTest
  static final ArchRule PLANNED_FILES_ARE_ONE_MORE_SOURCE_OF_A_SNAPSHOT =
      classes().that().resideInAPackage("dev.pullpath.planned..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "dev.pullpath.planned..", "dev.pullpath.snapshot..", "dev.pullpath.check..", "dev.pullpath.policy..",
              "java..", "com.fasterxml.jackson..")
          .because("planned files become snapshot parts and source positions; they neither judge nor call AWS");

  @ArchTest
  static final ArchRule THE_GATE_ONLY_SORTS_FINDINGS =
      classes().that().resideInAPackage("dev.pullpath.gate..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "dev.pullpath.gate..", "dev.pullpath.check..", "dev.pullpath.policy..", "java..",
              "com.fasterxml.jackson..")
          .because("suppressions and baselines decide which findings fail a build, never what is found or how "
              + "it is reported");

  @ArchTest
  static final ArchRule REPORTS_DO_NOT_KNOW_RULE_INTERNALS =
      noClasses().that().resideInAPackage("dev.pullpath.report..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "dev.pullpath.rules..", "dev.pullpath.aws..", "dev.pullpath.fix..", "dev.pullpath.cli..")
          .because("renderers read findings and rule metadata only, so a new rule needs no report change");

  @ArchTest
  static final ArchRule COLLECTORS_DO_NOT_JUDGE =
      noClasses().that().resideInAPackage("dev.pullpath.aws..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "dev.pullpath.rules..", "dev.pullpath.check..", "dev.pullpath.report..", "dev.pullpath.fix..")
          .because("collectors turn API answers into a snapshot; judging is the rules' job");

  @ArchTest
  static final ArchRule ONLY_AWS_AND_FIX_TOUCH_THE_SDK =
      noClasses().that().resideOutsideOfPackages("dev.pullpath.aws..", "dev.pullpath.awsfix..")
          .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
          .because("an offline scan must not load or configure any AWS SDK client");

  @ArchTest
  static final ArchRule FIX_PLANS_WITHOUT_AWS =
      classes().that().resideInAPackage("dev.pullpath.fix..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "dev.pullpath.fix..", "dev.pullpath.check..", "dev.pullpath.snapshot..", "dev.pullpath.policy..",
              "dev.pullpath.pull..", "java..", "com.fasterxml.jackson..")
          .as("the fix planner is pure: it reads a snapshot and findings and calls AWS only through its interfaces")
          .because("a plan must be reviewable and testable without credentials");

  @ArchTest
  static final ArchRule THE_SCAN_PATH_NEVER_WRITES =
      noClasses().that().resideInAnyPackage(
              "dev.pullpath.rules..", "dev.pullpath.check..", "dev.pullpath.snapshot..", "dev.pullpath.report..",
              "dev.pullpath.aws..", "dev.pullpath.policy..", "dev.pullpath.pull..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.pullpath.fix..", "dev.pullpath.awsfix..")
          .orShould().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                  com.tngtech.archunit.base.DescribedPredicate.describe("an AWS SDK client",
                      (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("software.amazon.awssdk.services")
                          && c.getSimpleName().endsWith("Client"))))
              .and(JavaCall.Predicates.target(HasName.Predicates.nameMatching(
                  "(create|modify|authorize|revoke|put|register|deregister|update|delete|attach|detach|tag|untag)[A-Z].*"))))
          .as("the scan path (collectors, rules, reports) makes no AWS write call and does not know the fixer")
          .because("scanning needs only the read-only policy (docs/iam-policy-scan.json); writes live in awsfix");

  @ArchTest
  static final ArchRule NOTHING_DEPENDS_ON_THE_CLI =
      noClasses().that().resideOutsideOfPackage("dev.pullpath.cli..")
          .should().dependOnClassesThat().resideInAPackage("dev.pullpath.cli..")
          .because("the CLI is the outermost layer: it parses and delegates");

  @ArchTest
  static final ArchRule NO_STANDARD_STREAMS_OUTSIDE_THE_CLI =
      noClasses().that().resideOutsideOfPackage("dev.pullpath.cli..")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("output goes through injected writers so it can be captured and redirected");

  @ArchTest
  static final ArchRule NO_GENERIC_EXCEPTIONS = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

  @ArchTest
  static final ArchRule NO_JAVA_UTIL_LOGGING = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
