package dev.pullpath.awsfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** A new revision keeps every field RegisterTaskDefinition takes; only the named images change. */
class TaskDefinitionCopyTest {

  static TaskDefinition everyField() {
    return TaskDefinition.builder()
        .taskDefinitionArn("arn:aws:ecs:ap-northeast-1:111122223333:task-definition/api:7").family("api").revision(7)
        .status("ACTIVE").compatibilitiesWithStrings("EC2", "FARGATE").registeredBy("arn:aws:iam::111122223333:user/x")
        .taskRoleArn("arn:aws:iam::111122223333:role/app").executionRoleArn("arn:aws:iam::111122223333:role/exec")
        .networkMode("awsvpc").cpu("1024").memory("2048").pidMode("task").ipcMode("none")
        .requiresCompatibilitiesWithStrings("FARGATE")
        .runtimePlatform(p -> p.cpuArchitecture("ARM64").operatingSystemFamily("LINUX"))
        .ephemeralStorage(e -> e.sizeInGiB(50))
        .proxyConfiguration(p -> p.type("APPMESH").containerName("envoy"))
        .volumes(v -> v.name("data").efsVolumeConfiguration(e -> e.fileSystemId("fs-1").transitEncryption("ENABLED")))
        .placementConstraints(c -> c.type("memberOf").expression("attribute:ecs.os-type == linux"))
        .enableFaultInjection(true)
        .containerDefinitions(
            ContainerDefinition.builder().name("app").image("nginx:1.27").essential(true)
                .secrets(Secret.builder().name("DB").valueFrom("arn:aws:secretsmanager:ap-northeast-1:1:secret:db").build())
                .environment(e -> e.name("MODE").value("prod")).build(),
            ContainerDefinition.builder().name("envoy").image("public.ecr.aws/appmesh/aws-appmesh-envoy:v1").build())
        .build();
  }

  @Test
  void aSourceMadeByAnEarlierPlanGetsThisPlansTagValue() {
    DescribeTaskDefinitionResponse described = DescribeTaskDefinitionResponse.builder().taskDefinition(everyField())
        .tags(Tag.builder().key("team").value("platform").build(), Tag.builder().key("pullpath:plan").value("pp-0").build())
        .build();

    RegisterTaskDefinitionRequest request = TaskDefinitionCopy.revision(described, Map.of(), Map.of("pullpath:plan", "pp-1"));

    assertThat(request.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=platform", "pullpath:plan=pp-1");
  }

  @Test
  void everyRegisterableFieldIsCopiedAndOnlyTheNamedImageChanges() {
    TaskDefinition source = everyField();
    DescribeTaskDefinitionResponse described = DescribeTaskDefinitionResponse.builder().taskDefinition(source)
        .tags(Tag.builder().key("team").value("platform").build()).build();

    RegisterTaskDefinitionRequest request = TaskDefinitionCopy.revision(described,
        Map.of("app", "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/nginx:1.27"),
        Map.of("pullpath:plan", "pp-1"));

    for (SdkField<?> field : request.sdkFields()) {
      String name = field.memberName();
      if (name.equals("containerDefinitions") || name.equals("tags")) {
        continue;
      }
      SdkField<?> from = source.sdkFields().stream().filter(f -> f.memberName().equals(name)).findFirst().orElse(null);
      assertThat(from).as("RegisterTaskDefinition's " + name + " is read from DescribeTaskDefinition").isNotNull();
      assertThat(field.getValueOrDefault(request)).as(name).isEqualTo(from.getValueOrDefault(source));
    }
    assertThat(request.containerDefinitions()).hasSize(2);
    assertThat(request.containerDefinitions().get(0)).isEqualTo(source.containerDefinitions().get(0).toBuilder()
        .image("111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/nginx:1.27").build());
    assertThat(request.containerDefinitions().get(1)).isEqualTo(source.containerDefinitions().get(1));
    assertThat(request.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=platform", "pullpath:plan=pp-1");
    assertThat(request.runtimePlatform().cpuArchitectureAsString()).isEqualTo("ARM64");
    assertThat(request.volumes()).isEqualTo(source.volumes());
    assertThat(List.of(request.ephemeralStorage().sizeInGiB(), request.enableFaultInjection())).containsExactly(50, true);
  }
}
