package dev.workflowguard.render;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls {@link HelmTemplateCall} in a class loader that sees helm-java: the plugin's own when helm-java
 * is on its class path, otherwise one over the library's jars, made once per JVM and never closed
 * (Helm's native library stays loaded, and helm-java's shutdown hook needs its classes at exit).
 */
final class HelmBinding {

    private static final String CALL = "dev.workflowguard.render.HelmTemplateCall";
    /** By parent loader and jars: one loader per library for the life of the JVM. */
    private static final Map<List<Object>, Method> BOUND = new HashMap<>();

    private HelmBinding() {}

    /** Renders with the given library; Helm's own failures come back as the exception it threw. */
    static String template(
            HelmLibrary library,
            Path chart,
            String releaseName,
            String namespace,
            List<Path> valuesFiles,
            List<String[]> sets)
            throws RenderException, TemplateFailure {
        return template(library, chart, releaseName, namespace, valuesFiles, sets, HelmBinding.class.getClassLoader());
    }

    /** {@link #template} with the library's loader under the given parent (the plugin's class loader in Maven). */
    static String template(
            HelmLibrary library,
            Path chart,
            String releaseName,
            String namespace,
            List<Path> valuesFiles,
            List<String[]> sets,
            ClassLoader parent)
            throws RenderException, TemplateFailure {
        Method template = bind(library.jars(), parent);
        // helm-java finds its native library with a ServiceLoader on the context class loader, and when that
        // finds none, downloads it from Maven Central itself: the loader that sees the resolved jars must be it.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(template.getDeclaringClass().getClassLoader());
        try {
            return (String) template.invoke(null, chart, releaseName, namespace, valuesFiles, sets);
        } catch (InvocationTargetException e) {
            throw new TemplateFailure(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The template method, defined by a loader over the jars under the given parent (or by the parent if none). */
    private static synchronized Method bind(List<Path> jars, ClassLoader parent) throws RenderException {
        List<Object> key = List.of(parent, List.copyOf(jars));
        Method bound = BOUND.get(key);
        if (bound == null) {
            try {
                ClassLoader loader = jars.isEmpty() ? parent : new HelmClassLoader(urls(jars), parent);
                bound = Class.forName(CALL, true, loader)
                        .getMethod("template", Path.class, String.class, String.class, List.class, List.class);
            } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                throw new RenderException("Helm could not be loaded in-process (" + e + "); the chart cannot be "
                        + "rendered on this platform");
            }
            BOUND.put(key, bound);
        }
        return bound;
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(jars.get(i).toString(), e);
            }
        }
        return urls;
    }

    /** What Helm threw while rendering. */
    static final class TemplateFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TemplateFailure(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Parent-first for everything but {@link HelmTemplateCall}, which it defines itself from the
     * plugin's bytes: defined by the parent, the call would link against the parent, which has no
     * helm-java.
     */
    static final class HelmClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        HelmClassLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!CALL.equals(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes;
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
