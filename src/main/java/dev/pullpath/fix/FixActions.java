package dev.pullpath.fix;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.ArrayList;
import java.util.List;

/** The kinds of action, as named in a saved plan. */
public final class FixActions {
  private FixActions() {}

  /** The JSON name of an action's kind, e.g. {@code enable-vpc-dns-support}. */
  public static String kind(FixAction action) {
    for (JsonSubTypes.Type type : FixAction.class.getAnnotation(JsonSubTypes.class).value()) {
      if (type.value().equals(action.getClass())) {
        return type.name();
      }
    }
    throw new IllegalStateException(action.getClass() + " is not listed in FixAction's @JsonSubTypes");
  }

  /** Every action class, so tests can check each against the documented IAM policy. */
  public static List<Class<?>> all() {
    List<Class<?>> classes = new ArrayList<>();
    for (JsonSubTypes.Type type : FixAction.class.getAnnotation(JsonSubTypes.class).value()) {
      classes.add(type.value());
    }
    return classes;
  }
}
