// rule: covenant
Object drain(UvmObject self, Object... args) {
    Deque<Object> stack = (Deque<Object>) self.get("stack");
    int n = 0;
    do {
        stack.pop();
        n++;
    } while (!stack.isEmpty() && n < 3);
    return n;
}
