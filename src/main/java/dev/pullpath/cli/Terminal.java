package dev.pullpath.cli;

import java.io.Console;

/** Whether a person is at the keyboard, and their answer to one question. Tests replace it. */
interface Terminal {
  boolean interactive();

  /** The answer typed after {@code prompt}, {@code null} at end of input. */
  String ask(String prompt);

  Terminal SYSTEM = new Terminal() {
    @Override
    public boolean interactive() {
      return isTerminal(System.console());
    }

    @Override
    public String ask(String prompt) {
      Console console = System.console();
      return console == null ? null : console.readLine("%s", prompt);
    }
  };

  /**
   * Whether {@code console} is a person's terminal. From Java 22 to 24, System.console() is not null when
   * the standard streams are redirected (a CI job), so its Console.isTerminal() decides; before Java 22
   * there is no such method and a console exists only on a terminal. Called by reflection: compiled for 17.
   */
  static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
