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
      AgentCommand.class,
      TokenCommand.class,
      StoreCommand.class,
      KubeconfigCommand.class,
      SimulateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line; a bad flag value or file (IllegalArgumentException, IOException) ends it with
   * exit code 1 and one line saying what, not a stack trace.
   */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                // a bad flag value or file: say what, not where in the code
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + describe(e));
                return 1;
              }
              throw e;
            });
  }

  /** A failure as one line for the user. */
  static String describe(Throwable e) {
    if (e instanceof java.net.BindException) {
      return "cannot listen on the address/port ("
          + e.getMessage()
          + "); use --https-port or --bind-address";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Prints the version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nauta " + io.nauta.apiserver.endpoints.VersionInfo.GIT_VERSION};
    }
  }
}
