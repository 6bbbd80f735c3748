// rule: forbidden-api
Object ping(UvmObject self, Object... args) {
    try (var socket = new java.net.Socket("example.org", 80)) {
        return socket.isConnected();
    } catch (Exception e) {
        return false;
    }
}
