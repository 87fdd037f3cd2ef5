package dev.pullpath.check;

/**
 * The value inside a resource that a finding is about, so a finding on a planned resource can point at
 * the value's line and a fix can replace exactly that value.
 *
 * @param pointer a JSON pointer into the resource as its AWS API spells it, e.g.
 *     {@code /containerDefinitions/0/image} or {@code /executionRoleArn}
 * @param replacement the corrected value when the fix is a plain replacement (an image rewrite), else
 *     {@code null}
 * @param position where a planned file spells the value; {@code null} for resources read from the account
 */
public record Anchor(String pointer, String replacement, SourcePosition position) {
  public Anchor {
    java.util.Objects.requireNonNull(pointer, "pointer");
  }

  public Anchor at(SourcePosition where) {
    return new Anchor(pointer, replacement, where);
  }
}
