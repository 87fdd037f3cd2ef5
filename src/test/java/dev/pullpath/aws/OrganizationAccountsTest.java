package dev.pullpath.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * organizations:ListAccounts on the wire: the JSON 1.1 call pullpath signs itself (the SDK's organizations
 * module is not available here), its pages, and a refusal.
 */
class OrganizationAccountsTest {
  private static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";
  private WireMockServer server;
  private SdkHttpClient http;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    http = AwsClients.httpClient();
  }

  @AfterEach
  void stop() {
    http.close();
    server.stop();
  }

  private OrganizationAccounts organization() {
    return new OrganizationAccounts(http, StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
        URI.create(server.baseUrl()));
  }

  @Test
  void everyPageIsReadAndOnlyActiveAccountsCount() {
    server.stubFor(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
        .withRequestBody(equalToJson("{}")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"Accounts\":[{\"Id\":\"111122223333\",\"Status\":\"ACTIVE\"},"
                + "{\"Id\":\"999999999999\",\"Status\":\"SUSPENDED\"}],\"NextToken\":\"page-2\"}")));
    server.stubFor(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
        .withRequestBody(equalToJson("{\"NextToken\":\"page-2\"}")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"Accounts\":[{\"Id\":\"444455556666\",\"Status\":\"ACTIVE\"}]}")));

    assertThat(organization().list()).containsExactly("111122223333", "444455556666");

    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/")));
    assertThat(requests).hasSize(2).allSatisfy(r -> {
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.1");
      // SigV4 for the organizations service in its signing region, us-east-1.
      assertThat(r.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
          .contains("/us-east-1/organizations/aws4_request");
    });
  }

  @Test
  void aRefusalIsAnAccessErrorInOneLine() {
    server.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"com.amazonaws.organizations#AccessDeniedException\",\"Message\":\"no\"}")));

    assertThatThrownBy(() -> organization().list()).isInstanceOf(AwsAccessException.class)
        .hasMessageContaining("organizations:ListAccounts: AccessDeniedException")
        .hasMessageContaining("--accounts a list or a file")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
