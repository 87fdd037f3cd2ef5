package dev.pullpath.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of the AWS wire formats the local test servers speak: which service a request is for,
 * query-protocol form fields, and answers and errors in EC2 query/XML, IAM/STS query/XML and JSON 1.1.
 */
final class AwsWire {
  private static final Pattern SERVICE_IN_SCOPE = Pattern.compile("/[a-z0-9-]+/([a-z0-9]+)/aws4_request");
  static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final String JSON_CONTENT = "application/x-amz-json-1.1";

  private AwsWire() {}

  /** One HTTP answer. */
  record Answer(int status, String contentType, String body) {}

  /** The signing name of the service in a SigV4 credential scope ({@code ec2}, {@code iam}, ...), or "". */
  static String service(String authorization) {
    Matcher scope = SERVICE_IN_SCOPE.matcher(authorization == null ? "" : authorization);
    return scope.find() ? scope.group(1) : "";
  }

  static Map<String, List<String>> form(String body) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        params.computeIfAbsent(name, k -> new ArrayList<>())
            .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  static String one(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null ? null : values.get(0);
  }

  /** Values of {@code Prefix.member.N} or {@code Filter.1.Value.N}, in order. */
  static List<String> members(Map<String, List<String>> params, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; params.containsKey(prefix + i); i++) {
      values.add(one(params, prefix + i));
    }
    return values;
  }

  /** An EC2 answer: {@code <ActionResponse>} holding the request id and {@code inner}. */
  static Answer ec2(String action, String requestId, String inner) {
    return xml(200, "<" + action + "Response xmlns=\"" + EC2_NAMESPACE + "\"><requestId>" + requestId + "</requestId>"
        + inner + "</" + action + "Response>");
  }

  /** An IAM or STS answer: {@code <ActionResponse><ActionResult>inner</ActionResult>} and the request id. */
  static Answer query(String service, String action, String requestId, String inner) {
    return xml(200, "<" + action + "Response xmlns=\"https://" + service + ".amazonaws.com/doc/\"><" + action
        + "Result>" + inner + "</" + action + "Result><ResponseMetadata><RequestId>" + requestId
        + "</RequestId></ResponseMetadata></" + action + "Response>");
  }

  static Answer ec2Error(int status, String code, String message) {
    return xml(status, "<Response><Errors><Error><Code>" + code + "</Code><Message>" + escape(message)
        + "</Message></Error></Errors><RequestID>r</RequestID></Response>");
  }

  static Answer queryError(int status, String code, String message) {
    return xml(status, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + escape(message)
        + "</Message></Error><RequestId>r</RequestId></ErrorResponse>");
  }

  static Answer jsonError(String type, String message) {
    return jsonError(400, type, message);
  }

  static Answer jsonError(int status, String type, String message) {
    return new Answer(status, JSON_CONTENT, "{\"__type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "'")
        + "\"}");
  }

  static Answer xml(int status, String body) {
    return new Answer(status, "text/xml", body);
  }

  /** {@code <name>value</name>}, the value escaped. */
  static String element(String name, Object value) {
    return "<" + name + ">" + escape(String.valueOf(value)) + "</" + name + ">";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
