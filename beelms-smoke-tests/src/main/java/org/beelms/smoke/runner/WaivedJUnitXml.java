package org.beelms.smoke.runner;

import org.beelms.smoke.waiver.SmokeWaiver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Marks waived checks in the JUnit XML the launcher wrote. JUnit XML knows no "waived": a waived test case's
 * {@code <failure>} becomes {@code <skipped message="WAIVED ...">} (CI shows it neither green nor red, and it does
 * not fail the build, as the run does not fail), the message naming the waiver and keeping the failure, with a
 * property {@code beelms.status = WAIVED}; the suite's {@code failures} and {@code skipped} counts follow.
 */
final class WaivedJUnitXml {

    private WaivedJUnitXml() {
    }

    /** The message of a waived test case: {@code WAIVED REG-INPUT-1 until ... (owner): reason. Failure: ...}. */
    static String message(CheckResult check) {
        SmokeWaiver waiver = check.waiverUsed().orElseThrow();
        return "WAIVED " + waiver.describe() + " " + waiver.terms() + " (" + waiver.position() + "). Failure: "
                + (check.message() == null ? "" : check.message());
    }

    static void mark(Path reportDir, List<CheckResult> waived) {
        if (waived.isEmpty()) {
            return;
        }
        try (Stream<Path> files = Files.list(reportDir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".xml")).toList()) {
                markFile(file, waived);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void markFile(Path file, List<CheckResult> waived) throws IOException {
        Document xml;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            xml = factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IOException("cannot read the JUnit XML " + file + ": " + e.getMessage(), e);
        }
        boolean changed = false;
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            CheckResult check = waivedCheckOf(testcase, waived);
            Element failure = first(testcase, "failure");
            if (check == null || failure == null) {
                continue;
            }
            Element skipped = xml.createElement("skipped");
            skipped.setAttribute("message", message(check));
            skipped.setTextContent(failure.getTextContent());
            testcase.replaceChild(skipped, failure);
            Element properties = xml.createElement("properties");
            Element property = xml.createElement("property");
            property.setAttribute("name", "beelms.status");
            property.setAttribute("value", "WAIVED");
            properties.appendChild(property);
            testcase.insertBefore(properties, testcase.getFirstChild());
            Node suite = testcase.getParentNode();
            if (suite instanceof Element s && s.getTagName().equals("testsuite")) {
                adjust(s, "failures", -1);
                adjust(s, "skipped", +1);
            }
            changed = true;
        }
        if (changed) {
            try {
                var transformer = TransformerFactory.newInstance().newTransformer();
                transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
                transformer.transform(new DOMSource(xml), new StreamResult(file.toFile()));
            } catch (Exception e) {
                throw new IOException("cannot write the JUnit XML " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The waived check this test case reports: its system-out names the check's unique ID. */
    private static CheckResult waivedCheckOf(Element testcase, List<CheckResult> waived) {
        Element out = first(testcase, "system-out");
        String text = out == null ? "" : out.getTextContent();
        for (CheckResult check : waived) {
            if (text.contains("unique-id: " + check.uniqueId())) {
                return check;
            }
        }
        return null;
    }

    private static Element first(Element parent, String tag) {
        NodeList children = parent.getElementsByTagName(tag);
        return children.getLength() == 0 ? null : (Element) children.item(0);
    }

    private static void adjust(Element suite, String attribute, int by) {
        String value = suite.getAttribute(attribute);
        if (!value.isEmpty()) {
            try {
                suite.setAttribute(attribute, String.valueOf(Integer.parseInt(value) + by));
            } catch (NumberFormatException e) {
                // not a count: leave it
            }
        }
    }
}
