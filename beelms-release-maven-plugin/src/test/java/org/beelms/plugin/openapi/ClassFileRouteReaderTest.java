package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.beelms.plugin.openapi.ClassFileRouteReader.Framework;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.junit.jupiter.api.io.TempDir;

class ClassFileRouteReaderTest {

  @TempDir Path project;

  private CodeRoutes read(Path classes, Set<Framework> frameworks) throws Exception {
    SourceLocator locator = new SourceLocator(project, List.of(OpenApiFixtures.TEST_SOURCES));
    return new ClassFileRouteReader(classes, frameworks, GuardNames.DEFAULTS, "/api", locator).read();
  }

  private static Set<String> summary(CodeRoutes routes) {
    return routes.routes().stream()
        .map(r -> r.key() + " " + r.access().label())
        .collect(Collectors.toSet());
  }

  @Test
  void readsJaxRsRoutesWithClassAndMethodPathsAndGuards() throws Exception {
    Path classes = OpenApiFixtures.classes(project, List.of("jaxrs"), List.of());

    CodeRoutes routes = read(classes, EnumSet.of(Framework.JAX_RS));

    assertEquals(Optional.of("/api"), routes.prefix(), "@ApplicationPath(\"api\") is the prefix");
    assertEquals(
        Set.of(
            "GET /health public",
            "GET /wiki/articles public",
            "GET /wiki/articles/{slug} public",
            "GET /courses public",
            "GET /courses/{courseId} public",
            "POST /courses/{courseId}/enroll authenticated",
            "GET /users/me authenticated",
            "DELETE /users/me authenticated",
            "GET /users/me/courses authenticated",
            "GET /admin/users admin",
            "PATCH /admin/users/{id} admin"),
        summary(routes));
  }

  @Test
  void rolesAllowedRestrictsToItsRolesAndAdminAloneIsAdminOnly() throws Exception {
    Path classes = OpenApiFixtures.classes(project, List.of("jaxrsroles"), List.of());

    CodeRoutes routes = read(classes, EnumSet.of(Framework.JAX_RS));

    assertEquals(
        Set.of(
            "GET /admin/courses restricted by @RolesAllowed(teacher, admin)",
            // the method's annotation replaces the class's (JSR-250)
            "POST /admin/courses restricted by @RolesAllowed(teacher)",
            "DELETE /admin/courses/{id} admin"),
        routes.routes().stream().map(r -> r.key() + " " + r.describeAccess()).collect(Collectors.toSet()));
  }

  @Test
  void namesTheSourceFileAndFirstLineOfEachResourceMethod() throws Exception {
    Path classes = OpenApiFixtures.classes(project, List.of("jaxrs"), List.of());

    CodeRoutes routes = read(classes, EnumSet.of(Framework.JAX_RS));

    Path source = OpenApiFixtures.fixtureSource("jaxrs/WikiResource.java");
    Route list =
        routes.routes().stream().filter(r -> r.key().equals("GET /wiki/articles")).findFirst().orElseThrow();
    assertTrue(
        list.source().endsWith("fixture/jaxrs/WikiResource.java:" + OpenApiFixtures.lineOf(source, "\"wiki-list\"")),
        list.source());
  }

  @Test
  void readsSpringMappingsWithClassPrefixAndGuards() throws Exception {
    Path classes = OpenApiFixtures.classes(project, List.of("spring"), List.of());

    CodeRoutes routes = read(classes, EnumSet.of(Framework.SPRING));

    assertEquals(Optional.of("/api"), routes.prefix(), "paths written with /api reveal the prefix");
    assertEquals(
        Set.of(
            "GET /health public",
            "GET /courses public",
            "GET /courses/{courseId} public",
            "POST /courses/{courseId}/enroll authenticated",
            "GET /users/me/courses authenticated"),
        summary(routes));
  }

  @Test
  void readsJavaxWsRsAndCustomHttpMethodAnnotations() throws Exception {
    Path classes = project.resolve("classes");
    // A javax.ws.rs resource and a project-defined @HttpMethod("LOCK") annotation, written as real
    // class files with ASM (javax.ws.rs is not on the test class path, and needs not be).
    writeClass(classes, "legacy/LOCK", cw -> {
      cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_ANNOTATION | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
          "legacy/LOCK", null, "java/lang/Object", new String[] {"java/lang/annotation/Annotation"});
      AnnotationVisitor http = cw.visitAnnotation("Ljavax/ws/rs/HttpMethod;", true);
      http.visit("value", "LOCK");
      http.visitEnd();
    });
    writeClass(classes, "legacy/LegacyResource", cw -> {
      cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "legacy/LegacyResource", null, "java/lang/Object", null);
      cw.visitSource("LegacyResource.java", null);
      AnnotationVisitor path = cw.visitAnnotation("Ljavax/ws/rs/Path;", true);
      path.visit("value", "/api/legacy/{legacyId: \\d+}");
      path.visitEnd();
      cw.visitAnnotation("Ljavax/annotation/security/RolesAllowed;", true).visitEnd();
      method(cw, "read", "Ljavax/ws/rs/GET;", 12);
      method(cw, "lock", "Llegacy/LOCK;", 20);
    });

    CodeRoutes routes = read(classes, EnumSet.of(Framework.JAX_RS));

    assertEquals(
        Set.of("GET /legacy/{legacyId} authenticated", "LOCK /legacy/{legacyId} authenticated"),
        summary(routes));
    assertEquals(Optional.of("/api"), routes.prefix());
    assertTrue(
        routes.routes().stream().anyMatch(r -> r.source().equals("legacy/LegacyResource.java:20")),
        routes.routes().toString());
  }

  private static void method(ClassWriter cw, String name, String httpAnnotation, int line) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, name, "()V", null, null);
    mv.visitAnnotation(httpAnnotation, true).visitEnd();
    mv.visitCode();
    Label start = new Label();
    mv.visitLabel(start);
    mv.visitLineNumber(line, start);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 1);
    mv.visitEnd();
  }

  private static void writeClass(Path classes, String internalName, Consumer<ClassWriter> body)
      throws Exception {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    body.accept(cw);
    cw.visitEnd();
    Path file = classes.resolve(internalName + ".class");
    Files.createDirectories(file.getParent());
    Files.write(file, cw.toByteArray());
  }

  @Test
  void ignoresSpringAnnotationsWhenOnlyJaxRsIsAsked() throws Exception {
    Path classes = OpenApiFixtures.classes(project, List.of("spring"), List.of());

    assertEquals(Set.of(), summary(read(classes, EnumSet.of(Framework.JAX_RS))));
  }
}
