package dev.pullpath.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The ACTIVE accounts of an AWS Organization, through {@code organizations:ListAccounts}.
 *
 * <p>The SDK's {@code organizations} module is not served by the package registry this project builds
 * from, so this one paginated call is made by hand: the documented JSON 1.1 protocol
 * ({@code X-Amz-Target: AWSOrganizationsV20161128.ListAccounts}) to the global endpoint, signed with the
 * SDK's own SigV4 signer (signing region us-east-1). Nothing else of Organizations is needed.
 */
final class OrganizationAccounts {
  private static final URI GLOBAL_ENDPOINT = URI.create("https://organizations.us-east-1.amazonaws.com/");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PAGES = 1_000;

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;

  OrganizationAccounts(SdkHttpClient http, AwsCredentialsProvider credentials, URI endpointOverride) {
    this.http = http;
    this.credentials = credentials;
    this.endpoint = endpointOverride != null ? endpointOverride : GLOBAL_ENDPOINT;
  }

  List<String> list() {
    List<String> accounts = new ArrayList<>();
    String nextToken = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      ObjectNode request = JSON.createObjectNode();
      if (nextToken != null) {
        request.put("NextToken", nextToken);
      }
      JsonNode response = call(request.toString());
      for (JsonNode account : response.path("Accounts")) {
        if ("ACTIVE".equals(account.path("Status").asText())) {
          accounts.add(account.path("Id").asText());
        }
      }
      nextToken = response.path("NextToken").asText(null);
      if (nextToken == null || nextToken.isEmpty()) {
        return accounts;
      }
    }
    throw AwsAccessException.organizationUnlisted("more than " + MAX_PAGES + " pages of accounts");
  }

  private JsonNode call(String body) {
    SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint)
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
        .build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(credentials.resolveCredentials())
        .request(unsigned)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    try {
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
          .request(signed.request())
          .contentStreamProvider(signed.payload().orElse(null))
          .build()).call();
      JsonNode answer;
      try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
        byte[] bytes = in.readAllBytes();
        answer = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      }
      if (!response.httpResponse().isSuccessful()) {
        String type = answer.path("__type").asText("HTTP " + response.httpResponse().statusCode());
        throw AwsAccessException.organizationUnlisted(type.substring(type.lastIndexOf('#') + 1));
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("organizations:ListAccounts failed: " + e.getMessage(), e);
    }
  }
}
