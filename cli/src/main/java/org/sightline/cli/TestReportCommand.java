package org.sightline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The table {@code ./sightline faults} prints: one row per test case of the JUnit XML reports
 * Surefire wrote in this run. Read with the JDK's XML parser, not line by line: a report is one
 * document, and a test case is an element whatever the line breaks (the launcher's text parsing
 * once lost the last case of each report).
 */
@Command(
    name = "test-report",
    description =
        "Print the test cases of JUnit XML reports as a Markdown table (launcher helper).")
final class TestReportCommand implements Callable<Integer> {

  /** One test case as the table shows it. */
  record Case(String className, String name, String result, String seconds) {}

  @Parameters(paramLabel = "DIR", description = "surefire-reports folders")
  List<Path> folders = List.of();

  @Option(
      names = "--newer-than",
      description = "only reports written after this file was (this run's)")
  Path newerThan;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    FileTime since = newerThan == null ? null : Files.getLastModifiedTime(newerThan);
    PrintWriter out = spec.commandLine().getOut();
    out.println("| fault test | result | seconds |");
    out.println("|---|---|---|");
    int failed = 0;
    for (Path report : reports(folders, since)) {
      for (Case c : read(report)) {
        out.printf("| %s.%s | %s | %s |%n", c.className(), c.name(), c.result(), c.seconds());
        failed += c.result().equals("FAILED") ? 1 : 0;
      }
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  static List<Path> reports(List<Path> folders, FileTime since) throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.sorted().toList()) {
          String name = f.getFileName().toString();
          if (name.startsWith("TEST-")
              && name.endsWith(".xml")
              && (since == null || Files.getLastModifiedTime(f).compareTo(since) > 0)) {
            found.add(f);
          }
        }
      }
    }
    return found;
  }

  static List<Case> read(Path report) throws Exception {
    try (InputStream in = Files.newInputStream(report)) {
      return read(in);
    }
  }

  static List<Case> read(InputStream in) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // A test report never needs a DTD or an external entity; refuse both.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setExpandEntityReferences(false);
    Document doc = factory.newDocumentBuilder().parse(in);
    NodeList cases = doc.getElementsByTagName("testcase");
    List<Case> result = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      String className = c.getAttribute("classname");
      String simple = className.substring(className.lastIndexOf('.') + 1);
      String outcome =
          has(c, "failure") || has(c, "error")
              ? "FAILED"
              : has(c, "skipped") ? "skipped" : "passed";
      result.add(new Case(simple, c.getAttribute("name"), outcome, c.getAttribute("time")));
    }
    return result;
  }

  private static boolean has(Element testCase, String child) {
    return testCase.getElementsByTagName(child).getLength() > 0;
  }
}
