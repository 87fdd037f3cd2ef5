package dev.pullpath.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * Serialises the JSON and SARIF reports. Jackson's default pretty printer uses the platform line
 * separator and {@code "key" : value} spacing; fixing both here keeps the committed sample reports
 * byte-identical on every machine, and reads like hand-written JSON.
 */
final class JsonOutput {
  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private static final ObjectWriter WITH_NULLS = writer(JsonInclude.Include.ALWAYS);
  private static final ObjectWriter WITHOUT_NULLS = writer(JsonInclude.Include.NON_NULL);

  private JsonOutput() {}

  /** Every field, nulls included: for a documented shape where a field is always present. */
  static String withNulls(Object value) {
    return write(WITH_NULLS, value);
  }

  /** Null fields left out: for schemas that forbid null values (SARIF). */
  static String withoutNulls(Object value) {
    return write(WITHOUT_NULLS, value);
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectWriter writer(JsonInclude.Include nulls) {
    return JsonMapper.builder()
        .defaultPropertyInclusion(JsonInclude.Value.construct(nulls, nulls))
        .build()
        .writer(PRINTER);
  }
}
