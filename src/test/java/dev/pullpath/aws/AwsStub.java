package dev.pullpath.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the AWS APIs a scan calls, answering in each service's wire format: EC2, IAM and
 * STS with the query protocol (form-encoded POST, XML answers), ECS, ECR, Secrets Manager and CloudWatch Logs
 * with JSON 1.1
 * (operation in the X-Amz-Target header). Requests are also told apart by the service in their SigV4
 * credential scope, so an answer never reaches the wrong client.
 */
final class AwsStub implements AutoCloseable {

  enum Api {
    EC2("ec2", null),
    IAM("iam", null),
    STS("sts", null),
    ECS("ecs", "AmazonEC2ContainerServiceV20141113"),
    ECR("ecr", "AmazonEC2ContainerRegistry_V20150921"),
    SECRETS("secretsmanager", "secretsmanager"),
    LOGS("logs", "Logs_20140328");

    final String signingName;
    final String targetPrefix;

    Api(String signingName, String targetPrefix) {
      this.signingName = signingName;
      this.targetPrefix = targetPrefix;
    }

    boolean isJson() {
      return targetPrefix != null;
    }

    String contentType() {
      return isJson() ? "application/x-amz-json-1.1" : "text/xml";
    }
  }

  private final WireMockServer server;
  private final AtomicInteger scenarios = new AtomicInteger();

  AwsStub() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40));
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  WireMockServer server() {
    return server;
  }

  /**
   * Answers {@code operation}; with {@code bodyContains} only requests whose body holds each of those
   * texts. A request for a next page (its body names a page token) prefers the answer that names the token.
   */
  void answer(Api api, String operation, int status, String body, String... bodyContains) {
    MappingBuilder request = request(api, operation, bodyContains);
    server.stubFor(request.willReturn(
        aResponse().withStatus(status).withHeader("Content-Type", api.contentType()).withBody(body)));
  }

  void answerFile(Api api, String operation, String resource, String... bodyContains) {
    answer(api, operation, 200, read(resource), bodyContains);
  }

  /** Answers the next {@code times} calls of {@code operation} with an error, then falls back to the others. */
  void failFirst(Api api, String operation, int times, int status, String body) {
    String scenario = "fail-" + scenarios.incrementAndGet();
    for (int i = 0; i < times; i++) {
      String state = i == 0 ? Scenario.STARTED : "failed-" + i;
      server.stubFor(request(api, operation)
          .atPriority(1)
          .inScenario(scenario)
          .whenScenarioStateIs(state)
          .willSetStateTo("failed-" + (i + 1))
          .willReturn(aResponse().withStatus(status).withHeader("Content-Type", api.contentType()).withBody(body)));
    }
  }

  /** Every call of {@code operation} fails with {@code status} and {@code body}, whatever else is stubbed. */
  void failAlways(Api api, String operation, int status, String body) {
    server.stubFor(request(api, operation).atPriority(1).willReturn(
        aResponse().withStatus(status).withHeader("Content-Type", api.contentType()).withBody(body)));
  }

  /** Every call of {@code api} fails with {@code status} and {@code body}. */
  void failAll(Api api, int status, String body) {
    MappingBuilder any = post(urlPathEqualTo("/"))
        .withHeader("Authorization", containing("/" + api.signingName + "/aws4_request"))
        .atPriority(1);
    server.stubFor(any.willReturn(
        aResponse().withStatus(status).withHeader("Content-Type", api.contentType()).withBody(body)));
  }

  /** The bodies of the requests the stub received, as they went over the wire. */
  java.util.List<String> requestBodies() {
    return server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString()).toList();
  }

  /** The error body a service of {@code api}'s protocol sends. */
  static String error(Api api, String code) {
    if (api.isJson()) {
      return "{\"__type\":\"" + code + "\",\"message\":\"stubbed " + code + "\"}";
    }
    if (api == Api.EC2) {
      return "<Response><Errors><Error><Code>" + code + "</Code><Message>stubbed " + code
          + "</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>";
    }
    return "<ErrorResponse xmlns=\"https://" + api.signingName + ".amazonaws.com/doc/\"><Error><Type>Sender</Type><Code>"
        + code + "</Code><Message>stubbed " + code + "</Message></Error>"
        + "<RequestId>4a93ceee-9966-11e1-b624-b1aEXAMPLE</RequestId></ErrorResponse>";
  }

  /** {@code name=value} as the query protocol encodes it in a request body. */
  /** STS answers AssumeRole of {@code roleArn} with temporary credentials whose key id is {@code accessKeyId}. */
  void answerAssumeRole(String roleArn, String accessKeyId) {
    String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    String account = roleArn.split(":")[4];
    answer(Api.STS, "AssumeRole", 200, """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>%s</AccessKeyId>
              <SecretAccessKey>assumed/secret/EXAMPLEKEY</SecretAccessKey>
              <SessionToken>assumed-session-token</SessionToken>
              <Expiration>2099-01-01T00:00:00Z</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::%s:assumed-role/%s/pullpath-scan</Arn>
              <AssumedRoleId>AROASCANNER:pullpath-scan</AssumedRoleId>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """.formatted(accessKeyId, account, role), form("RoleArn", roleArn));
  }

  static String form(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  /** {@code "name":"value"} as the JSON protocol writes it. */
  static String json(String name, String value) {
    return "\"" + name + "\":\"" + value + "\"";
  }

  private MappingBuilder request(Api api, String operation, String... bodyContains) {
    MappingBuilder request = post(urlPathEqualTo("/"))
        .withHeader("Authorization", containing("/" + api.signingName + "/aws4_request"));
    if (api.isJson()) {
      request.withHeader("X-Amz-Target", equalTo(api.targetPrefix + "." + operation));
    } else {
      request.withRequestBody(matching("(?s)(.*&)?Action=" + operation + "(&.*)?"));
    }
    boolean nextPage = false;
    for (String needle : bodyContains) {
      request.withRequestBody(containing(needle));
      nextPage |= needle.matches("(?i)\"?(nextToken|Marker)\"?[=:].*");
    }
    return request.atPriority(bodyContains.length == 0 ? 5 : nextPage ? 2 : 3);
  }

  static String read(String resource) {
    try (InputStream in = AwsStub.class.getResourceAsStream("/aws/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /aws/" + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
