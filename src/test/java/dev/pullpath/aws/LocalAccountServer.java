package dev.pullpath.aws;

import static dev.pullpath.aws.AwsWire.form;
import static dev.pullpath.aws.AwsWire.one;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pullpath.aws.AwsWire.Answer;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.AccountSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stateful AWS account served over local HTTP in each service's wire protocol, seeded from a snapshot:
 * every read a live scan makes (EC2 query/XML; ECS, ECR, Secrets Manager and CloudWatch Logs JSON 1.1; IAM
 * and STS query/XML) answers from the account's current state, and every write the fix writer makes
 * changes that state, with the answers AWS gives: a duplicate security-group rule is
 * {@code InvalidPermission.Duplicate}, a private-DNS endpoint in a VPC without DNS hostnames is refused, an
 * EC2 request with {@code DryRun=true} is {@code DryRunOperation}, the policy simulator answers from the
 * role's policies as they are now. It records every request so a test can count the writes on the wire.
 *
 * <p>Where AWS is eventually consistent it answers as soon as it can: a new interface endpoint is
 * {@code pending} in CreateVpcEndpoint's answer and {@code available} on the next describe, a service moved
 * to a new revision is rolling out in UpdateService's answer and stable on the next DescribeServices, and
 * IAM changes show in the simulator at once. Those are the behaviours only a real account proves.
 *
 * <p>This class is the HTTP side (requests, the call log, injected faults); each service's state and answers
 * are in {@link LocalEc2}, {@link LocalEcs}, {@link LocalRegistry} (ECR, Secrets Manager, CloudWatch Logs) and
 * {@link LocalIam}.
 */
