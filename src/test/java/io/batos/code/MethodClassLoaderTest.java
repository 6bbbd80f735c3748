package io.batos.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The second net: bytecode that got past the compiler's checks still cannot link against a class
 * outside the allow-list.
 */
class MethodClassLoaderTest {

    /** Compiles a class with plain javac, no sandbox, as a smuggler would. */
    private static Map<String, byte[]> smuggle(String name, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        JavaFileManager files = new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignore) {
                return source;
            }
        };
        assertThat(javac.getTask(null, files, null, List.of("-classpath", System.getProperty("java.class.path")),
                null, List.of(unit)).call()).isTrue();
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return classes;
    }

    @Test
    void smuggledBytecodeCannotLinkAgainstAClassOutsideTheAllowList() throws Exception {
        Map<String, byte[]> classes = smuggle("io.batos.code.generated.Smuggler", """
                package io.batos.code.generated;
                public class Smuggler implements io.batos.code.SlotMethod {
                    public Object invoke(io.batos.code.Budget b, io.batos.object.UvmObject self, Object[] args) {
                        return new java.io.File("/etc/passwd").exists();
                    }
                }""");
        MethodClassLoader loader = new MethodClassLoader(getClass().getClassLoader(), classes,
                SandboxPolicy.standard());
        SlotMethod method = (SlotMethod) loader.loadClass("io.batos.code.generated.Smuggler")
                .getConstructor().newInstance();
        assertThatThrownBy(() -> method.invoke(null, null, new Object[0]))
                .isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("java/io/File");
        assertThatThrownBy(() -> loader.loadClass("java.lang.Runtime"))
                .isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("sandbox");
        assertThat(loader.loadClass("java.util.ArrayList")).isEqualTo(java.util.ArrayList.class);
    }
}
