package dev.spyglass.manifest.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.InvalidManifestException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ociConfigJson} against what {@code skopeo inspect --config dir:LAYOUT} (skopeo 1.9.3)
 * printed for the configs of {@link SkopeoConfigs}, for schema2 and OCI layouts alike (skopeo
 * printed the same for both); skopeo's final newline is not part of the API's result.
 */
class OciConfigJsonTest {

  static Stream<Arguments> skopeoOutputs() {
    return Stream.of(
        Arguments.of(
            "full",
            SkopeoConfigs.FULL,
            """
            {
                "created": "2023-01-02T03:04:05.12Z",
                "author": "A \\u003ca@b\\u003e \\u0026 co",
                "architecture": "amd64",
                "variant": "v8",
                "os": "linux",
                "os.version": "10.0",
                "os.features": [
                    "win32k"
                ],
                "config": {
                    "User": "u",
                    "ExposedPorts": {
                        "443/tcp": {},
                        "80/tcp": {}
                    },
                    "Env": [
                        "PATH=/bin",
                        "X=\\u003cy\\u003e"
                    ],
                    "Entrypoint": [
                        "/e"
                    ],
                    "Cmd": [
                        "c"
                    ],
                    "Volumes": {
                        "/v": {}
                    },
                    "WorkingDir": "/w",
                    "Labels": {
                        "a": "\\u003c\\u003e\\u0026",
                        "z": "1",
                        "é": "ü"
                    },
                    "StopSignal": "SIGTERM",
                    "ArgsEscaped": true
                },
                "rootfs": {
                    "type": "layers",
                    "diff_ids": [
                        "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    ]
                },
                "history": [
                    {
                        "created": "2023-01-02T03:04:05+02:00",
                        "created_by": "/bin/sh -c x",
                        "author": "me",
                        "comment": "c",
                        "empty_layer": true
                    },
                    {
                        "created_by": "y"
                    }
                ]
            }"""),
        Arguments.of(
            "empty-object",
            SkopeoConfigs.EMPTY_OBJECT,
            """
            {
                "architecture": "",
                "os": "",
                "config": {},
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                }
            }"""),
        Arguments.of(
            "empty-collections",
            SkopeoConfigs.EMPTY_COLLECTIONS,
            """
            {
                "architecture": "arm64",
                "os": "linux",
                "config": {},
                "rootfs": {
                    "type": "layers",
                    "diff_ids": []
                }
            }"""),
        Arguments.of(
            "nulls",
            SkopeoConfigs.NULLS,
            """
            {
                "architecture": "",
                "os": "",
                "config": {},
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                }
            }"""),
        Arguments.of(
            "json-null",
            SkopeoConfigs.JSON_NULL,
            """
            {
                "architecture": "",
                "os": "",
                "config": {},
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                }
            }"""),
        Arguments.of(
            "case-folding",
            SkopeoConfigs.CASE_FOLDING,
            """
            {
                "created": "2020-01-01T00:00:00Z",
                "author": "au",
                "architecture": "x",
                "os": "y",
                "config": {
                    "User": "q",
                    "Env": [
                        "E=1"
                    ],
                    "Labels": {
                        "a": "2",
                        "b": "1"
                    }
                },
                "rootfs": {
                    "type": "t",
                    "diff_ids": [
                        "x"
                    ]
                }
            }"""),
        Arguments.of(
            "duplicate-members",
            SkopeoConfigs.DUPLICATE_MEMBERS,
            """
            {
                "architecture": "",
                "os": "",
                "config": {
                    "Env": [
                        "x",
                        "b",
                        "c"
                    ]
                },
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                },
                "history": [
                    {
                        "created_by": "a",
                        "comment": "b",
                        "empty_layer": true
                    }
                ]
            }"""),
        Arguments.of(
            "escapes",
            SkopeoConfigs.ESCAPES,
            """
            {
                "architecture": "",
                "os": "",
                "config": {
                    "Labels": {
                        "a": "",
                        "b": "\\u0001\\u0008\\u000c\\u2028\u007f�x😀/"
                    }
                },
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                }
            }"""),
        Arguments.of(
            "key-order",
            SkopeoConfigs.KEY_ORDER,
            """
            {
                "author": "\\u2028\\u2029 tab\\there \\u0000 = 'q' \\"",
                "architecture": "",
                "os": "lé",
                "config": {
                    "Labels": {
                        " ": "7",
                        "A": "5",
                        "a": "6",
                        "~": "3",
                        "é": "4",
                        "｡": "1",
                        "😀": "2"
                    }
                },
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                }
            }"""),
        Arguments.of(
            "invalid-utf8",
            SkopeoConfigs.INVALID_UTF8,
            """
            {
                "architecture": "",
                "os": "",
                "config": {
                    "Labels": {
                        "k": "a�b���c�"
                    }
                },
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                }
            }"""),
        Arguments.of(
            "times",
            SkopeoConfigs.TIMES,
            """
            {
                "created": "2020-01-01T00:00:00.123456789-07:30",
                "architecture": "",
                "os": "",
                "config": {},
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                },
                "history": [
                    {
                        "created": "2020-01-01T01:00:00.5Z"
                    },
                    {
                        "created": "2020-01-01T00:00:00Z"
                    },
                    {
                        "created": "0000-02-29T23:59:59.1+05:00"
                    }
                ]
            }"""),
        Arguments.of(
            "docker-only-fields",
            SkopeoConfigs.DOCKER_ONLY_FIELDS,
            """
            {
                "architecture": "",
                "os": "",
                "config": {
                    "ExposedPorts": {
                        "53/udp": {},
                        "80/tcp": {}
                    },
                    "Volumes": {
                        "/data": {}
                    },
                    "StopSignal": "SIGKILL"
                },
                "rootfs": {
                    "type": "",
                    "diff_ids": [
                        ""
                    ]
                },
                "history": [
                    {},
                    {}
                ]
            }"""),
        Arguments.of(
            "err-docker-hostname",
            SkopeoConfigs.ERR_DOCKER_HOSTNAME,
            """
            {
                "architecture": "",
                "os": "",
                "config": {},
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                }
            }"""),
        Arguments.of(
            "err-size-float",
            SkopeoConfigs.ERR_SIZE_FLOAT,
            """
            {
                "architecture": "",
                "os": "",
                "config": {},
                "rootfs": {
                    "type": "",
                    "diff_ids": null
                }
            }"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skopeoOutputs")
  void printsWhatSkopeoInspectConfigPrintsForSchema2(String name, byte[] config, String expected)
      throws InvalidManifestException {
    assertEquals(expected, ConfigManifests.schema2(config).ociConfigJson(config));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skopeoOutputs")
  void printsWhatSkopeoInspectConfigPrintsForOci(String name, byte[] config, String expected)
      throws InvalidManifestException {
    assertEquals(expected, ConfigManifests.oci(config).ociConfigJson(config));
  }

  /** skopeo inspect --config failed ("level=fatal") for each of these configs, schema2 and OCI. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "err-cmd-string",
        "err-port-value",
        "err-time-escape",
        "err-array",
        "err-bom",
        "err-day",
        "err-trailing"
      })
  void refusesConfigsSkopeoRefuses(String name) throws ReflectiveOperationException {
    byte[] config =
        (byte[])
            SkopeoConfigs.class.getDeclaredField(name.toUpperCase().replace('-', '_')).get(null);
    for (String kind : new String[] {"schema2", "oci"}) {
      InvalidManifestException e =
          assertThrows(
              InvalidManifestException.class,
              () -> ConfigManifests.forConfig(kind, config).ociConfigJson(config));
      assertEquals("invalid-config", e.rule());
      assertTrue(e.getMessage().startsWith("image config \"sha256:"), e.getMessage());
    }
  }
}
