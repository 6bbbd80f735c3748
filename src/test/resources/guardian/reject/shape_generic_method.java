// rule: shape
<T> Object first(UvmObject self, Object... args) {
    return args.length > 0 ? args[0] : null;
}
