package io.queuejob.spring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's structure: no cycle between its packages, a public API of the types
 * applications touch, and no internal type in that API's signatures. Everything under
 * {@code io.queuejob.spring.internal} is implementation, free to change.
 */
class ArchitectureTests {

	private static final String BASE = "io.queuejob.spring";

	private static final String INTERNAL = BASE + ".internal";

	/**
	 * The public types outside {@code internal}: the API. A type added here is a
	 * deliberate addition to the API.
	 */
	private static final Set<String> API = Set.of("CreatedByProvider", "Delayable", "DelayableBatch",
			"InvalidQueueJobPropertyException", "JobContext", "JobQueue", "JobRef", "QueueJob", "QueueJobSchedule",
			"QueueJobSchedules", "RelatedAction", "RelatedLink", "RelatedLinkResolver", "RelatedLinks",
			"autoconfigure.QueueJobAutoConfiguration", "autoconfigure.QueueJobCustomizer",
			"autoconfigure.QueueJobDataSource", "autoconfigure.QueueJobEndpointAutoConfiguration",
			"autoconfigure.QueueJobHealthAutoConfiguration", "autoconfigure.QueueJobJpaAutoConfiguration",
			"autoconfigure.QueueJobMetricsAutoConfiguration", "autoconfigure.QueueJobObservationAutoConfiguration",
			"autoconfigure.QueueJobOperationsAutoConfiguration", "autoconfigure.QueueJobProperties",
			"autoconfigure.QueueJobSchemaAutoConfiguration", "autoconfigure.QueueJobSettings",
			"autoconfigure.QueueJobTransactionManager", "autoconfigure.QueueJobWebAutoConfiguration",
			"event.JobDoneEvent", "event.JobErrorEvent", "event.JobFailedEvent", "event.JobLifecycleEvent",
			"event.JobRescuedEvent", "event.JobRetriedEvent", "operations.ActionResult", "operations.ChannelStatus",
			"operations.InvalidJobQueryException", "operations.JobCounts", "operations.JobDetail",
			"operations.JobFilter", "operations.JobGraphView", "operations.JobNotFoundException",
			"operations.JobOperations", "operations.JobPage", "operations.JobProgress", "operations.JobQuery",
			"operations.JobSort", "operations.JobSummary", "operations.NodeStatus",
			"operations.TransitionRefusedException", "operations.WaitingCounts", "operations.WaitingReason",
			"schedule.JobSchedules", "schedule.MissedOccurrences", "schedule.Overlap", "schedule.Schedule",
			"schedule.ScheduleDefinition", "schedule.ScheduleNotFoundException", "store.JobChannelStateCount",
			"store.JobEntity", "store.JobRepository", "store.JobSpecifications", "store.JobStateCount", "test.JobTrap",
			"test.TrappedJob");

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	@Test
	void packagesHaveNoCycle() {
		SliceAssignment byPackage = new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
				return javaClass.getPackageName().startsWith(BASE) ? SliceIdentifier.of(javaClass.getPackageName())
						: SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "the packages of the starter";
			}

		};
		slices().assignedFrom(byPackage).should().beFreeOfCycles().check(classes);
	}

	@Test
	void publicTypesOutsideInternalAreTheApi() {
		Set<String> publicTypes = new TreeSet<>();
		classes.stream()
			.filter((type) -> type.isTopLevelClass() && !isInternal(type)
					&& type.getModifiers().contains(JavaModifier.PUBLIC))
			.forEach((type) -> publicTypes.add(type.getName().substring(BASE.length() + 1)));
		assertThat(publicTypes).containsExactlyInAnyOrderElementsOf(API);
	}

	@Test
	void apiSignaturesNameNoInternalType() {
		List<String> leaks = new ArrayList<>();
		classes.stream().filter(ArchitectureTests::isApi).forEach((type) -> {
			Stream.concat(Stream.ofNullable(type.getRawSuperclass().orElse(null)), type.getRawInterfaces().stream())
				.filter(ArchitectureTests::isInternal)
				.forEach((internal) -> leaks.add(type.getName() + " extends " + internal.getName()));
			type.getMembers().stream().filter(ArchitectureTests::isVisible).forEach((member) -> {
				for (JavaClass used : signatureTypes(member)) {
					if (isInternal(used)) {
						leaks.add(member.getFullName() + " names " + used.getName());
					}
				}
			});
		});
		assertThat(leaks).isEmpty();
	}

	private static Set<JavaClass> signatureTypes(JavaMember member) {
		Set<JavaClass> types = new HashSet<>();
		if (member instanceof JavaField field) {
			types.addAll(field.getType().getAllInvolvedRawTypes());
		}
		if (member instanceof JavaCodeUnit code) {
			types.addAll(code.getReturnType().getAllInvolvedRawTypes());
			for (JavaType parameter : code.getParameterTypes()) {
				types.addAll(parameter.getAllInvolvedRawTypes());
			}
			code.getThrowsClause().getTypes().forEach(types::add);
		}
		return types;
	}

	/**
	 * A public type outside {@code internal}, reachable from outside (its outer types
	 * public too).
	 */
	private static boolean isApi(JavaClass type) {
		if (isInternal(type) || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
			return false;
		}
		return type.getEnclosingClass().map(ArchitectureTests::isApi).orElse(true);
	}

	private static boolean isVisible(JavaMember member) {
		Set<JavaModifier> modifiers = member.getModifiers();
		return modifiers.contains(JavaModifier.PUBLIC) || (modifiers.contains(JavaModifier.PROTECTED)
				&& !member.getOwner().getModifiers().contains(JavaModifier.FINAL));
	}

	private static boolean isInternal(JavaClass type) {
		return type.getPackageName().equals(INTERNAL) || type.getPackageName().startsWith(INTERNAL + ".");
	}

}
