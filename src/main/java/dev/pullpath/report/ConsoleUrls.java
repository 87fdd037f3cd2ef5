package dev.pullpath.report;

import dev.pullpath.check.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS console page of a resource, where one can be derived from its type, id and region, so the
 * HTML report can link straight to the thing to fix.
 *
 * <p>Only the commercial partition is linked (other partitions have other console hosts), and the region
 * must look like a region: it becomes part of the host name, and a crafted one must not be able to point
 * a link elsewhere. Ids are percent-encoded for the same reason.
 */
final class ConsoleUrls {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern SECRET_SUFFIX = Pattern.compile("-[A-Za-z0-9]{6}$");
  private static final Pattern ECR_REPOSITORY_ARN =
      Pattern.compile("arn:aws:ecr:[a-z0-9-]+:(\\d{12}):repository/(.+)");

  private ConsoleUrls() {}

  /** The console URL of {@code resource}, or empty for types and partitions without a known page. */
  static Optional<String> of(ResourceRef resource, String region) {
    if (region == null || !REGION.matcher(region).matches() || !resource.arn().startsWith("arn:aws:")) {
      return Optional.empty();
    }
    String id = resource.id();
    String vpcConsole = host(region) + "/vpcconsole/home?region=" + region + "#";
    return switch (resource.type()) {
      case "AWS::EC2::VPC" -> Optional.of(vpcConsole + "VpcDetails:VpcId=" + encode(id));
      case "AWS::EC2::Subnet" -> Optional.of(vpcConsole + "SubnetDetails:subnetId=" + encode(id));
      case "AWS::EC2::RouteTable" -> Optional.of(vpcConsole + "RouteTableDetails:RouteTableId=" + encode(id));
      case "AWS::EC2::VPCEndpoint" -> Optional.of(vpcConsole + "EndpointDetails:vpcEndpointId=" + encode(id));
      case "AWS::EC2::SecurityGroup" ->
          Optional.of(host(region) + "/ec2/home?region=" + region + "#SecurityGroup:groupId=" + encode(id));
      case "AWS::ECS::Service" -> ecsService(id, region);
      case "AWS::ECS::TaskDefinition" -> taskDefinition(id, region);
      // IAM is global: its console has no region in the host.
      case "AWS::IAM::Role" -> Optional.of("https://console.aws.amazon.com/iam/home#/roles/details/" + encode(id));
      case "AWS::ECR::PullThroughCacheRule" ->
          Optional.of(host(region) + "/ecr/private-registry/pull-through-cache?region=" + region);
      case "AWS::ECR::Repository" -> ecrRepository(resource.arn(), region);
      case "AWS::SecretsManager::Secret" -> Optional.of(
          host(region) + "/secretsmanager/secret?name=" + encode(secretName(id)) + "&region=" + region);
      default -> Optional.empty();
    };
  }

  /** Service ids are {@code cluster/service}, the workload name. */
  private static Optional<String> ecsService(String id, String region) {
    String[] parts = id.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(host(region) + "/ecs/v2/clusters/" + encode(parts[0]) + "/services/" + encode(parts[1])
        + "/health?region=" + region);
  }

  /** Task definition ids are {@code family:revision}. */
  private static Optional<String> taskDefinition(String id, String region) {
    int colon = id.lastIndexOf(':');
    if (colon <= 0 || colon == id.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(host(region) + "/ecs/v2/task-definitions/" + encode(id.substring(0, colon)) + "/"
        + encode(id.substring(colon + 1)) + "/containers?region=" + region);
  }

  private static Optional<String> ecrRepository(String arn, String region) {
    Matcher m = ECR_REPOSITORY_ARN.matcher(arn);
    if (!m.matches() || m.group(2).contains("*")) {
      return Optional.empty();
    }
    // Repository names may have namespaces (docker-hub/library/nginx): keep their slashes as path segments.
    String path = String.join("/", Arrays.stream(m.group(2).split("/", -1)).map(ConsoleUrls::encode).toList());
    return Optional.of(host(region) + "/ecr/repositories/private/" + m.group(1) + "/" + path + "?region=" + region);
  }

  /** Secret ARNs end in the name plus a random {@code -XXXXXX}; the console looks secrets up by name. */
  private static String secretName(String id) {
    return SECRET_SUFFIX.matcher(id).replaceFirst("");
  }

  private static String host(String region) {
    return "https://" + region + ".console.aws.amazon.com";
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters, so an id cannot add a query
   * parameter, a fragment or a path segment to the URL.
   */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
