package dev.pullpath.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotJsonTest {
  private static final Path BROKEN = Path.of("examples/seed-broken.json");

  @Test
  void roundTripsTheExamples() throws Exception {
    for (String name : new String[] {"seed-compliant", "seed-broken"}) {
      AccountSnapshot snapshot = SnapshotJson.read(Path.of("examples", name + ".json"));
      AccountSnapshot again = SnapshotJson.parse(SnapshotJson.write(snapshot), name);
      assertThat(again).isEqualTo(snapshot);
    }
  }

  @Test
  void readsPolicyDocumentsAsObjectsOrStrings() {
    AccountSnapshot snapshot = SnapshotJson.parse("""
        {"accountId":"111122223333","region":"eu-west-1","registryPolicy":"{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"ecr:*\\",\\"Resource\\":\\"*\\"}]}"}""",
        "inline");
    assertThat(snapshot.registryPolicy().statements()).hasSize(1);
    assertThat(snapshot.vpcs()).isEmpty();
  }

  @Test
  void toleratesUnknownFields() {
    AccountSnapshot snapshot = SnapshotJson.parse(
        "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\",\"futureField\":{\"x\":1},\"vpcs\":[{\"vpcId\":\"v\",\"enableDnsSupport\":true,"
            + "\"enableDnsHostnames\":true,\"tags\":[]}]}", "inline");
    assertThat(snapshot.vpcs()).hasSize(1);
  }

  @Test
  void missingRequiredFieldNamesTheJsonPath() {
    assertThatThrownBy(() -> SnapshotJson.parse(
        "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\",\"services\":[{\"clusterName\":\"c\",\"serviceName\":\"s\"}]}", "a.json"))
        .isInstanceOf(SnapshotFormatException.class)
        .hasMessage("a.json: $.services[0].taskDefinitionArn: required field is missing");
  }

  @Test
  void wrongTypeNamesTheJsonPath() {
    assertThatThrownBy(() -> SnapshotJson.parse(
        "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\",\"vpcs\":[{\"vpcId\":\"v\",\"enableDnsSupport\":\"maybe\",\"enableDnsHostnames\":true}]}",
        "a.json"))
        .isInstanceOf(SnapshotFormatException.class)
        .hasMessageStartingWith("a.json: $.vpcs[0].enableDnsSupport: ");
  }

  @Test
  void aPolicyThatDoesNotParseIsKeptWithTheReasonAndRoundTrips() {
    String json = "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\","
        + "\"registryPolicy\":{\"Statement\":[{\"Effect\":\"Perhaps\"}]},"
        + "\"vpcEndpoints\":[{\"vpcEndpointId\":\"vpce-1\",\"vpcId\":\"vpc-1\",\"serviceName\":\"s\","
        + "\"type\":\"Gateway\",\"state\":\"available\",\"policyDocument\":\"{\\\"Statement\\\": [\"}]}";
    AccountSnapshot snapshot = SnapshotJson.parse(json, "a.json");

    assertThat(snapshot.registryPolicy().parseError()).hasValue("Statement[0] has Effect 'Perhaps', expected Allow or Deny");
    assertThat(snapshot.vpcEndpoints().get(0).policyDocument().parseError())
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("policy document is not valid JSON"));
    AccountSnapshot again = SnapshotJson.parse(SnapshotJson.write(snapshot), "again.json");
    assertThat(again).isEqualTo(snapshot);
    assertThat(again.vpcEndpoints().get(0).policyDocument().toJsonText()).isEqualTo("{\"Statement\": [");
  }

  @Test
  void truncatedFileGivesOneLineWithPathAndPosition(@TempDir Path dir) throws Exception {
    String text = Files.readString(BROKEN);
    Path truncated = dir.resolve("truncated.json");
    Files.writeString(truncated, text.substring(0, text.indexOf("\"securityGroups\"") + 40));
    assertThatThrownBy(() -> SnapshotJson.read(truncated))
        .isInstanceOf(SnapshotFormatException.class)
        .hasMessageContaining(truncated.toString())
        .hasMessageContaining("$.securityGroups")
        .hasMessageContaining("line ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void malformedJsonGivesOneLine() {
    assertThatThrownBy(() -> SnapshotJson.parse("{\"accountId\": \"1\", \"region\": r}", "m.json"))
        .isInstanceOf(SnapshotFormatException.class)
        .hasMessageStartingWith("m.json: $.region: malformed JSON: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void missingFileAndNewerSchemaAreClear(@TempDir Path dir) {
    assertThatThrownBy(() -> SnapshotJson.read(dir.resolve("nope.json")))
        .hasMessageEndingWith("nope.json: no such file");
    assertThatThrownBy(() -> SnapshotJson.parse("{\"schemaVersion\":9,\"accountId\":\"111122223333\",\"region\":\"eu-west-1\"}", "n.json"))
        .hasMessageContaining("upgrade pullpath");
  }

  @Test
  void valuesThatWouldMisleadTheRulesAreRejectedWithTheirPath() {
    String td = "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\",\"taskDefinitions\":[{"
        + "\"taskDefinitionArn\":\"arn:aws:ecs:eu-west-1:111122223333:task-definition/a:1\",\"family\":\"a\","
        + "\"containers\":[{\"name\":\"web\",\"image\":IMAGE}]}]}";
    assertThatThrownBy(() -> SnapshotJson.parse(td.replace("IMAGE", "null"), "t.json"))
        .isInstanceOf(SnapshotFormatException.class)
        .hasMessageStartingWith("t.json: $.taskDefinitions[0].containers[0]: image must be a non-empty string");
    assertThatThrownBy(() -> SnapshotJson.parse(td.replace("IMAGE", "\"  \""), "t.json"))
        .hasMessageContaining("image must be a non-empty string");
    assertThatThrownBy(() -> SnapshotJson.parse(
        "{\"accountId\":\"abc\",\"region\":\"eu-west-1\"}", "t.json"))
        .hasMessageStartingWith("t.json: $: accountId must be 12 digits");
    assertThatThrownBy(() -> SnapshotJson.parse(
        "{\"accountId\":\"111122223333\",\"region\":\"\"}", "t.json"))
        .hasMessageContaining("region must look like eu-west-1");
    assertThatThrownBy(() -> SnapshotJson.parse("{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\","
        + "\"subnets\":[{\"subnetId\":\"s\",\"vpcId\":\"v\",\"availabilityZone\":\"eu-west-1a\","
        + "\"cidrBlock\":\"10.0.1.0/33\"}]}", "t.json"))
        .hasMessageStartingWith("t.json: $.subnets[0]: cidrBlock '10.0.1.0/33' is not an IPv4 CIDR block");
  }

  @Test
  void effectiveRouteTableFallsBackToTheMainTable() {
    AccountSnapshot snapshot = SnapshotJson.read(BROKEN);
    Subnet unassociated = snapshot.subnet("subnet-0cc2222222222222c").orElseThrow();
    Subnet associated = snapshot.subnet("subnet-0aa1111111111111a").orElseThrow();
    assertThat(snapshot.effectiveRouteTable(unassociated).orElseThrow().routeTableId()).isEqualTo("rtb-0main000000000001");
    assertThat(snapshot.effectiveRouteTable(associated).orElseThrow().routeTableId()).isEqualTo("rtb-0private0000000001");
  }

  @Test
  void cidrContainment() {
    assertThat(Cidr.parse("10.0.0.0/16").contains(Cidr.parse("10.0.1.0/24"))).isTrue();
    assertThat(Cidr.parse("10.0.1.0/24").contains(Cidr.parse("10.0.0.0/16"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("192.168.3.0/24"))).isTrue();
    assertThat(Cidr.parse("10.0.1.0/24").contains(Cidr.parse("10.0.2.0/24"))).isFalse();
    assertThat(Cidr.isIpv4("2001:db8::/32")).isFalse();
  }

  @Test
  void cidrUnionsAddUp() {
    java.util.function.Function<String[], java.util.List<Cidr>> blocks =
        texts -> java.util.Arrays.stream(texts).map(Cidr::parse).toList();
    Cidr subnet = Cidr.parse("10.0.1.0/24");
    assertThat(Cidr.unionCovers(blocks.apply(new String[] {"10.0.1.128/25", "10.0.1.0/25"}), subnet)).isTrue();
    assertThat(Cidr.unionCovers(blocks.apply(new String[] {"10.0.1.0/25"}), subnet)).isFalse();
    assertThat(Cidr.unionCovers(blocks.apply(new String[] {"10.0.1.0/26", "10.0.1.128/25"}), subnet)).isFalse();
    assertThat(Cidr.unionCovers(blocks.apply(new String[] {"10.0.0.0/16"}), subnet)).isTrue();
    assertThat(Cidr.unionCovers(blocks.apply(new String[] {"128.0.0.0/1", "0.0.0.0/1"}), Cidr.EVERYWHERE)).isTrue();
    assertThat(Cidr.unionCovers(blocks.apply(new String[] {"0.0.0.0/1", "128.0.0.0/2"}), Cidr.EVERYWHERE)).isFalse();
    assertThat(Cidr.unionCovers(java.util.List.of(), subnet)).isFalse();
  }

  @Test
  void routeTargetKindsAddedLaterAndTheOldOnesBothLoad() {
    AccountSnapshot snapshot = SnapshotJson.parse("""
        {"accountId":"111122223333","region":"eu-west-1","routeTables":[{"routeTableId":"rtb-1","vpcId":"vpc-1",
         "routes":[{"destination":"0.0.0.0/0","targetType":"tgw","targetId":"tgw-1"},
                   {"destination":"10.9.0.0/16","targetType":"other","targetId":"pcx-1"},
                   {"destination":"10.8.0.0/16","targetType":"core-network","targetId":"arn:aws:networkmanager::1:core-network/c"},
                   {"destination":"10.7.0.0/16","targetType":"blackhole","targetId":"nat-gone"}]}]}""", "inline");
    java.util.List<Route> routes = snapshot.routeTables().get(0).routes();
    assertThat(routes).extracting(Route::targetType).containsExactly(
        Route.TargetType.TGW, Route.TargetType.OTHER, Route.TargetType.CORE_NETWORK, Route.TargetType.BLACKHOLE);
    assertThat(routes).extracting(r -> r.targetType().isOpaque()).containsExactly(true, false, true, false);
    assertThat(SnapshotJson.write(snapshot)).contains("\"targetType\" : \"core-network\"");
    assertThatThrownBy(() -> SnapshotJson.parse("""
        {"accountId":"111122223333","region":"eu-west-1","routeTables":[{"routeTableId":"rtb-1","vpcId":"vpc-1",
         "routes":[{"destination":"0.0.0.0/0","targetType":"wormhole"}]}]}""", "inline"))
        .hasMessageContaining("gwlbe");
  }

  @Test
  void aFileWithAUtf8ByteOrderMarkIsRead(@TempDir Path dir) throws Exception {
    Path withBom = dir.resolve("bom.json");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = Files.readAllBytes(BROKEN);
    byte[] both = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, both, 0, bom.length);
    System.arraycopy(text, 0, both, bom.length, text.length);
    Files.write(withBom, both);

    assertThat(SnapshotJson.readText(withBom)).doesNotStartWith("\uFEFF");
    assertThat(SnapshotJson.read(withBom)).isEqualTo(SnapshotJson.read(BROKEN));
  }
}
