package dev.spyglass.manifest.oci.internal;

import static dev.spyglass.gojson.GoType.Field.of;
import static dev.spyglass.gojson.GoType.Field.omitEmpty;
import static dev.spyglass.gojson.GoType.Scalar.BOOL;
import static dev.spyglass.gojson.GoType.Scalar.INT;
import static dev.spyglass.gojson.GoType.Scalar.STRING;
import static dev.spyglass.gojson.GoType.Scalar.STR_SLICE;
import static dev.spyglass.gojson.GoType.Scalar.TIME;

import dev.spyglass.gojson.GoType;
import dev.spyglass.gojson.GoType.MapOf;
import dev.spyglass.gojson.GoType.Ptr;
import dev.spyglass.gojson.GoType.Slice;
import dev.spyglass.gojson.GoType.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * The Go types skopeo 1.9.3 decodes image configs into, field for field: image-spec's {@code
 * v1.Image} (for {@code inspect --config} and OCI {@code inspect}) and containers/image's {@code
 * manifest.Schema2Image} / {@code Schema2V1Image} (for Docker schema2 {@code inspect}, and checked
 * alongside {@code v1.Image} for OCI). A value of the wrong type in any of these fields fails
 * skopeo, so it fails here too.
 */
final class ConfigTypes {
  private static final Struct EMPTY = Struct.of("struct {}");
  private static final Slice STRINGS = new Slice(STRING);

  /** image-spec {@code v1.History}. */
  static final Struct OCI_HISTORY =
      Struct.of(
          "History",
          omitEmpty("created", new Ptr(TIME)),
          omitEmpty("created_by", STRING),
          omitEmpty("author", STRING),
          omitEmpty("comment", STRING),
          omitEmpty("empty_layer", BOOL));

  /** image-spec {@code v1.ImageConfig}. */
  static final Struct OCI_CONTAINER_CONFIG =
      Struct.of(
          "ImageConfig",
          omitEmpty("User", STRING),
          omitEmpty("ExposedPorts", new MapOf(EMPTY)),
          omitEmpty("Env", STRINGS),
          omitEmpty("Entrypoint", STRINGS),
          omitEmpty("Cmd", STRINGS),
          omitEmpty("Volumes", new MapOf(EMPTY)),
          omitEmpty("WorkingDir", STRING),
          omitEmpty("Labels", new MapOf(STRING)),
          omitEmpty("StopSignal", STRING),
          omitEmpty("ArgsEscaped", BOOL));

  /** image-spec {@code v1.Image}, in the field order skopeo prints. */
  static final Struct OCI_IMAGE =
      Struct.of(
          "Image",
          omitEmpty("created", new Ptr(TIME)),
          omitEmpty("author", STRING),
          of("architecture", STRING),
          omitEmpty("variant", STRING),
          of("os", STRING),
          omitEmpty("os.version", STRING),
          omitEmpty("os.features", STRINGS),
          omitEmpty("config", OCI_CONTAINER_CONFIG),
          of("rootfs", Struct.of("RootFS", of("type", STRING), of("diff_ids", STRINGS))),
          omitEmpty("history", new Slice(OCI_HISTORY)));

  /** containers/image {@code manifest.Schema2Config}. */
  private static final Struct DOCKER_CONTAINER_CONFIG =
      Struct.of(
          "Schema2Config",
          of("Hostname", STRING),
          of("Domainname", STRING),
          of("User", STRING),
          of("AttachStdin", BOOL),
          of("AttachStdout", BOOL),
          of("AttachStderr", BOOL),
          of("ExposedPorts", new MapOf(EMPTY)),
          of("Tty", BOOL),
          of("OpenStdin", BOOL),
          of("StdinOnce", BOOL),
          of("Env", STRINGS),
          of("Cmd", STR_SLICE),
          of(
              "Healthcheck",
              new Ptr(
                  Struct.of(
                      "Schema2HealthConfig",
                      of("Test", STRINGS),
                      of("StartPeriod", INT),
                      of("Interval", INT),
                      of("Timeout", INT),
                      of("Retries", INT)))),
          of("ArgsEscaped", BOOL),
          of("Image", STRING),
          of("Volumes", new MapOf(EMPTY)),
          of("WorkingDir", STRING),
          of("Entrypoint", STR_SLICE),
          of("NetworkDisabled", BOOL),
          of("MacAddress", STRING),
          of("OnBuild", STRINGS),
          of("Labels", new MapOf(STRING)),
          of("StopSignal", STRING),
          of("StopTimeout", new Ptr(INT)),
          of("Shell", STR_SLICE));

  /** The fields of containers/image {@code manifest.Schema2V1Image} except {@code parent}. */
  private static final List<GoType.Field> DOCKER_V1_FIELDS =
      List.of(
          of("id", STRING),
          of("comment", STRING),
          of("created", TIME),
          of("container", STRING),
          of("container_config", DOCKER_CONTAINER_CONFIG),
          of("docker_version", STRING),
          of("author", STRING),
          of("config", new Ptr(DOCKER_CONTAINER_CONFIG)),
          of("architecture", STRING),
          of("variant", STRING),
          of("os", STRING),
          of("Size", INT));

  /** containers/image {@code manifest.Schema2V1Image}. */
  static final Struct DOCKER_V1_IMAGE = new Struct("Schema2V1Image", withParent(DOCKER_V1_FIELDS));

  /**
   * containers/image {@code manifest.Schema2Image}: {@code Schema2V1Image} embedded (its {@code
   * parent} shadowed by the outer one) plus rootfs, history and os.version/os.features.
   */
  static final Struct DOCKER_IMAGE = dockerImage();

  private ConfigTypes() {}

  private static List<GoType.Field> withParent(List<GoType.Field> fields) {
    List<GoType.Field> all = new ArrayList<>(fields);
    all.add(1, of("parent", STRING));
    return all;
  }

  private static Struct dockerImage() {
    List<GoType.Field> fields = new ArrayList<>(DOCKER_V1_FIELDS);
    fields.add(of("parent", STRING));
    fields.add(
        of(
            "rootfs",
            new Ptr(Struct.of("Schema2RootFS", of("type", STRING), of("diff_ids", STRINGS)))));
    fields.add(
        of(
            "history",
            new Slice(
                Struct.of(
                    "Schema2History",
                    of("created", TIME),
                    of("created_by", STRING),
                    of("author", STRING),
                    of("comment", STRING),
                    of("empty_layer", BOOL)))));
    fields.add(of("os.version", STRING));
    fields.add(of("os.features", STRINGS));
    return new Struct("Schema2Image", fields);
  }
}
