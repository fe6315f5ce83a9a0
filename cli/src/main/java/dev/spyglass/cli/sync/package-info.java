/**
 * The engine of {@code spyglass sync}: which images a source holds ({@link
 * dev.spyglass.cli.sync.SyncPlanner}), where each goes ({@link dev.spyglass.cli.sync.SyncNames}),
 * which share a shard ({@link dev.spyglass.cli.sync.Shard}), and copying them, skipping those the
 * destination already holds ({@link dev.spyglass.cli.sync.SyncRunner}). Not API.
 */
@NullMarked
package dev.spyglass.cli.sync;

import org.jspecify.annotations.NullMarked;
