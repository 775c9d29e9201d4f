package io.nauta.server;

import io.nauta.store.Store;
import io.nauta.store.dump.DumpFormat;
import io.nauta.store.dump.ImportResult;
import io.nauta.store.dump.StoreExporter;
import io.nauta.store.dump.StoreImporter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nauta store}: copies a server's whole store into a file ({@code export}) and such a file
 * into a new, empty store ({@code import}), e.g. to move a cluster to another store engine or
 * machine. The file format is described in {@link io.nauta.store.dump}.
 */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Export a stopped server's store to a file, or import such a file.",
    subcommands = {StoreCommand.Export.class, StoreCommand.Import.class})
final class StoreCommand {
  /** {@code nauta store export FILE}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write every key of the store (all objects of the cluster) to FILE: JSON lines, a"
              + " header line then one line per key with its value in base64. The server of"
              + " --data-dir must be stopped.")
  static final class Export implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The file to write (replaced if it exists).")
    Path file;

    @CommandLine.Mixin StoreCommandFlags store = new StoreCommandFlags();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      DumpFormat.Summary summary;
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Store s = store.open(false)) {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          summary = new StoreExporter(Clock.systemUTC()).export(s, out);
        }
        // a reader never sees half a dump under the final name
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (StoreCommandFlags.Unavailable e) {
        spec.commandLine().getErr().println("nauta store export: " + e.getMessage());
        return 1;
      } finally {
        Files.deleteIfExists(tmp);
      }
      spec.commandLine()
          .getOut()
          .println(
              "Exported "
                  + summary.keys()
                  + " keys (revision "
                  + summary.revision()
                  + ") of "
                  + store.describe()
                  + " to "
                  + file);
      return 0;
    }
  }

  /** {@code nauta store import FILE}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Load a file written by `nauta store export` into the empty store of --data-dir (a new"
              + " data directory); a server started there serves the same objects (with new"
              + " resourceVersions).")
  static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A file written by `nauta store export`.")
    Path file;

    @CommandLine.Mixin StoreCommandFlags store = new StoreCommandFlags();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ImportResult result;
      try (InputStream in = Files.newInputStream(file);
          Store s = store.open(true)) {
        result = StoreImporter.load(s, in);
      } catch (StoreCommandFlags.Unavailable e) {
        spec.commandLine().getErr().println("nauta store import: " + e.getMessage());
        return 1;
      }
      switch (result) {
        case ImportResult.Loaded loaded -> {
          spec.commandLine()
              .getOut()
              .println(
                  "Imported "
                      + loaded.summary().keys()
                      + " keys from "
                      + file
                      + " into "
                      + store.describe());
          return 0;
        }
        case ImportResult.NotEmpty notEmpty -> {
          spec.commandLine()
              .getErr()
              .println(
                  "nauta store import: "
                      + store.describe()
                      + " is not empty (it holds "
                      + notEmpty.keys()
                      + " keys); import only into a new store: a --data-dir no server has run on");
          return 1;
        }
        case ImportResult.Malformed bad -> {
          spec.commandLine()
              .getErr()
              .println(
                  "nauta store import: "
                      + file
                      + " line "
                      + bad.line()
                      + ": "
                      + bad.reason()
                      + "; nothing was imported");
          return 1;
        }
      }
    }
  }
}
