package io.marketdata.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every resource method answering a mutating HTTP verb must be {@code @RolesAllowed("admin")}: found by
 * reflection over every class of the gateway, so a new route cannot be added unprotected.
 */
class AdminAnnotationTest {

    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Test
    void everyMutatingResourceMethodNeedsTheAdminRole() throws Exception {
        List<String> mutating = new ArrayList<>();
        List<String> unprotected = new ArrayList<>();
        for (Class<?> type : gatewayClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                String verb = verbOf(method);
                if (verb == null || SAFE.contains(verb)) {
                    continue;
                }
                String name = verb + " " + type.getSimpleName() + "." + method.getName();
                mutating.add(name);
                RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
                if (roles == null) {
                    roles = type.getAnnotation(RolesAllowed.class);
                }
                if (roles == null || !Arrays.asList(roles.value()).equals(List.of(AdminAuthentication.ROLE))) {
                    unprotected.add(name);
                }
            }
        }
        // the routes of README "Routes" marked 🔒: settings (PUT, POST), recalculate, refresh, symbols (POST, PUT, DELETE)
        assertTrue(mutating.size() >= 7, "expected the 7 admin routes at least, found " + mutating);
        assertEquals(List.of(), unprotected, "mutating resource methods without @RolesAllowed(\"admin\")");
    }

    /** The JAX-RS verb of a method (an annotation meta-annotated with @HttpMethod), or null. */
    private static String verbOf(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static List<Class<?>> gatewayClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(EdgeFilters.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/marketdata/gateway"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                out.add(Class.forName(name, false, AdminAnnotationTest.class.getClassLoader()));
            }
        }
        assertTrue(out.size() > 20, "gateway classes not found under " + root);
        return out;
    }
}
