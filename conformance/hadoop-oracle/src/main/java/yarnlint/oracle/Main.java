package yarnlint.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code run SCENARIO.json...}: each scenario through Hadoop's CapacityScheduler, JSON on
 * stdout (one object for one scenario, an array for several); {@code run -} reads one
 * scenario or an array of them from stdin. {@code run --accept FILE... [--yarn-site FILE]}:
 * whether the ResourceManager's CapacityScheduler starts with each capacity-scheduler.xml.
 * Exit status 0 when every input could be run, 2 on a usage error.
 */
public final class Main {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Quiet.logs();
    ReusedRsaKeys.install();
    if (args.length == 0) {
      System.err.println("usage: run SCENARIO.json... | run - | "
          + "run --accept CAPACITY_SCHEDULER_XML... [--yarn-site YARN_SITE_XML]");
      System.exit(2);
    }
    List<JsonNode> results = new ArrayList<>();
    boolean single;
    if (args[0].equals("--accept")) {
      List<String> files = new ArrayList<>();
      String yarnSite = null;
      for (int i = 1; i < args.length; i++) {
        if (args[i].equals("--yarn-site") && i + 1 < args.length) {
          yarnSite = args[++i];
        } else {
          files.add(args[i]);
        }
      }
      for (String file : files) {
        results.add(AcceptCheck.check(file, yarnSite));
      }
      single = files.size() == 1;
    } else if (args.length == 1 && args[0].equals("-")) {
      JsonNode input = MAPPER.readTree(System.in);
      single = !input.isArray();
      for (JsonNode scenario : single ? List.of(input) : input) {
        results.add(runOne(scenario));
      }
    } else {
      for (String file : args) {
        results.add(runOne(MAPPER.readTree(new File(file))));
      }
      single = args.length == 1;
    }
    Object output = single ? results.get(0) : MAPPER.createArrayNode().addAll(results);
    System.out.println(MAPPER.writeValueAsString(output));
    System.out.flush();
    System.exit(0);  // MockRM leaves non-daemon threads behind
  }

  /** The scenario's result, or an object with "error" when Hadoop could not run it. */
  private static JsonNode runOne(JsonNode scenario) {
    try {
      return new ScenarioRun(scenario).run();
    } catch (Exception | LinkageError e) {
      ObjectNode failure = MAPPER.createObjectNode();
      failure.put("format", "yarnlint-simulation/1");
      failure.put("name", scenario.path("name").asText(""));
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      failure.put("error", trace.toString());
      return failure;
    }
  }
}
