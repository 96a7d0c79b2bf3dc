package io.canopy.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The Spark configuration every Canopy job runs with. */
public final class SparkContexts {
  private SparkContexts() {}

  /**
   * @param master a Spark master URL (local[*], spark://..., yarn, k8s://...), or null to take it
   *     from spark-submit
   * @param extra further settings (--conf of the command line); they win over the defaults
   */
  public static JavaSparkContext create(String appName, String master, Map<String, String> extra) {
    SparkConf conf = new SparkConf().setAppName(appName)
        .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrator", CanopyKryoRegistrator.class.getName())
        .set("spark.kryo.registrationRequired", "true")
        .set("spark.ui.showConsoleProgress", "false");
    if (master != null) conf.setMaster(master);
    if (master != null && master.startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    extra.forEach(conf::set);
    return new JavaSparkContext(conf);
  }
}
