package dev.spyglass.transport.archive.internal;

import dev.spyglass.api.InvalidReferenceException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Docker image name with a tag, normalised as Docker normalises it: no host means {@code
 * docker.io}, a single name on Docker Hub gets {@code library/}, no tag means {@code latest}. What
 * {@code docker save} writes in {@code RepoTags} and {@code docker-archive:PATH:NAME:TAG} names.
 *
 * @param name the fully qualified repository, e.g. {@code docker.io/library/app}
 */
public record DockerName(String name, String tag) {
  private static final String HOST_LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:" + HOST_LABEL + "(?:\\." + HOST_LABEL + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

  /**
   * Parses {@code NAME[:TAG]} as Docker does.
   *
   * @throws InvalidReferenceException when the text is not a name, names a digest, or has
   *     upper-case letters in the repository
   */
  public static DockerName parse(String text) {
    if (text.contains("@")) {
      throw new InvalidReferenceException(text, "a digest cannot be used here, only NAME[:TAG]");
    }
    String name = text;
    String tag = "latest";
    int slash = text.lastIndexOf('/');
    int colon = text.lastIndexOf(':');
    if (colon > slash) {
      name = text.substring(0, colon);
      tag = text.substring(colon + 1);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidReferenceException(text, "tag \"" + tag + "\" is not a valid tag");
      }
    }
    String domain = "docker.io";
    String remainder = name;
    int first = name.indexOf('/');
    if (first >= 0) {
      String head = name.substring(0, first);
      if (head.contains(".")
          || head.contains(":")
          || head.equals("localhost")
          || !head.toLowerCase(Locale.ROOT).equals(head)) {
        domain = head;
        remainder = name.substring(first + 1);
      }
    }
    if (domain.equals("index.docker.io")) {
      domain = "docker.io";
    }
    if (!DOMAIN.matcher(domain).matches()) {
      throw new InvalidReferenceException(text, "\"" + domain + "\" is not a valid registry host");
    }
    if (!remainder.toLowerCase(Locale.ROOT).equals(remainder)) {
      throw new InvalidReferenceException(text, "repository name must be lowercase");
    }
    if (domain.equals("docker.io") && !remainder.contains("/")) {
      if (HEX64.matcher(remainder).matches()) {
        throw new InvalidReferenceException(
            text, "a repository name cannot be 64 hexadecimal characters (an image ID)");
      }
      remainder = "library/" + remainder;
    }
    for (String component : remainder.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new InvalidReferenceException(
            text, "\"" + component + "\" is not a valid name component");
      }
    }
    String full = domain + "/" + remainder;
    if (full.length() > 255) {
      throw new InvalidReferenceException(
          text, "the repository name is longer than 255 characters");
    }
    return new DockerName(full, tag);
  }

  @Override
  public String toString() {
    return name + ":" + tag;
  }
}
