/**
 * The read model of the dashboard, the REST API and the CLI's JSON: plain records, and query classes that fill them
 * from the tables the engine, the job queue, the guardrails and the sweeps write. Every query is asked with the
 * {@link dev.selfcode.web.Viewer} and shows only the repositories it may read.
 */
package dev.selfcode.web.view;
