/** picocli, as its own published module descriptor declares it (java.sql for its SQL type converters). */
module info.picocli {
  requires static java.sql;

  exports picocli;
}
