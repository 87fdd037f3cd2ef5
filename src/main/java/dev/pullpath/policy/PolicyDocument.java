package dev.pullpath.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An IAM policy document. In a snapshot it may be written as a JSON object or as a string holding JSON
 * (the form EC2 returns) or URL-encoded JSON (the form IAM returns); all three read the same. It is
 * written back as the original JSON object, so a snapshot round-trips.
 *
 * <p>A document that does not parse as a policy (broken JSON, no {@code Statement}, an unknown
 * {@code Effect}...) is kept as it was found, with the reason in {@link #parseError()} and no statements:
 * one odd policy in an account must not stop the scan, and the checks that read it report it as not
 * evaluated instead of judging an empty policy.
 */
public final class PolicyDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode json;
  private final List<PolicyStatement> statements;
  private final String parseError;

  private PolicyDocument(JsonNode json, List<PolicyStatement> statements, String parseError) {
    this.json = json;
    this.statements = List.copyOf(statements);
    this.parseError = parseError;
  }

  /** Reads a policy from JSON text, URL-encoded JSON text, or an already parsed JSON tree. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PolicyDocument fromJson(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("policy document is null");
    }
    if (node.isTextual()) {
      return parse(node.asText());
    }
    if (!node.isObject()) {
      return unparsable(node, "policy document must be a JSON object or a string holding one");
    }
    try {
      return new PolicyDocument(node, readStatements(node), null);
    } catch (IllegalArgumentException e) {
      return unparsable(node, e.getMessage());
    }
  }

  /**
   * Parses policy text as IAM or EC2 return it; IAM URL-encodes (RFC 3986) its policy documents. Text
   * that is not a policy gives an {@linkplain #parseError() unparsable} document holding the text.
   */
  public static PolicyDocument parse(String text) {
    String trimmed = text.strip();
    try {
      if (trimmed.startsWith("%")) {
        trimmed = URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
      }
    } catch (IllegalArgumentException e) {
      return unparsable(TextNode.valueOf(text), "policy document is not valid URL-encoded text: " + e.getMessage());
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(trimmed);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return unparsable(TextNode.valueOf(text), "policy document is not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return unparsable(TextNode.valueOf(text), "policy document is empty");
    }
    if (tree.isTextual()) {
      return unparsable(TextNode.valueOf(text), "policy document must be a JSON object or a string holding one");
    }
    PolicyDocument parsed = fromJson(tree);
    // An encoded document that decodes to something unusable is kept as it came, not half-decoded.
    return parsed.isParsable() || !text.strip().startsWith("%") ? parsed : unparsable(TextNode.valueOf(text),
        parsed.parseError().orElseThrow());
  }

  private static PolicyDocument unparsable(JsonNode raw, String reason) {
    return new PolicyDocument(raw, List.of(), reason == null ? "policy document does not parse" : firstLine(reason));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }

  /** Why the document is not a policy pullpath can read; empty when it parsed. */
  public java.util.Optional<String> parseError() {
    return java.util.Optional.ofNullable(parseError);
  }

  public boolean isParsable() {
    return parseError == null;
  }

  @JsonValue
  public JsonNode json() {
    return json.deepCopy();
  }

  public List<PolicyStatement> statements() {
    return statements;
  }

  /**
   * This document with one more statement, as compact JSON text: what a fix sets, so that statements the
   * user already relies on survive.
   *
   * @param statementJson one statement object as JSON text
   */
  public String withStatement(String statementJson) {
    return withStatements(List.of(statementJson));
  }

  /** This document with more statements appended, as compact JSON text. */
  public String withStatements(List<String> statementJsons) {
    if (!isParsable()) {
      throw new IllegalStateException("cannot extend a policy that does not parse: " + parseError);
    }
    ObjectNode copy = (ObjectNode) json.deepCopy();
    ArrayNode statements = JSON.createArrayNode();
    JsonNode existing = copy.get("Statement");
    if (existing.isArray()) {
      statements.addAll((ArrayNode) existing);
    } else {
      statements.add(existing);
    }
    for (String statementJson : statementJsons) {
      try {
        statements.add(JSON.readTree(statementJson));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("not a JSON statement: " + statementJson, e);
      }
    }
    copy.set("Statement", statements);
    return copy.toString();
  }

  /** The statement ids ({@code Sid}) the document already uses. */
  public java.util.Set<String> sids() {
    java.util.Set<String> sids = new java.util.LinkedHashSet<>();
    JsonNode existing = json.get("Statement");
    (existing.isArray() ? existing : JSON.createArrayNode().add(existing))
        .forEach(statement -> {
          if (statement.hasNonNull("Sid")) {
            sids.add(statement.get("Sid").asText());
          }
        });
    return sids;
  }

  /**
   * One Allow statement as compact JSON text, written by Jackson so that any value (an ARN from the account,
   * say) is escaped as JSON requires.
   *
   * @param anyPrincipal add {@code "Principal":"*"}, as endpoint policies require
   */
  public static String allowStatementJson(String sid, boolean anyPrincipal, List<String> actions, List<String> resources) {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("Sid", sid);
    statement.put("Effect", "Allow");
    if (anyPrincipal) {
      statement.put("Principal", "*");
    }
    statement.set("Action", stringOrArray(actions));
    statement.set("Resource", stringOrArray(resources));
    return statement.toString();
  }

  /** A policy document holding {@code statementJsons}, as compact JSON text. */
  public static String policyJson(List<String> statementJsons) {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    for (String statementJson : statementJsons) {
      try {
        statements.add(JSON.readTree(statementJson));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("not a JSON statement: " + statementJson, e);
      }
    }
    return policy.toString();
  }

  private static JsonNode stringOrArray(List<String> values) {
    if (values.size() == 1) {
      return JSON.getNodeFactory().textNode(values.get(0));
    }
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** The document as compact JSON text, e.g. for a CLI {@code --policy-document} argument. */
  public String toJsonText() {
    return json.isTextual() ? json.asText() : json.toString();
  }

  private static List<PolicyStatement> readStatements(JsonNode root) {
    JsonNode statementNode = root.get("Statement");
    if (statementNode == null) {
      throw new IllegalArgumentException("policy document has no Statement");
    }
    List<JsonNode> nodes = new ArrayList<>();
    if (statementNode.isArray()) {
      statementNode.forEach(nodes::add);
    } else {
      nodes.add(statementNode);
    }
    List<PolicyStatement> result = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      result.add(readStatement(nodes.get(i), i));
    }
    return result;
  }

  private static PolicyStatement readStatement(JsonNode node, int index) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("Statement[" + index + "] is not an object");
    }
    String effectText = node.path("Effect").asText("");
    Effect effect =
        switch (effectText.toLowerCase(Locale.ROOT)) {
          case "allow" -> Effect.ALLOW;
          case "deny" -> Effect.DENY;
          default -> throw new IllegalArgumentException(
              "Statement[" + index + "] has Effect '" + effectText + "', expected Allow or Deny");
        };
    String sid = node.path("Sid").asText("");
    String label = sid.isEmpty() ? "#" + (index + 1) : sid;
    return new PolicyStatement(
        label,
        effect,
        readPrincipals(node.get("Principal")),
        node.has("NotPrincipal"),
        stringList(node.get("Action")),
        stringList(node.get("NotAction")),
        stringList(node.get("Resource")),
        stringList(node.get("NotResource")),
        node.has("Condition") && node.get("Condition").size() > 0);
  }

  private static Map<String, List<String>> readPrincipals(JsonNode node) {
    Map<String, List<String>> principals = new LinkedHashMap<>();
    if (node == null) {
      return principals;
    }
    if (node.isTextual()) {
      principals.put("AWS", List.of(node.asText()));
      return principals;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      principals.put(entry.getKey(), stringList(entry.getValue()));
    }
    return principals;
  }

  private static List<String> stringList(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isArray()) {
      List<String> values = new ArrayList<>();
      node.forEach(v -> values.add(v.asText()));
      return values;
    }
    return List.of(node.asText());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PolicyDocument that && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return toJsonText();
  }
}
