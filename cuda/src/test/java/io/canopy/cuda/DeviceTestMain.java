package io.canopy.cuda;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs this module's tests on a GPU host that has a Java runtime but no Maven (the bundle of
 * scripts/gpu-bundle.sh): every test of the module, or the test classes named as arguments. Prints
 * a line when each test starts and when it ends, then the summary; exits 1 on any failure.
 */
public final class DeviceTestMain {
  private DeviceTestMain() {}

  public static void main(String[] args) {
    LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request();
    if (args.length == 0) builder.selectors(selectPackage("io.canopy.cuda"));
    for (String name : args) builder.selectors(selectClass(name));
    LauncherDiscoveryRequest request = builder.build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request, summary, new Lines());
    TestExecutionSummary s = summary.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    s.printFailuresTo(out, 20);
    s.printTo(out);
    System.exit(s.getTotalFailureCount() > 0 ? 1 : 0);
  }

  /** One line per started, finished or skipped test. */
  private static final class Lines implements TestExecutionListener {
    @Override
    public void executionStarted(TestIdentifier id) {
      if (id.isTest()) System.out.println("START " + id.getDisplayName());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      System.out.println("SKIP " + id.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (!id.isTest()) return;
      String cause = result.getThrowable().map(t -> ": " + t).orElse("");
      System.out.println(result.getStatus() + " " + id.getUniqueId().replaceAll(".*class:", "") + cause);
    }
  }
}
