package org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity;

import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.ResourceCommitRequest;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.fica.FiCaSchedulerApp;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.fica.FiCaSchedulerNode;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.placement.CandidateNodeSet;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.placement.SimpleCandidateNodeSet;

/**
 * Hadoop's CapacityScheduler with three hooks for the oracle: N as the scenario counts it,
 * a listener on every commit, and one scheduling attempt on a node or on all nodes.
 * It lives in Hadoop's package because the single-attempt entry point is package-private.
 */
public class OracleScheduler extends CapacityScheduler {

  /** Told about every scheduling attempt and every commit request. */
  public interface Listener {
    void beforeAttempt(CandidateNodeSet<FiCaSchedulerNode> candidates);

    void afterAttempt();

    Object beforeCommit(ResourceCommitRequest<FiCaSchedulerApp, FiCaSchedulerNode> request);

    void afterCommit(ResourceCommitRequest<FiCaSchedulerApp, FiCaSchedulerNode> request,
        Object before, boolean accepted);
  }

  private volatile int numClusterNodes = -1;
  private volatile Listener listener;
  private int attempts;

  /** N as the allocator reads it; a negative value means the registered nodes. */
  public void setNumClusterNodes(int nodes) {
    numClusterNodes = nodes;
  }

  public void setListener(Listener newListener) {
    listener = newListener;
  }

  @Override
  public int getNumClusterNodes() {
    return numClusterNodes < 0 ? super.getNumClusterNodes() : numClusterNodes;
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean tryCommit(Resource cluster, ResourceCommitRequest r, boolean updatePending) {
    ResourceCommitRequest<FiCaSchedulerApp, FiCaSchedulerNode> request =
        (ResourceCommitRequest<FiCaSchedulerApp, FiCaSchedulerNode>) r;
    Listener current = listener;
    Object before = current == null ? null : current.beforeCommit(request);
    boolean accepted = super.tryCommit(cluster, r, updatePending);
    if (current != null) {
      current.afterCommit(request, before, accepted);
    }
    return accepted;
  }

  /** Every scheduling attempt (heartbeat loops, reservations, asynchronous passes) counts. */
  @Override
  CSAssignment allocateContainersToNode(CandidateNodeSet<FiCaSchedulerNode> candidates,
      boolean withNodeHeartbeat) {
    attempts++;
    Listener current = listener;
    if (current != null) {
      current.beforeAttempt(candidates);
    }
    try {
      return super.allocateContainersToNode(candidates, withNodeHeartbeat);
    } finally {
      if (current != null) {
        current.afterAttempt();
      }
    }
  }

  public int getAttempts() {
    return attempts;
  }

  /** One pass of allocateContainersToNode on one node: at most one container. */
  public CSAssignment attemptOn(FiCaSchedulerNode node) {
    return allocateContainersToNode(new SimpleCandidateNodeSet<>(node), false);
  }

  /**
   * One pass of each asynchronous scheduling thread, as its loop makes them: the scheduler
   * itself runs no threads (schedule-asynchronously.enable stays false in its configuration).
   */
  public void asyncPass() throws InterruptedException {
    schedule(this);
  }

  /** One multi-node attempt over the given candidate nodes. */
  public CSAssignment attemptOnAll(CandidateNodeSet<FiCaSchedulerNode> candidates) {
    return allocateContainersToNode(candidates, false);
  }
}
