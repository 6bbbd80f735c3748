// rule: forbidden-api
import java.io.File;

Object size(UvmObject self, Object... args) {
    return new File("x").length();
}
