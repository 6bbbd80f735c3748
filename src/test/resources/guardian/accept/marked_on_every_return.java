// accept: returns from a switch, each marked
Object step(UvmObject self, Object... args) {
    Object raw = self.get("state");
    Map<String, Object> state = raw instanceof Map<?, ?> ? (Map<String, Object>) raw : null;
    if (state == null) {
        return "no state";
    }
    String command = args.length > 0 ? String.valueOf(args[0]) : "";
    switch (command) {
        case "start" -> {
            state.put("running", true);
            self.markChanged();
            return "started";
        }
        case "stop" -> {
            state.put("running", false);
            self.markChanged();
            return "stopped";
        }
        default -> {
            return "unknown";
        }
    }
}
