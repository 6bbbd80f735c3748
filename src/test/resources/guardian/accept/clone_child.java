// accept: cloning and configuring a child object
Object spawn(UvmObject self, Object... args) {
    UvmObject child = self.clone();
    child.set("name", args.length > 0 ? String.valueOf(args[0]) : "child");
    return child;
}
