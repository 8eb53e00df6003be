package org.sightline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.sightline.indicator.Canonicalizer;
import org.sightline.indicator.InvalidIndicatorException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints the canonical key of an indicator, as the intake and the processor compute it. Exit 0 with
 * the key on stdout, or 2 with the reason on stderr; {@code --batch} reads {@code type<TAB>value}
 * lines and answers one line each (the key, or {@code ERROR<TAB>reason}), exiting 0.
 */
@Command(
    name = "canon",
    description = {
      "Print the canonical key of an indicator (exit 0), or why it is refused (stderr, exit 2).",
      "Types: url, domain, host, ip, md5, sha1, sha256, pdq, photodna, email, phone,"
          + " wallet:<chain>, username:<platform>.",
      "--batch reads type<TAB>value lines on stdin and writes one line per input: the key,"
          + " or ERROR<TAB><reason>."
    })
final class CanonCommand implements Callable<Integer> {

  static final int INVALID = 2;

  @Option(names = "--batch", description = "Read type<TAB>value lines on stdin")
  boolean batch;

  @Option(
      names = "--region",
      paramLabel = "XX",
      description =
          "Default region (ISO 3166 alpha-2) for phone numbers without a country code; without"
              + " it, a phone number must be in international +form")
  String region;

  @Parameters(index = "0", arity = "0..1", paramLabel = "<type>", description = "Indicator type")
  String type;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<value>", description = "Indicator value")
  String value;

  InputStream in = System.in;
  OutputStream out = System.out;
  OutputStream err = System.err;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      if (batch) {
        if (type != null) {
          stderr.println("canon: --batch reads stdin and takes no <type> <value>");
          return INVALID;
        }
        batch(stdout);
        return 0;
      }
      if (type == null || value == null) {
        stderr.println("canon: give <type> <value>, or --batch (see canon --help)");
        return INVALID;
      }
      try {
        stdout.println(Canonicalizer.canonicalize(type, value, region).key());
        return 0;
      } catch (InvalidIndicatorException e) {
        stderr.println(e.getMessage());
        return INVALID;
      }
    } finally {
      stdout.flush();
    }
  }

  private void batch(PrintWriter stdout) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      stdout.println(answer(line, region));
    }
  }

  /** One output line for one input line. */
  static String answer(String line, String region) {
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    int tab = line.indexOf('\t');
    if (tab < 0) {
      return "ERROR\tline: expected type<TAB>value";
    }
    try {
      return Canonicalizer.canonicalize(line.substring(0, tab), line.substring(tab + 1), region)
          .key();
    } catch (InvalidIndicatorException e) {
      return "ERROR\t" + e.getMessage();
    }
  }
}
