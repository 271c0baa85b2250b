package yarnlint.oracle;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.net.NetUtils;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.ResourceRequest;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.resourcemanager.MockNodes;
import org.apache.hadoop.yarn.server.resourcemanager.MockRM;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.attempt.RMAppAttempt;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.attempt.RMAppAttemptMetrics;
import org.apache.hadoop.yarn.server.resourcemanager.rmcontainer.RMContainer;
import org.apache.hadoop.yarn.server.resourcemanager.rmnode.RMNode;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.ContainerUpdates;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.ResourceScheduler;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.OracleScheduler;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.ContainerAllocationProposal;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.ResourceCommitRequest;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.SchedulerContainer;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.fica.FiCaSchedulerApp;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.fica.FiCaSchedulerNode;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.event.AppAddedSchedulerEvent;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.event.AppAttemptAddedSchedulerEvent;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.event.NodeAddedSchedulerEvent;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.event.NodeUpdateSchedulerEvent;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.placement.CandidateNodeSet;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.placement.CandidateNodeSetUtils;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.placement.SimpleCandidateNodeSet;
import org.apache.hadoop.yarn.server.scheduler.SchedulerRequestKey;

/**
 * Runs one {@code yarnlint-scenario/1} through Hadoop's CapacityScheduler and returns a
 * {@code yarnlint-simulation/1}-shaped result: one entry per attempt or heartbeat.
 */
final class ScenarioRun implements OracleScheduler.Listener {
  static final String CAPACITY = "yarn.scheduler.capacity.";
  private static final long CLUSTER_TIMESTAMP = 1_000_000L;
  private static final String USER = "user";
  private static final Map<String, String> FULL_NAMES = Map.of(
      "heartbeat-interval-ms", "yarn.resourcemanager.nodemanagers.heartbeat-interval-ms",
      "minimum-allocation-mb", "yarn.scheduler.minimum-allocation-mb",
      "minimum-allocation-vcores", "yarn.scheduler.minimum-allocation-vcores",
      "maximum-allocation-mb", "yarn.scheduler.maximum-allocation-mb",
      "maximum-allocation-vcores", "yarn.scheduler.maximum-allocation-vcores");
  private static final String[] TYPES = {"NODE_LOCAL", "RACK_LOCAL", "OFF_SWITCH"};

  private final JsonNode scenario;
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final Configuration conf = baseConfiguration();
  private final Map<String, RMNode> nodes = new LinkedHashMap<>();
  private final Map<String, ApplicationAttemptId> apps = new LinkedHashMap<>();
  private final Map<ApplicationAttemptId, String> appNames = new HashMap<>();
  private final Map<String, Map<String, SchedulerRequestKey>> keys = new LinkedHashMap<>();
  private final ArrayNode entries = json.arrayNode();
  private final Map<String, Integer> containers = new LinkedHashMap<>();
  private MockRM rm;
  private OracleScheduler cs;
  private boolean asyncScheduling;
  private ObjectNode entry;
  private int passIndex = -1;
  private int reservations;
  private int heartbeats;
  private Integer firstAllocation;
  private Integer lastAllocation;

  ScenarioRun(JsonNode scenario) {
    this.scenario = scenario;
    for (String type : TYPES) {
      containers.put(type, 0);
    }
  }

  /** One queue root.default at 100%, every limit out of the way, synchronous commits. */
  private static Configuration baseConfiguration() {
    Configuration conf = new YarnConfiguration();
    conf.setClass(YarnConfiguration.RM_SCHEDULER, OracleScheduler.class, ResourceScheduler.class);
    conf.set(CAPACITY + "root.queues", "default");
    conf.set(CAPACITY + "root.default.capacity", "100");
    conf.set(CAPACITY + "root.default.maximum-capacity", "100");
    conf.set(CAPACITY + "maximum-am-resource-percent", "1.0");
    conf.set(CAPACITY + "root.default.user-limit-factor", "1");
    conf.setInt(YarnConfiguration.MAX_CLUSTER_LEVEL_APPLICATION_PRIORITY, Integer.MAX_VALUE);
    conf.setInt(YarnConfiguration.SCHEDULER_SKIP_NODE_MULTIPLIER, Integer.MAX_VALUE);
    conf.setBoolean(YarnConfiguration.RECOVERY_ENABLED, false);
    conf.setLong(YarnConfiguration.RM_CONTAINER_ALLOC_EXPIRY_INTERVAL_MS, Integer.MAX_VALUE);
    // the RM as it runs past its start-up wait: the maximum allocation is capped by the
    // largest node (ClusterNodeTracker.getMaxAllowedAllocation), not only its configured value
    conf.setLong(YarnConfiguration.RM_WORK_PRESERVING_RECOVERY_SCHEDULING_WAIT_MS, 0);
    conf.set(CAPACITY + "schedule-asynchronously.enable", "false");
    Workspace.use(conf);
    return conf;
  }

