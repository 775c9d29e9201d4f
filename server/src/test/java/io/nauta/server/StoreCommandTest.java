package io.nauta.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.store.Store;
import io.nauta.store.embedded.EmbeddedStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nauta store export|import} on embedded stores in data directories. */
class StoreCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path dataDirWith(String name, String... keys) {
    Path data = dir.resolve(name);
    try (Store s = EmbeddedStore.open(data.resolve("store"))) {
      for (String k : keys) {
        s.create(k, ("value of " + k).getBytes(StandardCharsets.UTF_8)).join();
      }
    }
    return data;
  }

  @Test
  void exportThenImportCopiesEveryKey() throws Exception {
    Path source = dataDirWith("a", "/registry/namespaces/default", "/registry/pods/default/web");
    Path file = dir.resolve("cluster.dump");
    Run exported = run("store", "export", file.toString(), "--data-dir", source.toString());
    assertThat(exported.code()).as(exported.err()).isZero();
    assertThat(exported.out())
        .isEqualTo(
            "Exported 2 keys (revision 2) of the store in "
                + source.resolve("store")
                + " to "
                + file
                + "\n");
    assertThat(Files.readAllLines(file)).hasSize(3);
    assertThat(dir.resolve("cluster.dump.tmp")).doesNotExist();

    Path target = dir.resolve("b");
    Run imported = run("store", "import", file.toString(), "--data-dir", target.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).startsWith("Imported 2 keys from " + file);
    try (Store s = EmbeddedStore.open(target.resolve("store"))) {
      assertThat(new String(s.get("/registry/pods/default/web").value(), StandardCharsets.UTF_8))
          .isEqualTo("value of /registry/pods/default/web");
      assertThat(s.currentRevision()).isEqualTo(2);
    }
  }

  @Test
  void exportRefusesAStoreInUse() {
    Path source = dataDirWith("a", "/k");
    try (Store running = EmbeddedStore.open(source.resolve("store"))) {
      Run r = run("store", "export", dir.resolve("f").toString(), "--data-dir", source.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err())
          .isEqualTo(
              "nauta store export: the store in "
                  + source.resolve("store")
                  + " is in use: a server is running on --data-dir "
                  + source
                  + "; stop it first\n");
    }
    assertThat(dir.resolve("f")).doesNotExist();
  }

  @Test
  void exportRefusesADirectoryWithoutAStore() {
    Run r =
        run(
            "store",
            "export",
            dir.resolve("f").toString(),
            "--data-dir",
            dir.resolve("nothing").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("nauta store export: there is no store in ");
    assertThat(dir.resolve("nothing")).doesNotExist();
  }

  @Test
  void importRefusesAStoreThatHoldsKeys() throws Exception {
    Path source = dataDirWith("a", "/k");
    Path file = dir.resolve("f");
    assertThat(run("store", "export", file.toString(), "--data-dir", source.toString()).code())
        .isZero();
    Path used = dataDirWith("b", "/x", "/y", "/z");
    Run r = run("store", "import", file.toString(), "--data-dir", used.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "nauta store import: the store in "
                + used.resolve("store")
                + " is not empty (it holds 3 keys); import only into a new store: a --data-dir no"
                + " server has run on\n");
  }

  @Test
  void importSaysWhereAFileIsMalformed() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "{\"format\":\"nauta-store-dump\"}\n");
    Run r = run("store", "import", file.toString(), "--data-dir", dir.resolve("b").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "nauta store import: "
                + file
                + " line 1: format version null is not supported (this nauta reads versions 1"
                + " to 1); nothing was imported\n");
  }

  @Test
  void importOfAMissingFileIsOneLine() {
    Run r =
        run(
            "store",
            "import",
            dir.resolve("nope").toString(),
            "--data-dir",
            dir.resolve("b").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("nauta store import: no such file: " + dir.resolve("nope") + "\n");
  }
}
