/**
 * Not API. The plug-in path: finds the jars of its directories ({@link
 * dev.spyglass.cli.plugin.PluginPath}), loads them ({@link dev.spyglass.cli.plugin.PluginLoader}):
 * modular jars as modules of their own layer over the CLI's, plain jars through a class loader of
 * their own with {@code META-INF/services}. Their transports and manifest formats join the built-in
 * ones in {@link dev.spyglass.cli.plugin.Providers}. A jar that cannot be loaded, or that clashes
 * with a name already taken, is skipped with one line naming it; the others keep working.
 */
@NullMarked
package dev.spyglass.cli.plugin;

import org.jspecify.annotations.NullMarked;
