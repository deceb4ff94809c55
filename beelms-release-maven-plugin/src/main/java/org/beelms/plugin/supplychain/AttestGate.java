package org.beelms.plugin.supplychain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.image.ImageException;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.image.TargetKind;
import org.beelms.plugin.migrations.MigrationsCheck;
import org.beelms.plugin.migrations.MigrationsCheckResult;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.report.GateReport;

/**
 * {@code beelms:attest}: for the image {@code image.json} names, the CycloneDX SBOM ({@link
 * Sbom}), the SLSA provenance ({@link ProvenanceStatement}) and, with a signing key, the image
 * signature and the provenance's DSSE envelope ({@link Signatures}); all written under the output
 * folder and, for an image pushed to a registry, pushed next to it as cosign's {@code .sbom},
 * {@code .att} and {@code .sig} tags ({@link Attachments}). {@code supply-chain.json} says what
 * was made, for the release record and the notes.
 */
public final class AttestGate implements Gate {

  public static final String NAME = "attest";
  public static final String SIGNATURE_PAYLOAD_FILE = "signature-payload.json";
  public static final String SIGNATURE_FILE = "signature.sig";
  public static final String ENVELOPE_FILE = "provenance.dsse.json";
  public static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";

  private final AttestSettings settings;
  private final Clock clock;
  private List<GateResult> earlierResults;
  private Instant startedOn;

  public AttestGate(AttestSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startedOn = clock.instant();
  }

