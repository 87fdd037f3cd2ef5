package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullpath.check.SourcePosition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskDefinitionFilesTest {

  @Test
  void readsTheRegisterShapeWithPositions() {
    PlannedTaskDefinition td =
        TaskDefinitionFiles.read(Path.of("examples/taskdef-public-image.json"), "examples/taskdef-public-image.json");

    assertThat(td.family()).isEqualTo("httpd");
    assertThat(td.executionRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/ecsTaskExecutionRole");
    assertThat(td.containers()).singleElement().satisfies(c -> {
      assertThat(c.image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
      assertThat(c.usesAwsLogs()).isTrue();
      assertThat(c.portMappings()).singleElement().satisfies(p -> assertThat(p.containerPort()).isEqualTo(80));
    });
    assertThat(td.accountHint()).isEqualTo("111122223333");
    assertThat(td.regionHint()).isEqualTo("ap-northeast-1");
    assertThat(td.ignoredFieldsNote()).isNull();
    // "image": "public.ecr.aws/nginx/nginx:1.27" on line 11, the string from column 16 to 49 (exclusive)
    assertThat(td.positionOf("/containerDefinitions/0/image"))
        .isEqualTo(new SourcePosition("examples/taskdef-public-image.json", 11, 16, 11, 49));
    assertThat(td.positionOf("/executionRoleArn").line()).isEqualTo(7);
  }

  @Test
  void acceptsDescribeOutputAndNotesTheReadOnlyFieldsOnce() {
    String describe = """
        {"taskDefinition": {
          "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7",
          "family": "web", "revision": 7, "status": "ACTIVE", "compatibilities": ["EC2", "FARGATE"],
          "registeredAt": "2026-11-30T10:00:00Z",
          "containerDefinitions": [{"name": "web", "image": "nginx:1.27",
            "secrets": [{"name": "T", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/t"}]}]
        }}
        """;

    PlannedTaskDefinition td = TaskDefinitionFiles.parse(describe, "web.json");

    assertThat(td.pointerPrefix()).isEqualTo("/taskDefinition");
    assertThat(td.ignoredFields())
        .containsExactly("taskDefinitionArn", "revision", "status", "compatibilities", "registeredAt");
    assertThat(td.ignoredFieldsNote()).startsWith("web.json: ignored the read-only fields taskDefinitionArn, revision");
    assertThat(td.executionRoleArn()).isNull();
    assertThat(td.containers().get(0).secrets()).containsExactly("arn:aws:ssm:eu-west-1:123456789012:parameter/t");
    assertThat(td.accountHint()).isEqualTo("123456789012");
    assertThat(td.regionHint()).isEqualTo("eu-west-1");
    assertThat(td.positionOf("/containerDefinitions/0/image").line()).isEqualTo(5);
    // No execution role in the file: a finding about it points at the family instead.
    assertThat(td.positionOf("/executionRoleArn").line()).isEqualTo(3);
  }

  @Test
  void refusesWhatIsNotATaskDefinitionNamingTheValue() {
    assertThatThrownBy(() -> TaskDefinitionFiles.parse("{\"family\": ", "a.json"))
        .isInstanceOf(PlannedInputException.class).hasMessageStartingWith("a.json: not JSON (line 1");
    assertThatThrownBy(() -> TaskDefinitionFiles.parse("[]", "a.json"))
        .hasMessage("a.json: a task definition is a JSON object");
    assertThatThrownBy(() -> TaskDefinitionFiles.parse("{\"containerDefinitions\": []}", "a.json"))
        .hasMessage("a.json at /family: a non-empty string is required");
    assertThatThrownBy(() -> TaskDefinitionFiles.parse("{\"family\": \"f\", \"containerDefinitions\": []}", "a.json"))
        .hasMessageContaining("at least one container definition");
    assertThatThrownBy(() -> TaskDefinitionFiles.parse(
            "{\"family\": \"f\", \"containerDefinitions\": [{\"name\": \"c\", \"image\": 3}]}", "a.json"))
        .hasMessage("a.json at /containerDefinitions/0/image: must be a string");
  }

  @Test
  void pointersEscapeAndCountArrayElements() throws Exception {
    JsonPositions positions = JsonPositions.of("{\"a/b\": [1, {\"c~\": \"x\"}],\n \"d\": true}", "f");

    assertThat(positions.at("/a~1b/0")).isEqualTo(new SourcePosition("f", 1, 10, 1, 11));
    assertThat(positions.at("/a~1b/1/c~0")).isEqualTo(new SourcePosition("f", 1, 20, 1, 23));
    assertThat(positions.at("/d")).isEqualTo(new SourcePosition("f", 2, 7, 2, 11));
    assertThat(positions.at("/nope")).isNull();
  }
}
