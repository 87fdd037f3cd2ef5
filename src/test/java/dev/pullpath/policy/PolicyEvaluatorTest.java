package dev.pullpath.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  private static final String LAYER = "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/sha256/abc";

  private static Decision decide(String policyJson, String action, String resource) {
    return PolicyEvaluator.evaluate(List.of(PolicyDocument.parse(policyJson)), PolicyRequest.of(action, resource))
        .decision();
  }

  @Test
  void allowsWithStringOrArrayFieldsAndWildcards() {
    String policy = """
        {"Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":["arn:aws:s3:::prod-*-starport-layer-bucket/*"]}}""";
    assertThat(decide(policy, "s3:GetObject", LAYER)).isEqualTo(Decision.ALLOWED);
    assertThat(decide(policy, "s3:PutObject", LAYER)).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::other/x")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void actionsMatchCaseInsensitivelyResourcesCaseSensitively() {
    String policy = """
        {"Statement":[{"Effect":"Allow","Action":"S3:getobject","Resource":"arn:aws:s3:::Bucket/*"}]}""";
    assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::Bucket/k")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::bucket/k")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    String policy = """
        {"Statement":[{"Effect":"Allow","Action":"ecr:BatchGet?mage","Resource":"*"}]}""";
    assertThat(decide(policy, "ecr:BatchGetImage", "*")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(policy, "ecr:BatchGetmage", "*")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void explicitDenyWinsOverAllow() {
    String policy = """
        {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
                      {"Sid":"NoLayers","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::prod-*-starport-layer-bucket/*"}]}""";
    Evaluation evaluation = PolicyEvaluator.evaluate(List.of(PolicyDocument.parse(policy)),
        PolicyRequest.of("s3:GetObject", LAYER));
    assertThat(evaluation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(evaluation.statements()).containsExactly("NoLayers");
  }

  @Test
  void notActionAndNotResourceInvertTheMatch() {
    String denyAllButCorp = """
        {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
                      {"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::corp-*"]}]}""";
    assertThat(decide(denyAllButCorp, "s3:GetObject", LAYER)).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(decide(denyAllButCorp, "s3:GetObject", "arn:aws:s3:::corp-logs")).isEqualTo(Decision.ALLOWED);

    String allowAllButDelete = """
        {"Statement":[{"Effect":"Allow","NotAction":["ecr:Delete*"],"Resource":"*"}]}""";
    assertThat(decide(allowAllButDelete, "ecr:BatchGetImage", "*")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(allowAllButDelete, "ecr:DeleteRepository", "*")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void conditionsAreNeverGuessed() {
    String conditionalAllow = """
        {"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}]}""";
    assertThat(decide(conditionalAllow, "s3:GetObject", LAYER)).isEqualTo(Decision.UNDECIDED);

    String conditionalDeny = """
        {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
                      {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""";
    assertThat(decide(conditionalDeny, "s3:GetObject", LAYER)).isEqualTo(Decision.UNDECIDED);
  }

  @Test
  void resourcePoliciesMatchThePrincipal() {
    PolicyDocument registry = PolicyDocument.parse("""
        {"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/exec"]},
          "Action":"ecr:CreateRepository","Resource":"*"}]}""");
    assertThat(PolicyEvaluator.evaluate(List.of(registry),
        PolicyRequest.againstResourcePolicy("ecr:CreateRepository", "arn:aws:ecr:r:1:repository/x",
            "arn:aws:iam::111122223333:role/exec"))
        .decision()).isEqualTo(Decision.ALLOWED);
    assertThat(PolicyEvaluator.evaluate(List.of(registry),
        PolicyRequest.againstResourcePolicy("ecr:CreateRepository", "arn:aws:ecr:r:1:repository/x",
            "arn:aws:iam::111122223333:role/other"))
        .decision()).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void aWildcardInsideAPrincipalArnMatchesNothingButAStarAloneMatchesEveryone() {
    PolicyRequest request = PolicyRequest.againstResourcePolicy("ecr:CreateRepository", "arn:aws:ecr:r:1:repository/x",
        "arn:aws:iam::111122223333:role/ecs-exec");
    PolicyDocument partial = PolicyDocument.parse("""
        {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ecs-*"},
          "Action":"ecr:CreateRepository","Resource":"*"}]}""");
    PolicyDocument everyone = PolicyDocument.parse("""
        {"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:CreateRepository","Resource":"*"}]}""");
    assertThat(PolicyEvaluator.evaluate(List.of(partial), request).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(PolicyEvaluator.evaluate(List.of(everyone), request).decision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void aConditionalDenyWithoutAnyAllowIsStillADeny() {
    String onlyConditionalDeny = """
        {"Statement":[{"Effect":"Deny","Action":"ecr:*","Resource":"*","Condition":{"StringNotEquals":{"aws:sourceVpce":"vpce-1"}}}]}""";
    assertThat(decide(onlyConditionalDeny, "ecr:BatchGetImage", "*")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void accountPrincipalsFilterEndpointsButDoNotGrantInResourcePolicies() {
    String role = "arn:aws:iam::111122223333:role/exec";
    PolicyDocument ownAccountOnly = PolicyDocument.parse("""
        {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"ecr:*","Resource":"*"}]}""");
    PolicyDocument bareAccountId = PolicyDocument.parse("""
        {"Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333"]},"Action":"ecr:*","Resource":"*"}]}""");
    PolicyDocument denyAccount = PolicyDocument.parse("""
        {"Statement":[{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"ecr:CreateRepository","Resource":"*"}]}""");

    assertThat(PolicyEvaluator.evaluate(List.of(ownAccountOnly),
        PolicyRequest.throughEndpoint("ecr:BatchGetImage", "*", role)).decision()).isEqualTo(Decision.ALLOWED);
    assertThat(PolicyEvaluator.evaluate(List.of(bareAccountId),
        PolicyRequest.throughEndpoint("ecr:BatchGetImage", "*", role)).decision()).isEqualTo(Decision.ALLOWED);
    assertThat(PolicyEvaluator.evaluate(List.of(ownAccountOnly),
        PolicyRequest.throughEndpoint("ecr:BatchGetImage", "*", "arn:aws:iam::999988887777:role/x")).decision())
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(PolicyEvaluator.evaluate(List.of(ownAccountOnly),
        PolicyRequest.againstResourcePolicy("ecr:CreateRepository", "*", role)).decision())
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(PolicyEvaluator.evaluate(List.of(denyAccount),
        PolicyRequest.againstResourcePolicy("ecr:CreateRepository", "*", role)).decision())
        .isEqualTo(Decision.EXPLICIT_DENY);
  }

  @Test
  void permissionsBoundaryMustAlsoAllow() {
    List<PolicyDocument> identity = List.of(PolicyDocument.parse("""
        {"Statement":[{"Effect":"Allow","Action":["ecr:*","logs:*"],"Resource":"*"}]}"""));
    PolicyDocument logsOnly = PolicyDocument.parse("""
        {"Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}""");
    assertThat(PolicyEvaluator.evaluateWithBoundary(identity, logsOnly, PolicyRequest.of("ecr:BatchGetImage", "*"))
        .decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(PolicyEvaluator.evaluateWithBoundary(identity, logsOnly, PolicyRequest.of("logs:PutLogEvents", "*"))
        .decision()).isEqualTo(Decision.ALLOWED);
    assertThat(PolicyEvaluator.evaluateWithBoundary(identity, null, PolicyRequest.of("ecr:BatchGetImage", "*"))
        .decision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void readsUrlEncodedPoliciesAsIamReturnsThem() {
    String encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
        + "%22Action%22%3A%22ecr%3AGetAuthorizationToken%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";
    assertThat(decide(encoded, "ecr:GetAuthorizationToken", "*")).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void keepsDocumentsThatAreNotPoliciesWithTheReason() {
    assertThat(PolicyDocument.parse("{\"Statement\":[{\"Effect\":\"Maybe\"}]}").parseError())
        .hasValueSatisfying(reason -> assertThat(reason).contains("Effect 'Maybe'"));
    assertThat(PolicyDocument.parse("{\"Version\":\"2012-10-17\"}").parseError())
        .hasValueSatisfying(reason -> assertThat(reason).contains("no Statement"));
    PolicyDocument broken = PolicyDocument.parse("{not json");
    assertThat(broken.isParsable()).isFalse();
    assertThat(broken.parseError()).hasValueSatisfying(reason -> assertThat(reason).contains("not valid JSON"));
    assertThat(broken.statements()).isEmpty();
    assertThat(broken.toJsonText()).isEqualTo("{not json");
    assertThat(PolicyDocument.parse("%7Bbad%ZZ").parseError()).isPresent();
    assertThatThrownBy(() -> broken.withStatement("{}")).isInstanceOf(IllegalStateException.class);
    assertThat(PolicyDocument.parse("{\"Statement\":[]}").isParsable()).isTrue();
  }

  @Test
  void wildcardMatchingHandlesBacktracking() {
    assertThat(WildcardPattern.matches("a*b*c", "axxbyybzc", false)).isTrue();
    assertThat(WildcardPattern.matches("a*b*c", "axxbyybz", false)).isFalse();
    assertThat(WildcardPattern.matches("*", "", false)).isTrue();
    assertThat(WildcardPattern.matches("", "x", false)).isFalse();
  }
}
