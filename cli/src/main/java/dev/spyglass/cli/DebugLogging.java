package dev.spyglass.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Sends the libraries' {@link System.Logger} output (java.util.logging underneath) to stderr:
 * Spyglass's own loggers down to DEBUG under {@code --debug}, and warnings only from everything
 * else (OkHttp logs its internals at DEBUG). The libraries redact secrets before they
 * log.
 */
final class DebugLogging {
  // java.util.logging holds loggers weakly: without this reference the level set below is lost at
  // the first garbage collection, and --debug silently logs nothing.
  private static final Logger SPYGLASS = Logger.getLogger("dev.spyglass");

  private DebugLogging() {}

  static void configure(boolean debug, PrintStream err) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Level level = debug ? Level.FINE : Level.WARNING;
    SPYGLASS.setLevel(level);
    Handler handler =
        new StreamHandler(err, new OneLineFormatter()) {
          @Override
          public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    handler.setLevel(level);
    root.addHandler(handler);
    root.setLevel(Level.WARNING);
  }

  /** {@code LEVEL logger: message}, one line per record. */
  private static final class OneLineFormatter extends SimpleFormatter {
    @Override
    public String format(LogRecord record) {
      String name = record.getLoggerName() == null ? "" : record.getLoggerName();
      String shortName = name.substring(name.lastIndexOf('.') + 1);
      return (record.getLevel() == Level.FINE ? "DEBUG" : record.getLevel().getName())
          + " "
          + shortName
          + ": "
          + formatMessage(record)
          + System.lineSeparator();
    }
  }
}
