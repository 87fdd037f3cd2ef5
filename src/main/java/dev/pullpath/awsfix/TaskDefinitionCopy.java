package dev.pullpath.awsfix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A new revision from an existing one: every field RegisterTaskDefinition takes is copied by name from
 * the described revision, so fields ECS adds later are kept too, and the read-only ones
 * ({@code taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt...}) are
 * left out because the request has no such field. Tags come from DescribeTaskDefinition's top level.
 */
final class TaskDefinitionCopy {
  private TaskDefinitionCopy() {}

  static RegisterTaskDefinitionRequest revision(
      DescribeTaskDefinitionResponse source, Map<String, String> imageByContainer, Map<String, String> extraTags) {
    TaskDefinition td = source.taskDefinition();
    RegisterTaskDefinitionRequest.Builder builder = RegisterTaskDefinitionRequest.builder();
    for (SdkField<?> target : builder.sdkFields()) {
      td.sdkFields().stream().filter(f -> f.memberName().equals(target.memberName())).findFirst()
          .ifPresent(from -> {
            Object value = from.getValueOrDefault(td);
            if (value != null) {
              target.set(builder, value);
            }
          });
    }
    List<ContainerDefinition> containers = td.containerDefinitions().stream()
        .map(c -> imageByContainer.containsKey(c.name()) ? c.toBuilder().image(imageByContainer.get(c.name())).build() : c)
        .toList();
    List<Tag> tags = new ArrayList<>(source.tags());
    // pullpath's own tag names the plan that made this revision: a source made by an earlier plan has its value
    // replaced, every other tag is kept as it is.
    extraTags.forEach((k, v) -> {
      tags.removeIf(t -> t.key().equals(k));
      tags.add(Tag.builder().key(k).value(v).build());
    });
    return builder.containerDefinitions(containers).tags(tags.isEmpty() ? null : tags).build();
  }
}
