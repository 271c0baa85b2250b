package yarnlint.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * A private directory per JVM for what a ResourceManager writes (its node-attribute store
 * defaults to a fixed path under /tmp, which concurrent runs would share and recover from).
 */
final class Workspace {
  private static Path directory;

  private Workspace() {
  }

  /** Points the RM's on-disk stores at this JVM's directory. */
  static synchronized void use(Configuration conf) {
    if (directory == null) {
      try {
        directory = Files.createTempDirectory("yarnlint-hadoop-oracle");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(Workspace::delete));
    }
    conf.set("hadoop.tmp.dir", directory.toString());
    conf.set("yarn.node-attribute.fs-store.root-dir",
        directory.resolve("node-attribute").toUri().toString());
    conf.set("yarn.node-labels.fs-store.root-dir",
        directory.resolve("node-labels").toUri().toString());
  }

  private static void delete() {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
