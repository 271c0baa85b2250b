package yarnlint.oracle;

import org.apache.log4j.Level;
import org.apache.log4j.LogManager;

/** MockRM raises the root log level to DEBUG; the oracle wants errors only, on stderr. */
final class Quiet {
  private Quiet() {
  }

  static void logs() {
    LogManager.getRootLogger().setLevel(Level.ERROR);
    // stopping an RM interrupts this thread's sleep, which it logs as an error
    LogManager.getLogger("org.apache.hadoop.security.token.delegation."
        + "AbstractDelegationTokenSecretManager").setLevel(Level.OFF);
  }
}
