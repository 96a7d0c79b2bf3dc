package io.canopy.cli;

import picocli.CommandLine;

/** The version from the jar manifest (set by the build), with the runtime it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = CanopyCli.class.getPackage().getImplementationVersion();
    return new String[] {
      "canopy " + (v == null ? "(development build)" : v),
      "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
          + " " + System.getProperty("os.arch")
    };
  }
}
