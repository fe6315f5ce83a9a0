package dev.spyglass.cli.command;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/**
 * Binds an option or positional parameter of picocli's model to a command's field through a getter
 * and a setter, so that picocli neither reflects over the field nor reads an annotation. The
 * builders it starts hold the field's type and its value at build time as picocli's initial value
 * (what picocli resets the field to before it parses), as picocli takes them from an annotated
 * field.
 */
final class Binding<V extends @Nullable Object> implements IGetter, ISetter {
  private final Supplier<V> getter;
  private final Consumer<V> setter;

  private Binding(Supplier<V> getter, Consumer<V> setter) {
    this.getter = getter;
    this.setter = setter;
  }

  /** An option named {@code names} of {@code type}, bound to a field. */
  static <V extends @Nullable Object> OptionSpec.Builder option(
      Class<V> type, Supplier<V> getter, Consumer<V> setter, String... names) {
    Binding<V> binding = new Binding<>(getter, setter);
    return OptionSpec.builder(names)
        .type(type)
        .getter(binding)
        .setter(binding)
        .initialValue(getter.get());
  }

  /**
   * skopeo's true-by-default switch ({@code --tls-verify}, {@code --tls-verify=false}), bound to a
   * boolean field.
   */
  static OptionSpec.Builder trueByDefault(
      Supplier<Boolean> getter, Consumer<Boolean> setter, String... names) {
    return option(boolean.class, getter, setter, names)
        .arity("0..1")
        .defaultValue("true")
        .fallbackValue("true")
        .paramLabel("BOOL");
  }

  /** A repeatable option named {@code names}, bound to a list field of {@code element}s. */
  static <E> OptionSpec.Builder listOption(
      Class<E> element, Supplier<List<E>> getter, Consumer<List<E>> setter, String... names) {
    return option(listOf(element), getter, setter, names).auxiliaryTypes(element);
  }

  /**
   * The positional parameter(s) at {@code index}, taking {@code arity} values (required when that
   * is at least one, as picocli decides for an annotated field), bound to a field.
   */
  static <V extends @Nullable Object> PositionalParamSpec.Builder positional(
      String index, String arity, Class<V> type, Supplier<V> getter, Consumer<V> setter) {
    Binding<V> binding = new Binding<>(getter, setter);
    return PositionalParamSpec.builder()
        .index(index)
        .arity(arity)
        .required(Range.valueOf(arity).min() > 0)
        .type(type)
        .getter(binding)
        .setter(binding)
        .initialValue(getter.get());
  }

  /** As {@link #positional}, for a list field of {@code element}s. */
  static <E> PositionalParamSpec.Builder listPositional(
      String index,
      String arity,
      Class<E> element,
      Supplier<List<E>> getter,
      Consumer<List<E>> setter) {
    return positional(index, arity, listOf(element), getter, setter).auxiliaryTypes(element);
  }

  /** {@code List.class} typed as a list of {@code element}s: picocli takes the element apart. */
  @SuppressWarnings("unchecked")
  private static <E> Class<List<E>> listOf(Class<E> element) {
    return (Class<List<E>>) (Class<?>) List.class;
  }

  @Override
  @SuppressWarnings("unchecked") // picocli asks for the type it was told
  public <T extends @Nullable Object> T get() {
    return (T) getter.get();
  }

  @Override
  @SuppressWarnings("unchecked") // picocli gives back a value of the type it was told
  public <T extends @Nullable Object> T set(T value) {
    T previous = get();
    setter.accept((V) value);
    return previous;
  }
}
