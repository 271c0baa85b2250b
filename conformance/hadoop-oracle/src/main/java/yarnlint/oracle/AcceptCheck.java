package yarnlint.oracle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.LocalConfigurationProvider;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.server.resourcemanager.MockRM;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.ResourceScheduler;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler;

/**
 * Starts a ResourceManager with Hadoop's CapacityScheduler on a given capacity-scheduler.xml
 * (layered over yarn-site.xml when given, as the RM layers them) and reports whether it
 * started, with Hadoop's message when it did not.
 */
final class AcceptCheck {
  private static volatile File schedulerFile;

  private AcceptCheck() {
  }

  /** Serves the file under test where the RM asks for capacity-scheduler.xml. */
  public static final class FileProvider extends LocalConfigurationProvider {
    @Override
    public synchronized InputStream getConfigurationInputStream(Configuration conf, String name)
        throws IOException, YarnException {
      if (YarnConfiguration.CS_CONFIGURATION_FILE.equals(name)) {
        return new FileInputStream(schedulerFile);
      }
      return super.getConfigurationInputStream(conf, name);
    }
  }

  static ObjectNode check(String file, String yarnSite) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("file", file);
    result.put("yarn_site", yarnSite);
    schedulerFile = new File(file);
    MockRM rm = null;
    try {
      if (!schedulerFile.isFile()) {
        throw new IOException("no such file: " + file);
      }
      Configuration conf = new YarnConfiguration();
      if (yarnSite != null) {
        conf.addResource(new File(yarnSite).toURI().toURL());
      }
      // what is under test is the scheduler's configuration, not the rest of the RM
      conf.setClass(YarnConfiguration.RM_SCHEDULER, CapacityScheduler.class,
          ResourceScheduler.class);
      conf.set(YarnConfiguration.RM_CONFIGURATION_PROVIDER_CLASS, FileProvider.class.getName());
      conf.setBoolean(YarnConfiguration.RECOVERY_ENABLED, false);
      conf.setBoolean(YarnConfiguration.RM_HA_ENABLED, false);
      Workspace.use(conf);
      rm = new MockRM(conf);
      Quiet.logs();
      rm.start();
      result.put("accepted", true);
      result.putNull("message");
    } catch (Throwable failure) {  // whatever stops the RM, Error included, is the verdict
      result.put("accepted", false);
      List<Throwable> chain = causes(failure);
      Throwable root = chain.get(chain.size() - 1);
      result.put("message", String.valueOf(root.getMessage()));
      result.put("exception", root.getClass().getName());
      ArrayNode messages = result.putArray("messages");
      for (Throwable cause : chain) {
        messages.add(cause.getClass().getSimpleName() + ": " + cause.getMessage());
      }
    } finally {
      if (rm != null) {
        try {
          rm.stop();
        } catch (RuntimeException ignored) {
          // a half-started RM may fail to stop; the verdict is already known
        }
      }
    }
    return result;
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = failure; cause != null && !chain.contains(cause);
        cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }
}
