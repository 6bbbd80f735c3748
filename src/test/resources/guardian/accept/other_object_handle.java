// accept: another object's slots are written through its own handle, no mark from self needed
Object greetFriend(UvmObject self, Object... args) {
    if (self.get("friend") instanceof UvmObject friend) {
        friend.set("greeted", true);
        return "greeted @" + friend.oid();
    }
    return "no friend";
}
