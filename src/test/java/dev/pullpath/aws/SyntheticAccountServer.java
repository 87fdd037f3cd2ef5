package dev.pullpath.aws;

import static dev.pullpath.aws.AwsWire.form;
import static dev.pullpath.aws.AwsWire.members;
import static dev.pullpath.aws.AwsWire.one;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pullpath.aws.AwsWire.Answer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated account of any size behind a local HTTP server that speaks the six services' wire formats,
 * with an optional latency per call and a request rate above which it throttles like AWS does. It serves
 * the benchmark and the large-account test; the fixture account covers the exact answer shapes.
 */
final class SyntheticAccountServer implements AutoCloseable {
  static final String ACCOUNT = "210987654321";
  static final String REGION = "eu-west-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The access key and region of a SigV4 credential scope: {@code Credential=KEY/DATE/REGION/SERVICE/...}. */
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/[0-9]+/([a-z0-9-]+)/");
  /**
   * The key AssumeRole hands out for an account: {@code ASIA} + the 12-digit account + {@code PAIR}. Requests
   * signed with it are answered as that account, so one stub serves every account of an estate scan; any
   * other key is the default account.
   */
  private static final Pattern ASSUMED_KEY = Pattern.compile("ASIA([0-9]{12})PAIR");
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:aws:iam::([0-9]{12}):role/");

  /**
   * @param clusters the services are spread over this many clusters
   * @param roles execution roles, each shared by several families
   * @param pageSize the most items a listing returns, whatever the caller asks
   * @param latencyMillis added to every answer
   * @param requestsPerSecond answers above this rate are throttling errors; 0 for no limit
   */
  record Shape(int services, int families, int vpcs, int clusters, int roles, int pageSize,
      int latencyMillis, int requestsPerSecond) {}

  private final Shape shape;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(64);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final Map<String, Integer> fetches = new ConcurrentHashMap<>();
  /** One token bucket per account (all its regions and services: the stricter reading of AWS's limits). */
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  /** The account and region the request being answered is for (one handler thread per request). */
  private final ThreadLocal<Pair> current = ThreadLocal.withInitial(() -> new Pair(ACCOUNT, REGION));
  private volatile String violation;

