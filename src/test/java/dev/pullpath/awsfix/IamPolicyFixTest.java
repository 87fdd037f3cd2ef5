package dev.pullpath.awsfix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pullpath.fix.AddEndpointSubnets;
import dev.pullpath.fix.AddGatewayRouteTables;
import dev.pullpath.fix.AuthorizeEgress;
import dev.pullpath.fix.AuthorizeIngress;
import dev.pullpath.fix.CreateGatewayEndpoint;
import dev.pullpath.fix.CreateInterfaceEndpoint;
import dev.pullpath.fix.CreatePullThroughCacheRule;
import dev.pullpath.fix.EnableVpcDnsHostnames;
import dev.pullpath.fix.EnableVpcDnsSupport;
import dev.pullpath.fix.FixAction;
import dev.pullpath.fix.FixActions;
import dev.pullpath.fix.PutExecutionRolePolicy;
import dev.pullpath.fix.RegisterTaskDefinitionRevision;
import dev.pullpath.fix.SetEndpointPolicy;
import dev.pullpath.fix.UpdateCacheRuleCredential;
import dev.pullpath.fix.UpdateServiceTaskDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/iam-policy-fix.json covers every action a plan declares and every AWS call the writer can make. */
class IamPolicyFixTest {
  static final List<FixAction> ONE_OF_EACH = List.of(
      new EnableVpcDnsSupport("vpc-1"), new EnableVpcDnsHostnames("vpc-1"),
      new dev.pullpath.fix.CreateEndpointSecurityGroup("vpc-1", List.of("10.0.0.0/24")),
      new AuthorizeIngress("sg-1", 443, List.of("10.0.0.0/24"), List.of()),
      new AuthorizeEgress("sg-1", 443, List.of("pl-1"), List.of("10.0.1.0/24")),
      new CreateInterfaceEndpoint("vpc-1", "com.amazonaws.eu-west-1.ecr.api", List.of("subnet-1"), List.of("sg-1")),
      new AddEndpointSubnets("vpce-1", List.of("subnet-2")),
      new CreateGatewayEndpoint("vpc-1", "com.amazonaws.eu-west-1.s3", List.of("rtb-1"), List.of(), false),
      new AddGatewayRouteTables("vpce-2", List.of("rtb-2"), List.of(), false),
      new SetEndpointPolicy("vpce-2", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", List.of()),
      new CreatePullThroughCacheRule("quay", "quay", "quay.io", null),
      new UpdateCacheRuleCredential("docker-hub", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/x"),
      new PutExecutionRolePolicy("role", "{\"Version\":\"2012-10-17\",\"Statement\":[]}"),
      new dev.pullpath.fix.TrustEcsTasks("role", "{\"Version\":\"2012-10-17\",\"Statement\":[]}"),
      new RegisterTaskDefinitionRevision("api", "arn:aws:ecs:eu-west-1:111122223333:task-definition/api:1", Map.of("app", "x")),
      new UpdateServiceTaskDefinition("c", "s", "api", "arn:aws:ecs:eu-west-1:111122223333:task-definition/api:1",
          Map.of("app", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/nginx:1")));

  static Set<String> documentedActions() throws Exception {
    JsonNode policy = new ObjectMapper().readTree(Path.of("docs/iam-policy-fix.json").toFile());
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      JsonNode action = statement.get("Action");
      if (action.isArray()) {
        action.forEach(a -> actions.add(a.asText()));
      } else {
        actions.add(action.asText());
      }
    }
    return actions;
  }

  @Test
  void everyKindOfActionIsCoveredAndItsPermissionsDocumented() throws Exception {
    List<Class<?>> kinds = ONE_OF_EACH.stream().<Class<?>>map(Object::getClass).toList();
    assertThat(kinds).containsExactlyInAnyOrderElementsOf(FixActions.all());
    Set<String> documented = documentedActions();
    for (FixAction action : ONE_OF_EACH) {
      assertThat(documented).as(action.getClass().getSimpleName()).containsAll(action.iamActions());
    }
  }

  @Test
  void everyAwsCallTheWriterCanMakeIsInThePolicy() throws Exception {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.pullpath.awsfix");
    Set<String> called = new TreeSet<>();
    for (JavaClass c : classes) {
      for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
        JavaClass owner = call.getTargetOwner();
        if (owner.getPackageName().startsWith("software.amazon.awssdk.services.") && owner.getSimpleName().endsWith("Client")
            && !call.getName().equals("builder") && !call.getName().equals("close")
            && !call.getName().endsWith("Paginator")) {
          String service = owner.getPackageName().substring("software.amazon.awssdk.services.".length());
          called.add(service + ":" + call.getName().substring(0, 1).toUpperCase(Locale.ROOT) + call.getName().substring(1));
        }
      }
    }
    assertThat(called).contains("ec2:CreateVpcEndpoint", "ec2:AuthorizeSecurityGroupEgress", "ecs:RegisterTaskDefinition", "iam:PutRolePolicy",
        "ecr:CreatePullThroughCacheRule", "iam:SimulatePrincipalPolicy", "iam:GetRole");
    // The preflight asks STS who is calling: GetCallerIdentity needs no permission and cannot be denied.
    assertThat(called).contains("sts:GetCallerIdentity");
    called.remove("sts:GetCallerIdentity");
    assertThat(documentedActions()).containsAll(called);
  }
}
