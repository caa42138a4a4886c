/**
 * Operating jobs programmatically: listing, counting and inspecting jobs, requeueing,
 * cancelling and setting them done, and the overview of channels and nodes.
 */
package io.queuejob.spring.operations;