  SyntheticAccountServer(Shape shape) throws IOException {
    this.shape = shape;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int requests() {
    return requests.get();
  }

  int throttled() {
    return throttled.get();
  }

  /** Requests answered for the same object and page more than once, which a scan should never send. */
  List<String> repeatedFetches() {
    return fetches.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
  }

  /** The first request the real API would have refused, e.g. DescribeServices with 11 names. */
  String violation() {
    return violation;
  }

  // ---- the account ----

  /** The account and region one request is answered for. */
  private record Pair(String account, String region) {}

  /** The account of the request being answered: the default one, or the one whose role was assumed. */
  String account() {
    return current.get().account();
  }

  /** The region of the request being answered (its signature's scope; IAM signs for us-east-1). */
  String region() {
    return current.get().region();
  }

  /** Requests signed for a region other than {@link #REGION} are answered as that region, IAM's excepted. */
  private static Pair pairOf(String authorization, String service) {
    Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
    if (!credential.find()) {
      return new Pair(ACCOUNT, REGION);
    }
    Matcher assumed = ASSUMED_KEY.matcher(credential.group(1));
    String account = assumed.matches() ? assumed.group(1) : ACCOUNT;
    return new Pair(account, service.equals("iam") ? REGION : credential.group(2));
  }

  String cluster(int c) {
    return "arn:aws:ecs:" + region() + ":" + account() + ":cluster/cluster-" + c;
  }

  String serviceArn(int s) {
    return "arn:aws:ecs:" + region() + ":" + account() + ":service/cluster-" + (s % shape.clusters()) + "/svc-" + s;
  }

  int family(int service) {
    return service % shape.families();
  }

  int vpc(int service) {
    return service % shape.vpcs();
  }

  String vpcId(int v) {
    return String.format("vpc-%017d", v);
  }

  String subnetId(int v, int n) {
    return String.format("subnet-%015d%02d", v, n);
  }

  String role(int family) {
    return "arn:aws:iam::" + account() + ":role/exec-" + (family % shape.roles());
  }

  String taskDefinition(int family) {
    return "arn:aws:ecs:" + region() + ":" + account() + ":task-definition/family-" + family + ":1";
  }

  // ---- HTTP ----

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String service = AwsWire.service(auth);
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    Pair pair = pairOf(auth, service);
    current.set(pair);
    requests.incrementAndGet();
    sleep(shape.latencyMillis());
    Answer answer;
    TokenBucket bucket = shape.requestsPerSecond() > 0
        ? buckets.computeIfAbsent(pair.account(), a -> new TokenBucket(shape.requestsPerSecond()))
        : null;
    if (bucket != null && !bucket.tryTake()) {
      throttled.incrementAndGet();
      answer = throttle(service);
    } else {
      try {
        answer = target != null
            ? json(service, target.substring(target.indexOf('.') + 1), JSON.readTree(body.isEmpty() ? "{}" : body))
            : query(service, form(body));
      } catch (RuntimeException e) {
        violation = violation == null ? e.getMessage() : violation;
        answer = new Answer(400, "text/plain", e.toString());
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private Answer throttle(String service) {
    return switch (service) {
      case "ec2" -> AwsWire.ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.");
      case "iam", "sts" -> AwsWire.queryError(400, "Throttling", "Rate exceeded");
      default -> AwsWire.jsonError("ThrottlingException", "Rate exceeded");
    };
  }

  private void fetched(String key) {
    Pair pair = current.get();
    fetches.merge(pair.equals(new Pair(ACCOUNT, REGION)) ? key : pair.account() + "/" + pair.region() + " " + key, 1,
        Integer::sum);
  }

  private static void sleep(int millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- JSON services: ECS, ECR, Secrets Manager ----

  private Answer json(String service, String operation, JsonNode request) {
    ObjectNode out = JSON.createObjectNode();
    switch (operation) {
      case "ListClusters" -> {
        fetched("ListClusters " + request.path("nextToken").asText());
        ArrayNode arns = out.putArray("clusterArns");
        for (int c = 0; c < shape.clusters(); c++) {
          arns.add(cluster(c));
        }
      }
      case "ListServices" -> {
        String cluster = request.path("cluster").asText();
        int c = Integer.parseInt(cluster.substring(cluster.lastIndexOf('-') + 1));
        fetched("ListServices " + c + " " + request.path("nextToken").asText());
        List<String> all = new ArrayList<>();
        for (int s = c; s < shape.services(); s += shape.clusters()) {
          all.add(serviceArn(s));
        }
        page(out, "serviceArns", all, request.path("nextToken").asText(""),
            Math.min(shape.pageSize(), request.path("maxResults").asInt(10)));
      }
      case "DescribeServices" -> {
        ArrayNode names = (ArrayNode) request.path("services");
        if (names.size() > 10) {
          throw new IllegalArgumentException("DescribeServices: service names can have at most 10 items");
        }
        ArrayNode services = out.putArray("services");
        out.putArray("failures");
        for (JsonNode name : names) {
          fetched("DescribeServices " + name.asText());
          int s = Integer.parseInt(name.asText().substring(name.asText().lastIndexOf('-') + 1));
          ObjectNode svc = services.addObject();
          svc.put("serviceArn", serviceArn(s)).put("serviceName", "svc-" + s)
              .put("clusterArn", cluster(s % shape.clusters())).put("status", "ACTIVE")
              .put("launchType", "FARGATE").put("platformVersion", "LATEST")
              .put("taskDefinition", taskDefinition(family(s)));
          ObjectNode vpc = svc.putObject("networkConfiguration").putObject("awsvpcConfiguration");
          vpc.putArray("subnets").add(subnetId(vpc(s), 0)).add(subnetId(vpc(s), 1));
          vpc.putArray("securityGroups").add(String.format("sg-%017d", vpc(s) * 2));
          vpc.put("assignPublicIp", "DISABLED");
        }
      }
      case "DescribeTaskDefinition" -> {
        String arn = request.path("taskDefinition").asText();
        fetched("DescribeTaskDefinition " + arn);
        int f = Integer.parseInt(arn.substring(arn.indexOf("family-") + 7, arn.lastIndexOf(':')));
        ObjectNode td = out.putObject("taskDefinition");
        td.put("taskDefinitionArn", arn).put("family", "family-" + f).put("revision", 1)
            .put("executionRoleArn", role(f));
        ObjectNode c = td.putArray("containerDefinitions").addObject();
        c.put("name", "app").put("image", account() + ".dkr.ecr." + region() + ".amazonaws.com/docker-hub/library/app-" + f
            + ":1");
        c.putArray("portMappings").addObject().put("containerPort", 8080).put("protocol", "tcp");
        ObjectNode log = c.putObject("logConfiguration").put("logDriver", "awslogs").putObject("options");
        log.put("awslogs-group", "/ecs/family-" + f).put("awslogs-region", region()).put("awslogs-stream-prefix", "ecs");
      }
      case "DescribePullThroughCacheRules" -> {
        fetched("DescribePullThroughCacheRules " + request.path("nextToken").asText());
        ArrayNode rules = out.putArray("pullThroughCacheRules");
        rules.addObject().put("ecrRepositoryPrefix", "docker-hub").put("upstreamRegistry", "docker-hub")
            .put("upstreamRegistryUrl", "registry-1.docker.io").put("credentialArn", secret("docker-hub"));
        rules.addObject().put("ecrRepositoryPrefix", "ghcr").put("upstreamRegistry", "github-container-registry")
            .put("upstreamRegistryUrl", "ghcr.io").put("credentialArn", secret("ghcr"));
        rules.addObject().put("ecrRepositoryPrefix", "ecr-public").put("upstreamRegistry", "ecr-public")
            .put("upstreamRegistryUrl", "public.ecr.aws");
      }
      case "GetRegistryPolicy" -> {
        fetched("GetRegistryPolicy");
        return AwsWire.jsonError("RegistryPolicyNotFoundException", "no registry policy");
      }
      case "DescribeRepositories" -> {
        String token = request.path("nextToken").asText();
        fetched("DescribeRepositories " + token);
        List<String> names = new ArrayList<>();
        for (int f = 0; f < shape.families(); f++) {
          names.add("docker-hub/library/app-" + f);
        }
        ObjectNode page = JSON.createObjectNode();
        page(page, "names", names, token, Math.min(shape.pageSize(), request.path("maxResults").asInt(100)));
        ArrayNode repositories = out.putArray("repositories");
        page.path("names").forEach(n -> repositories.addObject().put("repositoryName", n.asText()));
        if (page.has("nextToken")) {
          out.put("nextToken", page.path("nextToken").asText());
        }
      }
      case "DescribeImages" -> {
        String repository = request.path("repositoryName").asText();
        String tag = request.path("imageIds").path(0).path("imageTag").asText();
        fetched("DescribeImages " + repository + ":" + tag);
        out.putArray("imageDetails").addObject().put("repositoryName", repository).putArray("imageTags").add(tag);
      }
      case "DescribeSecret" -> {
        String id = request.path("SecretId").asText();
        fetched("DescribeSecret " + id);
        out.put("ARN", id).put("Name", id.substring(id.indexOf("secret:") + 7, id.lastIndexOf('-')));
      }
      default -> throw new IllegalArgumentException(service + " has no operation " + operation + " here");
    }
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }

  private String secret(String name) {
    return "arn:aws:secretsmanager:" + region() + ":" + account() + ":secret:ecr-pullthroughcache/" + name + "-AbCdEf";
  }

  private void page(ObjectNode out, String field, List<String> all, String token, int size) {
    int from = token.isEmpty() ? 0 : Integer.parseInt(token);
    ArrayNode items = out.putArray(field);
    all.subList(from, Math.min(all.size(), from + size)).forEach(items::add);
    if (from + size < all.size()) {
      out.put("nextToken", String.valueOf(from + size));
    }
  }

  // ---- query services: EC2, IAM, STS ----

  private Answer query(String service, Map<String, List<String>> p) {
    String action = one(p, "Action");
    return switch (service) {
      case "sts" -> sts(action, p);
      case "ec2" -> ec2(action, p);
      case "iam" -> iamQuery(action, p);
      default -> throw new IllegalArgumentException("unknown service " + service);
    };
  }

  /** GetCallerIdentity, and AssumeRole into any account: a key that makes later requests that account's. */
  private Answer sts(String action, Map<String, List<String>> p) {
    if (action.equals("AssumeRole")) {
      String roleArn = one(p, "RoleArn");
      Matcher role = ROLE_ACCOUNT.matcher(roleArn == null ? "" : roleArn);
      if (!role.find()) {
        throw new IllegalArgumentException("AssumeRole without a role ARN: " + roleArn);
      }
      String account = role.group(1);
      return AwsWire.query("sts", action, "r", "<Credentials><AccessKeyId>ASIA" + account + "PAIR</AccessKeyId><SecretAccessKey>secret"
          + "</SecretAccessKey><SessionToken>token-" + account + "</SessionToken><Expiration>2099-01-01T00:00:00Z"
          + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::" + account + ":assumed-role/"
          + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/" + one(p, "RoleSessionName") + "</Arn>"
          + "<AssumedRoleId>AROABENCH:" + one(p, "RoleSessionName") + "</AssumedRoleId></AssumedRoleUser>");
    }
    String arn = account().equals(ACCOUNT) ? "arn:aws:iam::" + ACCOUNT + ":user/bench"
        : "arn:aws:sts::" + account() + ":assumed-role/bench/pullpath-scan";
    return AwsWire.query("sts", action, "r", "<Arn>" + arn + "</Arn><UserId>AIDABENCH</UserId><Account>" + account()
        + "</Account>");
  }

  private Answer ec2(String action, Map<String, List<String>> p) {
    String filter = one(p, "Filter.1.Name");
    List<String> values = members(p, "Filter.1.Value.");
    fetched(action + " " + one(p, "VpcId") + " " + one(p, "Attribute") + " " + values);
    List<Integer> vpcs = new ArrayList<>();
    if ("vpc-id".equals(filter)) {
      values.forEach(v -> vpcs.add(Integer.parseInt(v.substring(4))));
    } else if ("subnet-id".equals(filter)) {
      values.stream().map(s -> Integer.parseInt(s.substring(7, 22))).distinct().forEach(vpcs::add);
    }
    StringBuilder x = new StringBuilder();
    Function<Integer, String> vpcId = this::vpcId;
    switch (action) {
      case "DescribeSubnets" -> {
        x.append("<subnetSet>");
        for (int v : vpcs) {
          for (int n = 0; n < 2; n++) {
            String id = subnetId(v, n);
            if ("vpc-id".equals(filter) || values.contains(id)) {
              x.append("<item><subnetId>").append(id).append("</subnetId><vpcId>").append(vpcId.apply(v))
                  .append("</vpcId><cidrBlock>10.").append(v).append('.').append(n).append(".0/24</cidrBlock>")
                  .append("<availabilityZone>").append(region()).append(n == 0 ? "a" : "b")
                  .append("</availabilityZone></item>");
            }
          }
        }
        x.append("</subnetSet>");
      }
      case "DescribeVpcs" -> {
        x.append("<vpcSet>");
        vpcs.forEach(v -> x.append("<item><vpcId>").append(vpcId(v)).append("</vpcId><cidrBlock>10.").append(v)
            .append(".0.0/16</cidrBlock></item>"));
        x.append("</vpcSet>");
      }
      case "DescribeVpcAttribute" -> {
        String attribute = one(p, "Attribute");
        x.append("<vpcId>").append(one(p, "VpcId")).append("</vpcId><").append(attribute)
            .append("><value>true</value></").append(attribute).append('>');
      }
      case "DescribeRouteTables" -> {
        x.append("<routeTableSet>");
        for (int v : vpcs) {
          x.append("<item><routeTableId>rtb-main-").append(v).append("</routeTableId><vpcId>").append(vpcId(v))
              .append("</vpcId><routeSet><item><destinationCidrBlock>10.").append(v)
              .append(".0.0/16</destinationCidrBlock><gatewayId>local</gatewayId><state>active</state></item>")
              .append("<item><destinationPrefixListId>pl-6da54004</destinationPrefixListId><gatewayId>vpce-s3-")
              .append(v).append("</gatewayId><state>active</state></item></routeSet><associationSet><item>")
              .append("<main>true</main></item><item><subnetId>").append(subnetId(v, 0))
              .append("</subnetId><main>false</main></item></associationSet></item>");
        }
        x.append("</routeTableSet>");
      }
      case "DescribeVpcEndpoints" -> {
        x.append("<vpcEndpointSet>");
        for (int v : vpcs) {
          for (String suffix : new String[] {"ecr.api", "ecr.dkr", "logs"}) {
            x.append("<item><vpcEndpointId>vpce-").append(suffix.replace('.', '-')).append('-').append(v)
                .append("</vpcEndpointId><vpcEndpointType>Interface</vpcEndpointType><vpcId>").append(vpcId(v))
                .append("</vpcId><serviceName>com.amazonaws.").append(region()).append('.').append(suffix)
                .append("</serviceName><state>available</state><subnetIdSet><item>").append(subnetId(v, 0))
                .append("</item></subnetIdSet><groupSet><item><groupId>").append(String.format("sg-%017d", v * 2 + 1))
                .append("</groupId></item></groupSet><privateDnsEnabled>true</privateDnsEnabled></item>");
          }
          x.append("<item><vpcEndpointId>vpce-s3-").append(v).append("</vpcEndpointId><vpcEndpointType>Gateway")
              .append("</vpcEndpointType><vpcId>").append(vpcId(v)).append("</vpcId><serviceName>com.amazonaws.")
              .append(region()).append(".s3</serviceName><state>available</state><routeTableIdSet><item>rtb-main-")
              .append(v).append("</item></routeTableIdSet></item>");
        }
        x.append("</vpcEndpointSet>");
      }
      case "DescribeSecurityGroups" -> {
        x.append("<securityGroupInfo>");
        for (int v : vpcs) {
          for (int g = 0; g < 2; g++) {
            x.append("<item><groupId>").append(String.format("sg-%017d", v * 2 + g)).append("</groupId><groupName>")
                .append(g == 0 ? "tasks" : "endpoints").append("</groupName><vpcId>").append(vpcId(v))
                .append("</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>")
                .append("443</toPort><ipRanges><item><cidrIp>10.").append(v).append(".0.0/16</cidrIp></item>")
                .append("</ipRanges></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>")
                .append("<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item>")
                .append("</ipPermissionsEgress></item>");
          }
        }
        x.append("</securityGroupInfo>");
      }
      default -> throw new IllegalArgumentException("ec2 has no operation " + action + " here");
    }
    return AwsWire.ec2(action, "r", x.toString());
  }

  private static final String EXEC_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
  private static final String ALLOW_ALL =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22"
          + "%3A%22ecr%3A%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";

  private Answer iamQuery(String action, Map<String, List<String>> p) {
    String roleName = one(p, "RoleName");
    String policyArn = one(p, "PolicyArn");
    fetched(action + " " + roleName + " " + policyArn + " " + one(p, "PolicyName") + " " + one(p, "Marker") + " "
        + members(p, "ActionNames.member.") + members(p, "ResourceArns.member.") + one(p, "PolicySourceArn"));
    String inner = switch (action) {
      case "GetRole" -> "<Role><Path>/</Path><RoleName>" + roleName + "</RoleName><RoleId>AROA" + roleName
          + "</RoleId><Arn>arn:aws:iam::" + account() + ":role/" + roleName + "</Arn><AssumeRolePolicyDocument>"
          + ALLOW_ALL + "</AssumeRolePolicyDocument></Role>";
      case "ListAttachedRolePolicies" -> "<AttachedPolicies><member><PolicyName>AmazonECSTaskExecutionRolePolicy"
          + "</PolicyName><PolicyArn>" + EXEC_POLICY + "</PolicyArn></member><member><PolicyName>" + roleName
          + "-cache</PolicyName><PolicyArn>arn:aws:iam::" + account() + ":policy/" + roleName + "-cache</PolicyArn>"
          + "</member></AttachedPolicies><IsTruncated>false</IsTruncated>";
      case "ListRolePolicies" -> "<PolicyNames><member>inline</member></PolicyNames><IsTruncated>false</IsTruncated>";
      case "GetRolePolicy" -> "<RoleName>" + roleName + "</RoleName><PolicyName>inline</PolicyName><PolicyDocument>"
          + ALLOW_ALL + "</PolicyDocument>";
      case "GetPolicy" -> "<Policy><PolicyName>" + policyArn.substring(policyArn.lastIndexOf('/') + 1)
          + "</PolicyName><Arn>" + policyArn + "</Arn><DefaultVersionId>v1</DefaultVersionId></Policy>";
      case "GetPolicyVersion" -> "<PolicyVersion><Document>" + ALLOW_ALL + "</Document><VersionId>v1</VersionId>"
          + "<IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>";
      case "SimulatePrincipalPolicy" -> {
        StringBuilder results = new StringBuilder("<EvaluationResults>");
        for (String a : members(p, "ActionNames.member.")) {
          for (String r : members(p, "ResourceArns.member.")) {
            results.append("<member><EvalActionName>").append(a).append("</EvalActionName><EvalResourceName>")
                .append(r).append("</EvalResourceName><EvalDecision>allowed</EvalDecision></member>");
          }
        }
        yield results.append("</EvaluationResults><IsTruncated>false</IsTruncated>").toString();
      }
      default -> throw new IllegalArgumentException("iam has no operation " + action + " here");
    };
    return AwsWire.query("iam", action, "r", inner);
  }

  /** AWS-style throttling: a bucket of one second's requests, refilled continuously. */
  private static final class TokenBucket {
    private final double rate;
    private double tokens;
    private long last = System.nanoTime();

    TokenBucket(double rate) {
      this.rate = rate;
      this.tokens = rate;
    }

    synchronized boolean tryTake() {
      long now = System.nanoTime();
      tokens = Math.min(rate, tokens + (now - last) / 1e9 * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
