package io.queuejob.spring.autoconfigure;

import javax.sql.DataSource;

import io.queuejob.spring.internal.store.QueueJobSchema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * The data source that queue-job stores its jobs in and its transaction manager, chosen
 * once for every queue-job bean: the {@link QueueJobDataSource @QueueJobDataSource} if
 * there is one, else the application's data source; the
 * {@link QueueJobTransactionManager @QueueJobTransactionManager} if there is one, else
 * the application's transaction manager when queue-job uses the application's data
 * source, else a {@link DataSourceTransactionManager} of queue-job's own data source. And
 * the schema of the tables, {@code queue-job.schema}, validated once here.
 */
final class QueueJobDatabase {

	private final DataSource dataSource;

	private final boolean ownDataSource;

	private final QueueJobSchema schema;

	private final SingletonSupplier<PlatformTransactionManager> transactionManager;

	QueueJobDatabase(DataSource dataSource, ObjectProvider<DataSource> queueJobDataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager,
			ObjectProvider<PlatformTransactionManager> queueJobTransactionManager, QueueJobSchema schema) {
		this.schema = schema;
		DataSource own = queueJobDataSource.getIfAvailable();
		this.ownDataSource = own != null;
		this.dataSource = (own != null) ? own : dataSource;
		// looked up at first use: the transaction managers come after the data sources
		this.transactionManager = SingletonSupplier.of(() -> queueJobTransactionManager
			.getIfAvailable(() -> this.ownDataSource ? new DataSourceTransactionManager(this.dataSource)
					: transactionManager.getIfUnique(() -> new DataSourceTransactionManager(this.dataSource))));
	}

	/**
	 * The data source of the queue-job tables.
	 * @return the data source
	 */
	DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * The schema of the queue-job tables.
	 * @return the validated schema
	 */
	QueueJobSchema schema() {
		return this.schema;
	}

	/**
	 * Whether queue-job has a data source of its own, marked
	 * {@link QueueJobDataSource @QueueJobDataSource}, rather than the application's.
	 * @return {@code true} for a data source of its own
	 */
	boolean ownDataSource() {
		return this.ownDataSource;
	}

	/**
	 * A template for transactions on the queue-job data source, joining the caller's.
	 * @return a new template
	 */
	TransactionTemplate transaction() {
		return new TransactionTemplate(this.transactionManager.obtain());
	}

	/**
	 * A template that always starts a new transaction on the queue-job data source.
	 * @return a new template
	 */
	TransactionTemplate newTransaction() {
		TransactionTemplate template = transaction();
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return template;
	}

}
