package io.queuejob.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Orders jobs so that parents come before their children (Kahn's algorithm). Among jobs
 * that are ready at the same time, the one discovered first comes first, so the same
 * graph always gives the same order.
 */
final class TopologicalOrder {

	private final Map<JobNode, Set<JobNode>> parents;

	private final Map<JobNode, Integer> discovery = new HashMap<>();

	private TopologicalOrder(Map<JobNode, Set<JobNode>> parents) {
		this.parents = parents;
		for (JobNode node : parents.keySet()) {
			this.discovery.put(node, this.discovery.size());
		}
	}

	/**
	 * Order jobs, parents first.
	 * @param parents each job's parents, jobs in discovery order
	 * @param children each job's children
	 * @return the jobs, parents before children
	 * @throws InvalidGraphException if the dependencies form a cycle
	 */
	static List<JobNode> sort(Map<JobNode, Set<JobNode>> parents, Map<JobNode, Set<JobNode>> children) {
		return new TopologicalOrder(parents).sort(children);
	}

	private List<JobNode> sort(Map<JobNode, Set<JobNode>> children) {
		Map<JobNode, Integer> waitingFor = new HashMap<>();
		PriorityQueue<JobNode> ready = new PriorityQueue<>(Comparator.comparing(this.discovery::get));
		this.parents.forEach((node, nodeParents) -> {
			waitingFor.put(node, nodeParents.size());
			if (nodeParents.isEmpty()) {
				ready.add(node);
			}
		});
		List<JobNode> order = new ArrayList<>(this.parents.size());
		while (!ready.isEmpty()) {
			JobNode node = ready.poll();
			order.add(node);
			for (JobNode child : children.get(node)) {
				if (waitingFor.merge(child, -1, Integer::sum) == 0) {
					ready.add(child);
				}
			}
		}
		if (order.size() < this.parents.size()) {
			Set<JobNode> unordered = new LinkedHashSet<>(this.parents.keySet());
			order.forEach(unordered::remove);
			throw new InvalidGraphException("Jobs cannot depend on each other in a cycle: " + describeCycle(unordered));
		}
		return order;
	}

	/**
	 * Describe one cycle among jobs left unordered. Each of them waits for an unordered
	 * parent, so walking up through unordered parents must come back to a job already
	 * seen.
	 */
	private String describeCycle(Set<JobNode> unordered) {
		List<JobNode> path = new ArrayList<>();
		JobNode node = unordered.iterator().next();
		while (!path.contains(node)) {
			path.add(node);
			node = this.parents.get(node).stream().filter(unordered::contains).findFirst().orElseThrow();
		}
		List<JobNode> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
		Collections.reverse(cycle);
		JobNode first = Collections.min(cycle, Comparator.comparing(this.discovery::get));
		Collections.rotate(cycle, -cycle.indexOf(first));
		cycle.add(first);
		return cycle.stream().map(String::valueOf).collect(Collectors.joining(" → "));
	}

}
