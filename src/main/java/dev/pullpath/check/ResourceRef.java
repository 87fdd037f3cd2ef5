package dev.pullpath.check;

/**
 * The AWS resource a finding is about.
 *
 * @param type CloudFormation-style type, e.g. {@code AWS::EC2::VPC}
 * @param id the resource's id or name, e.g. {@code vpc-0abc}
 * @param arn the resource's ARN
 */
public record ResourceRef(String type, String id, String arn) {
  public ResourceRef {
    java.util.Objects.requireNonNull(type, "type");
    java.util.Objects.requireNonNull(id, "id");
    java.util.Objects.requireNonNull(arn, "arn");
  }
}
