package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --parameters FILE}: values that override a template's parameter defaults. */
class TemplateParametersTest {
  private static final String TEMPLATE = """
      Parameters:
        ImageTag: {Type: String, Default: "1.27"}
        Registry: {Type: String}
        Subnets: {Type: "List<AWS::EC2::Subnet::Id>", Default: "subnet-a"}
      Resources:
        TaskDefinition:
          Type: AWS::ECS::TaskDefinition
          Properties:
            Family: web
            ContainerDefinitions:
              - Name: web
                Image: !Sub "${Registry}/nginx:${ImageTag}"
        Endpoint:
          Type: AWS::EC2::VPCEndpoint
          Properties:
            ServiceName: com.amazonaws.ap-northeast-1.ecr.api
            VpcEndpointType: Interface
            SubnetIds: !Ref Subnets
        """;

  @Test
  void bothShapesOverrideTheDefaultsInRefAndSub() {
    TemplateParameters list = TemplateParameters.parse("""
        [{"ParameterKey": "ImageTag", "ParameterValue": "1.28"},
         {"ParameterKey": "Registry", "ParameterValue": "public.ecr.aws/nginx"},
         {"ParameterKey": "Subnets", "ParameterValue": "subnet-b,subnet-c"}]
        """, "p.json");
    TemplateParameters object = TemplateParameters.parse("""
        {"ImageTag": "1.28", "Registry": "public.ecr.aws/nginx", "Subnets": ["subnet-b", "subnet-c"]}
        """, "p.json");

    for (TemplateParameters parameters : List.of(list, object)) {
      PlannedResources read = CloudFormationTemplates.parseAll(TEMPLATE, "t.yaml", parameters);
      assertThat(read.taskDefinitions().get(0).containers().get(0).image()).isEqualTo("public.ecr.aws/nginx/nginx:1.28");
      assertThat(read.endpoints().get(0).subnetIds()).containsExactly("subnet-b", "subnet-c");
      assertThat(read.notes()).isEmpty();
    }
  }

  @Test
  void aParameterWithNeitherValueNorDefaultStaysUnknownAndIsStated() {
    PlannedResources read = CloudFormationTemplates.parseAll(TEMPLATE, "t.yaml", TemplateParameters.NONE);

    assertThat(read.notes()).containsExactly("t.yaml: parameter Registry has neither a value (no --parameters FILE) "
        + "nor a default; values that use it are unknown");
    assertThat(read.taskDefinitions().get(0).containers()).as("its image is not guessed").isEmpty();
    assertThat(read.taskDefinitions().get(0).unknowns()).singleElement().asString().contains("cannot resolve");
    assertThat(read.endpoints().get(0).subnetIds()).as("the default").containsExactly("subnet-a");
  }

  @Test
  void aPreviousValueIsUnknown() {
    TemplateParameters previous = TemplateParameters.parse("""
        [{"ParameterKey": "Registry", "UsePreviousValue": true}]""", "p.json");

    PlannedResources read = CloudFormationTemplates.parseAll(TEMPLATE, "t.yaml", previous);

    assertThat(read.notes()).containsExactly("t.yaml: parameter Registry keeps its previous value (p.json), which "
        + "pullpath does not know; values that use it are unknown");
    assertThat(read.taskDefinitions().get(0).containers()).isEmpty();
  }

  @Test
  void anUnknownParameterNameIsAnError(@TempDir Path dir) throws Exception {
    Path template = Files.writeString(dir.resolve("t.yaml"), TEMPLATE);
    TemplateParameters typo = TemplateParameters.parse("{\"ImageTg\": \"1.28\"}", "p.json");

    assertThatThrownBy(() -> CloudFormationTemplates.readAll(List.of(template), f -> "t.yaml", typo))
        .isInstanceOf(PlannedInputException.class)
        .hasMessage("p.json: ImageTg is not a parameter of t.yaml");
  }

  @Test
  void malformedFilesAreErrorsNamingThem() {
    assertThatThrownBy(() -> TemplateParameters.parse("[{\"ParameterValue\": \"x\"}]", "p.json"))
        .hasMessageStartingWith("p.json at /0: each entry needs a ParameterKey");
    assertThatThrownBy(() -> TemplateParameters.parse("{\"A\": {\"b\": 1}}", "p.json"))
        .hasMessage("p.json at /A: a parameter value is a string, number, boolean or list");
    assertThatThrownBy(() -> TemplateParameters.parse("ImageTag=1.28", "p.json"))
        .hasMessageStartingWith("p.json: not JSON");
  }
}
