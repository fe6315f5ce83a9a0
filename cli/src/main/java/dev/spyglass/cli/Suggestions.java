package dev.spyglass.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a mistyped subcommand or option was probably meant to be, as git and cobra (skopeo's
 * command-line library) suggest it: the names at most two edits away, or that the typed text begins.
 */
final class Suggestions {
  private static final int MAX_EDITS = 2;
  private static final int MAX_SUGGESTIONS = 3;

  private Suggestions() {}

  /**
   * {@code "; did you mean 'inspect'?"} for the first argument picocli could not match, or an empty
   * string when it matches nothing closely (or the failure is not an unmatched argument).
   */
  static String forFailure(CommandLine.ParameterException failure) {
    if (!(failure instanceof CommandLine.UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()) {
      return "";
    }
    String typed = unmatched.getUnmatched().get(0);
    CommandLine.Model.CommandSpec spec = failure.getCommandLine().getCommandSpec();
    List<String> names = new ArrayList<>();
    if (typed.startsWith("-")) {
      int equals = typed.indexOf('=');
      typed = equals < 0 ? typed : typed.substring(0, equals);
      for (OptionSpec option : spec.options()) {
        names.addAll(List.of(option.names()));
      }
    } else {
      names.addAll(spec.subcommands().keySet());
    }
    List<String> close = closeTo(typed, names);
    return close.isEmpty() ? "" : "; did you mean '" + String.join("' or '", close) + "'?";
  }

  /** The names of {@code candidates} close to {@code typed}, at most three, closest first. */
  static List<String> closeTo(String typed, Collection<String> candidates) {
    List<String> close = new ArrayList<>();
    for (int edits = 0; edits <= MAX_EDITS; edits++) {
      for (String name : candidates) {
        if (!close.contains(name) && !name.equals(typed) && distance(typed, name) == edits) {
          close.add(name);
        }
      }
    }
    for (String name : candidates) {
      boolean prefix = typed.length() >= 2 && name.startsWith(typed);
      if (prefix && !close.contains(name)) {
        close.add(name);
      }
    }
    return close.subList(0, Math.min(MAX_SUGGESTIONS, close.size()));
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
