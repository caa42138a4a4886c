package io.queuejob.spring.quickstart;

/**
 * The argument of the Quick start's mail job, stored as JSON.
 *
 * @param id the order id
 * @param email where to send its confirmation
 */
record Order(long id, String email) {

}
