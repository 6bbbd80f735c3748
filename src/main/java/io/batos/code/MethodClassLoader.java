package io.batos.code;

import java.util.Map;

/**
 * Defines one method's classes and links them only against what the sandbox allows: the second
 * net behind the compiler's allow-list.
 *
 * <p>One loader per method, so a replaced method's classes can be unloaded with it. A class
 * outside the allow-list does not exist for the method: resolving it fails with
 * {@link ClassNotFoundException}, whatever bytecode got here.
 */
final class MethodClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    private final SandboxPolicy policy;

    MethodClassLoader(ClassLoader parent, Map<String, byte[]> classes, SandboxPolicy policy) {
        super("batos-method", parent);
        this.classes = classes;
        this.policy = policy;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = classes.get(name);
                if (bytes != null) {
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } else if (policy.allowsLoading(name)) {
                    loaded = getParent().loadClass(name);
                } else {
                    throw new ClassNotFoundException(name + " is not available to methods (sandbox)");
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
