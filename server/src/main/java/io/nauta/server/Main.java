package io.nauta.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code nauta} binary. */
@Command(
    name = "nauta",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Nauta: a Kubernetes-compatible container orchestrator in one binary.",
    subcommands = {
      ServerCommand.class,
      SchedulerCommand.class,
      ControllerManagerCommand.class,
      SimulateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** Prints the version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nauta " + io.nauta.apiserver.endpoints.VersionInfo.GIT_VERSION};
    }
  }
}
