package dev.pullpath.check;

import dev.pullpath.snapshot.SnapshotPart;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata, declared once on its class (as Error Prone's {@code @BugPattern}): reports, SARIF,
 * {@code pullpath rules} and the docs page check all read it from here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
  /** Stable id, {@code PP} and three digits; also the name of the rule's page {@code rules/ID.md}. */
  String id();

  /** Short kebab-case name, e.g. {@code ecr-api-endpoint}. */
  String name();

  /** One-line title, e.g. "VPC has an ECR API interface endpoint". */
  String title();

  /** Two or three sentences: what is checked and what breaks without it. */
  String summary();

  Severity severity();

  /** The snapshot parts the rule reads; if one is unreadable the rule is reported as not evaluated. */
  SnapshotPart[] reads();
}
