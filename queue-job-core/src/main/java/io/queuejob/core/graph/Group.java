package io.queuejob.core.graph;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Elements that run independently of each other. A group's heads are all its members'
 * heads and its tails all its members' tails: what runs after a group waits for every
 * member. Adding the same member twice adds it once.
 */
public final class Group extends GraphElement {

	private final List<GraphElement> members;

	private Group(List<GraphElement> members) {
		this.members = List.copyOf(new LinkedHashSet<>(members));
	}

	/**
	 * Create a group.
	 * @param members the members; duplicates count once
	 * @return the group
	 * @throws IllegalArgumentException if there is no member
	 * @throws NullPointerException if a member is {@code null}
	 */
	public static Group of(GraphElement... members) {
		List<GraphElement> checked = requireElements("Group.of", members);
		if (checked.isEmpty()) {
			throw new IllegalArgumentException("Group.of: a group needs at least one member");
		}
		return new Group(checked);
	}

	/**
	 * Run the given elements after every member of this group.
	 * @param next the elements to run when this group is done
	 * @return this group
	 * @see GraphElement#onDone(GraphElement...)
	 */
	@Override
	public Group onDone(GraphElement... next) {
		super.onDone(next);
		return this;
	}

	@Override
	Set<JobNode> heads() {
		Set<JobNode> heads = new LinkedHashSet<>();
		this.members.forEach((member) -> heads.addAll(member.heads()));
		return heads;
	}

	@Override
	Set<JobNode> tails() {
		Set<JobNode> tails = new LinkedHashSet<>();
		this.members.forEach((member) -> tails.addAll(member.tails()));
		return tails;
	}

	@Override
	List<GraphElement> members() {
		return this.members;
	}

	/**
	 * Describe the group by its members.
	 * @return for example {@code Group[a, b]}
	 */
	@Override
	public String toString() {
		return this.members.stream().map(String::valueOf).collect(Collectors.joining(", ", "Group[", "]"));
	}

}
