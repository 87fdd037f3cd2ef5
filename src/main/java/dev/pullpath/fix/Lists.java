package dev.pullpath.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Sorted, de-duplicated id lists, so a plan's content (and so its id) does not depend on finding order. */
final class Lists {
  private Lists() {}

  static List<String> sortedUnion(List<String> a, List<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }

  static List<String> sorted(List<String> values) {
    return new ArrayList<>(new TreeSet<>(values));
  }
}