  /**
   * Without a sorting policy Hadoop's multi-node placement tries one node only (the first of
   * its node map, MultiNodeSortingManager.getMultiNodeSortIterator); the simulator walks the
   * nodes in ResourceUsageMultiNodeLookupPolicy's order, so that policy is configured,
   * re-sorting at every attempt (interval 0: no sorter thread).
   */
  private void sortNodesByUsage() {
    String policy = CAPACITY + "multi-node-sorting.policy";
    conf.set(policy + ".names", "resource-based");
    conf.set(policy, "resource-based");
    conf.set(policy + ".resource-based.class", "org.apache.hadoop.yarn.server.resourcemanager."
        + "scheduler.placement.ResourceUsageMultiNodeLookupPolicy");
    conf.set(policy + ".resource-based.sorting-interval.ms", "0");
  }

  /** Sets scenario keys on {@link #conf}; asynchronous scheduling is driven by hand. */
  private void applySettings(JsonNode settings) {
    Iterator<Map.Entry<String, JsonNode>> fields = settings.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      String value = field.getValue().asText();
      String full = FULL_NAMES.getOrDefault(name,
          name.startsWith("yarn.") ? name : CAPACITY + name);
      if (full.equals(CAPACITY + "schedule-asynchronously.enable")) {
        asyncScheduling = Boolean.parseBoolean(value.trim());
        continue;
      }
      conf.set(full, value);
    }
  }

  ObjectNode run() throws Exception {
    applySettings(scenario.path("scheduler"));
    if (multiNode() && conf.get(CAPACITY + "multi-node-sorting.policy") == null) {
      sortNodesByUsage();
    }
    rm = new MockRM(conf);
    Quiet.logs();
    try {
      rm.start();
      cs = (OracleScheduler) rm.getResourceScheduler();
      JsonNode cluster = scenario.path("cluster");
      addNodes(cluster);
      if (cluster.has("num_cluster_nodes")) {
        cs.setNumClusterNodes(cluster.get("num_cluster_nodes").asInt());
      }
      reseedAsync(scenario.path("seed").asLong(0));
      int position = 0;
      for (JsonNode app : scenario.path("apps")) {
        addApp(app.get("id").asText(), app.path("priority").asInt(0), ++position);
      }
      cs.setListener(this);
      int index = 0;
      for (JsonNode step : scenario.path("steps")) {
        runStep(index++, step);
      }
      return result();
    } finally {
      rm.stop();
    }
  }

  // ------------------------------------------------------------------ setup
  private void addNodes(JsonNode cluster) {
    List<String[]> specs = new ArrayList<>();
    if (cluster.has("generate")) {
      JsonNode spec = cluster.get("generate");
      int racks = spec.get("racks").asInt();
      int perRack = spec.get("nodes_per_rack").asInt();
      String memory = spec.path("memory_mb").asText("8192");
      String vcores = spec.path("vcores").asText("8");
      for (int r = 0; r < racks; r++) {
        for (int i = 0; i < perRack; i++) {
          specs.add(new String[] {"node" + (r * perRack + i + 1), "/rack" + (r + 1), memory, vcores});
        }
      }
    } else {
      for (JsonNode node : cluster.path("nodes")) {
        specs.add(new String[] {node.get("host").asText(), node.path("rack").asText("/default-rack"),
            node.path("memory_mb").asText("8192"), node.path("vcores").asText("8")});
      }
    }
    int number = 0;
    for (String[] spec : specs) {
      Resource capability = Resource.newInstance(Long.parseLong(spec[2]), Integer.parseInt(spec[3]));
      NetUtils.addStaticResolution(spec[0], "127.0.0.1");  // container tokens resolve hosts
      RMNode node = withRack(MockNodes.newNodeInfo(0, capability, ++number, spec[0]), spec[1]);
      nodes.put(spec[0], node);
      cs.handle(new NodeAddedSchedulerEvent(node));
    }
  }

  /** MockNodes names racks "rackN"; the scenario names them itself. */
  private static RMNode withRack(RMNode node, String rack) {
    return (RMNode) Proxy.newProxyInstance(RMNode.class.getClassLoader(),
        new Class<?>[] {RMNode.class},
        (proxy, method, args) -> method.getName().equals("getRackName")
            ? rack : method.invoke(node, args));
  }

  /** As CapacitySchedulerTestUtilities.appHelper (interfaces mocked), with an application priority. */
  private void addApp(String name, int priority, int number) {
    ApplicationId appId = ApplicationId.newInstance(CLUSTER_TIMESTAMP, number);
    ApplicationAttemptId attemptId = ApplicationAttemptId.newInstance(appId, 1);
    RMApp app = mock(RMApp.class);
    when(app.getApplicationId()).thenReturn(appId);
    RMAppAttempt attempt = mock(RMAppAttempt.class);
    when(attempt.getMasterContainer()).thenReturn(mock(Container.class));
    when(attempt.getSubmissionContext()).thenReturn(mock(ApplicationSubmissionContext.class));
    when(attempt.getAppAttemptId()).thenReturn(attemptId);
    when(attempt.getRMAppAttemptMetrics())
        .thenReturn(new RMAppAttemptMetrics(attemptId, rm.getRMContext()));
    when(app.getCurrentAppAttempt()).thenReturn(attempt);
    rm.getRMContext().getRMApps().put(appId, app);
    cs.handle(new AppAddedSchedulerEvent(appId, "default", USER, null,
        Priority.newInstance(priority)));
    cs.handle(new AppAttemptAddedSchedulerEvent(attemptId, false));
    rm.drainEvents();
    apps.put(name, attemptId);
    appNames.put(attemptId, name);
  }

  private static void reseedAsync(long seed) throws ReflectiveOperationException {
    Field field = CapacityScheduler.class.getDeclaredField("random");
    field.setAccessible(true);
    ((Random) field.get(null)).setSeed(seed);
  }

  // ------------------------------------------------------------------ steps
  private void runStep(int index, JsonNode step) throws Exception {
    String kind = step.fieldNames().next();
    JsonNode body = step.get(kind);
    switch (kind) {
      case "asks" -> asks(body);
      case "attempt" -> attempt(index, body.asText());
      case "heartbeat" -> heartbeat(index, body.asText());
      case "heartbeats" -> {
        List<String> order = new ArrayList<>();
        if (body.has("nodes")) {
          body.get("nodes").forEach(node -> order.add(node.asText()));
        } else {
          order.addAll(nodes.keySet());
        }
        for (int round = 0; round < body.get("rounds").asInt(); round++) {
          for (String host : order) {
            heartbeat(index, host);
          }
        }
      }
      case "async_passes" -> {
        int threads = Math.max(1, conf.getInt(CAPACITY + "schedule-asynchronously.maximum-threads", 1));
        for (int pass = 0; pass < body.get("count").asInt() * threads; pass++) {
          passIndex = index;
          cs.asyncPass();
          passIndex = -1;
        }
      }
      case "set" -> {
        applySettings(body);
        cs.reinitialize(conf, rm.getRMContext());
      }
      case "reset_missed_opportunities" -> {
        String app = body.get("app").asText();
        track(app, body);
        application(app).resetSchedulingOpportunities(key(body));
      }
      case "blacklist" -> {
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        body.path("add").forEach(node -> add.add(node.asText()));
        body.path("remove").forEach(node -> remove.add(node.asText()));
        cs.allocate(apps.get(body.get("app").asText()), Collections.emptyList(),
            Collections.emptyList(), Collections.emptyList(), add, remove, new ContainerUpdates());
      }
      default -> throw new IllegalArgumentException("step kind not supported: " + kind);
    }
    rm.drainEvents();
  }

  private static SchedulerRequestKey key(JsonNode body) {
    ResourceRequest request = ResourceRequest.newInstance(
        Priority.newInstance(body.get("priority").asInt()), ResourceRequest.ANY,
        Resource.newInstance(0, 0), 0);
    request.setAllocationRequestId(body.path("allocation_request_id").asLong(0));
    return SchedulerRequestKey.create(request);
  }

  private static String label(JsonNode body) {
    long id = body.path("allocation_request_id").asLong(0);
    return body.get("priority").asText() + (id == 0 ? "" : "/" + id);
  }

  /** Keys the scenario names are reported after every step, as the simulator does. */
  private void track(String app, JsonNode body) {
    keys.computeIfAbsent(app, a -> new LinkedHashMap<>()).putIfAbsent(label(body), key(body));
  }

  private FiCaSchedulerApp application(String name) {
    return cs.getApplicationAttempt(apps.get(name));
  }

  private void asks(JsonNode body) {
    String app = body.get("app").asText();
    track(app, body);
    Priority priority = Priority.newInstance(body.get("priority").asInt());
    Resource capability = Resource.newInstance(body.path("memory_mb").asLong(1024),
        body.path("vcores").asInt(1));
    List<ResourceRequest> requests = new ArrayList<>();
    for (JsonNode ask : body.get("requests")) {
      ResourceRequest request = ResourceRequest.newInstance(priority,
          ask.get("resource").asText(), capability, ask.get("containers").asInt(),
          ask.path("relax_locality").asBoolean(true));
      request.setAllocationRequestId(body.path("allocation_request_id").asLong(0));
      requests.add(request);
    }
    cs.allocate(apps.get(app), requests, Collections.emptyList(), Collections.emptyList(),
        null, null, new ContainerUpdates());
  }

  private void attempt(int index, String host) {
    open(index, "attempt", host);
    if (multiNode()) {
      Map<NodeId, FiCaSchedulerNode> all = new LinkedHashMap<>();
      for (RMNode node : nodes.values()) {
        all.put(node.getNodeID(), cs.getNode(node.getNodeID()));
      }
      cs.attemptOnAll(new SimpleCandidateNodeSet<>(all, ""));
    } else {
      cs.attemptOn(cs.getNode(nodes.get(host).getNodeID()));
    }
    close();
  }

  private void heartbeat(int index, String host) {
    open(index, "heartbeat", host);
    heartbeats++;
    if (!asyncScheduling) {  // CapacityScheduler.nodeUpdate allocates only when synchronous
      cs.handle(new NodeUpdateSchedulerEvent(nodes.get(host)));
    }
    close();
  }

  private boolean multiNode() {
    return conf.getBoolean(CAPACITY + "multi-node-placement-enabled", false);
  }

  // -------------------------------------------------------------- recording
  private void open(int index, String kind, String host) {
    entry = json.objectNode();
    entry.put("index", index);
    entry.put("kind", kind);
    entry.put("node", host);
    entry.put("rack", host == null ? null : nodes.get(host).getRackName());
    entry.putArray("assigned");
    entry.putArray("reserved");
  }

  private void close() {
    ObjectNode missed = entry.putObject("missed_opportunities");
    ObjectNode outstanding = entry.putObject("outstanding");
    for (Map.Entry<String, Map<String, SchedulerRequestKey>> app : keys.entrySet()) {
      FiCaSchedulerApp attempt = application(app.getKey());
      ObjectNode appMissed = missed.putObject(app.getKey());
      ObjectNode appOutstanding = outstanding.putObject(app.getKey());
      for (Map.Entry<String, SchedulerRequestKey> key : app.getValue().entrySet()) {
        appMissed.put(key.getKey(), attempt.getSchedulingOpportunities(key.getValue()));
        appOutstanding.put(key.getKey(), attempt.getOutstandingAsksCount(key.getValue()));
      }
    }
    if (entry.get("assigned").size() > 0) {
      if (firstAllocation == null) {
        firstAllocation = entries.size();
      }
      lastAllocation = entries.size();
    }
    entries.add(entry);
    entry = null;
  }

  /** During an asynchronous pass, every node visit is an entry of its own. */
  @Override
  public void beforeAttempt(CandidateNodeSet<FiCaSchedulerNode> candidates) {
    if (passIndex >= 0) {
      FiCaSchedulerNode node = CandidateNodeSetUtils.getSingleNode(candidates);
      open(passIndex, "attempt", node == null ? null : node.getNodeName());
    }
  }

  @Override
  public void afterAttempt() {
    if (passIndex >= 0) {
      close();
    }
  }

  /** True for each reserve proposal whose node the same app and key hold already. */
  @Override
  public Object beforeCommit(
      ResourceCommitRequest<FiCaSchedulerApp, FiCaSchedulerNode> request) {
    List<Boolean> reReservation = new ArrayList<>();
    for (ContainerAllocationProposal<FiCaSchedulerApp, FiCaSchedulerNode> proposal
        : request.getContainersToReserve()) {
      SchedulerContainer<FiCaSchedulerApp, FiCaSchedulerNode> container =
          proposal.getAllocatedOrReservedContainer();
      RMContainer held = container.getSchedulerNode().getReservedContainer();
      reReservation.add(held != null
          && held.getApplicationAttemptId().equals(
              container.getSchedulerApplicationAttempt().getApplicationAttemptId())
          && held.getReservedSchedulerKey().equals(container.getSchedulerRequestKey()));
    }
    return reReservation;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterCommit(ResourceCommitRequest<FiCaSchedulerApp, FiCaSchedulerNode> request,
      Object before, boolean accepted) {
    if (!accepted || entry == null) {
      return;
    }
    for (ContainerAllocationProposal<FiCaSchedulerApp, FiCaSchedulerNode> proposal
        : request.getContainersToAllocate()) {
      ObjectNode record = record(proposal);
      if (proposal.getAllocateFromReservedContainer() != null) {
        record.put("from_reservation", true);
      }
      ((ArrayNode) entry.get("assigned")).add(record);
      containers.merge(record.get("type").asText(), 1, Integer::sum);
    }
    List<Boolean> reReservation = (List<Boolean>) before;
    int position = 0;
    for (ContainerAllocationProposal<FiCaSchedulerApp, FiCaSchedulerNode> proposal
        : request.getContainersToReserve()) {
      if (!reReservation.get(position++)) {
        ((ArrayNode) entry.get("reserved")).add(record(proposal));
        reservations++;
      }
    }
  }

  private ObjectNode record(ContainerAllocationProposal<FiCaSchedulerApp, FiCaSchedulerNode> p) {
    SchedulerContainer<FiCaSchedulerApp, FiCaSchedulerNode> container =
        p.getAllocatedOrReservedContainer();
    SchedulerRequestKey key = container.getSchedulerRequestKey();
    ObjectNode record = json.objectNode();
    record.put("app", appNames.get(container.getSchedulerApplicationAttempt()
        .getApplicationAttemptId()));
    record.put("priority", key.getPriority().getPriority());
    record.put("type", p.getAllocationLocalityType().name());
    record.put("node", container.getSchedulerNode().getNodeName());
    if (key.getAllocationRequestId() != 0) {
      record.put("allocation_request_id", key.getAllocationRequestId());
    }
    return record;
  }

  private ObjectNode result() {
    ObjectNode result = json.objectNode();
    result.put("format", "yarnlint-simulation/1");
    result.put("name", scenario.path("name").asText(""));
    result.set("steps", entries);
    ObjectNode summary = result.putObject("summary");
    ObjectNode byType = summary.putObject("containers");
    int total = 0;
    for (Map.Entry<String, Integer> type : containers.entrySet()) {
      byType.put(type.getKey(), type.getValue());
      total += type.getValue();
    }
    summary.put("containers_total", total);
    summary.put("reservations", reservations);
    summary.put("first_allocation_step", firstAllocation);
    summary.put("last_allocation_step", lastAllocation);
    summary.put("attempts", cs.getAttempts());
    summary.put("heartbeats", heartbeats);
    summary.put("num_cluster_nodes", cs.getNumClusterNodes());
    summary.put("nodes", nodes.size());
    summary.put("oracle", "Apache Hadoop " + org.apache.hadoop.util.VersionInfo.getVersion()
        + " CapacityScheduler");
    return result;
  }
}
