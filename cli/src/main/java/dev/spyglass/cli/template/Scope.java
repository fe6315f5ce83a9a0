package dev.spyglass.cli.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The variables a template has declared where it is, innermost last: a {@code range} binds its
 * variables for its body, and {@link #dropTo} forgets them when the body ends.
 *
 * @param <T> what a variable stands for: its kind while checking, its value while running
 */
final class Scope<T> {
  private record Binding<T>(String name, T value) {}

  private final List<Binding<T>> bindings = new ArrayList<>();

  void bind(String name, T value) {
    bindings.add(new Binding<>(name, value));
  }

  /** A mark to {@link #dropTo}: the variables bound after it are dropped. */
  int mark() {
    return bindings.size();
  }

  void dropTo(int mark) {
    bindings.subList(mark, bindings.size()).clear();
  }

  /** The innermost variable named {@code name} (with its {@code $}); empty when none is bound. */
  Optional<T> lookup(String name) {
    for (int i = bindings.size() - 1; i >= 0; i--) {
      if (bindings.get(i).name().equals(name)) {
        return Optional.of(bindings.get(i).value());
      }
    }
    return Optional.empty();
  }
}