  /**
   * The results of the gates that ran before in this release candidate, and when it started: the
   * provenance records them. Without this call the provenance says the gates did not run here.
   */
  public AttestGate withEarlierResults(List<GateResult> results, Instant started) {
    this.earlierResults = List.copyOf(results);
    this.startedOn = Objects.requireNonNull(started, "started");
    return this;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws IOException, ImageException {
    Path out = settings.outputDirectory();
    Files.deleteIfExists(out.resolve(ReleaseRecord.SupplyChain.FILE));
    List<Finding> findings = new ArrayList<>();
    Path imageFile = out.resolve(ImageResult.FILE);
    if (!Files.isRegularFile(imageFile)) {
      findings.add(Finding.error("no " + imageFile + ": there is no image to attest", imageFile.toString(),
          "run beelms:image first (beelms:release-candidate runs it before attest)"));
      return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
    }
    ImageResult image = ImageResult.read(imageFile);

    // 1. SBOM
    Map<String, List<NpmLockfile.NpmPackage>> npm = new LinkedHashMap<>();
    settings.lockfiles().forEach((path, bytes) ->
        npm.put(path, NpmLockfile.productionPackages(bytes, path + " at " + settings.commit().substring(0, 7))));
    if (npm.isEmpty() && settings.java().isEmpty()) {
      // Skipped, never passed: the record and the board then show no SBOM for this release.
      return GateResult.skipped(NAME, "no SBOM, provenance or signature: no package-lock.json in commit "
          + settings.commit().substring(0, 7) + " and no Java runtime classpath (<mainClass> not set); name the"
          + " image's lockfile with <lockfiles><lockfile>be/package-lock.json</lockfile></lockfiles>"
          + " (-Dbeelms.attest.lockfiles), committed with the release");
    }
    Sbom.Document sbom = Sbom.build(new Sbom.Input(image.image(), image.digest(), settings.version(),
        settings.commit(), settings.commitTime(), settings.toolVersion(), npm, settings.java()));
    Path sbomFile = Sbom.file(out);
    Files.createDirectories(out);
    Files.write(sbomFile, sbom.json());
    int npmCount = npm.values().stream().mapToInt(List::size).sum();
    findings.add(Finding.info("SBOM: " + sbom.components() + " components (CycloneDX " + Sbom.SPEC.getVersionString()
        + "; npm production packages of " + (npm.isEmpty() ? "no lockfile" : String.join(", ", npm.keySet()))
        + ": " + npmCount + ", Java runtime jars: " + settings.java().size() + ")", sbomFile.toString()));

    // 2. Provenance
    byte[] statement = ProvenanceStatement.build(image.image(), image.digest(), settings, sbom, gates(),
        startedOn, clock.instant());
    Path statementFile = out.resolve(ProvenanceStatement.FILE);
    Files.write(statementFile, statement);
    findings.add(Finding.info("provenance: in-toto statement, SLSA provenance v1, subject " + image.digest(),
        statementFile.toString()));

    // 3. Signatures
    byte[] payload = Signatures.simpleSigningPayload(image.image(), image.digest());
    byte[] envelope = null;
    byte[] signature = null;
    String fingerprint = "";
    if (settings.signingKey().isPresent()) {
      SigningKey key = settings.signingKey().get();
      fingerprint = key.fingerprint();
      signature = key.sign(payload);
      envelope = Signatures.envelope(statement, key);
      Files.write(out.resolve(SIGNATURE_PAYLOAD_FILE), payload);
      Files.write(out.resolve(SIGNATURE_FILE), signature);
      Files.write(out.resolve(ENVELOPE_FILE), envelope);
      Files.writeString(out.resolve(PUBLIC_KEY_FILE), key.publicPem());
      findings.add(Finding.info("signed " + image.digest() + " and its provenance with key " + fingerprint,
          out.resolve(SIGNATURE_FILE).toString()));
    } else {
      findings.add(Finding.warning("not signed: no signing key; an environment with <verifyKey> will refuse "
              + image.digest(), "<signingKeyServerId> / -Dbeelms.attest.signingKeyServerId",
          "give a settings.xml server with <privateKey> (a password-protected P-256 PEM) and <passphrase>, or"
              + " BEELMS_SIGNING_KEY and BEELMS_SIGNING_KEY_PASSWORD"));
    }

    // 4. Next to the image in its registry
    String sbomRef = "";
    String attRef = "";
    String sigRef = "";
    if (image.target() != TargetKind.REGISTRY || settings.dryRun()) {
      findings.add(Finding.info("nothing pushed: " + (settings.dryRun() ? "dry run" : "the image went to "
          + image.target().id() + ", not a registry") + "; the files are in " + out, out.toString()));
    } else {
      Attachments attachments = new Attachments(
          new ManifestCopy(settings.credentials(), settings.allowInsecureRegistries()));
      listener.progress(NAME, "pushing the SBOM, provenance and signature next to " + image.reference());
      sbomRef = attachments.push(image.image(), image.digest(), Attachments.Kind.SBOM,
          new Attachments.Layer(Sbom.MEDIA_TYPE, sbom.json(), Map.of()));
      findings.add(Finding.info("pushed the SBOM", sbomRef));
      if (envelope != null) {
        attRef = attachments.push(image.image(), image.digest(), Attachments.Kind.ATTESTATION,
            new Attachments.Layer(Signatures.DSSE_MEDIA_TYPE, envelope,
                Map.of("predicateType", ProvenanceStatement.PREDICATE_TYPE)));
        sigRef = attachments.push(image.image(), image.digest(), Attachments.Kind.SIGNATURE,
            new Attachments.Layer(Signatures.SIMPLE_SIGNING_MEDIA_TYPE, payload,
                Map.of(Signatures.SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(signature))));
        findings.add(Finding.info("pushed the signed provenance", attRef));
        findings.add(Finding.info("pushed the signature", sigRef));
      }
    }
    ReleaseRecord.SupplyChain chain = new ReleaseRecord.SupplyChain(image.digest(), sbomFile.toString(),
        sbom.components(), sbom.digest(), sbomRef, attRef, sigRef, fingerprint);
    chain.writeTo(out);
    return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
  }

  /** The gates' results for the provenance: the summary table, DoD waivers, new migrations. */
  private ProvenanceStatement.Gates gates() {
    if (earlierResults == null) {
      return ProvenanceStatement.Gates.notRun();
    }
    int waivers = earlierResults.stream()
        .filter(r -> r.gate().equals("dod-check") && r.status() != org.beelms.plugin.gate.GateStatus.SKIPPED)
        .findFirst()
        .map(r -> (int) r.findings().stream().filter(f -> f.message().startsWith("waived until ")).count())
        .orElse(-1);
    List<Map<String, String>> migrations = new ArrayList<>();
    Path report = settings.outputDirectory().resolve(MigrationsCheckResult.JSON_FILE);
    boolean checked = earlierResults.stream().anyMatch(r -> r.gate().equals(MigrationsCheck.NAME)
        && r.status() != org.beelms.plugin.gate.GateStatus.SKIPPED);
    if (checked && Files.isRegularFile(report)
        && MigrationsCheckResult.readProvenance(report).commit().equals(settings.commit())) {
      MigrationsCheckResult.readReports(report).forEach(m -> migrations.add(Map.of(
          "version", m.version(), "file", m.file(),
          "class", m.safetyClass().name().toLowerCase(java.util.Locale.ROOT))));
    }
    return new ProvenanceStatement.Gates(new GateReport(earlierResults).json(), waivers, migrations);
  }

}
