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
      return System.console() != null;
    }

    @Override
    public String ask(String prompt) {
      Console console = System.console();
      return console == null ? null : console.readLine("%s", prompt);
    }
  };
}
