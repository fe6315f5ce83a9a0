package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistriesOfProvidersTest {

  @Test
  void twoTransportsWithOneNameFailNamingBothClasses() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Transports.of(List.of(new FakeTransport(), new OtherFakeTransport())));
    assertTrue(e.getMessage().contains(FakeTransport.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(OtherFakeTransport.class.getName()), e.getMessage());
  }

  @Test
  void unknownTransportListsTheKnownOnes() {
    UnknownTransportException e =
        assertThrows(UnknownTransportException.class, () -> Transports.of(List.of(new FakeTransport())).parse("ftp://x"));
    assertEquals("ftp", e.name());
    assertEquals(List.of("fake"), e.known());
  }

  @Test
  void textWithoutTransportIsAnInvalidReference() {
    InvalidReferenceException e =
        assertThrows(InvalidReferenceException.class, () -> Transports.of(List.of()).parse("busybox"));
    assertTrue(e.getMessage().contains("\"busybox\""), e.getMessage());
  }

  @Test
  void twoFormatsClaimingOneMediaTypeFailNamingBoth() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ManifestFormats.of(List.of(new FakeFormat(), new FakeFormat())));
    assertTrue(e.getMessage().contains("application/x-fake"), e.getMessage());
  }

  @Test
  void unsupportedMediaTypeIsAnInvalidManifest() {
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> ManifestFormats.of(List.of(new FakeFormat())).parse(new byte[0], "text/plain"));
    assertEquals("unsupported-media-type", e.rule());
  }

  @Test
  void mediaTypeLookupIgnoresParametersAndCase() {
    ManifestFormats formats = ManifestFormats.of(List.of(new FakeFormat()));
    assertTrue(formats.forMediaType("Application/X-Fake; charset=utf-8").isPresent());
  }

  static final class FakeTransport implements Transport {
    @Override
    public String name() {
      return "fake";
    }

    @Override
    public ImageReference parseReference(String reference) {
      throw new InvalidReferenceException(reference, "fake");
    }
  }

  static final class OtherFakeTransport implements Transport {
    @Override
    public String name() {
      return "fake";
    }

    @Override
    public ImageReference parseReference(String reference) {
      throw new InvalidReferenceException(reference, "fake");
    }
  }

  static final class FakeFormat implements ManifestFormat {
    @Override
    public Set<String> mediaTypes() {
      return Set.of("application/x-fake");
    }

    @Override
    public Manifest parse(byte[] bytes, String mediaType) {
      return () -> mediaType;
    }
  }
}