final class LocalAccountServer implements AutoCloseable {
  static {
    // The JDK server writes an answer's headers and body apart; with Nagle's algorithm and the client's
    // delayed ACK each answer would wait ~40 ms. Read once, when the first server of the JVM starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The access key AssumeRole hands out. */
  static final String ASSUMED_KEY = "ASIALOCALASSUMED";
  private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/]+)/");
  /** Reads, and AssumeRole, which changes nothing in the account. */
  private static final Predicate<String> READ_ONLY =
      action -> action.matches("(Describe|List|Get|Simulate|Validate).*") || action.equals("AssumeRole");

  /**
   * One request as it arrived: the service's signing name, the operation, whether it was an EC2 dry run, and
   * the access key that signed it.
   */
  record Call(String service, String action, boolean dryRun, String accessKey) {
    /** A call that asks to change the account: not a read, not a dry run. */
    boolean isWrite() {
      return !dryRun && !READ_ONLY.test(action);
    }

    @Override
    public String toString() {
      return service + ":" + action + (dryRun ? " (dry run)" : "");
    }
  }

  private final HttpServer server;
  private final String account;
  private final LocalEc2 ec2;
  private final LocalEcs ecs;
  private final LocalRegistry registry;
  private final LocalIam iam;
  private final List<Call> calls = new ArrayList<>();
  private final List<String> assumedRoles = new ArrayList<>();
  private final Set<String> callerDenies = new HashSet<>();
  private int failWrite;
  private Fault fault;

  /**
   * An AWS error a write is told to fail with.
   *
   * @param afterApplying the change is made and only its answer is the error, as when a response is lost
   */
  private record Fault(int status, String code, String message, boolean afterApplying) {
    Answer answer(String service) {
      return switch (service) {
        case "ec2" -> AwsWire.ec2Error(status, code, message);
        case "iam", "sts" -> AwsWire.queryError(status, code, message);
        default -> AwsWire.jsonError(status, code, message);
      };
    }
  }

  LocalAccountServer(AccountSnapshot seed) throws IOException {
    this.account = seed.accountId();
    this.ec2 = new LocalEc2(seed);
    this.ecs = new LocalEcs(seed);
    this.registry = new LocalRegistry(seed);
    this.iam = new LocalIam(seed);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request so far, in the order they were answered. */
  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The requests so far that asked to change the account. */
  synchronized List<Call> writes() {
    return calls.stream().filter(Call::isWrite).toList();
  }

  /**
   * The {@code n}th write from now (1-based) fails with this AWS error and changes nothing; EC2 codes are
   * answered in EC2's error format, others in the service's own.
   */
  synchronized void failWrite(int n, int status, String code, String message) {
    failWrite = writes().size() + n;
    fault = new Fault(status, code, message, false);
  }

  /** The {@code n}th write from now (1-based) is made, but its answer is this AWS error, as if it were lost. */
  synchronized void loseAnswerOfWrite(int n, int status, String code, String message) {
    failWrite = writes().size() + n;
    fault = new Fault(status, code, message, true);
  }

  /** The tags a resource (endpoint, security group) was created with. */
  synchronized Map<String, String> tagsOf(String resourceId) {
    return ec2.tagsOf(resourceId);
  }

  /** The tags of a task definition, as DescribeTaskDefinition answers them with {@code include TAGS}. */
  synchronized Map<String, String> taskDefinitionTags(String arn) {
    return ecs.taskDefinitionTags(arn);
  }

  /** The endpoints of the service ({@code com.amazonaws.REGION.ecr.api}) in the account, by id. */
  synchronized List<String> endpointsOf(String serviceName) {
    return ec2.endpointsOf(serviceName);
  }

  synchronized PolicyDocument endpointPolicy(String endpointId) {
    return ec2.endpointPolicy(endpointId);
  }

  /** A service control policy of the account's organization denies {@code action} to its roles. */
  synchronized void denyByOrganization(String action) {
    iam.denyByOrganization(action);
  }

  /**
   * The identity that signs the requests lacks {@code action} (e.g. {@code ec2:CreateVpcEndpoint}): the request
   * and its dry run are refused as AWS refuses them, and the simulator answers so for the caller.
   */
  synchronized void denyToCaller(String action) {
    callerDenies.add(action);
    iam.denyToCaller(action);
  }

  /** Someone changes an endpoint's policy by hand (the console, another tool). */
  synchronized void setEndpointPolicy(String endpointId, String policy) {
    ec2.setEndpointPolicy(endpointId, PolicyDocument.parse(policy));
  }

  // ---- HTTP ----

  /** The id of the request answered last; the server answers one request at a time (no executor). */
  private synchronized String requestId() {
    return "local-" + calls.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String service = AwsWire.service(authorization);
    Matcher key = ACCESS_KEY.matcher(authorization == null ? "" : authorization);
    String accessKey = key.find() ? key.group(1) : "";
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    Answer answer;
    try {
      answer = answer(service, accessKey, target, body);
    } catch (RuntimeException e) {
      // A request this account cannot answer is a test bug: say so loudly, in no AWS format.
      answer = new Answer(500, "text/plain", "LocalAccountServer: " + e);
      e.printStackTrace();
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    // JSON services carry the request id in a header (the query services in the body).
    exchange.getResponseHeaders().add("x-amzn-RequestId", requestId());
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private synchronized Answer answer(String service, String accessKey, String target, String body) throws IOException {
    boolean json = target != null;
    Map<String, List<String>> p = json ? Map.of() : form(body);
    String action = json ? target.substring(target.indexOf('.') + 1) : one(p, "Action");
    boolean dryRun = "true".equals(one(p, "DryRun"));
    calls.add(new Call(service, action, dryRun, accessKey));
    if (callerDenies.contains(service + ":" + action)) {
      String message = "You are not authorized to perform: " + service + ":" + action;
      return switch (service) {
        case "ec2" -> AwsWire.ec2Error(403, "UnauthorizedOperation", message);
        case "iam", "sts" -> AwsWire.queryError(403, "AccessDenied", message);
        default -> AwsWire.jsonError(400, "AccessDeniedException", message);
      };
    }
    if (dryRun) {
      return AwsWire.ec2Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
    Fault failing = fault != null && calls.get(calls.size() - 1).isWrite() && writes().size() == failWrite ? fault : null;
    if (failing != null && !failing.afterApplying()) {
      return failing.answer(service);
    }
    String requestId = "local-" + calls.size();
    JsonNode request = json ? JSON.readTree(body.isEmpty() ? "{}" : body) : null;
    Answer answer = switch (service) {
      case "ec2" -> ec2.answer(action, p, requestId);
      case "iam" -> iam.answer(action, p, requestId);
      case "sts" -> sts(action, p, requestId);
      case "ecs" -> ecs.answer(action, request);
      case "ecr" -> registry.ecr(action, request);
      case "secretsmanager" -> registry.secretsManager(action, request);
      case "logs" -> registry.logs(action, request);
      default -> throw new IllegalArgumentException("no service " + service);
    };
    return failing == null ? answer : failing.answer(service);
  }

  /** GetCallerIdentity, and AssumeRole of a role of the account (its answers are the caller's). */
  private Answer sts(String action, Map<String, List<String>> p, String requestId) {
    if (action.equals("AssumeRole")) {
      assumedRoles.add(one(p, "RoleArn") + " as " + one(p, "RoleSessionName"));
      return AwsWire.query("sts", action, requestId, "<Credentials><AccessKeyId>" + ASSUMED_KEY + "</AccessKeyId>"
          + "<SecretAccessKey>assumed</SecretAccessKey><SessionToken>token</SessionToken><Expiration>"
          + "2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>" + one(p, "RoleArn")
          + "</Arn><AssumedRoleId>AROALOCAL:" + one(p, "RoleSessionName") + "</AssumedRoleId></AssumedRoleUser>");
    }
    return AwsWire.query("sts", action, requestId, "<Arn>" + iam.caller() + "</Arn><UserId>AIDALOCAL</UserId><Account>"
        + account + "</Account>");
  }

  /** The roles assumed so far, as {@code ROLE-ARN as SESSION-NAME}. */
  synchronized List<String> assumedRoles() {
    return List.copyOf(assumedRoles);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
