package org.beelms.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the plugin descriptor that maven-plugin-plugin generated into the build output, so a
 * wrong goal prefix or a lost help goal fails the build instead of a user's command line.
 */
class PluginDescriptorTest {

  private static Document descriptor() throws Exception {
    try (InputStream in =
        PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      assertTrue(in != null, "META-INF/maven/plugin.xml is missing from the plugin's classes");
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static String childText(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  @Test
  void goalPrefixIsBeelms() throws Exception {
    assertEquals("beelms", childText(descriptor().getDocumentElement(), "goalPrefix"));
  }

  @Test
  void declaresHelpGoal() throws Exception {
    NodeList mojos = descriptor().getElementsByTagName("mojo");
    List<String> goals = new ArrayList<>();
    for (int i = 0; i < mojos.getLength(); i++) {
      goals.add(childText((Element) mojos.item(i), "goal"));
    }
    assertTrue(goals.contains("help"), "goals declared: " + goals);
  }
}
