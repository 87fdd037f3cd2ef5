package dev.pullpath.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The broken seed account with a shell payload in every name that reaches a fix command: the input of the
 * tests that paste the rules' fix commands and run a whole fix script in bash.
 */
public final class HostileSnapshot {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A payload that breaks out of naive quoting: runs {@code touch PWNED} if any quote is wrong. */
  public static final String EVIL = "x'$(touch PWNED)'`touch PWNED`\"$(touch PWNED)\"\n é☃;touch PWNED";
  /**
   * The same payload in lowercase, for image references: an uppercase repository name is its own finding
   * (PP008 rewrites it to lowercase), which would keep the payload from reaching the command as written.
   */
  public static final String EVIL_LOWER = EVIL.replace("PWNED", "pwned");

  private HostileSnapshot() {}

  /** The broken seed with the payload in every name that reaches a command. */
  public static AccountSnapshot of(Map<String, String> values) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(Path.of("examples/seed-broken.json").toFile());
    String cluster = "c" + EVIL;
    String service = "s" + EVIL;
    String container = "n" + EVIL;
    String role = "r" + EVIL;
    String resource = "arn:aws:s3:::bucket" + EVIL + "/*";
    String condition = "vpc" + EVIL;
    values.put("clusterName", cluster);
    values.put("serviceName", service);
    values.put("containerName", container);
    values.put("roleName", role);
    values.put("resource", resource);
    values.put("condition", condition);
    for (JsonNode s : root.get("services")) {
      ((ObjectNode) s).put("clusterName", cluster).put("serviceName", service + s.get("serviceName").asText());
    }
    values.put("serviceName", service + "httpd-service");
    for (JsonNode td : root.get("taskDefinitions")) {
      for (JsonNode c : td.get("containers")) {
        ((ObjectNode) c).put("name", container);
      }
    }
    // An image from a registry ECR cannot cache (copied with docker), and one from another region
    // (replicated, then rewritten), both with the payload in their names; a secret name with it too.
    String image = "mcr.microsoft.com/app" + EVIL_LOWER;
    String otherRegion = "111122223333.dkr.ecr.us-east-1.amazonaws.com/team/app:1" + EVIL.replace("\n", "");
    String secret = "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:db" + EVIL;
    values.put("image", image);
    values.put("otherRegionRepository", "team/app");
    values.put("secret", secret);
    ObjectNode httpd = (ObjectNode) root.get("taskDefinitions").get(0).get("containers").get(0);
    httpd.put("image", image);
    ObjectNode sidecar = httpd.deepCopy().put("name", "other" + EVIL).put("image", otherRegion);
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("taskDefinitions").get(0).get("containers")).add(sidecar);
    ObjectNode app = (ObjectNode) root.get("taskDefinitions").get(1).get("containers").get(0);
    app.putArray("secrets").add(secret);
    // The api task's role (it lacks the cache permissions): renamed, with an earlier pullpath policy
    // holding hostile text.
    String roleArn = "arn:aws:iam::111122223333:role/" + role;
    ((ObjectNode) root.get("taskDefinitions").get(1)).put("executionRoleArn", roleArn);
    ObjectNode roleNode = (ObjectNode) root.get("iamRoles").get(1);
    roleNode.put("roleName", role).put("arn", roleArn);
    ObjectNode earlier = JSON.createObjectNode().put("policyName", "pullpath-api");
    earlier.set("document", JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PullpathImagePull\","
        + "\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":" + JSON.writeValueAsString(resource) + "}]}"));
    roleNode.putArray("inlinePolicies").add(earlier);
    // An S3 gateway policy that misses the layer bucket and carries hostile values the fix re-emits.
    for (JsonNode endpoint : root.get("vpcEndpoints")) {
      if (endpoint.get("serviceName").asText().endsWith(".s3")) {
        ((ObjectNode) endpoint).set("policyDocument", JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{"
            + "\"Sid\":\"Other\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":"
            + JSON.writeValueAsString(resource) + ",\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":"
            + JSON.writeValueAsString(condition) + "}}}]}"));
      }
    }
    return SnapshotJson.parse(JSON.writeValueAsString(root), "hostile");
  }
}
